using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Circulars;
using Otop.Web.Features.Registry;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.Revenue;

/// <summary>
/// The checks of letter 2, clause 4: รต.3 (a district's producers and months as recorded) and รต.4 (the province summary:
/// districts × months with the cumulative revenue against the same months of the previous year). Every figure is summed
/// from the same stored month totals, so the province row is exactly the sum of its districts.
/// </summary>
public sealed class CheckModel(AppDbContext db, CurrentUser me, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Province { get; set; }
    [BindProperty(SupportsGet = true)] public string? District { get; set; }
    [BindProperty(SupportsGet = true, BinderType = typeof(FiscalYearBinder))] public int? FiscalYear { get; set; }

    /// <summary>A district's month; <paramref name="ScanMissing"/>: certified (or later) without the signed รต.2 scan (issue 15, item 6).</summary>
    public sealed record Cell(decimal? Total, RevenueStatus? Status, bool Late, bool ScanMissing);
    public sealed record Line(string Code, string Name, List<Cell> Cells, decimal Cumulative, decimal Baseline, decimal IncreasePercent);

    public List<YearMonth> Months { get; private set; } = [];
    public List<(string Code, string Name)> Provinces { get; private set; } = [];
    public List<(string Code, string Name)> DistrictChoices { get; private set; } = [];
    public List<Line> Rt4 { get; private set; } = [];
    public Line? Rt4Total { get; private set; }
    public List<Line> Rt3 { get; private set; } = [];
    public Line? Rt3Total { get; private set; }
    public string? DistrictName { get; private set; }
    /// <summary>The month whose producers not reported are listed: the latest month of the year that has ended (issue 16, item 6).</summary>
    public YearMonth? NotReportedMonth { get; private set; }
    public Dictionary<string, int> NotReportedCounts { get; private set; } = [];
    public List<(string Code, string Name)> NotReportedProducers { get; private set; } = [];
    /// <summary>During the 6th–10th close, why the province cannot approve, return or unlock now and when it can (issue 15, item 6).</summary>
    public string? ProvinceActionsClosed { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = Bangkok.Today(now);
        if (FiscalYear is { } typed && Domain.FiscalYear.InputError(typed) is { } yearError) return this.Refuse(400, yearError);
        var fy = new FiscalYear(FiscalYear ?? YearMonth.Of(today).FiscalYear);
        FiscalYear = fy.BuddhistYear;
        Months = fy.Months.ToList();
        var ended = Months.Where(m => m.LastDay < today).Select(m => m.ToString()).ToHashSet();

        Provinces = (await db.OrgUnits.AsNoTracking().VisibleTo(me.Scope).Where(o => o.Level == OrgLevel.Province)
            .OrderBy(o => o.Code).Select(o => new { o.Code, o.NameTh }).ToListAsync(ct)).Select(o => (o.Code, o.NameTh)).ToList();
        var keys = Months.Select(m => m.ToString()).ToList();
        Province ??= me.Scope.ProvinceCode
            ?? await DefaultProvince.FirstWithDataAsync(db, db.RevenueMonths.AsNoTracking().Where(m => keys.Contains(m.Month)), ct);
        if (Province is null || !(me.Scope.Covers(Province) || me.Scope.ProvinceCode == Province)) return Forbid();
        if (me.Scope.Level == OrgLevel.District) District ??= me.Scope.Code;

        var districts = await db.OrgUnits.AsNoTracking().VisibleTo(me.Scope)
            .Where(o => o.Level == OrgLevel.District && o.ParentCode == Province)
            .OrderBy(o => o.Code).Select(o => new { o.Code, o.NameTh }).ToListAsync(ct);
        DistrictChoices = districts.Select(d => (d.Code, d.NameTh)).ToList();

        var previousKeys = Months.Select(m => m.AddMonths(-12).ToString()).ToList();
        var all = keys.Concat(previousKeys).ToList();
        var months = await db.RevenueMonths.AsNoTracking().VisibleTo(me.Scope)
            .Where(m => m.ProvinceCode == Province && all.Contains(m.Month))
            .Select(m => new
            {
                m.DistrictCode, m.Month, m.Total, m.Status, m.Late,
                HasScan = db.Set<RevenueFile>().Any(f => f.DistrictCode == m.DistrictCode && f.Month == m.Month && f.Purpose == RevenueFilePurpose.SignedRt2),
            })
            .ToListAsync(ct);
        if (me.IsProvinceOfficer)
        {
            var lastMonth = YearMonth.Of(today).Previous();
            ProvinceActionsClosed = RevenueWindow.RefusalFor(me, lastMonth, now, await db.CycleForAsync(lastMonth, ct), false, RevenueAction.Approve)?.Detail;
        }

        // Cumulative and baseline over the months that have ended, like the indicator.
        Line Build(string code, string name, Func<string, (decimal? Total, RevenueStatus? Status, bool Late, bool ScanMissing)> at)
        {
            var cells = keys.Select(k => { var c = at(k); return new Cell(c.Total, c.Status, c.Late, c.ScanMissing); }).ToList();
            var cumulative = keys.Where(ended.Contains).Sum(k => at(k).Total ?? 0m);
            var baseline = keys.Where(ended.Contains).Sum(k => at(YearMonth.TryParse(k, out var ym) ? ym.AddMonths(-12).ToString() : k).Total ?? 0m);
            return new Line(code, name, cells, cumulative, baseline, ScoreTable.IncreasePercent(cumulative, baseline));
        }

        foreach (var d in districts)
        {
            Rt4.Add(Build(d.Code, d.NameTh, k =>
            {
                var m = months.FirstOrDefault(x => x.DistrictCode == d.Code && x.Month == k);
                var signed = m?.Status is RevenueStatus.Certified or RevenueStatus.Confirmed or RevenueStatus.Approved;
                return (m?.Total, m?.Status, m?.Late ?? false, signed && !m!.HasScan);
            }));
        }
        Rt4Total = Build(Province, "รวมทั้งจังหวัด", k =>
        {
            var of = months.Where(x => x.Month == k && districts.Any(d => d.Code == x.DistrictCode)).ToList();
            return (of.Count == 0 ? null : of.Sum(x => x.Total), null, false, false);
        });

        NotReportedMonth = Months.Where(m => m.LastDay < today).Select(m => (YearMonth?)m).LastOrDefault();
        if (NotReportedMonth is { } reportMonth)
        {
            NotReportedCounts = await RevenueCompleteness.NotReportedCountsAsync(db, Province, reportMonth, ct);
            if (District is not null && districts.Any(d => d.Code == District))
            {
                NotReportedProducers = await RevenueCompleteness.NotReportedAsync(db, District, reportMonth, ct);
            }
        }

        if (District is not null && districts.Any(d => d.Code == District))
        {
            DistrictName = districts.First(d => d.Code == District).NameTh;
            var entries = await db.RevenueMonths.AsNoTracking().VisibleTo(me.Scope)
                .Where(m => m.DistrictCode == District && all.Contains(m.Month))
                .SelectMany(m => m.Entries, (m, e) => new { e.Entrepreneur.Code, e.Entrepreneur.Name, m.Month, e.Amount })
                .ToListAsync(ct);
            foreach (var p in entries.GroupBy(e => (e.Code, e.Name)).OrderBy(g => g.Key.Code, StringComparer.Ordinal))
            {
                Rt3.Add(Build(p.Key.Code, p.Key.Name, k =>
                {
                    var e = p.FirstOrDefault(x => x.Month == k);
                    return (e?.Amount, null, false, false);
                }));
            }
            Rt3Total = Rt4.FirstOrDefault(r => r.Code == District);
        }
        return Page();
    }

    public static string StatusMark(RevenueStatus? s, bool late) => s switch
    {
        null => "",
        RevenueStatus.Approved => "✔",
        RevenueStatus.Confirmed => late ? "ย*" : "ย",
        RevenueStatus.Certified => "ร",
        RevenueStatus.Returned => "คืน",
        _ => "ร่าง",
    };
}

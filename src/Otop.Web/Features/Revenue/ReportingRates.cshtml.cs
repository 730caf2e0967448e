using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Org;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.Revenue;

/// <summary>
/// Reporting rates over the fiscal year, like DHIS2's reporting-rate summary (issue 17, item 4): months × units with each
/// month on time, late, not reported or not yet due, and per row and column the reporting and on-time rates
/// (<see cref="ReportingRates"/>). The department sees one row per province, a province one per district, a district its
/// own months with their confirmation dates, deadlines, late days and the province's return and unlock reasons.
/// A unit outside the caller's scope is not there (404).
/// </summary>
[OutsideScopeIsNotFound]
public sealed class ReportingRatesModel(AppDbContext db, CurrentUser me, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Unit { get; set; }
    [BindProperty(SupportsGet = true, BinderType = typeof(FiscalYearBinder))] public int? FiscalYear { get; set; }

    /// <summary>One cell: a district's month (Count = 1) or a province's month summed over its districts.</summary>
    public sealed record Cell(ReportingRates.Tally Tally, ReportState? State, string? UnlockReason);

    public sealed record Row(string Code, string Name, bool Drills, List<Cell> Cells, ReportingRates.Tally Total);

    /// <summary>A district's month in its late history.</summary>
    public sealed record HistoryLine(YearMonth Month, ReportState State, string? Status, DateOnly ConfirmBy, DateTimeOffset? FirstConfirmedAt,
        DateTimeOffset? ConfirmedAt, int LateDays, List<(string Action, string User, DateTimeOffset At, string? Reason)> Reasons);

    public IReadOnlyList<YearMonth> Months { get; private set; } = [];
    public List<Row> Rows { get; } = [];
    public List<ReportingRates.Tally> Columns { get; } = [];
    public ReportingRates.Tally Total { get; private set; }
    public string UnitName { get; private set; } = "";
    public UnitPickerField Picker { get; private set; } = null!;
    public string RowHeader { get; private set; } = "";
    public List<(string Code, string Name)> Trail { get; } = [];
    public List<HistoryLine> History { get; } = [];
    public DateTimeOffset Now { get; private set; }
    public string ChartJson { get; private set; } = "{}";
    /// <summary>The fiscal year's confirm-by day of the next month (letter 2, clause 4; the year's calendar may move it).</summary>
    public int ConfirmByDay { get; private set; } = MonthlyCycle.Default.ConfirmByDay;

    public bool IsDistrict => Unit is { Length: 4 };

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow();
        var fy = new FiscalYear(FiscalYear ?? YearMonth.Of(Bangkok.Today(Now)).FiscalYear);
        FiscalYear = fy.BuddhistYear;
        Months = fy.Months;
        var choice = await UnitPicker.ChooseAsync(db, me.Scope, Unit, UnitLevels.All, me.Scope.Code, ct);
        if (choice.Unit is null) return NotFound();
        Picker = choice.Field("unit", "rr-unit", "หน่วยงาน", UnitLevels.All);
        Unit = choice.Unit.Code;
        var unit = new RevenueUnit(Unit, choice.Unit.Name, choice.Level!.Value);
        UnitName = unit.Label;
        await TrailAsync(unit.Code, ct);

        var cycle = await db.CycleForAsync(fy.Months[0], ct);
        ConfirmByDay = cycle.ConfirmByDay;
        var keys = fy.Months.Select(m => m.ToString()).ToList();
        var months = db.RevenueMonths.AsNoTracking().VisibleTo(me.Scope).VisibleTo(unit.Scope).Where(m => keys.Contains(m.Month));
        if (unit.Level == OrgLevel.Department)
        {
            await NationAsync(fy, cycle, months, ct);
            return Page();
        }
        var stored = (await months.Select(m => new { m.DistrictCode, m.Month, m.Status, m.Late, m.UnlockReason, m.ConfirmedAt, m.FirstConfirmedAt })
                .ToListAsync(ct))
            .ToDictionary(m => (m.DistrictCode, m.Month));
        var districts = await db.OrgUnits.AsNoTracking().VisibleTo(me.Scope).VisibleTo(unit.Scope)
            .Where(o => o.Level == OrgLevel.District)
            .OrderBy(o => o.Code).Select(o => new { o.Code, o.NameTh, o.ParentCode }).ToListAsync(ct);

        Cell CellOf(string district, YearMonth month)
        {
            var m = stored.GetValueOrDefault((district, month.ToString()));
            var state = ReportingRates.StateOf(month, Now, cycle, m?.Status, m?.Late ?? false);
            return new Cell(ReportingRates.Tally.Of([state]), state, state == ReportState.Late ? m?.UnlockReason : null);
        }

        RowHeader = "อำเภอ";
        foreach (var d in districts)
        {
            var cells = fy.Months.Select(month => CellOf(d.Code, month)).ToList();
            Rows.Add(new Row(d.Code, d.NameTh, unit.Level == OrgLevel.Province, cells, Sum(cells.Select(c => c.Tally))));
        }
        Summarise(fy);

        if (unit.Level == OrgLevel.District) await HistoryAsync(unit.Code, fy, cycle, ct, m =>
        {
            var s = stored.GetValueOrDefault((unit.Code, m.ToString()));
            return (s?.Status, s?.Late ?? false, s?.FirstConfirmedAt, s?.ConfirmedAt);
        });
        return Page();
    }

    /// <summary>
    /// The department's table: one row per province. The months are counted in the database, grouped by province, month,
    /// status and late flag (at most 77 × 12 × a few groups instead of 878 × 12 rows; issue 17 item 8, p95 ≤ 50 ms), and a
    /// district with no stored month is counted from the province's district count, so each cell is the same tally of the
    /// same districts as the province's own page adds up.
    /// </summary>
    private async Task NationAsync(FiscalYear fy, MonthlyCycle cycle, IQueryable<RevenueMonth> months, CancellationToken ct)
    {
        RowHeader = "จังหวัด";
        var districts = db.OrgUnits.AsNoTracking().VisibleTo(me.Scope).Where(o => o.Level == OrgLevel.District);
        var counted = await (from m in months
                             join d in districts on m.DistrictCode equals d.Code
                             group m by new { d.ParentCode, m.Month, m.Status, m.Late } into g
                             select new { g.Key.ParentCode, g.Key.Month, g.Key.Status, g.Key.Late, Count = g.Count() })
            .ToListAsync(ct);
        var districtCounts = await districts.GroupBy(d => d.ParentCode).Select(g => new { Province = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Province ?? "", g => g.Count, ct);
        var provinces = await db.OrgUnits.AsNoTracking().Where(o => o.Level == OrgLevel.Province)
            .OrderBy(o => o.Code).Select(o => new { o.Code, o.NameTh }).ToListAsync(ct);
        var byProvinceMonth = counted.ToLookup(c => (c.ParentCode, c.Month));
        foreach (var p in provinces)
        {
            if (districtCounts.GetValueOrDefault(p.Code) is not (> 0 and var count)) continue;
            var cells = fy.Months.Select(month =>
            {
                var groups = byProvinceMonth[(p.Code, month.ToString())].ToList();
                var states = groups.SelectMany(g => Enumerable.Repeat(ReportingRates.StateOf(month, Now, cycle, g.Status, g.Late), g.Count))
                    .Concat(Enumerable.Repeat(ReportingRates.StateOf(month, Now, cycle, null, false), count - groups.Sum(g => g.Count)));
                return new Cell(ReportingRates.Tally.Of(states), null, null);
            }).ToList();
            Rows.Add(new Row(p.Code, p.NameTh, true, cells, Sum(cells.Select(c => c.Tally))));
        }
        Summarise(fy);
    }

    /// <summary>The column and grand totals and the chart, from the rows (so they add up to what the table shows).</summary>
    private void Summarise(FiscalYear fy)
    {
        for (var i = 0; i < fy.Months.Count; i++) Columns.Add(Sum(Rows.Select(r => r.Cells[i].Tally)));
        Total = Sum(Rows.Select(r => r.Total));
        ChartJson = System.Text.Json.JsonSerializer.Serialize(new
        {
            labels = fy.Months.Select(MonthHeading).ToList(),
            reporting = Columns.Select(c => c.ReportingRate).ToList(),
            onTime = Columns.Select(c => c.OnTimeRate).ToList(),
        });
    }

    /// <summary>The district's months, with the returns and unlocks of each from the audit of its province's chain (as Explain reads it).</summary>
    private async Task HistoryAsync(string district, FiscalYear fy, MonthlyCycle cycle, CancellationToken ct,
        Func<YearMonth, (RevenueStatus? Status, bool Late, DateTimeOffset? First, DateTimeOffset? Confirmed)> stored)
    {
        var keys = fy.Months.Select(m => RevenueMonth.AuditKey(district, m)).ToList();
        string[] steps = ["return", "unlock"];
        var audit = await db.AuditEntries.AsNoTracking().VisibleTo(new OrgScope(district[..2]))
            .Where(a => a.Entity == "revenue" && keys.Contains(a.Key) && steps.Contains(a.Action))
            .Select(a => new { a.Key, a.Action, a.UserName, a.At, a.Reason }).ToListAsync(ct);
        foreach (var month in fy.Months)
        {
            var (status, late, first, confirmed) = stored(month);
            var state = ReportingRates.StateOf(month, Now, cycle, status, late);
            var lateDays = state switch
            {
                ReportState.Late => ReportingRates.LateDays(month, first ?? confirmed ?? Now, cycle),
                ReportState.NotReported => ReportingRates.LateDays(month, Now, cycle),
                _ => 0,
            };
            var key = RevenueMonth.AuditKey(district, month);
            var reasons = audit.Where(a => a.Key == key).OrderBy(a => a.At).Select(a => (a.Action, a.UserName, a.At, a.Reason)).ToList();
            History.Add(new HistoryLine(month, state, status is { } s ? RevenueWorkflow.ThaiName(s) : null, ReportingRates.LastOnTimeDay(month, cycle),
                first, confirmed, lateDays, reasons));
        }
    }

    /// <summary>Department › province › district, each a link back up (only the units the caller may see).</summary>
    private async Task TrailAsync(string code, CancellationToken ct)
    {
        var codes = new[] { OrgUnit.DepartmentCode, code.Length == 4 ? code[..2] : null, code }.Where(c => c is not null).Distinct().ToList();
        var units = await db.OrgUnits.AsNoTracking().VisibleTo(me.Scope).Where(o => codes.Contains(o.Code))
            .Select(o => new { o.Code, o.NameTh, o.Level }).ToListAsync(ct);
        foreach (var c in codes)
        {
            if (units.FirstOrDefault(u => u.Code == c) is { } u) Trail.Add((u.Code, RevenueUnits.Label(u.Level, u.NameTh)));
        }
    }

    private static ReportingRates.Tally Sum(IEnumerable<ReportingRates.Tally> tallies) => tallies.Aggregate(new ReportingRates.Tally(),
        (a, b) => new ReportingRates.Tally(a.OnTime + b.OnTime, a.Late + b.Late, a.NotReported + b.NotReported, a.NotYetDue + b.NotYetDue));

    /// <summary>"ต.ค. 65": the column heading of a month, BE.</summary>
    public static string MonthHeading(YearMonth m) => $"{ThaiDates.MonthAbbreviation(m.Month)} {ThaiDates.ToBuddhistYear(m.Year) % 100:00}";

    /// <summary>A rate as the table prints it ("66.67%"), or a dash when nothing is expected yet.</summary>
    public static string Rate(decimal? rate) => rate is { } r ? r.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + "%" : "–";

    public static string RateValue(decimal? rate) => rate?.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) ?? "";

    /// <summary>The state's CSS class, symbol and Thai words: never colour alone.</summary>
    public static (string Css, string Symbol, string Text) Look(ReportState state) => state switch
    {
        ReportState.OnTime => ("rr-ontime", "✓", "ตรงเวลา"),
        ReportState.Late => ("rr-late", "!", "ล่าช้า"),
        ReportState.NotReported => ("rr-missing", "✗", "ไม่ส่ง"),
        _ => ("rr-notdue", "–", "ยังไม่ถึงกำหนด"),
    };

    public static string StateName(ReportState state) => state switch
    {
        ReportState.OnTime => "on-time",
        ReportState.Late => "late",
        ReportState.NotReported => "not-reported",
        _ => "not-yet-due",
    };

    public static string StepThai(string action) => ExplainModel.StepThai(action);
}

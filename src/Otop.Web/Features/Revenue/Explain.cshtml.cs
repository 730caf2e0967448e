using Otop.Web.Platform.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Revenue;

/// <summary>
/// The working behind a district's revenue score (issue 16, item 10), like the online-market explain page: the baseline
/// months (published and current), the round's months with their status, the formula with the numbers, the band table
/// with the chosen band, and who certified, confirmed and approved each month (Bangkok time, BE).
/// </summary>
public sealed class ExplainModel(AppDbContext db, CurrentUser me, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, BinderType = typeof(FiscalYearBinder))] public int? FiscalYear { get; set; }
    [BindProperty(SupportsGet = true)] public int? Round { get; set; }
    [BindProperty(SupportsGet = true)] public string District { get; set; } = "";

    public sealed record MonthLine(string Month, string? Status, bool Counts, decimal? Total, decimal? Published, string? CertifiedBy,
        DateTimeOffset? CertifiedAt, string? ConfirmedBy, DateTimeOffset? ConfirmedAt, bool Late, List<(string Action, string By, DateTimeOffset At)> Steps);

    public RevenueRound? Plan { get; private set; }
    public RevenueKpiRow? Row { get; private set; }
    public RevenueKpiResult? Result { get; private set; }
    public List<MonthLine> RevenueMonths { get; private set; } = [];
    public List<MonthLine> BaselineMonths { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (District.Length != 4 || !District.All(char.IsAsciiDigit)) return NotFound();
        var province = District[..2];
        if (!me.Scope.Covers(District)) return NotFound();
        var (result, refusal) = await RevenueKpi.ComputeAsync(db, me, FiscalYear ?? 0, Round ?? 1, province, clock.GetUtcNow(), ct);
        if (result is null)
        {
            Error = refusal?.Message;
            return Page();
        }
        Row = result.Rows.FirstOrDefault(r => r.DistrictCode == District);
        if (Row is null) return NotFound();
        Result = result;
        (Plan, _) = await RevenueRound.FindAsync(db, result.FiscalYear, result.Round, ct);
        var ended = result.Months.Select(m => YearMonth.TryParse(m, out var ym) ? ym : default).ToList();
        var baselineMonths = Plan!.BaselineMonthsOf(ended).Select(m => m.ToString()).ToList();
        var published = await RevenuePublications.ReadAsync(db, me.Scope, Plan, province, ct);
        var frozen = published.Covers(District) ? published.Districts.GetValueOrDefault(District) ?? [] : null;
        RevenueMonths = await LinesAsync(result.Months, null, ct);
        BaselineMonths = Plan.Indicator.BaselineMode == Kpi.BaselineMode.Estimate ? [] : await LinesAsync(baselineMonths, frozen, ct);
        return Page();
    }

    private async Task<List<MonthLine>> LinesAsync(List<string> months, Dictionary<string, decimal>? frozen, CancellationToken ct)
    {
        var rows = await db.RevenueMonths.AsNoTracking().VisibleTo(me.Scope)
            .Where(m => m.DistrictCode == District && months.Contains(m.Month))
            .Select(m => new { m.Month, m.Status, m.Total, m.CertifiedBy, m.CertifiedAt, m.ConfirmedBy, m.ConfirmedAt, m.Late })
            .ToListAsync(ct);
        // Who moved each month (approve, import, return, unlock …): the audit of the district's own months, read in its province's chain.
        var keys = months.Select(m => $"{District}/{m}").ToList();
        string[] steps = ["certify", "confirm", "approve", "return", "unlock", "import"];
        var audit = await db.AuditEntries.AsNoTracking().VisibleTo(new OrgScope(District[..2]))
            .Where(a => a.Entity == "revenue" && keys.Contains(a.Key) && steps.Contains(a.Action))
            .Select(a => new { a.Key, a.Action, a.UserName, a.At }).ToListAsync(ct);
        return [.. months.Select(month =>
        {
            var r = rows.FirstOrDefault(x => x.Month == month);
            var trail = audit.Where(a => a.Key == $"{District}/{month}").OrderBy(a => a.At).Select(a => (a.Action, a.UserName, a.At)).ToList();
            return new MonthLine(month, r is null ? null : RevenueWorkflow.ThaiName(r.Status), r is not null && RevenueTargets.Counts(r.Status), r?.Total,
                frozen is null ? null : frozen.GetValueOrDefault(month), r?.CertifiedBy, r?.CertifiedAt, r?.ConfirmedBy, r?.ConfirmedAt, r?.Late ?? false, trail);
        })];
    }

    public static string Money(decimal? d) => d?.ToString("#,##0.00", System.Globalization.CultureInfo.InvariantCulture) ?? "–";

    public static string Thai(string month) => YearMonth.TryParse(month, out var m) ? RevenueMonth.ThaiMonth(m) : month;

    public static string StepThai(string action) => action switch
    {
        "certify" => "รับรอง", "confirm" => "ยืนยัน", "approve" => "อนุมัติ", "return" => "ส่งกลับ", "unlock" => "ปลดล็อก", "import" => "นำเข้าข้อมูลย้อนหลัง", _ => action,
    };
}

/// <summary>The model of <c>_ExplainMonths.cshtml</c>: the month lines, and whether a published baseline column is shown.</summary>
public sealed record ExplainMonths(List<ExplainModel.MonthLine> Lines, bool Published);

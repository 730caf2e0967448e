using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.Revenue;

/// <summary>
/// A row of the revenue results: CONTRACT.md's fields, plus what explains them. <c>score</c> and <c>increasePercent</c> are
/// null when the district cannot be scored (<c>unscored</c>: <c>no-baseline</c>, or <c>not-reported</c> when none of the
/// round's ended months counts yet); <c>currentBaseline</c> is set when the targets were published and history has changed since.
/// </summary>
public sealed record RevenueKpiRow(string? DistrictCode, string? DistrictName, decimal Baseline, decimal Revenue, decimal? IncreasePercent, decimal? Score,
    int MonthsCounted, int MonthsMissing, decimal? CurrentBaseline = null, string? Unscored = null)
{
    public const string NoBaseline = "no-baseline";
    public const string NotReported = "not-reported";

    /// <summary>What a page shows instead of a score.</summary>
    public string? UnscoredThai => Unscored switch
    {
        NoBaseline => "ไม่มีข้อมูลฐาน",
        NotReported => "ยังไม่รายงาน",
        _ => null,
    };
}

public sealed record RevenueKpiResult(int FiscalYear, int Round, string Province, string BaselineMode, List<string> Months,
    List<RevenueKpiRow> Rows, RevenueKpiRow Total, DateTimeOffset? PublishedAt = null, string? PublishedBy = null);

/// <summary>
/// Letter 2's indicator: revenue increase = (revenue − baseline) / baseline × 100 per district and province per round.
/// The round's revenue is the sum of its months that have ended by now (Bangkok) and that the district has vouched for
/// (certified, confirmed or approved: <see cref="RevenueTargets.CountedStatuses"/>); each row says how many of those ended
/// months count and how many are missing. Once the province has published the round's targets the baseline is the
/// published one. The total is the sum of the rows, and its percentage is computed from those sums, never averaged.
/// </summary>
public static class RevenueKpi
{
    public static async Task<(RevenueKpiResult? Result, Refusal? Refusal)> ComputeAsync(AppDbContext db, CurrentUser me,
        int fiscalYear, int round, string province, DateTimeOffset now, CancellationToken ct)
    {
        var (plan, refusal) = await RevenueRound.FindAsync(db, fiscalYear, round, ct);
        if (plan is null) return (null, refusal);
        return (await ComputeAsync(db, me, plan, province, now, ct), null);
    }

    /// <summary>
    /// The nation's results per province (issue 17's map): each province's districts summed and scored from those sums,
    /// like the total; null with the refusal when the round has no indicator.
    /// </summary>
    public static async Task<(List<RevenueKpiRow>? Provinces, Refusal? Refusal)> ByProvinceAsync(AppDbContext db, CurrentUser me,
        int fiscalYear, int round, DateTimeOffset now, CancellationToken ct)
    {
        var (plan, refusal) = await RevenueRound.FindAsync(db, fiscalYear, round, ct);
        if (plan is null) return (null, refusal);
        var national = await ComputeAsync(db, me, plan, OrgUnit.DepartmentCode, now, ct);
        var names = await db.OrgUnits.AsNoTracking().Where(o => o.Level == OrgLevel.Province)
            .Select(o => new { o.Code, o.NameTh }).ToDictionaryAsync(o => o.Code, o => o.NameTh, ct);
        return ([.. national.Rows.GroupBy(r => r.DistrictCode![..2]).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Sum(plan.Table, plan, g.Key, names.GetValueOrDefault(g.Key), [.. g]))], null);
    }

    private static async Task<RevenueKpiResult> ComputeAsync(AppDbContext db, CurrentUser me, RevenueRound plan, string province,
        DateTimeOffset now, CancellationToken ct)
    {
        var (fiscalYear, round) = (plan.FiscalYear, plan.Number);
        var months = plan.EndedMonths(now);
        var baselineMonths = plan.BaselineMonthsOf(months);
        var baselineKeys = baselineMonths.Select(m => m.ToString()).ToList();

        var districts = await DistrictsAsync(db, me.Scope, province, ct);
        var sums = await RevenueKpiFigures.SumsAsync(db, me.Scope, plan, province, months, baselineMonths, ct);
        var published = await RevenuePublications.ReadAsync(db, me.Scope, plan, province, ct);
        var table = plan.Table;

        var rows = districts.Select(d =>
        {
            var sum = sums.GetValueOrDefault(d.Code, new RevenueKpiFigures.DistrictSums(0m, 0, 0m));
            var frozen = published.Covers(d.Code) ? published.Baseline(d.Code, baselineKeys) : (decimal?)null;
            var current = frozen is { } f && f != sum.Baseline ? sum.Baseline : (decimal?)null;
            return Row(table, plan, d.Code, d.NameTh, frozen ?? sum.Baseline, sum.Revenue, sum.RevenueMonths, months.Count - sum.RevenueMonths, current);
        }).ToList();
        var total = Sum(table, plan, null, null, rows);
        var publication = published.Provinces.Values.OrderByDescending(p => p.PublishedAt).FirstOrDefault();
        return new RevenueKpiResult(fiscalYear, round, province, plan.Indicator.BaselineMode.ToString(), [.. months.Select(m => m.ToString())],
            rows, total, publication?.PublishedAt, publication?.PublishedBy);
    }

    /// <summary>A district's (or the total's) row: no score without a baseline, nor before any month counts.</summary>
    public static RevenueKpiRow Row(ScoreTable? table, RevenueRound plan, string? code, string? name, decimal baseline, decimal revenue,
        int counted, int missing, decimal? currentBaseline)
    {
        var unscored = baseline == 0m ? RevenueKpiRow.NoBaseline : counted == 0 ? RevenueKpiRow.NotReported : null;
        if (unscored is not null) return new RevenueKpiRow(code, name, baseline, revenue, null, null, counted, missing, currentBaseline, unscored);
        var percent = ScoreTable.IncreasePercent(revenue, baseline);
        return new RevenueKpiRow(code, name, baseline, revenue, percent, table?.Score(percent, plan.Indicator.ScoringMethod), counted, missing, currentBaseline);
    }

    /// <summary>The row of a group of rows (a province, the total): their sums, with the percentage of those sums, never averaged.</summary>
    public static RevenueKpiRow Sum(ScoreTable? table, RevenueRound plan, string? code, string? name, IReadOnlyCollection<RevenueKpiRow> rows)
    {
        var current = rows.Any(r => r.CurrentBaseline is not null) ? rows.Sum(r => r.CurrentBaseline ?? r.Baseline) : (decimal?)null;
        return Row(table, plan, code, name, rows.Sum(r => r.Baseline), rows.Sum(r => r.Revenue), rows.Sum(r => r.MonthsCounted),
            rows.Sum(r => r.MonthsMissing), current);
    }

    /// <summary>The districts of the province (or the nation) that the caller sees, in code order.</summary>
    public static async Task<List<(string Code, string NameTh)>> DistrictsAsync(AppDbContext db, OrgScope scope, string province, CancellationToken ct)
    {
        var units = db.OrgUnits.AsNoTracking().VisibleTo(scope).Where(o => o.Level == OrgLevel.District);
        if (province != OrgUnit.DepartmentCode) units = units.Where(o => o.ParentCode == province);
        var list = await units.OrderBy(o => o.Code).Select(o => new { o.Code, o.NameTh }).ToListAsync(ct);
        return [.. list.Select(o => (o.Code, o.NameTh))];
    }
}

/// <summary>The model of <c>_KpiCells.cshtml</c>: a results row and the round its explain link names.</summary>
public sealed record KpiCells(RevenueKpiRow Row, int FiscalYear, int Round);

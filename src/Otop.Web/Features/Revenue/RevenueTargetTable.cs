using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.Revenue;

/// <summary>
/// A district's row of letter 2's target table: the baseline and the revenue needed for each score; no thresholds when
/// there is no baseline (<c>unscored: no-baseline</c>). <c>currentBaseline</c> is set once published when history moved since.
/// </summary>
public sealed record RevenueTargetRow(string DistrictCode, string DistrictName, decimal Baseline, decimal[] Thresholds,
    decimal? CurrentBaseline = null, string? Unscored = null);

public sealed record RevenueTargetTotal(decimal Baseline);

public sealed record RevenueTargetsResult(int FiscalYear, int Round, string Province, decimal[] Percents, List<RevenueTargetRow> Rows,
    RevenueTargetTotal Total, List<string> BaselineMonths, bool Published = false, DateTimeOffset? PublishedAt = null, string? PublishedBy = null,
    int? Publication = null);

/// <summary>
/// A province's row of the national target table (<c>province=0</c>, issue 17 item 7), named as the national online-market
/// results name theirs (<c>provinceCode</c>, <c>provinceName</c>): the sum of its districts' baselines (the published ones
/// where the province published), the thresholds of that sum, its districts and how many of them are published.
/// </summary>
public sealed record ProvinceRevenueTargetRow(string ProvinceCode, string ProvinceName, int Districts, int PublishedDistricts, decimal Baseline,
    decimal[] Thresholds, string? Unscored = null);

/// <summary>The nation's target table: one row per province in code order; the total is the sum of the rows, as each province's total is of its districts.</summary>
public sealed record NationalRevenueTargets(int FiscalYear, int Round, string Province, decimal[] Percents, List<ProvinceRevenueTargetRow> Rows,
    RevenueTargetTotal Total, List<string> BaselineMonths, int PublishedProvinces);

/// <summary>
/// Letter 2's enclosures 1 and 2 (CONTRACT.md "Revenue"): per district the baseline of the round (its months of the
/// previous fiscal year, or what the indicator's baseline mode says — the same figures as the results' baseline, read by
/// <see cref="RevenueKpiFigures"/>) and thresholds = baseline × (100 + percent) / 100 for the round's band percents.
/// Once published, the frozen baseline; the total is the sum of the rows.
/// </summary>
public static class RevenueTargetTable
{
    public static async Task<(RevenueTargetsResult? Result, Refusal? Refusal)> ComputeAsync(AppDbContext db, CurrentUser me,
        int fiscalYear, int round, string province, CancellationToken ct)
    {
        var (plan, refusal) = await RevenueRound.FindAsync(db, fiscalYear, round, ct);
        if (plan is null) return (null, refusal);
        return ((await ComputeAsync(db, me, plan, province, ct)).Result, null);
    }

    /// <summary>
    /// <c>province=0</c> (the department): the national district rows of <see cref="ComputeAsync(AppDbContext, CurrentUser, int, int, string, CancellationToken)"/>
    /// grouped by province, each province's baseline the sum of its rows and its thresholds computed from that sum as
    /// CONTRACT.md says (baseline × (100 + percent) / 100, half away from zero, 2 decimals), so each row equals the
    /// total of that province's own table.
    /// </summary>
    public static async Task<(NationalRevenueTargets? Result, Refusal? Refusal)> ByProvinceAsync(AppDbContext db, CurrentUser me,
        int fiscalYear, int round, CancellationToken ct)
    {
        var (plan, refusal) = await RevenueRound.FindAsync(db, fiscalYear, round, ct);
        if (plan is null) return (null, refusal);
        var (nation, published) = await ComputeAsync(db, me, plan, OrgUnit.DepartmentCode, ct);
        var names = await db.OrgUnits.AsNoTracking().Where(o => o.Level == OrgLevel.Province)
            .Select(o => new { o.Code, o.NameTh }).ToDictionaryAsync(o => o.Code, o => o.NameTh, ct);
        var rows = nation.Rows.GroupBy(r => r.DistrictCode[..2]).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var baseline = g.Sum(r => r.Baseline);
            return new ProvinceRevenueTargetRow(g.Key, names.GetValueOrDefault(g.Key) ?? g.Key, g.Count(), g.Count(r => published.Covers(r.DistrictCode)),
                baseline, Thresholds(baseline, nation.Percents), baseline == 0m ? RevenueKpiRow.NoBaseline : null);
        }).ToList();
        return (new NationalRevenueTargets(nation.FiscalYear, nation.Round, OrgUnit.DepartmentCode, nation.Percents, rows,
            new RevenueTargetTotal(rows.Sum(r => r.Baseline)), nation.BaselineMonths, published.Provinces.Count), null);
    }

    /// <summary>The revenue needed for each score; none without a baseline.</summary>
    private static decimal[] Thresholds(decimal baseline, decimal[] percents) =>
        baseline == 0m ? [] : [.. percents.Select(p => RevenueTargets.Threshold(baseline, p))];

    private static async Task<(RevenueTargetsResult Result, RevenuePublications.Published Published)> ComputeAsync(AppDbContext db, CurrentUser me,
        RevenueRound plan, string province, CancellationToken ct)
    {
        var (fiscalYear, round) = (plan.FiscalYear, plan.Number);
        var baselineMonths = plan.BaselineMonthsOf(plan.RoundMonths);
        var keys = baselineMonths.Select(m => m.ToString()).ToList();
        var districts = await RevenueKpi.DistrictsAsync(db, me.Scope, province, ct);
        var sums = await RevenueKpiFigures.SumsAsync(db, me.Scope, plan, province, [], baselineMonths, ct);
        var published = await RevenuePublications.ReadAsync(db, me.Scope, plan, province, ct);
        var percents = plan.Percents;

        var rows = districts.Select(d =>
        {
            var current = sums.GetValueOrDefault(d.Code)?.Baseline ?? 0m;
            var frozen = published.Covers(d.Code) ? published.Baseline(d.Code, keys) : (decimal?)null;
            var baseline = frozen ?? current;
            return new RevenueTargetRow(d.Code, d.NameTh, baseline, Thresholds(baseline, percents),
                frozen is { } f && f != current ? current : null,
                baseline == 0m ? RevenueKpiRow.NoBaseline : null);
        }).ToList();
        var publication = published.Provinces.Values.OrderByDescending(p => p.PublishedAt).FirstOrDefault();
        return (new RevenueTargetsResult(fiscalYear, round, province, percents, rows, new RevenueTargetTotal(rows.Sum(r => r.Baseline)), keys,
            publication is not null, publication?.PublishedAt, publication?.PublishedBy, publication?.Number), published);
    }
}

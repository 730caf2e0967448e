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
            return new RevenueTargetRow(d.Code, d.NameTh, baseline,
                baseline == 0m ? [] : [.. percents.Select(p => RevenueTargets.Threshold(baseline, p))],
                frozen is { } f && f != current ? current : null,
                baseline == 0m ? RevenueKpiRow.NoBaseline : null);
        }).ToList();
        var publication = published.Provinces.Values.OrderByDescending(p => p.PublishedAt).FirstOrDefault();
        return (new RevenueTargetsResult(fiscalYear, round, province, percents, rows, new RevenueTargetTotal(rows.Sum(r => r.Baseline)), keys,
            publication is not null, publication?.PublishedAt, publication?.PublishedBy, publication?.Number), null);
    }
}

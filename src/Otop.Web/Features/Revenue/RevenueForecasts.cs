using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Kpi;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.Revenue;

/// <summary>
/// A district's (or the total's) round-end forecast. <c>projected</c>, <c>low</c>, <c>high</c> are null with a
/// <c>reason</c> (<c>not-reported</c>, <c>no-history</c>) when there is nothing to project from; <c>projectedScore</c>
/// and <c>atRisk</c> are null without a baseline or bands.
/// </summary>
public sealed record RevenueForecastRow(string? DistrictCode, string? DistrictName, decimal Observed, int MonthsObserved, decimal? Projected,
    decimal? Low, decimal? High, decimal Baseline, decimal? ProjectedIncreasePercent, decimal? ProjectedScore, bool? AtRisk, int YearsUsed,
    string? Reason = null)
{
    /// <summary>What a page shows instead of a projection.</summary>
    public string? ReasonThai => Reason switch
    {
        RevenueForecast.NotReported => "ยังไม่มีเดือนที่รายงาน",
        RevenueForecast.NoHistory => "ไม่มีข้อมูลปีก่อนให้คาดการณ์",
        _ => null,
    };
}

/// <summary>The forecast of a round for a province (or the nation, "0"): rows in code order and their total.</summary>
public sealed record RevenueForecastResult(int FiscalYear, int Round, string Province, List<string> MonthsObserved, int YearsLookedAt,
    List<RevenueForecastRow> Rows, RevenueForecastRow Total);

/// <summary>
/// Issue 17, item 6: the round-end forecast of letter 2's indicator per district (<see cref="RevenueForecast"/>), with the
/// same months as the results (the round's ended months that count, <see cref="RevenueKpiFigures.Counted"/>) and the
/// same baseline (the published one once the targets are out), over the whole round. One grouped read of the round's
/// months and the same months of up to <see cref="RevenueForecast.DefaultYears"/> earlier years for the province.
/// </summary>
public static class RevenueForecasts
{
    public static async Task<(RevenueForecastResult? Result, Refusal? Refusal)> ComputeAsync(AppDbContext db, OrgScope scope,
        int fiscalYear, int round, string province, DateTimeOffset now, CancellationToken ct)
    {
        var (plan, refusal) = await RevenueRound.FindAsync(db, fiscalYear, round, ct);
        if (plan is null) return (null, refusal);
        var ended = plan.EndedMonths(now);
        var years = RevenueForecast.DefaultYears;
        var history = Enumerable.Range(1, years).SelectMany(k => plan.RoundMonths.Select(m => m.AddMonths(-12 * k))).ToList();
        var baselineMonths = plan.BaselineMonthsOf(plan.RoundMonths);
        var baselineKeys = baselineMonths.Select(m => m.ToString()).ToList();
        var estimate = plan.Indicator.BaselineMode == BaselineMode.Estimate;

        var monthOf = ended.Concat(history).Concat(estimate ? [] : baselineMonths).Distinct().ToDictionary(m => m.ToString());
        var keys = monthOf.Keys.ToList();
        var rows = await RevenueKpiFigures.Counted(db, scope, province).Where(m => keys.Contains(m.Month))
            .Select(m => new { m.DistrictCode, m.Month, m.Total }).ToListAsync(ct);
        var byDistrict = rows.GroupBy(r => r.DistrictCode).ToDictionary(g => g.Key, g => g.ToDictionary(r => monthOf[r.Month], r => r.Total));
        var estimates = estimate
            ? (await RevenueKpiFigures.BaselineMonthsAsync(db, scope, plan, province, baselineMonths, ct)).GroupBy(x => x.District).ToDictionary(g => g.Key, g => g.Sum(x => x.Amount))
            : [];
        var published = await RevenuePublications.ReadAsync(db, scope, plan, province, ct);
        var districts = await RevenueKpi.DistrictsAsync(db, scope, province, ct);
        var table = plan.Table;
        var endedSet = ended.ToHashSet();

        var result = districts.Select(d =>
        {
            var months = byDistrict.GetValueOrDefault(d.Code) ?? [];
            var observed = months.Where(kv => endedSet.Contains(kv.Key)).ToDictionary();
            var baseline = published.Covers(d.Code) ? published.Baseline(d.Code, baselineKeys)
                : estimate ? estimates.GetValueOrDefault(d.Code)
                : baselineMonths.Sum(m => months.GetValueOrDefault(m));
            var (projection, reason) = RevenueForecast.Project(plan.RoundMonths, observed, months, years);
            return Row(plan, table, d.Code, d.NameTh, observed.Values.Sum(), observed.Count, projection, baseline, reason);
        }).ToList();

        var forecast = result.Where(r => r.Projected is not null).ToList();
        var total = forecast.Count == 0
            ? new RevenueForecastRow(null, null, result.Sum(r => r.Observed), result.Sum(r => r.MonthsObserved), null, null, null,
                result.Sum(r => r.Baseline), null, null, null, 0, result.Count == 0 ? RevenueForecast.NotReported : result[0].Reason)
            // The total projects only the districts that have a forecast, against their baselines, so it compares like with like.
            : Row(plan, table, null, null, forecast.Sum(r => r.Observed), forecast.Sum(r => r.MonthsObserved),
                new RevenueProjection(forecast.Sum(r => r.Observed), forecast.Sum(r => r.MonthsObserved), forecast.Sum(r => r.Projected!.Value),
                    forecast.Sum(r => r.Low!.Value), forecast.Sum(r => r.High!.Value), forecast.Max(r => r.YearsUsed)),
                forecast.Sum(r => r.Baseline), null);
        return (new RevenueForecastResult(fiscalYear, round, province, [.. ended.Select(m => m.ToString())], years, result, total), null);
    }

    private static RevenueForecastRow Row(RevenueRound plan, ScoreTable? table, string? code, string? name, decimal observed, int monthsObserved,
        RevenueProjection? projection, decimal baseline, string? reason)
    {
        if (projection is null)
        {
            return new RevenueForecastRow(code, name, observed, monthsObserved, null, null, null, baseline, null, null, null, 0, reason);
        }
        var score = RevenueForecast.Score(projection, baseline, table, plan.Indicator.ScoringMethod);
        return new RevenueForecastRow(code, name, projection.Observed, projection.MonthsObserved, projection.Projected, projection.Low, projection.High,
            baseline, score.IncreasePercent, score.Score, score.AtRisk, projection.YearsUsed);
    }
}

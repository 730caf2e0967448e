using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Circulars;
using Otop.Web.Features.Kpi;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.Revenue;

public sealed record RevenueKpiRow(string? DistrictCode, string? DistrictName, decimal Baseline, decimal Revenue, decimal IncreasePercent, decimal? Score);

public sealed record RevenueKpiResult(int FiscalYear, int Round, string Province, string BaselineMode, List<string> Months,
    List<RevenueKpiRow> Rows, RevenueKpiRow Total);

/// <summary>
/// Letter 2's indicator: revenue increase = (revenue − baseline) / baseline × 100 per district and province per round.
/// The round's revenue is the sum of its months that have ended by now (Bangkok); every recorded entry counts, whatever
/// the month's status, because completeness (confirmed, late, missing) is shown beside it rather than hidden inside it.
/// The total is the sum of the rows, and its percentage is computed from those sums, never averaged.
/// </summary>
public static class RevenueKpi
{
    public static async Task<(RevenueKpiResult? Result, Refusal? Refusal)> ComputeAsync(AppDbContext db, CurrentUser me,
        int fiscalYear, int round, string province, DateTimeOffset now, CancellationToken ct)
    {
        var indicator = await db.Indicators.AsNoTracking()
            .Include(i => i.Rounds).ThenInclude(r => r.Bands)
            .FirstOrDefaultAsync(i => i.FiscalYear == fiscalYear && i.Kind == IndicatorKind.RevenueIncrease, ct);
        if (indicator is null) return (null, new Refusal(404, $"ไม่พบตัวชี้วัดรายได้ของปีงบประมาณ {fiscalYear}"));
        var indicatorRound = indicator.Rounds.FirstOrDefault(r => r.Round == round);
        if (indicatorRound is null) return (null, new Refusal(404, $"ไม่พบรอบการประเมินที่ {round} ของตัวชี้วัดปี {fiscalYear}"));

        var national = province == OrgUnit.DepartmentCode;
        var fy = new FiscalYear(fiscalYear);
        var today = Bangkok.Today(now);
        var months = fy.MonthsOfRound(round).Where(m => m.LastDay < today).ToList();
        var baselineMonths = indicator.BaselineMode switch
        {
            BaselineMode.WholePreviousYear => fy.Previous.Months.ToList(),
            BaselineMode.Estimate => months,
            _ => months.Select(m => m.AddMonths(-12)).ToList(),
        };

        var districtUnits = db.OrgUnits.AsNoTracking().VisibleTo(me.Scope).Where(o => o.Level == OrgLevel.District);
        if (!national) districtUnits = districtUnits.Where(o => o.ParentCode == province);
        var districts = await districtUnits
            .OrderBy(o => o.Code)
            .Select(o => new { o.Code, o.NameTh })
            .ToListAsync(ct);

        var revenueKeys = months.Select(m => m.ToString()).ToList();
        var baselineKeys = indicator.BaselineMode == BaselineMode.Estimate ? [] : baselineMonths.Select(m => m.ToString()).ToList();
        // One grouped read of the month totals for both periods (docs/benchmarks.md, "Revenue results"): a row per district,
        // summed by the database, not every district month; each month total is the sum of its entries.
        var sums = await db.RevenueMonths.AsNoTracking().VisibleTo(me.Scope)
            .Where(m => revenueKeys.Contains(m.Month) || baselineKeys.Contains(m.Month))
            .InProvince(province)
            .GroupBy(m => m.DistrictCode)
            .Select(g => new
            {
                District = g.Key,
                Revenue = g.Sum(m => revenueKeys.Contains(m.Month) ? m.Total : 0m),
                Baseline = g.Sum(m => baselineKeys.Contains(m.Month) ? m.Total : 0m),
            })
            .ToListAsync(ct);
        var revenue = sums.ToDictionary(x => x.District, x => x.Revenue);
        Dictionary<string, decimal> baseline;
        if (indicator.BaselineMode == BaselineMode.Estimate)
        {
            var estimates = db.RevenueEstimates.AsNoTracking().VisibleTo(me.Scope).Where(e => e.FiscalYear == fiscalYear);
            if (!national) estimates = estimates.Where(e => e.ProvinceCode == province);
            baseline = (await estimates
                    .SelectMany(e => e.Lines.Where(l => revenueKeys.Contains(l.Month)), (e, l) => new { e.DistrictCode, l.Amount })
                    .ToListAsync(ct))
                .GroupBy(x => x.DistrictCode).ToDictionary(g => g.Key, g => g.Sum(x => x.Amount));
        }
        else
        {
            baseline = sums.ToDictionary(x => x.District, x => x.Baseline);
        }

        var table = indicatorRound.Bands.Count >= 2
            ? new ScoreTable(indicatorRound.Bands.OrderBy(b => b.Score).Select(b => new ScoreBand(b.Score, b.Percent)))
            : null;
        RevenueKpiRow Row(string? code, string? name, decimal b, decimal r)
        {
            var percent = ScoreTable.IncreasePercent(r, b);
            return new RevenueKpiRow(code, name, b, r, percent, table?.Score(percent, indicator.ScoringMethod));
        }

        var rows = districts.Select(d => Row(d.Code, d.NameTh, baseline.GetValueOrDefault(d.Code), revenue.GetValueOrDefault(d.Code))).ToList();
        var total = Row(null, null, rows.Sum(r => r.Baseline), rows.Sum(r => r.Revenue));
        return (new RevenueKpiResult(fiscalYear, round, province, indicator.BaselineMode.ToString(), revenueKeys, rows, total), null);
    }

    /// <summary>The province's rows, or all of them for the national view (province "0"): two plans, not one with an OR.</summary>
    private static IQueryable<RevenueMonth> InProvince(this IQueryable<RevenueMonth> query, string province) =>
        province == OrgUnit.DepartmentCode ? query : query.Where(m => m.ProvinceCode == province);
}

using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Kpi;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.Revenue;

/// <summary>
/// One round of letter 2's indicator: its months, the baseline months they are compared with (the indicator's baseline
/// mode) and the score table. The results, the target table, publishing and the explain page all start here.
/// </summary>
public sealed record RevenueRound(Indicator Indicator, IndicatorRound Round, FiscalYear Year, IReadOnlyList<YearMonth> RoundMonths)
{
    public int FiscalYear => Indicator.FiscalYear;
    public int Number => Round.Round;

    public ScoreTable? Table => Round.Bands.Count >= 2
        ? new ScoreTable(Round.Bands.OrderBy(b => b.Score).Select(b => new ScoreBand(b.Score, b.Percent)))
        : null;

    /// <summary>The round's band percents in score order (the target table's columns).</summary>
    public decimal[] Percents => [.. Round.Bands.OrderBy(b => b.Score).Select(b => b.Percent / 1.000000000000m)];

    /// <summary>The months of the round that have ended by <paramref name="now"/> (Bangkok).</summary>
    public List<YearMonth> EndedMonths(DateTimeOffset now)
    {
        var today = Bangkok.Today(now);
        return [.. RoundMonths.Where(m => m.LastDay < today)];
    }

    /// <summary>What the given months of the round are compared with: the same months a year earlier, the whole previous year, or the estimate of those months.</summary>
    public List<YearMonth> BaselineMonthsOf(IReadOnlyList<YearMonth> months) => Indicator.BaselineMode switch
    {
        BaselineMode.WholePreviousYear => [.. Year.Previous.Months],
        BaselineMode.Estimate => [.. months],
        _ => [.. months.Select(m => m.AddMonths(-12))],
    };

    public static async Task<(RevenueRound? Round, Refusal? Refusal)> FindAsync(AppDbContext db, int fiscalYear, int round, CancellationToken ct)
    {
        var indicator = await db.Indicators.AsNoTracking()
            .Include(i => i.Rounds).ThenInclude(r => r.Bands)
            .FirstOrDefaultAsync(i => i.FiscalYear == fiscalYear && i.Kind == IndicatorKind.RevenueIncrease, ct);
        if (indicator is null) return (null, new Refusal(404, $"ไม่พบตัวชี้วัดรายได้ของปีงบประมาณ {fiscalYear}"));
        var indicatorRound = indicator.Rounds.FirstOrDefault(r => r.Round == round);
        if (indicatorRound is null) return (null, new Refusal(404, $"ไม่พบรอบการประเมินที่ {round} ของตัวชี้วัดปี {fiscalYear}"));
        var fy = new FiscalYear(fiscalYear);
        return (new RevenueRound(indicator, indicatorRound, fy, fy.MonthsOfRound(round)), null);
    }

    /// <summary>The query of every revenue call: 422 for bad values, 403 outside the caller's unit; province "0" is the nation for the department.</summary>
    public static Refusal? CheckQuery(CurrentUser me, int? fiscalYear, int? round, ref string? province)
    {
        var errors = new Dictionary<string, string[]>();
        if (fiscalYear is not (>= 2400 and <= 2700)) errors["fiscalYear"] = ["กรุณาระบุปีงบประมาณ พ.ศ. เช่น 2566"];
        if (round is not (1 or 2)) errors["round"] = ["รอบการประเมินต้องเป็น 1 หรือ 2"];
        // The national view (docs/benchmarks.md, "National view"): province=0 for a department user (anyone else 403, as the
        // online-market calls answer it); per province as CONTRACT.md has it.
        if (!me.Scope.IsDepartment && province?.Trim() == OrgUnit.DepartmentCode) return new Refusal(403, "ข้อมูลระดับประเทศ (province=0) เปิดได้เฉพาะผู้ใช้ระดับกรม");
        if (me.Scope.IsDepartment && province?.Trim() == OrgUnit.DepartmentCode) province = OrgUnit.DepartmentCode;
        else if (string.IsNullOrWhiteSpace(province) || province.Length != 2 || !province.All(char.IsAsciiDigit)) errors["province"] = ["กรุณาระบุรหัสจังหวัด 2 หลัก เช่น 27"];
        if (errors.Count > 0) return Refusal.Invalid(errors);
        // A district user reads its own row of its province; anyone else only provinces under their unit.
        var inScope = me.Scope.Covers(province!) || (me.Scope.Level == OrgLevel.District && me.Scope.ProvinceCode == province);
        return inScope ? null : new Refusal(403, $"จังหวัดรหัส {province} อยู่นอกหน่วยงานของท่าน");
    }
}

/// <summary>
/// The month figures behind letter 2's indicator, read in one place so that the results, the targets and a publication
/// cannot disagree: only months the district has vouched for count (<see cref="RevenueTargets.CountedStatuses"/>:
/// certified, confirmed or approved), and the baseline of a district is the sum of its counted baseline months.
/// </summary>
public static class RevenueKpiFigures
{
    public sealed record DistrictSums(decimal Revenue, int RevenueMonths, decimal Baseline);

    /// <summary>The months that count (certified, confirmed, approved) of the caller's scope in a province, or the nation ("0").</summary>
    public static IQueryable<RevenueMonth> Counted(AppDbContext db, OrgScope scope, string province)
    {
        var counted = RevenueTargets.CountedStatuses;
        var query = db.RevenueMonths.AsNoTracking().VisibleTo(scope).Where(m => counted.Contains(m.Status));
        // Two plans, not one with an OR: the national view reads every province.
        return province == OrgUnit.DepartmentCode ? query : query.Where(m => m.ProvinceCode == province);
    }

    /// <summary>
    /// Per district: the revenue of <paramref name="revenue"/> months, how many of them count, and the baseline of
    /// <paramref name="baseline"/> months. One grouped read of the month totals (docs/benchmarks.md, "Revenue results").
    /// </summary>
    public static async Task<Dictionary<string, DistrictSums>> SumsAsync(AppDbContext db, OrgScope scope, RevenueRound round, string province,
        IReadOnlyList<YearMonth> revenue, IReadOnlyList<YearMonth> baseline, CancellationToken ct)
    {
        var revenueKeys = revenue.Select(m => m.ToString()).ToList();
        var estimate = round.Indicator.BaselineMode == BaselineMode.Estimate;
        var baselineKeys = estimate ? [] : baseline.Select(m => m.ToString()).ToList();
        var sums = await Counted(db, scope, province)
            .Where(m => revenueKeys.Contains(m.Month) || baselineKeys.Contains(m.Month))
            .GroupBy(m => m.DistrictCode)
            .Select(g => new
            {
                District = g.Key,
                Revenue = g.Sum(m => revenueKeys.Contains(m.Month) ? m.Total : 0m),
                Months = g.Count(m => revenueKeys.Contains(m.Month)),
                Baseline = g.Sum(m => baselineKeys.Contains(m.Month) ? m.Total : 0m),
            })
            .ToListAsync(ct);
        var result = sums.ToDictionary(x => x.District, x => new DistrictSums(x.Revenue, x.Months, x.Baseline));
        if (!estimate) return result;
        var estimates = (await EstimateMonthsAsync(db, scope, round.FiscalYear, province, baseline, ct))
            .GroupBy(x => x.District).ToDictionary(g => g.Key, g => g.Sum(x => x.Amount));
        foreach (var district in result.Keys.Union(estimates.Keys).ToList())
        {
            result[district] = result.GetValueOrDefault(district, new DistrictSums(0m, 0, 0m)) with { Baseline = estimates.GetValueOrDefault(district) };
        }
        return result;
    }

    /// <summary>The baseline month by month per district (what a publication freezes and the explain page lists), from the same rows as <see cref="SumsAsync"/>.</summary>
    public static async Task<List<(string District, string Month, decimal Amount)>> BaselineMonthsAsync(AppDbContext db, OrgScope scope, RevenueRound round,
        string province, IReadOnlyList<YearMonth> baseline, CancellationToken ct)
    {
        if (round.Indicator.BaselineMode == BaselineMode.Estimate) return await EstimateMonthsAsync(db, scope, round.FiscalYear, province, baseline, ct);
        var keys = baseline.Select(m => m.ToString()).ToList();
        var rows = await Counted(db, scope, province).Where(m => keys.Contains(m.Month))
            .Select(m => new { m.DistrictCode, m.Month, m.Total }).ToListAsync(ct);
        return [.. rows.Select(r => (r.DistrictCode, r.Month, r.Total))];
    }

    private static async Task<List<(string District, string Month, decimal Amount)>> EstimateMonthsAsync(AppDbContext db, OrgScope scope, int fiscalYear,
        string province, IReadOnlyList<YearMonth> months, CancellationToken ct)
    {
        var keys = months.Select(m => m.ToString()).ToList();
        var estimates = db.RevenueEstimates.AsNoTracking().VisibleTo(scope).Where(e => e.FiscalYear == fiscalYear);
        if (province != OrgUnit.DepartmentCode) estimates = estimates.Where(e => e.ProvinceCode == province);
        var lines = await estimates
            .SelectMany(e => e.Lines.Where(l => keys.Contains(l.Month)), (e, l) => new { e.DistrictCode, l.Month, l.Amount })
            .ToListAsync(ct);
        return [.. lines.GroupBy(l => (l.DistrictCode, l.Month)).Select(g => (g.Key.DistrictCode, g.Key.Month, g.Sum(x => x.Amount)))];
    }
}

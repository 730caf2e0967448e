namespace Otop.Domain;

/// <summary>
/// A district's round-end projection: the observed sum of the months reported so far, the projected round total and its
/// interval (never below what is already observed), and how many earlier years the seasonality came from.
/// </summary>
public sealed record RevenueProjection(decimal Observed, int MonthsObserved, decimal Projected, decimal Low, decimal High, int YearsUsed);

/// <summary>What a projection points to: the increase over the round's baseline, its score, and whether the district is at risk.</summary>
public sealed record RevenueForecastScore(decimal? IncreasePercent, decimal? Score, bool? AtRisk);

/// <summary>
/// Issue 17, item 6: the round-end revenue forecast of letter 2's indicator. For one district and one round (six months,
/// <see cref="FiscalYear.MonthsOfRound"/>), the months counted so far are extended by the seasonality of earlier years:
/// in each earlier year whose round is complete, the ratio r = (its months matching the ones still to come) / (its months
/// matching the ones observed); the projection is observed × (1 + median r), the interval observed × (1 + min r) …
/// observed × (1 + max r). The median keeps one odd year from moving the forecast; min…max is honest with the two or
/// three years a district usually has. No earlier complete year, or nothing observed yet: no forecast, never a guess.
/// Money in decimal, half away from zero to 2 places (CONTRACT.md "Conventions").
/// </summary>
public static class RevenueForecast
{
    /// <summary>Nothing of the round counts yet: there is nothing to extend.</summary>
    public const string NotReported = "not-reported";

    /// <summary>No earlier year has the whole round with revenue in the observed months: no seasonality to use.</summary>
    public const string NoHistory = "no-history";

    /// <summary>How many earlier years are looked at by default (the back-test in docs/benchmarks.md uses the same).</summary>
    public const int DefaultYears = 5;

    /// <summary>
    /// Projects the round's total. <paramref name="observed"/> holds the round's months counted so far (others are ignored);
    /// <paramref name="history"/> holds earlier months by their own month (the same month k years back is month − 12k).
    /// </summary>
    public static (RevenueProjection? Projection, string? Reason) Project(IReadOnlyList<YearMonth> roundMonths,
        IReadOnlyDictionary<YearMonth, decimal> observed, IReadOnlyDictionary<YearMonth, decimal> history, int years = DefaultYears)
    {
        ArgumentNullException.ThrowIfNull(roundMonths);
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(years);

        var seen = roundMonths.Where(observed.ContainsKey).ToList();
        if (seen.Count == 0) return (null, NotReported);
        var sum = Rounding.HalfAwayFromZero(seen.Sum(m => observed[m]), 2);
        var remaining = roundMonths.Except(seen).ToList();
        if (remaining.Count == 0) return (new RevenueProjection(sum, seen.Count, sum, sum, sum, 0), null);

        var ratios = new List<decimal>();
        for (var k = 1; k <= years; k++)
        {
            var back = -12 * k;
            // Only a complete earlier round: a missing month would read as a month without sales.
            if (!roundMonths.All(m => history.ContainsKey(m.AddMonths(back)))) continue;
            var then = seen.Sum(m => history[m.AddMonths(back)]);
            if (then <= 0m) continue;
            ratios.Add(remaining.Sum(m => history[m.AddMonths(back)]) / then);
        }
        if (ratios.Count == 0) return (null, NoHistory);

        ratios.Sort();
        var median = ratios.Count % 2 == 1 ? ratios[ratios.Count / 2] : (ratios[(ratios.Count / 2) - 1] + ratios[ratios.Count / 2]) / 2m;
        decimal Extend(decimal r) => Rounding.HalfAwayFromZero(sum * (1m + r), 2);
        return (new RevenueProjection(sum, seen.Count, Extend(median), Extend(ratios[0]), Extend(ratios[^1]), ratios.Count), null);
    }

    /// <summary>
    /// The score a projection points to against the round's baseline, with the indicator's bands and scoring method
    /// (<see cref="ScoreTable.Score"/>). No baseline: nothing to score; no bands: the percentage only.
    /// </summary>
    public static RevenueForecastScore Score(RevenueProjection projection, decimal baseline, ScoreTable? table, ScoringMethod method)
    {
        ArgumentNullException.ThrowIfNull(projection);
        if (baseline == 0m) return new RevenueForecastScore(null, null, null);
        var percent = ScoreTable.IncreasePercent(projection.Projected, baseline);
        if (table is null) return new RevenueForecastScore(percent, null, null);
        var score = table.Score(percent, method);
        return new RevenueForecastScore(percent, score, IsAtRisk(table, score));
    }

    /// <summary>
    /// "At risk" (issue 17, item 6): the projected score is below the round's top band. Letter 2's enclosures 1 and 2 set,
    /// per district, the revenue needed for each score up to the full score; the full score is the round's target, so a
    /// district whose central projection does not reach it is warned while months remain to act on. The central value,
    /// not the interval's upper end: with two or three earlier years the interval is narrow by chance, and a warning
    /// that waits until even the best year cannot reach the target comes too late to help.
    /// </summary>
    public static bool IsAtRisk(ScoreTable table, decimal projectedScore)
    {
        ArgumentNullException.ThrowIfNull(table);
        return projectedScore < table.Bands[^1].Score;
    }

    /// <summary>Which month of its round (1–6) <paramref name="month"/> is: the warning goes out from the third (issue 17, item 6).</summary>
    public static int MonthOfRound(YearMonth month)
    {
        var fy = FiscalYear.Of(month);
        var months = fy.MonthsOfRound(fy.RoundOf(month));
        return months.ToList().IndexOf(month) + 1;
    }
}

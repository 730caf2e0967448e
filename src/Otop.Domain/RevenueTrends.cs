namespace Otop.Domain;

// Multi-year revenue of a unit (issue 17, item 5): fiscal years × the twelve months ต.ค.–ก.ย., with round 1 (ต.ค.–มี.ค.)
// and round 2 (เม.ย.–ก.ย.) subtotals, the year's total and, for each, the change against the previous fiscal year.
// A month with no stored figure is null ("no data"), not zero; a subtotal is the sum of the months that have data, null
// when none has. A change compares like with like: this year's cells against the previous year's same months, counting
// only the months this year has data for (so a year under way is not compared with a whole year), rounded half away
// from zero to 2 places; null ("–") when this year has no data or the previous year has none (or only zero) for them.
public static class RevenueTrends
{
    public sealed record Cell(decimal? Amount, decimal? ChangePercent);

    /// <summary>One fiscal year's column: its 12 months in fiscal order, the two round subtotals and the total.</summary>
    public sealed record Year(int FiscalYear, IReadOnlyList<Cell> Months, Cell Round1, Cell Round2, Cell Total)
    {
        public Cell Round(int round) => round == 1 ? Round1 : Round2;
    }

    /// <summary>
    /// The table for <paramref name="fiscalYears"/> (BE, any order; returned oldest first). <paramref name="amount"/> gives
    /// a fiscal year's month (index 0 = ต.ค. … 11 = ก.ย.) or null when nothing is stored; the previous year of the first
    /// column is read too when it has figures, so the oldest column also shows its change.
    /// </summary>
    public static IReadOnlyList<Year> Build(IEnumerable<int> fiscalYears, Func<int, int, decimal?> amount)
    {
        ArgumentNullException.ThrowIfNull(amount);
        var years = fiscalYears.Distinct().Order().ToList();
        return years.Select(fy =>
        {
            var current = Enumerable.Range(0, 12).Select(i => amount(fy, i)).ToArray();
            var previous = Enumerable.Range(0, 12).Select(i => amount(fy - 1, i)).ToArray();
            var months = current.Select((a, i) => new Cell(a, Change(a, previous[i]))).ToList();
            return new Year(fy, months, Span(current, previous, 0, 6), Span(current, previous, 6, 6), Span(current, previous, 0, 12));
        }).ToList();
    }

    /// <summary>The month index of a fiscal year (0 = ต.ค. … 11 = ก.ย.).</summary>
    public static int MonthIndex(int calendarMonth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(calendarMonth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(calendarMonth, 12);
        return (calendarMonth + 2) % 12;
    }

    /// <summary>(current − previous) ÷ previous × 100, 2 places half away from zero; null when either is missing or previous is 0.</summary>
    public static decimal? Change(decimal? current, decimal? previous) =>
        current is { } c && previous is { } p && p != 0m ? Rounding.HalfAwayFromZero((c - p) / p * 100m, 2) : null;

    private static Cell Span(decimal?[] current, decimal?[] previous, int from, int count)
    {
        var range = Enumerable.Range(from, count).Where(i => current[i] is not null).ToList();
        if (range.Count == 0) return new Cell(null, null);
        var sum = range.Sum(i => current[i]!.Value);
        var both = range.Where(i => previous[i] is not null).ToList();
        return new Cell(sum, both.Count == 0 ? null : Change(both.Sum(i => current[i]!.Value), both.Sum(i => previous[i]!.Value)));
    }
}

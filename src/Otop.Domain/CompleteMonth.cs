namespace Otop.Domain;

/// <summary>
/// Complete months (issue 16, item 6): a month is certified only once it has ended, from a configurable day of the next
/// month (Bangkok time), and only when every active producer has a figure or is marked "no sales this month".
/// </summary>
public static class CompleteMonth
{
    /// <summary>The first Bangkok day on which month <paramref name="month"/> may be certified: day <paramref name="fromDay"/> of the next month.</summary>
    public static DateOnly CertifyOpensOn(YearMonth month, int fromDay)
    {
        if (fromDay is < 1 or > 28) throw new ArgumentOutOfRangeException(nameof(fromDay), fromDay, "a day from 1 to 28");
        return month.Next().FirstDay.AddDays(fromDay - 1);
    }

    public static bool MayCertify(YearMonth month, DateTimeOffset now, int fromDay) => Bangkok.Today(now) >= CertifyOpensOn(month, fromDay);

    /// <summary>The producers without a figure: those active and not among the reported (an entry, even 0, or the "no sales" mark).</summary>
    public static List<string> NotReported(IEnumerable<string> activeProducers, IEnumerable<string> reported)
    {
        var have = reported.ToHashSet(StringComparer.Ordinal);
        return activeProducers.Where(p => !have.Contains(p)).Distinct().OrderBy(p => p, StringComparer.Ordinal).ToList();
    }
}

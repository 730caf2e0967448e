namespace Otop.Domain;

// Issue 15, item 6: a month's lateness is decided by its FIRST confirmation. A month confirmed on time and later returned
// or unlocked by the province is not late when the district confirms it again after the deadline: the correction was the
// province's, not the district's delay. A month first confirmed late stays late however often it is corrected.
public static class ConfirmationLateness
{
    // The lateness and the first confirmation's instant to keep, when the month is confirmed at now.
    public static (bool Late, DateTimeOffset FirstConfirmedAt) OnConfirm(YearMonth month, DateTimeOffset now,
        DateTimeOffset? firstConfirmedAt, MonthlyCycle cycle)
    {
        var first = firstConfirmedAt is { } earlier && earlier <= now ? earlier : now;
        return (MonthWindow.IsConfirmationLate(month, first, cycle), first);
    }
}

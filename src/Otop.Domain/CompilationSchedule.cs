namespace Otop.Domain;

/// <summary>
/// CONTRACT.md "National compilation": at 00:00 Bangkok time on the close day of month M+1 the system compiles month M.
/// Which month is due at an instant, and when the next one falls due; the close day is that of the compiled month's
/// fiscal year (<paramref name="closeDayOf"/>), so a fiscal year whose close moves moves its compilations with it.
/// </summary>
public static class CompilationSchedule
{
    /// <summary>
    /// 00:00 Bangkok on <paramref name="closeDay"/> of the month after <paramref name="month"/>: the instant the month's
    /// writes close (<see cref="MonthWindow.WriteDeadline"/>), one rule for both.
    /// </summary>
    public static DateTimeOffset DueAt(YearMonth month, int closeDay) =>
        MonthWindow.WriteDeadline(month, MonthlyCycle.Default with { CloseFromDay = closeDay });

    /// <summary>
    /// The latest month whose compilation is due at <paramref name="now"/>: the month before this Bangkok month once its
    /// close day has begun, else the one before that. A node that starts late (or was down on the close day) catches up
    /// with this month when it has no scheduled compilation yet.
    /// </summary>
    public static YearMonth LatestDue(DateTimeOffset now, Func<YearMonth, int> closeDayOf)
    {
        var previous = YearMonth.Of(Bangkok.Today(now)).Previous();
        return now >= DueAt(previous, closeDayOf(previous)) ? previous : previous.Previous();
    }

    /// <summary>When the month after <see cref="LatestDue"/> falls due: the instant the scheduler next wakes for.</summary>
    public static DateTimeOffset NextDueAt(DateTimeOffset now, Func<YearMonth, int> closeDayOf)
    {
        var next = LatestDue(now, closeDayOf).Next();
        return DueAt(next, closeDayOf(next));
    }
}

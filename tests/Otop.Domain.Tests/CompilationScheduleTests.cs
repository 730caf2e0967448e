using static Otop.Domain.Tests.TestData;

namespace Otop.Domain.Tests;

public class CompilationScheduleTests
{
    private static int Sixth(YearMonth _) => 6;

    [Theory]
    [InlineData("2026-11", 6, "2026-12-06T00:00:00+07:00")]
    [InlineData("2026-11", 6, "2026-12-05T17:00:00Z")]
    [InlineData("2026-12", 6, "2027-01-06T00:00:00+07:00")] // December compiles in January of the next year
    [InlineData("2027-01", 8, "2027-02-08T00:00:00+07:00")]
    public void TheMonthFallsDue_AtMidnightBangkok_OnTheCloseDayOfTheNextMonth(string month, int closeDay, string due)
    {
        CompilationSchedule.DueAt(Ym(month), closeDay).ShouldBe(At(due));
    }

    [Theory]
    [InlineData("2026-12-06T00:00:00+07:00", "2026-11")] // the very instant: November is due
    [InlineData("2026-12-05T23:59:59.9999999+07:00", "2026-10")] // a tick before: still October
    [InlineData("2026-12-05T16:59:59Z", "2026-10")] // 23:59:59 Bangkok, though already the 5th in UTC
    [InlineData("2026-12-05T17:00:00Z", "2026-11")] // midnight Bangkok seen in UTC
    [InlineData("2026-12-20T10:00:00+07:00", "2026-11")] // a node started late catches up with November
    [InlineData("2026-12-01T00:00:00+07:00", "2026-10")]
    [InlineData("2027-01-06T08:00:00+07:00", "2026-12")] // across the calendar year
    [InlineData("2027-01-02T08:00:00+07:00", "2026-11")]
    public void TheLatestMonthDue_IsTheMonthBefore_OnlyOnceItsCloseDayHasBegun(string now, string expected)
    {
        CompilationSchedule.LatestDue(At(now), Sixth).ShouldBe(Ym(expected));
    }

    [Theory]
    [InlineData("2026-12-07T00:00:00+07:00", "2026-10")] // the fiscal year of November closes on the 8th
    [InlineData("2026-12-08T00:00:00+07:00", "2026-11")]
    public void ACloseDayMovedByTheFiscalYear_MovesTheCompilation(string now, string expected)
    {
        CompilationSchedule.LatestDue(At(now), m => m == Ym("2026-11") ? 8 : 6).ShouldBe(Ym(expected));
    }

    [Theory]
    [InlineData("2026-12-05T23:00:00+07:00", "2026-12-06T00:00:00+07:00")]
    [InlineData("2026-12-06T00:00:00+07:00", "2027-01-06T00:00:00+07:00")]
    [InlineData("2026-12-20T10:00:00+07:00", "2027-01-06T00:00:00+07:00")]
    public void TheSchedulerNextWakes_WhenTheFollowingMonthFallsDue(string now, string next)
    {
        CompilationSchedule.NextDueAt(At(now), Sixth).ShouldBe(At(next));
    }
}

using static Otop.Domain.Tests.TestData;

namespace Otop.Domain.Tests;

public class MonthWindowTests
{
    private static readonly MonthlyCycle Custom = new(ConfirmByDay: 5, CloseFromDay: 8, ReopenDay: 12);

    [Theory]
    [InlineData("2023-01-31T23:59:59.9999999+07:00", WindowState.NotYetOpen)]
    [InlineData("2023-01-31T16:59:59.9999999Z", WindowState.NotYetOpen)]
    [InlineData("2023-01-31T17:00:00Z", WindowState.Open)]
    [InlineData("2023-02-01T00:00:00+07:00", WindowState.Open)]
    [InlineData("2023-02-05T23:59:59.9999999+07:00", WindowState.Open)]
    [InlineData("2023-02-06T00:00:00+07:00", WindowState.ClosedForCompilation)]
    [InlineData("2023-02-09T23:59:59.9999999+07:00", WindowState.ClosedForCompilation)]
    [InlineData("2023-02-10T00:00:00+07:00", WindowState.Open)]
    [InlineData("2023-02-28T23:59:59+07:00", WindowState.Open)]
    [InlineData("2023-03-01T00:00:00+07:00", WindowState.Open)]
    [InlineData("2023-03-05T23:59:59.9999999+07:00", WindowState.Open)]
    [InlineData("2023-03-05T16:59:59.9999999Z", WindowState.Open)]
    [InlineData("2023-03-05T17:00:00Z", WindowState.ClosedForCompilation)]
    [InlineData("2023-03-06T00:00:00+07:00", WindowState.ClosedForCompilation)]
    [InlineData("2023-03-09T23:59:59.9999999+07:00", WindowState.ClosedForCompilation)]
    [InlineData("2023-03-09T16:59:59Z", WindowState.ClosedForCompilation)]
    [InlineData("2023-03-09T17:00:00Z", WindowState.Locked)]
    [InlineData("2023-03-10T00:00:00+07:00", WindowState.Locked)]
    [InlineData("2023-04-06T00:00:00+07:00", WindowState.ClosedForCompilation)]
    [InlineData("2023-04-10T00:00:00+07:00", WindowState.Locked)]
    [InlineData("2024-01-01T00:00:00+07:00", WindowState.Locked)]
    public void February2023_HasTheLetter2Cycle(string instant, WindowState expected)
    {
        MonthWindow.StateAt(Ym("2023-02"), At(instant), MonthlyCycle.Default).ShouldBe(expected);
    }

    [Theory]
    [InlineData("2023-02", WindowState.Locked)]
    [InlineData("2023-03", WindowState.Open)]
    [InlineData("2023-04", WindowState.NotYetOpen)]
    [InlineData("2023-01", WindowState.Locked)]
    public void OnThe10th_LastMonthIsLockedAndThisMonthOpen(string month, WindowState expected)
    {
        MonthWindow.StateAt(Ym(month), At("2023-03-10T00:00:00+07:00"), MonthlyCycle.Default).ShouldBe(expected);
    }

    [Theory]
    [InlineData("2023-01")]
    [InlineData("2023-02")]
    [InlineData("2023-03")]
    [InlineData("2023-04")]
    public void DuringTheCompilationClose_EveryMonthIsClosed(string month)
    {
        MonthWindow.StateAt(Ym(month), At("2023-03-07T12:00:00+07:00"), MonthlyCycle.Default)
            .ShouldBe(WindowState.ClosedForCompilation);
    }

    [Theory]
    [InlineData("2023-01-05T23:59:59.9999999+07:00", WindowState.Open)]
    [InlineData("2023-01-06T00:00:00+07:00", WindowState.ClosedForCompilation)]
    [InlineData("2023-01-10T00:00:00+07:00", WindowState.Locked)]
    [InlineData("2022-11-30T23:59:59.9999999+07:00", WindowState.NotYetOpen)]
    public void December_ClosesInTheNewYear(string instant, WindowState expected)
    {
        MonthWindow.StateAt(Ym("2022-12"), At(instant), MonthlyCycle.Default).ShouldBe(expected);
    }

    [Theory]
    [InlineData("2023-03-06T00:00:00+07:00", WindowState.Open)]
    [InlineData("2023-03-07T23:59:59.9999999+07:00", WindowState.Open)]
    [InlineData("2023-03-08T00:00:00+07:00", WindowState.ClosedForCompilation)]
    [InlineData("2023-03-11T23:59:59.9999999+07:00", WindowState.ClosedForCompilation)]
    [InlineData("2023-03-12T00:00:00+07:00", WindowState.Locked)]
    [InlineData("2023-02-10T00:00:00+07:00", WindowState.ClosedForCompilation)]
    [InlineData("2023-02-12T00:00:00+07:00", WindowState.Open)]
    public void ACustomCycle_MovesEveryEdge(string instant, WindowState expected)
    {
        MonthWindow.StateAt(Ym("2023-02"), At(instant), Custom).ShouldBe(expected);
    }

    [Theory]
    [InlineData("2023-03-05T23:59:59.9999999+07:00", false)]
    [InlineData("2023-03-05T16:59:59.9999999Z", false)]
    [InlineData("2023-03-05T17:00:00Z", true)]
    [InlineData("2023-03-06T00:00:00+07:00", true)]
    [InlineData("2023-03-09T23:59:59.9999999+07:00", true)]
    [InlineData("2023-03-10T00:00:00+07:00", false)]
    [InlineData("2023-03-01T00:00:00+07:00", false)]
    [InlineData("2023-03-31T00:00:00+07:00", false)]
    public void CompilationClosure_IsFromThe6thUntilThe10th(string instant, bool expected)
    {
        MonthWindow.IsCompilationClosure(At(instant), MonthlyCycle.Default).ShouldBe(expected);
    }

    [Theory]
    [InlineData("2023-02-15T10:00:00+07:00", false)]
    [InlineData("2023-03-03T23:59:59.9999999+07:00", false)]
    [InlineData("2023-03-03T16:59:59.9999999Z", false)]
    [InlineData("2023-03-03T17:00:00Z", true)]
    [InlineData("2023-03-04T00:00:00+07:00", true)]
    [InlineData("2023-03-05T12:00:00+07:00", true)]
    [InlineData("2023-04-01T00:00:00+07:00", true)]
    public void Confirm_AfterThe3rd_IsLate(string confirmedAt, bool late)
    {
        MonthWindow.IsConfirmationLate(Ym("2023-02"), At(confirmedAt), MonthlyCycle.Default).ShouldBe(late);
    }

    [Theory]
    [InlineData("2023-03-05T23:59:59.9999999+07:00", false)]
    [InlineData("2023-03-06T00:00:00+07:00", true)]
    public void Confirm_WithACustomCycle_IsLateAfterTheConfiguredDay(string confirmedAt, bool late)
    {
        MonthWindow.IsConfirmationLate(Ym("2023-02"), At(confirmedAt), Custom).ShouldBe(late);
    }

    [Theory]
    [InlineData("2023-02", "2023-03-04T00:00:00+07:00", "2023-03-06T00:00:00+07:00", "2023-03-10T00:00:00+07:00")]
    [InlineData("2022-12", "2023-01-04T00:00:00+07:00", "2023-01-06T00:00:00+07:00", "2023-01-10T00:00:00+07:00")]
    [InlineData("2023-09", "2023-10-04T00:00:00+07:00", "2023-10-06T00:00:00+07:00", "2023-10-10T00:00:00+07:00")]
    public void Deadlines_AreMidnightBangkokInTheNextMonth(string month, string confirm, string write, string reopen)
    {
        var ym = Ym(month);

        MonthWindow.ConfirmDeadline(ym, MonthlyCycle.Default).ShouldBe(At(confirm));
        MonthWindow.WriteDeadline(ym, MonthlyCycle.Default).ShouldBe(At(write));
        MonthWindow.ReopenAt(ym, MonthlyCycle.Default).ShouldBe(At(reopen));
        MonthWindow.WriteDeadline(ym, MonthlyCycle.Default).Offset.ShouldBe(TimeSpan.FromHours(7));
    }

    [Fact]
    public void DefaultCycle_IsLetter2s3rd6th10th()
    {
        MonthlyCycle.Default.ShouldBe(new MonthlyCycle(3, 6, 10));
        MonthlyCycle.Default.Validate().ShouldBeEmpty();
    }

    [Theory]
    [InlineData(3, 6, 10)]
    [InlineData(5, 8, 12)]
    [InlineData(1, 2, 3)]
    [InlineData(26, 27, 28)]
    public void Validate_AcceptsOrderedDaysUpTo28(int confirm, int close, int reopen)
    {
        new MonthlyCycle(confirm, close, reopen).Validate().ShouldBeEmpty();
    }

    [Theory]
    [InlineData(0, 6, 10, 1)]
    [InlineData(3, 6, 29, 1)]
    [InlineData(3, 6, 31, 1)]
    [InlineData(6, 6, 10, 1)]
    [InlineData(7, 6, 10, 1)]
    [InlineData(3, 10, 10, 1)]
    [InlineData(3, 11, 10, 1)]
    [InlineData(10, 6, 3, 2)]
    [InlineData(-1, 0, 40, 3)]
    public void Validate_ReportsEveryProblemInThai(int confirm, int close, int reopen, int count)
    {
        var errors = new MonthlyCycle(confirm, close, reopen).Validate();

        errors.Count.ShouldBe(count);
        errors.ShouldAllBe(e => e.Any(c => c >= '\u0E00' && c <= '\u0E7F'));
    }

    [Fact]
    public void StateAt_WithAnInvalidCycle_Throws()
    {
        Should.Throw<ArgumentException>(
            () => MonthWindow.StateAt(Ym("2023-02"), At("2023-02-15T00:00:00+07:00"), new MonthlyCycle(6, 6, 10)));
    }
}

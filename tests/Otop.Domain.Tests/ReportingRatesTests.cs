using static Otop.Domain.Tests.TestData;

namespace Otop.Domain.Tests;

public class ReportingRatesTests
{
    [Theory]
    // January 2023 is due by the end of 3 February, Bangkok time (letter 2, clause 4)
    [InlineData("2023-02-03T23:59:59+07:00", false)]
    [InlineData("2023-02-03T16:59:59Z", false)]
    [InlineData("2023-02-04T00:00:00+07:00", true)]
    [InlineData("2023-02-03T17:00:00Z", true)]
    [InlineData("2023-01-15T10:00:00+07:00", false)]
    [InlineData("2023-09-30T10:00:00+07:00", true)]
    public void AMonth_IsExpected_OnceItsConfirmationDeadlineHasPassedInBangkok(string now, bool expected)
    {
        ReportingRates.IsExpected(Ym("2023-01"), At(now), MonthlyCycle.Default).ShouldBe(expected);
    }

    [Fact]
    public void TheCyclesConfirmByDay_DecidesWhenAMonthIsExpected()
    {
        var cycle = new MonthlyCycle(ConfirmByDay: 5, CloseFromDay: 8, ReopenDay: 12);

        ReportingRates.IsExpected(Ym("2023-01"), At("2023-02-05T23:00:00+07:00"), cycle).ShouldBeFalse();
        ReportingRates.IsExpected(Ym("2023-01"), At("2023-02-06T00:00:00+07:00"), cycle).ShouldBeTrue();
    }

    [Theory]
    // now                          status                     late   state
    [InlineData("2023-02-01T10:00:00+07:00", RevenueStatus.Confirmed, false, ReportState.NotYetDue)]
    [InlineData("2023-02-01T10:00:00+07:00", null, false, ReportState.NotYetDue)]
    [InlineData("2023-02-10T10:00:00+07:00", RevenueStatus.Confirmed, false, ReportState.OnTime)]
    [InlineData("2023-02-10T10:00:00+07:00", RevenueStatus.Approved, false, ReportState.OnTime)]
    [InlineData("2023-02-10T10:00:00+07:00", RevenueStatus.Confirmed, true, ReportState.Late)]
    [InlineData("2023-02-10T10:00:00+07:00", RevenueStatus.Approved, true, ReportState.Late)]
    [InlineData("2023-02-10T10:00:00+07:00", null, false, ReportState.NotReported)]
    [InlineData("2023-02-10T10:00:00+07:00", RevenueStatus.Draft, false, ReportState.NotReported)]
    [InlineData("2023-02-10T10:00:00+07:00", RevenueStatus.Certified, false, ReportState.NotReported)]
    // returned or unlocked and not confirmed again: not received, whatever its late flag says
    [InlineData("2023-02-10T10:00:00+07:00", RevenueStatus.Returned, false, ReportState.NotReported)]
    [InlineData("2023-02-10T10:00:00+07:00", RevenueStatus.Draft, true, ReportState.NotReported)]
    public void AMonthsState_ComesFromItsDeadlineStatusAndLateFlag(string now, RevenueStatus? status, bool late, ReportState expected)
    {
        ReportingRates.StateOf(Ym("2023-01"), At(now), MonthlyCycle.Default, status, late).ShouldBe(expected);
    }

    [Theory]
    // on time  late  missing  not due   expected  reporting  on time
    [InlineData(0, 0, 0, 12, 0, null, null)]
    [InlineData(3, 0, 0, 9, 3, "100.00", "100.00")]
    [InlineData(1, 1, 1, 0, 3, "66.67", "33.33")]
    [InlineData(2, 1, 0, 0, 3, "100.00", "66.67")]
    [InlineData(0, 0, 4, 1, 4, "0.00", "0.00")]
    [InlineData(7, 0, 1, 0, 8, "87.50", "87.50")]
    // 1/8 = 12.5 exactly; 1/16 = 6.25; 1/32 = 3.125 rounds half away from zero to 3.13 (banker's would give 3.12)
    [InlineData(1, 0, 31, 0, 32, "3.13", "3.13")]
    [InlineData(0, 1, 15, 0, 16, "6.25", "0.00")]
    [InlineData(5, 1, 0, 0, 6, "100.00", "83.33")]
    public void ATally_GivesItsReportingAndOnTimeRates(int onTime, int late, int missing, int notDue, int expected, string? reportingRate, string? onTimeRate)
    {
        var tally = new ReportingRates.Tally(onTime, late, missing, notDue);

        tally.Expected.ShouldBe(expected);
        tally.ReportingRate.ShouldBe(reportingRate is null ? null : D(reportingRate));
        tally.OnTimeRate.ShouldBe(onTimeRate is null ? null : D(onTimeRate));
    }

    [Fact]
    public void ATally_CountsEachStateOnce()
    {
        var tally = ReportingRates.Tally.Of([ReportState.OnTime, ReportState.Late, ReportState.Late, ReportState.NotReported, ReportState.NotYetDue, ReportState.OnTime]);

        tally.ShouldBe(new ReportingRates.Tally(2, 2, 1, 1));
        tally.Received.ShouldBe(4);
    }

    [Theory]
    [InlineData("2023-02-03T23:59:59+07:00", 0)]
    [InlineData("2023-02-01T08:00:00+07:00", 0)]
    [InlineData("2023-02-04T00:00:00+07:00", 1)]
    [InlineData("2023-02-03T17:30:00Z", 1)]
    [InlineData("2023-02-10T09:00:00+07:00", 7)]
    [InlineData("2023-03-03T09:00:00+07:00", 28)]
    public void LateDays_CountBangkokDaysAfterTheLastOnTimeDay(string confirmedAt, int days)
    {
        ReportingRates.LastOnTimeDay(Ym("2023-01"), MonthlyCycle.Default).ShouldBe(Date("2023-02-03"));
        ReportingRates.LateDays(Ym("2023-01"), At(confirmedAt), MonthlyCycle.Default).ShouldBe(days);
    }
}

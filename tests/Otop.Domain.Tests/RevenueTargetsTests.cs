using static Otop.Domain.Tests.TestData;

namespace Otop.Domain.Tests;

public class RevenueTargetsTests
{
    [Theory]
    [InlineData("1000", "1", "1010.00")]
    [InlineData("1000", "5", "1050.00")]
    [InlineData("2000.20", "3", "2060.21")] // 2060.206 → 2060.21
    [InlineData("1234.50", "1", "1246.85")] // 1246.845 → 1246.85 (half away from zero, not to even)
    [InlineData("1234.50", "0.5", "1240.67")] // 1240.6725
    [InlineData("99.99", "2.5", "102.49")] // 102.48975
    [InlineData("0", "5", "0.00")]
    [InlineData("1000", "-2", "980.00")] // a band below the baseline still reads as money
    [InlineData("3641735423.72", "6", "3860239549.14")] // a province's round, 3860239549.1432
    public void TheRevenueNeededForAScore_IsTheBaselineGrownByThePercent_RoundedHalfAwayFromZeroToTwoDecimals(string baseline, string percent, string expected)
    {
        RevenueTargets.Threshold(D(baseline), D(percent)).ShouldBe(D(expected));
    }

    [Theory]
    [InlineData(RevenueStatus.Certified, true)]
    [InlineData(RevenueStatus.Confirmed, true)]
    [InlineData(RevenueStatus.Approved, true)]
    [InlineData(RevenueStatus.Draft, false)]
    [InlineData(RevenueStatus.Returned, false)]
    public void AMonthCountsInTheResults_OnlyOnceTheDistrictHasVouchedForIt(RevenueStatus status, bool counts)
    {
        RevenueTargets.Counts(status).ShouldBe(counts);
    }
}

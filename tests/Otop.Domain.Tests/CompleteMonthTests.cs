using static Otop.Domain.Tests.TestData;

namespace Otop.Domain.Tests;

public class CompleteMonthTests
{
    [Theory]
    [InlineData("2026-11", 1, "2026-12-01")]
    [InlineData("2026-12", 1, "2027-01-01")]
    [InlineData("2027-02", 3, "2027-03-03")]
    [InlineData("2027-01", 28, "2027-02-28")]
    public void CertificationOpens_OnTheConfiguredDayOfTheNextMonth(string month, int fromDay, string opens)
    {
        CompleteMonth.CertifyOpensOn(Ym(month), fromDay).ShouldBe(DateOnly.Parse(opens, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("2026-11-30T23:59:59+07:00", 1, false)]
    [InlineData("2026-11-30T17:00:00Z", 1, true)]
    [InlineData("2026-12-01T00:00:00+07:00", 1, true)]
    [InlineData("2026-12-02T23:59:59+07:00", 3, false)]
    [InlineData("2026-12-03T00:00:00+07:00", 3, true)]
    [InlineData("2026-11-15T10:00:00+07:00", 1, false)]
    public void November2026_MayBeCertifiedOnlyOnceItHasEnded_InBangkok(string instant, int fromDay, bool may)
    {
        CompleteMonth.MayCertify(Ym("2026-11"), At(instant), fromDay).ShouldBe(may);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(29)]
    public void ADayOutsideOneTo28_IsNotADay(int fromDay)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => CompleteMonth.CertifyOpensOn(Ym("2026-11"), fromDay));
    }

    [Theory]
    [InlineData("a,b,c", "a,c", "b")]
    [InlineData("a,b,c", "a,b,c", "")]
    [InlineData("c,a,b", "", "a,b,c")]
    [InlineData("a,b", "a,b,x", "")]
    public void NotReported_AreTheActiveProducersWithoutAFigure_InCodeOrder(string active, string reported, string missing)
    {
        CompleteMonth.NotReported(Split(active), Split(reported)).ShouldBe(Split(missing));
    }

    private static string[] Split(string s) => s.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

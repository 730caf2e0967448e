using static Otop.Domain.Tests.TestData;

namespace Otop.Domain.Tests;

public class RoundingTests
{
    [Theory]
    [InlineData("0.05", 1, "0.1")]
    [InlineData("-0.05", 1, "-0.1")]
    [InlineData("2.25", 1, "2.3")]
    [InlineData("-2.25", 1, "-2.3")]
    [InlineData("0.25", 1, "0.3")]
    [InlineData("0.35", 1, "0.4")]
    [InlineData("2.24", 1, "2.2")]
    [InlineData("2.2499999", 1, "2.2")]
    [InlineData("28.42", 1, "28.4")]
    [InlineData("24.36", 1, "24.4")]
    [InlineData("1.005", 2, "1.01")]
    [InlineData("2.5", 0, "3")]
    [InlineData("-2.5", 0, "-3")]
    [InlineData("12345.675", 2, "12345.68")]
    public void HalfAwayFromZero_RoundsMidpointsAwayFromZero(string value, int decimals, string expected)
    {
        Rounding.HalfAwayFromZero(D(value), decimals).ShouldBe(D(expected));
    }

    [Fact]
    public void HalfAwayFromZero_OfATinyNegative_IsPlainZero()
    {
        var rounded = Rounding.HalfAwayFromZero(-0.004m, 2);

        rounded.ShouldBe(0m);
        rounded.ToString(System.Globalization.CultureInfo.InvariantCulture).ShouldBe("0.00");
    }
}

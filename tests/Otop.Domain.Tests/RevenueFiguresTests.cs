using System.Globalization;
using static Otop.Domain.Tests.TestData;

namespace Otop.Domain.Tests;

public class RevenueFiguresTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("0.01")]
    [InlineData("1500.5")]
    [InlineData("1500.50")]
    [InlineData("999999999999.99")]
    public void AmountError_OfAFigureThatFits_IsNone(string amount)
    {
        RevenueFigures.AmountError(D(amount)).ShouldBeNull();
    }

    [Theory]
    [InlineData("-0.01", "จำนวนเงินต้องไม่ติดลบ")]
    [InlineData("-1000", "จำนวนเงินต้องไม่ติดลบ")]
    [InlineData("0.001", "จำนวนเงินมีทศนิยมได้ไม่เกิน 2 ตำแหน่ง (สตางค์)")]
    [InlineData("1500.505", "จำนวนเงินมีทศนิยมได้ไม่เกิน 2 ตำแหน่ง (สตางค์)")]
    [InlineData("1000000000000.00", "จำนวนเงินมากเกินไป")]
    [InlineData("999999999999.999", "จำนวนเงินมีทศนิยมได้ไม่เกิน 2 ตำแหน่ง (สตางค์)")]
    public void AmountError_NamesWhatIsWrong(string amount, string expected)
    {
        RevenueFigures.AmountError(D(amount)).ShouldBe(expected);
    }

    [Fact]
    public void AmountError_OfNoAmount_AsksForOne()
    {
        RevenueFigures.AmountError(null).ShouldBe("กรุณาระบุจำนวนเงิน");
    }

    [Fact]
    public void AmountError_OfNegativeZero_IsNone()
    {
        RevenueFigures.AmountError(-0.00m).ShouldBeNull();
    }

    [Fact]
    public void MaxAmount_IsTheLargestNumeric14_2()
    {
        RevenueFigures.MaxAmount.ShouldBe(D("999999999999.99"));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("999999999999.98")]
    [InlineData("999999999999.99")]
    public void MonthTotalError_OfATotalThatFits_IsNone(string total)
    {
        RevenueFigures.MonthTotalError(D(total)).ShouldBeNull();
    }

    [Theory]
    [InlineData("1000000000000.00")]
    [InlineData("1999999999999.98")]
    public void MonthTotalError_BeyondNumeric14_2_NamesTheLimit(string total)
    {
        RevenueFigures.MonthTotalError(D(total)).ShouldBe("ยอดรวมของเดือนต้องไม่เกิน 999,999,999,999.99 บาท");
    }

    [Fact]
    public void MonthTotalError_IgnoresAThaiHostCulture()
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("th-TH");
            RevenueFigures.MonthTotalError(1_000_000_000_000m).ShouldBe("ยอดรวมของเดือนต้องไม่เกิน 999,999,999,999.99 บาท");
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    // amount, last year, estimate, flagged
    [Theory]
    [InlineData("300", "100", null, false)]
    [InlineData("300.01", "100", null, true)]
    [InlineData("100", "300", null, false)]
    [InlineData("99.99", "300", null, true)]
    [InlineData("33.33", "100", null, true)]
    [InlineData("33.34", "100", null, false)]
    [InlineData("150", "100", null, false)]
    [InlineData("300", null, "100", false)]
    [InlineData("300.01", null, "100", true)]
    [InlineData("99.99", null, "300", true)]
    [InlineData("150", "100", "1000", true)]
    [InlineData("150", "1000", "100", true)]
    [InlineData("150", "100", "100", false)]
    [InlineData("0", "100", null, true)]
    [InlineData("5000", null, null, false)]
    [InlineData("5000", "0", "0", false)]
    [InlineData("0", "0", null, false)]
    [InlineData("5000", "-1", null, false)]
    public void IsFlagged_WhenMoreThan3xOrUnderAThirdOfLastYearOrTheEstimate(string amount, string? lastYear, string? estimate, bool flagged)
    {
        RevenueFigures.IsFlagged(D(amount), lastYear is null ? null : D(lastYear), estimate is null ? null : D(estimate)).ShouldBe(flagged);
    }

    [Fact]
    public void IsFlagged_AtExactlyAThird_IsNotFlagged()
    {
        RevenueFigures.IsFlagged(100m, 300m, null).ShouldBeFalse();
        RevenueFigures.IsFlagged(100m, null, 300m).ShouldBeFalse();
    }

    [Theory]
    [InlineData("-0.00", "0")]
    [InlineData("-0", "0")]
    [InlineData("0.00", "0")]
    [InlineData("0", "0")]
    [InlineData("1500.50", "1500.50")]
    [InlineData("0.01", "0.01")]
    [InlineData("-5.10", "-5.10")]
    public void WithoutNegativeZero_StoresEveryZeroAsPlainZero_AndKeepsAnyOtherFigure(string amount, string expected)
    {
        RevenueFigures.WithoutNegativeZero(D(amount)).ToString(CultureInfo.InvariantCulture).ShouldBe(expected);
    }
}

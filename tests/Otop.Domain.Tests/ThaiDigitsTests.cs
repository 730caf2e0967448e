using System.Globalization;
using static Otop.Domain.Tests.TestData;

namespace Otop.Domain.Tests;

public class ThaiDigitsTests
{
    [Theory]
    [InlineData("0123456789", "๐๑๒๓๔๕๖๗๘๙")]
    [InlineData("12,345.50", "๑๒,๓๔๕.๕๐")]
    [InlineData("ปี 2566", "ปี ๒๕๖๖")]
    [InlineData("", "")]
    [InlineData("abc-", "abc-")]
    public void ToThai_MapsOnlyArabicDigits(string arabic, string thai)
    {
        ThaiDigits.ToThai(arabic).ShouldBe(thai);
    }

    [Theory]
    [InlineData("๐๑๒๓๔๕๖๗๘๙", "0123456789")]
    [InlineData("๑๒,๓๔๕.๕๐", "12,345.50")]
    [InlineData("ปี ๒๕๖๖", "ปี 2566")]
    [InlineData("12 ๓๔", "12 34")]
    [InlineData("", "")]
    public void ToArabic_MapsOnlyThaiDigits(string thai, string arabic)
    {
        ThaiDigits.ToArabic(thai).ShouldBe(arabic);
    }

    [Theory]
    [InlineData("๑๒,๓๔๕.๕๐", "12345.50")]
    [InlineData("12,345.50", "12345.50")]
    [InlineData("12345.50", "12345.50")]
    [InlineData("๑2,3๔5.5๐", "12345.50")]
    [InlineData("  ๑๒,๓๔๕.๕๐ \t", "12345.50")]
    [InlineData("\u00A0100\u00A0", "100")]
    [InlineData("-1,234.5", "-1234.5")]
    [InlineData("-๕", "-5")]
    [InlineData("0", "0")]
    [InlineData("0.00", "0.00")]
    [InlineData("1,234,567.891", "1234567.891")]
    [InlineData("999", "999")]
    [InlineData("1,000", "1000")]
    [InlineData("007", "7")]
    [InlineData("79228162514264337593543950335", "79228162514264337593543950335")]
    public void TryParseDecimal_AcceptsThaiAndArabicDigits(string input, string expected)
    {
        ThaiDigits.TryParseDecimal(input, out var value).ShouldBeTrue();

        value.ShouldBe(D(expected));
    }

    [Fact]
    public void TryParseDecimal_KeepsTheTypedScale()
    {
        ThaiDigits.TryParseDecimal("๑๒,๓๔๕.๕๐", out var value).ShouldBeTrue();

        value.ToString(CultureInfo.InvariantCulture).ShouldBe("12345.50");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("-")]
    [InlineData("1,2345")]
    [InlineData("12,34")]
    [InlineData("1234,567")]
    [InlineData(",123")]
    [InlineData("123,")]
    [InlineData("1,,234")]
    [InlineData("1,234,56")]
    [InlineData("1.234,56")]
    [InlineData("1.2.3")]
    [InlineData("1..2")]
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData("1.5,0")]
    [InlineData("1e3")]
    [InlineData("1E3")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("abc")]
    [InlineData("12a")]
    [InlineData("+5")]
    [InlineData("--5")]
    [InlineData("5-")]
    [InlineData("(5)")]
    [InlineData("1 234")]
    [InlineData("- 5")]
    [InlineData("฿100")]
    [InlineData("\u0661\u0662")]
    [InlineData("79228162514264337593543950336")]
    public void TryParseDecimal_RejectsWhatIsNotANumber(string? input)
    {
        ThaiDigits.TryParseDecimal(input, out var value).ShouldBeFalse();

        value.ShouldBe(0m);
    }

    [Fact]
    public void TryParseDecimal_IgnoresTheCurrentCulture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");

            ThaiDigits.TryParseDecimal("1,234.5", out var value).ShouldBeTrue();
            value.ShouldBe(1234.5m);
            ThaiDigits.FormatNumber(1234.5m, 2, thaiDigits: false).ShouldBe("1,234.50");
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Theory]
    [InlineData("2566", 2566)]
    [InlineData("๒๕๖๖", 2566)]
    [InlineData(" ๒5๖6 ", 2566)]
    [InlineData("1,946", 1946)]
    [InlineData("-๑๒", -12)]
    [InlineData("0", 0)]
    [InlineData("2,147,483,647", int.MaxValue)]
    [InlineData("-2147483648", int.MinValue)]
    public void TryParseInt_AcceptsThaiAndArabicDigits(string input, int expected)
    {
        ThaiDigits.TryParseInt(input, out var value).ShouldBeTrue();

        value.ShouldBe(expected);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12.0")]
    [InlineData("12.5")]
    [InlineData("1,94")]
    [InlineData("2147483648")]
    [InlineData("1e3")]
    [InlineData("๒๕๖๖ก")]
    public void TryParseInt_RejectsFractionsOverflowAndLetters(string? input)
    {
        ThaiDigits.TryParseInt(input, out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData("12345.5", 2, false, "12,345.50")]
    [InlineData("12345.5", 2, true, "๑๒,๓๔๕.๕๐")]
    [InlineData("1234567.891", 2, false, "1,234,567.89")]
    [InlineData("0.125", 2, false, "0.13")]
    [InlineData("-0.125", 2, false, "-0.13")]
    [InlineData("-1234.5", 0, false, "-1,235")]
    [InlineData("28.42", 1, true, "๒๘.๔")]
    [InlineData("0", 2, false, "0.00")]
    [InlineData("-0.001", 2, false, "0.00")]
    [InlineData("999.995", 2, false, "1,000.00")]
    public void FormatNumber_GroupsInvariantlyAndRoundsHalfAwayFromZero(string value, int decimals, bool thai, string expected)
    {
        ThaiDigits.FormatNumber(D(value), decimals, thai).ShouldBe(expected);
    }

    [Fact]
    public void FormatNumber_ThenParse_RoundTrips()
    {
        var text = ThaiDigits.FormatNumber(9876543.21m, 2, thaiDigits: true);

        ThaiDigits.TryParseDecimal(text, out var value).ShouldBeTrue();
        value.ShouldBe(9876543.21m);
    }
}

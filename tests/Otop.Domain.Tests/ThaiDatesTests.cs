using static Otop.Domain.Tests.TestData;

namespace Otop.Domain.Tests;

public class ThaiDatesTests
{
    [Fact]
    public void MonthNames_RunFromJanuaryToDecember()
    {
        ThaiDates.MonthNames.ShouldBe(
        new[]
        {
            "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
            "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
        });
    }

    [Fact]
    public void MonthAbbreviations_RunFromJanuaryToDecember()
    {
        ThaiDates.MonthAbbreviations.ShouldBe(
        new[]
        {
            "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
            "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
        });
    }

    [Fact]
    public void MonthNames_CannotBeChangedByACaller()
    {
        ThaiDates.MonthNames[0] = "x";

        ThaiDates.MonthNames[0].ShouldBe("มกราคม");
    }

    [Theory]
    [InlineData(2023, 2566)]
    [InlineData(2020, 2563)]
    [InlineData(2014, 2557)]
    public void BuddhistYear_IsGregorianPlus543(int ce, int be)
    {
        ThaiDates.ToBuddhistYear(ce).ShouldBe(be);
        ThaiDates.ToGregorianYear(be).ShouldBe(ce);
    }

    [Theory]
    [InlineData("2023-02-20", false, "20 กุมภาพันธ์ 2566")]
    [InlineData("2023-02-20", true, "๒๐ กุมภาพันธ์ ๒๕๖๖")]
    [InlineData("2021-02-23", true, "๒๓ กุมภาพันธ์ ๒๕๖๔")]
    [InlineData("2022-10-01", false, "1 ตุลาคม 2565")]
    [InlineData("2023-12-31", false, "31 ธันวาคม 2566")]
    [InlineData("2024-01-01", false, "1 มกราคม 2567")]
    public void FormatLong_PrintsDayMonthNameAndBuddhistYear(string date, bool thai, string expected)
    {
        ThaiDates.FormatLong(Date(date), thai).ShouldBe(expected);
    }

    [Theory]
    [InlineData("2023-02-20", false, "20 ก.พ. 66")]
    [InlineData("2023-02-20", true, "๒๐ ก.พ. ๖๖")]
    [InlineData("2023-05-01", false, "1 พ.ค. 66")]
    [InlineData("2057-09-30", false, "30 ก.ย. 00")]
    [InlineData("2061-12-09", false, "9 ธ.ค. 04")]
    public void FormatShort_PrintsAbbreviatedMonthAndTwoDigitBuddhistYear(string date, bool thai, string expected)
    {
        ThaiDates.FormatShort(Date(date), thai).ShouldBe(expected);
    }

    [Theory]
    [InlineData(2023, 2, false, "กุมภาพันธ์ 2566")]
    [InlineData(2022, 10, true, "ตุลาคม ๒๕๖๕")]
    [InlineData(2020, 12, false, "ธันวาคม 2563")]
    public void FormatMonth_TakesAGregorianYear(int year, int month, bool thai, string expected)
    {
        ThaiDates.FormatMonth(year, month, thai).ShouldBe(expected);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    public void FormatMonth_RejectsAnImpossibleMonth(int month)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => ThaiDates.FormatMonth(2023, month));
    }

    [Theory]
    [InlineData("2023-02-20T07:05:00Z", false, "20 ก.พ. 2566 14:05 น.")]
    [InlineData("2023-02-20T07:05:00Z", true, "๒๐ ก.พ. ๒๕๖๖ ๑๔:๐๕ น.")]
    [InlineData("2023-02-20T14:05:00+07:00", false, "20 ก.พ. 2566 14:05 น.")]
    [InlineData("2023-02-20T09:05:00+02:00", false, "20 ก.พ. 2566 14:05 น.")]
    [InlineData("2023-03-05T17:00:00Z", false, "6 มี.ค. 2566 00:00 น.")]
    [InlineData("2022-12-31T16:59:59Z", false, "31 ธ.ค. 2565 23:59 น.")]
    [InlineData("2022-12-31T17:00:00Z", false, "1 ม.ค. 2566 00:00 น.")]
    public void FormatDateTime_PrintsBangkokWallClock(string instant, bool thai, string expected)
    {
        ThaiDates.FormatDateTime(At(instant), thai).ShouldBe(expected);
    }

    [Fact]
    public void Formatting_IgnoresAThaiHostCulture()
    {
        var saved = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("th-TH");

            ThaiDates.FormatLong(Date("2023-02-20")).ShouldBe("20 กุมภาพันธ์ 2566");
            ThaiDates.FormatDateTime(At("2023-02-20T07:05:00Z")).ShouldBe("20 ก.พ. 2566 14:05 น.");
            ThaiDates.TryParseDate("20/02/2566", out var date).ShouldBeTrue();
            date.ShouldBe(new DateOnly(2023, 2, 20));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = saved;
        }
    }

    [Theory]
    [InlineData("2023-02-20", "2023-02-20")]
    [InlineData(" 2023-02-20 ", "2023-02-20")]
    [InlineData("๒๐๒๓-๐๒-๒๐", "2023-02-20")]
    [InlineData("20/02/2566", "2023-02-20")]
    [InlineData("20/2/2566", "2023-02-20")]
    [InlineData("1/10/2565", "2022-10-01")]
    [InlineData("๒๐/๐๒/๒๕๖๖", "2023-02-20")]
    [InlineData("๒๐/02/๒๕66", "2023-02-20")]
    [InlineData("29/02/2567", "2024-02-29")]
    [InlineData("2024-02-29", "2024-02-29")]
    [InlineData("31/12/2566", "2023-12-31")]
    public void TryParseDate_AcceptsIsoAndThaiBuddhistDates(string input, string expected)
    {
        ThaiDates.TryParseDate(input, out var date).ShouldBeTrue();

        date.ShouldBe(Date(expected));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2566-02-30")]
    [InlineData("2023-02-30")]
    [InlineData("2023-02-29")]
    [InlineData("2023-13-01")]
    [InlineData("2023-00-10")]
    [InlineData("2023-01-00")]
    [InlineData("2023-2-20")]
    [InlineData("23-02-20")]
    [InlineData("2566-02-20")]
    [InlineData("30/02/2566")]
    [InlineData("29/02/2566")]
    [InlineData("32/01/2566")]
    [InlineData("0/01/2566")]
    [InlineData("20/13/2566")]
    [InlineData("20/02/66")]
    [InlineData("20/02/2023")]
    [InlineData("20-02-2566")]
    [InlineData("2023/02/20")]
    [InlineData("20 กุมภาพันธ์ 2566")]
    [InlineData("2023-02-20T00:00")]
    [InlineData("a/b/cdef")]
    public void TryParseDate_RejectsImpossibleOrAmbiguousDates(string? input)
    {
        ThaiDates.TryParseDate(input, out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData("2021-02-24", "24/2/2564")]
    [InlineData("2023-10-01", "1/10/2566")]
    [InlineData("2024-02-29", "29/2/2567")]
    public void FormatInput_WritesDayMonthBuddhistYear_ThatTryParseDateReadsBack(string iso, string expected)
    {
        var date = DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

        var text = ThaiDates.FormatInput(date);

        text.ShouldBe(expected);
        ThaiDates.TryParseDate(text, out var back).ShouldBeTrue();
        back.ShouldBe(date);
    }
}

using System.Globalization;
using static Otop.Domain.Tests.TestData;

namespace Otop.Domain.Tests;

public class YearMonthTests
{
    [Theory]
    [InlineData("2023-01", 2023, 1)]
    [InlineData("2022-12", 2022, 12)]
    [InlineData("0001-01", 1, 1)]
    [InlineData("9999-12", 9999, 12)]
    public void TryParse_ReadsYyyyMm(string s, int year, int month)
    {
        YearMonth.TryParse(s, out var ym).ShouldBeTrue();

        ym.ShouldBe(new YearMonth(year, month));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2023-1")]
    [InlineData("2023-13")]
    [InlineData("2023-00")]
    [InlineData("0000-01")]
    [InlineData("2023/01")]
    [InlineData("202301")]
    [InlineData("2023-01-01")]
    [InlineData(" 2023-01")]
    [InlineData("2023-01 ")]
    [InlineData("๒๐๒๓-๐๑")]
    [InlineData("+023-01")]
    [InlineData("2023--1")]
    public void TryParse_RejectsAnythingButExactlyYyyyMm(string? s)
    {
        YearMonth.TryParse(s, out var ym).ShouldBeFalse();

        ym.ShouldBe(default);
    }

    [Fact]
    public void TryParse_IgnoresTheCurrentCulture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("th-TH");

            YearMonth.TryParse("2023-01", out var ym).ShouldBeTrue();
            ym.ToString().ShouldBe("2023-01");
            ym.Year.ShouldBe(2023);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Theory]
    [InlineData(2023, 1, "2023-01")]
    [InlineData(2022, 12, "2022-12")]
    [InlineData(987, 5, "0987-05")]
    public void ToString_IsYyyyMm(int year, int month, string expected)
    {
        new YearMonth(year, month).ToString().ShouldBe(expected);
    }

    [Theory]
    [InlineData(2023, 0)]
    [InlineData(2023, 13)]
    [InlineData(0, 1)]
    [InlineData(10000, 1)]
    public void Constructor_RejectsAnImpossibleMonth(int year, int month)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new YearMonth(year, month));
    }

    [Theory]
    [InlineData("2022-12", 1, "2023-01")]
    [InlineData("2023-01", -1, "2022-12")]
    [InlineData("2023-01", 0, "2023-01")]
    [InlineData("2022-10", 11, "2023-09")]
    [InlineData("2023-03", 12, "2024-03")]
    [InlineData("2023-03", -15, "2021-12")]
    [InlineData("2023-03", 25, "2025-04")]
    public void AddMonths_CrossesYears(string start, int months, string expected)
    {
        Ym(start).AddMonths(months).ShouldBe(Ym(expected));
    }

    [Fact]
    public void NextAndPrevious_CrossTheNewYear()
    {
        Ym("2022-12").Next().ShouldBe(Ym("2023-01"));
        Ym("2023-01").Previous().ShouldBe(Ym("2022-12"));
    }

    [Theory]
    [InlineData("2023-02", "2023-02-01", "2023-02-28")]
    [InlineData("2024-02", "2024-02-01", "2024-02-29")]
    [InlineData("2023-09", "2023-09-01", "2023-09-30")]
    [InlineData("2022-12", "2022-12-01", "2022-12-31")]
    public void FirstAndLastDay_FollowTheCalendar(string month, string first, string last)
    {
        Ym(month).FirstDay.ShouldBe(Date(first));
        Ym(month).LastDay.ShouldBe(Date(last));
    }

    [Theory]
    [InlineData("2023-02-20", "2023-02")]
    [InlineData("2022-12-31", "2022-12")]
    public void Of_TakesTheDatesMonth(string date, string expected)
    {
        YearMonth.Of(Date(date)).ShouldBe(Ym(expected));
    }

    [Theory]
    [InlineData("2022-09", 2565)]
    [InlineData("2022-10", 2566)]
    [InlineData("2022-12", 2566)]
    [InlineData("2023-01", 2566)]
    [InlineData("2023-09", 2566)]
    [InlineData("2023-10", 2567)]
    [InlineData("2020-10", 2564)]
    [InlineData("2021-03", 2564)]
    public void FiscalYear_IsTheBuddhistYearInWhichItEnds(string month, int expected)
    {
        Ym(month).FiscalYear.ShouldBe(expected);
    }

    [Theory]
    [InlineData("2022-12", "2023-01", -1)]
    [InlineData("2023-01", "2022-12", 1)]
    [InlineData("2023-01", "2023-01", 0)]
    [InlineData("2023-01", "2023-02", -1)]
    [InlineData("2022-02", "2023-01", -1)]
    public void Comparison_OrdersByYearThenMonth(string left, string right, int sign)
    {
        var a = Ym(left);
        var b = Ym(right);

        Math.Sign(a.CompareTo(b)).ShouldBe(sign);
        (a < b).ShouldBe(sign < 0);
        (a > b).ShouldBe(sign > 0);
        (a <= b).ShouldBe(sign <= 0);
        (a >= b).ShouldBe(sign >= 0);
        (a == b).ShouldBe(sign == 0);
    }

    [Fact]
    public void Sorting_PutsMonthsInCalendarOrder()
    {
        var months = new[] { Ym("2023-01"), Ym("2022-10"), Ym("2022-12"), Ym("2022-11") };

        months.Order().Select(m => m.ToString()).ShouldBe(new[] { "2022-10", "2022-11", "2022-12", "2023-01" });
    }
}

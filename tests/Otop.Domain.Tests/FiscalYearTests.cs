using static Otop.Domain.Tests.TestData;

namespace Otop.Domain.Tests;

public class FiscalYearTests
{
    [Theory]
    [InlineData(2566, "2022-10-01", "2023-09-30")]
    [InlineData(2564, "2020-10-01", "2021-09-30")]
    [InlineData(2568, "2024-10-01", "2025-09-30")]
    public void FiscalYear_RunsFrom1OctoberTo30September(int be, string start, string end)
    {
        var fy = new FiscalYear(be);

        fy.Start.ShouldBe(Date(start));
        fy.End.ShouldBe(Date(end));
    }

    [Theory]
    [InlineData("2022-09-30", 2565)]
    [InlineData("2022-10-01", 2566)]
    [InlineData("2023-02-20", 2566)]
    [InlineData("2023-09-30", 2566)]
    [InlineData("2023-10-01", 2567)]
    [InlineData("2020-12-31", 2564)]
    [InlineData("2021-01-01", 2564)]
    public void Of_NamesTheYearByTheBuddhistYearInWhichItEnds(string date, int expected)
    {
        FiscalYear.Of(Date(date)).ShouldBe(new FiscalYear(expected));
        FiscalYear.Of(YearMonth.Of(Date(date))).BuddhistYear.ShouldBe(expected);
    }

    [Fact]
    public void Months_AreOctoberToSeptember()
    {
        new FiscalYear(2566).Months.Select(m => m.ToString()).ShouldBe(new[]
        {
            "2022-10", "2022-11", "2022-12", "2023-01", "2023-02", "2023-03",
            "2023-04", "2023-05", "2023-06", "2023-07", "2023-08", "2023-09",
        });
    }

    [Fact]
    public void Previous_IsTheYearBefore()
    {
        new FiscalYear(2566).Previous.ShouldBe(new FiscalYear(2565));
        new FiscalYear(2566).Previous.Start.ShouldBe(Date("2021-10-01"));
    }

    [Theory]
    [InlineData(2399)]
    [InlineData(2701)]
    [InlineData(2023)]
    [InlineData(0)]
    public void Constructor_RejectsYearsThatAreNotBuddhistEra(int year)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new FiscalYear(year));
    }

    [Theory]
    [InlineData(2400)]
    [InlineData(2700)]
    public void Constructor_AcceptsTheEdgesOfTheRange(int year)
    {
        new FiscalYear(year).BuddhistYear.ShouldBe(year);
    }

    [Fact]
    public void Round1_IsOctoberToMarch()
    {
        new FiscalYear(2564).MonthsOfRound(1).Select(m => m.ToString())
            .ShouldBe(new[] { "2020-10", "2020-11", "2020-12", "2021-01", "2021-02", "2021-03" });
    }

    [Fact]
    public void Round2_IsAprilToSeptember()
    {
        new FiscalYear(2564).MonthsOfRound(2).Select(m => m.ToString())
            .ShouldBe(new[] { "2021-04", "2021-05", "2021-06", "2021-07", "2021-08", "2021-09" });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(-1)]
    public void Rounds_OtherThan1And2_AreRefused(int round)
    {
        var fy = new FiscalYear(2566);

        Should.Throw<ArgumentOutOfRangeException>(() => fy.MonthsOfRound(round));
        Should.Throw<ArgumentOutOfRangeException>(() => fy.RoundFirstDay(round));
        Should.Throw<ArgumentOutOfRangeException>(() => fy.RoundLastDay(round));
    }

    [Theory]
    [InlineData(1, "2022-10-01", "2023-03-31")]
    [InlineData(2, "2023-04-01", "2023-09-30")]
    public void RoundDays_AreTheEdgesOfEachHalf(int round, string first, string last)
    {
        var fy = new FiscalYear(2566);

        fy.RoundFirstDay(round).ShouldBe(Date(first));
        fy.RoundLastDay(round).ShouldBe(Date(last));
    }

    [Theory]
    [InlineData("2022-10", 1)]
    [InlineData("2022-12", 1)]
    [InlineData("2023-01", 1)]
    [InlineData("2023-03", 1)]
    [InlineData("2023-04", 2)]
    [InlineData("2023-09", 2)]
    public void RoundOf_SplitsTheYearAtApril(string month, int expected)
    {
        new FiscalYear(2566).RoundOf(Ym(month)).ShouldBe(expected);
    }

    [Theory]
    [InlineData("2022-09")]
    [InlineData("2023-10")]
    public void RoundOf_AMonthOfAnotherYear_IsRefused(string month)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new FiscalYear(2566).RoundOf(Ym(month)));
    }

    [Theory]
    [InlineData(2566, null)]
    [InlineData(2400, null)]
    [InlineData(2700, null)]
    [InlineData(2023, "ปีงบประมาณ 2023 เป็นปี ค.ศ. ระบบใช้ปีงบประมาณเป็นปี พ.ศ. กรุณาใช้ 2566")]
    [InlineData(1857, "ปีงบประมาณ 1857 เป็นปี ค.ศ. ระบบใช้ปีงบประมาณเป็นปี พ.ศ. กรุณาใช้ 2400")]
    [InlineData(2157, "ปีงบประมาณ 2157 เป็นปี ค.ศ. ระบบใช้ปีงบประมาณเป็นปี พ.ศ. กรุณาใช้ 2700")]
    [InlineData(2399, "ปีงบประมาณ 2399 ไม่ถูกต้อง ต้องเป็นปี พ.ศ. ระหว่าง 2400 ถึง 2700 เช่น 2566")]
    [InlineData(-1, "ปีงบประมาณ -1 ไม่ถูกต้อง ต้องเป็นปี พ.ศ. ระหว่าง 2400 ถึง 2700 เช่น 2566")]
    [InlineData(int.MaxValue, "ปีงบประมาณ 2147483647 ไม่ถูกต้อง ต้องเป็นปี พ.ศ. ระหว่าง 2400 ถึง 2700 เช่น 2566")]
    public void InputError_NamesACeYearByItsBuddhistSpelling_AndAnyOtherByTheRange(int year, string? expected) =>
        FiscalYear.InputError(year).ShouldBe(expected);
}

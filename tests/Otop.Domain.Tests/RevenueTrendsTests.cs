using static Otop.Domain.Tests.TestData;

namespace Otop.Domain.Tests;

public class RevenueTrendsTests
{
    // Months as the table prints them, ต.ค. first; "-" is a month with nothing stored.
    private static Func<int, int, decimal?> From(Dictionary<int, string> years) => (fy, i) =>
        years.TryGetValue(fy, out var line) && line.Split(' ')[i] is var v && v != "-" ? D(v) : null;

    private static decimal? N(string? s) => s is null ? null : D(s);

    [Theory]
    // current months                          previous months                           round1   round2   total
    [InlineData("1 2 3 4 5 6 7 8 9 10 11 12", null, "21", "57", "78")]
    [InlineData("1 - - - - - - - - - - -", null, "1", null, "1")]
    [InlineData("- - - - - - - - - - - -", null, null, null, null)]
    [InlineData("0 0 0 0 0 0 - - - - - -", null, "0", null, "0")]
    [InlineData("100.25 200.50 - - - - 0.25 - - - - -", null, "300.75", "0.25", "301.00")]
    public void TheRoundSubtotalsAndTheTotal_AddTheMonthsThatHaveData(string current, string? previous, string? round1, string? round2, string? total)
    {
        var years = new Dictionary<int, string> { [2566] = current };
        if (previous is not null) years[2565] = previous;

        var year = RevenueTrends.Build([2566], From(years)).Single();

        (year.Round1.Amount, year.Round2.Amount, year.Total.Amount).ShouldBe((N(round1), N(round2), N(total)));
        year.Months.Select(m => m.Amount).Sum().ShouldBe(year.Total.Amount ?? 0m);
    }

    [Theory]
    // current   previous  change
    [InlineData("110", "100", "10.00")]
    [InlineData("90", "100", "-10.00")]
    [InlineData("100", "100", "0.00")]
    [InlineData("1", "3", "-66.67")]       // -66.666… rounds away from zero
    [InlineData("2", "3", "-33.33")]
    [InlineData("100.005", "100", "0.01")] // 0.005 exactly: half away from zero, not to even
    [InlineData("100.015", "100", "0.02")]
    [InlineData("99.995", "100", "-0.01")]
    [InlineData("0", "100", "-100.00")]
    [InlineData("5", "0", null)]           // nothing to compare with
    [InlineData(null, "100", null)]
    [InlineData("5", null, null)]
    public void TheChange_IsThePercentAgainstThePreviousYear_RoundedHalfAwayFromZero(string? current, string? previous, string? change)
    {
        RevenueTrends.Change(N(current), N(previous)).ShouldBe(N(change));
    }

    [Theory]
    // current                                     previous                                      month0  round1    round2  total
    [InlineData("110 - - - - - - - - - - -", "100 100 100 100 100 100 100 100 100 100 100 100", "10.00", "10.00", null, "10.00")]
    [InlineData("110 220 - - - - - - - - - -", "100 - - - - - - - - - - -", "10.00", "10.00", null, "10.00")]
    [InlineData("- 50 - - - - - - - - - -", "100 - - - - - - - - - - -", null, null, null, null)]
    [InlineData("1 1 1 1 1 1 3 3 3 3 3 3", "1 1 1 1 1 1 2 2 2 2 2 2", "0.00", "0.00", "50.00", "33.33")]
    [InlineData("1 1 1 1 1 1 1 1 1 1 1 1", "- - - - - - - - - - - -", null, null, null, null)]
    public void ASubtotalsChange_ComparesOnlyTheMonthsBothYearsHave(string current, string previous, string? month0, string? round1, string? round2, string? total)
    {
        var year = RevenueTrends.Build([2566], From(new() { [2566] = current, [2565] = previous })).Single();

        (year.Months[0].ChangePercent, year.Round1.ChangePercent, year.Round2.ChangePercent, year.Total.ChangePercent)
            .ShouldBe((N(month0), N(round1), N(round2), N(total)));
    }

    [Fact]
    public void TheYears_ComeOldestFirst_EachComparedWithTheYearBefore_AndTheOldestWithTheYearBeforeIt()
    {
        var years = RevenueTrends.Build([2566, 2564, 2565, 2565], From(new()
        {
            [2563] = "50 - - - - - - - - - - -",
            [2564] = "100 - - - - - - - - - - -",
            [2565] = "200 - - - - - - - - - - -",
            [2566] = "100 - - - - - - - - - - -",
        }));

        years.Select(y => y.FiscalYear).ShouldBe([2564, 2565, 2566]);
        years.Select(y => y.Months[0].ChangePercent).ShouldBe([100m, 100m, -50m]);
        years[0].Round(1).ShouldBe(years[0].Round1);
        years[0].Round(2).ShouldBe(years[0].Round2);
    }

    [Theory]
    [InlineData(10, 0)]
    [InlineData(11, 1)]
    [InlineData(12, 2)]
    [InlineData(1, 3)]
    [InlineData(3, 5)]
    [InlineData(4, 6)]
    [InlineData(9, 11)]
    public void ACalendarMonth_HasItsPlaceInTheFiscalYear(int month, int index)
    {
        RevenueTrends.MonthIndex(month).ShouldBe(index);
        new FiscalYear(2566).Months[index].Month.ShouldBe(month);
    }
}

namespace Otop.Domain.Tests;

public class MonthChoicesTests
{
    [Fact]
    public void Around_OffersThaiMonthsWithBuddhistYears_PostingGregorianMonths_NewestFirst()
    {
        var choices = MonthChoices.Around(new YearMonth(2026, 11), new YearMonth(2026, 11));

        choices[0].ShouldBe(new MonthChoices.Choice("2027-02", "กุมภาพันธ์ 2570"));
        choices.ShouldContain(new MonthChoices.Choice("2026-11", "พฤศจิกายน 2569"));
        choices[^1].ShouldBe(new MonthChoices.Choice("2024-10", "ตุลาคม 2567")); // the start of FY 2568, two years before FY 2570
        choices.Select(c => c.Value).ShouldBe(choices.Select(c => c.Value).OrderByDescending(v => v, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(2020, 1, "มกราคม 2563")]
    [InlineData(2030, 6, "มิถุนายน 2573")]
    public void Around_AlwaysOffersTheSelectedMonth_EvenFarFromToday(int year, int month, string text)
    {
        var choices = MonthChoices.Around(new YearMonth(2026, 11), new YearMonth(year, month));

        choices.ShouldContain(new MonthChoices.Choice(new YearMonth(year, month).ToString(), text));
        choices.Select(c => c.Value).ShouldBe(choices.Select(c => c.Value).OrderByDescending(v => v, StringComparer.Ordinal));
    }
}

using static Otop.Domain.Tests.TestData;

namespace Otop.Domain.Tests;

public class ChoroplethClassesTests
{
    [Theory]
    [InlineData(null, 0)]
    [InlineData("-12.5", 1)]
    [InlineData("-0.01", 1)]
    [InlineData("0", 2)]
    [InlineData("4.99", 2)]
    [InlineData("5", 3)]
    [InlineData("10", 4)]
    [InlineData("19.99", 4)]
    [InlineData("20", 5)]
    [InlineData("350", 5)]
    public void Of_AnIncrease_FallsInItsFixedBin(string? value, int expected)
    {
        ChoroplethClasses.Of(value is null ? null : D(value), ChoroplethClasses.IncreaseBreaks).ShouldBe(expected);
    }

    [Theory]
    [InlineData("0", 1)]
    [InlineData("49.9", 1)]
    [InlineData("50", 2)]
    [InlineData("94.99", 3)]
    [InlineData("95", 4)]
    [InlineData("100", 5)]
    public void Of_ACompleteness_OnlyAFullMonthIsTheTopClass(string value, int expected)
    {
        ChoroplethClasses.Of(D(value), ChoroplethClasses.CompletenessBreaks).ShouldBe(expected);
    }

    [Theory]
    [InlineData(null, 0)]
    [InlineData("1", 1)]
    [InlineData("1.9999", 1)]
    [InlineData("2", 2)]
    [InlineData("3.5", 3)]
    [InlineData("4", 4)]
    [InlineData("4.9999", 4)]
    [InlineData("5", 5)]
    public void Of_AScore_HasOneClassPerWholePoint(string? value, int expected)
    {
        ChoroplethClasses.Of(value is null ? null : D(value), ChoroplethClasses.ScoreBreaks).ShouldBe(expected);
    }

    [Fact]
    public void ScoreLabels_NameEveryScoreClassInWords()
    {
        ChoroplethClasses.ScoreLabels()
            .ShouldBe(["1 คะแนน (ต่ำกว่า 2)", "2 ถึงต่ำกว่า 3 คะแนน", "3 ถึงต่ำกว่า 4 คะแนน", "4 ถึงต่ำกว่า 5 คะแนน", "5 คะแนน"]);
    }

    [Fact]
    public void BandsInWords_ReadsLetter1sBands_TheLowestAsAFloor()
    {
        ChoroplethClasses.BandsInWords(ScoreTable.Letter1).ShouldBe(
            ["1 คะแนน: ต่ำกว่าร้อยละ 7", "2 คะแนน: ร้อยละ 7 ขึ้นไป", "3 คะแนน: ร้อยละ 8 ขึ้นไป", "4 คะแนน: ร้อยละ 9 ขึ้นไป", "5 คะแนน: ร้อยละ 10 ขึ้นไป"]);
    }

    [Fact]
    public void Labels_NameEveryClassFromLowestToHighest()
    {
        ChoroplethClasses.Labels(ChoroplethClasses.IncreaseBreaks)
            .ShouldBe(["ต่ำกว่า 0", "0 ถึงต่ำกว่า 5", "5 ถึงต่ำกว่า 10", "10 ถึงต่ำกว่า 20", "20 ขึ้นไป"]);
    }

    [Fact]
    public void Colours_HaveOneForNoDataAndOnePerClass()
    {
        ChoroplethClasses.Colours.Length.ShouldBe(ChoroplethClasses.IncreaseBreaks.Length + 2);
    }

    [Fact]
    public void ContrastRatio_IsWcags_BlackOnWhiteIs21AndAColourOnItselfIs1()
    {
        ChoroplethClasses.ContrastRatio("#000000", "#ffffff").ShouldBe(21, 0.001);
        ChoroplethClasses.ContrastRatio("#767676", "#ffffff").ShouldBe(4.54, 0.01);
        ChoroplethClasses.ContrastRatio("#6baed6", "#6baed6").ShouldBe(1, 0.001);
    }

    [Fact]
    public void EveryColour_StandsOutFromTheBoundaryByAtLeastThreeToOne()
    {
        foreach (var colour in ChoroplethClasses.Colours)
        {
            ChoroplethClasses.ContrastRatio(colour, ChoroplethClasses.Boundary).ShouldBeGreaterThanOrEqualTo(3, colour);
        }
    }
}

using static Otop.Domain.Tests.TestData;

namespace Otop.Domain.Tests;

public class ScoringTests
{
    // Letter 1, enclosure 1: the 9 Sa Kaeo districts' products and the threshold per score.
    public static TheoryData<string, int, decimal, decimal, decimal, decimal, decimal> Letter1Table => new()
    {
        { "เมือง", 406, 24.4m, 28.4m, 32.5m, 36.5m, 40.6m },
        { "เขาฉกรรจ์", 198, 11.9m, 13.9m, 15.8m, 17.8m, 19.8m },
        { "วัฒนานคร", 303, 18.2m, 21.2m, 24.2m, 27.3m, 30.3m },
        { "วังน้ำเย็น", 270, 16.2m, 18.9m, 21.6m, 24.3m, 27.0m },
        { "อรัญประเทศ", 220, 13.2m, 15.4m, 17.6m, 19.8m, 22.0m },
        { "วังสมบูรณ์", 147, 8.8m, 10.3m, 11.8m, 13.2m, 14.7m },
        { "คลองหาด", 164, 9.8m, 11.5m, 13.1m, 14.8m, 16.4m },
        { "โคกสูง", 86, 5.2m, 6.0m, 6.9m, 7.7m, 8.6m },
        { "ตาพระยา", 152, 9.1m, 10.6m, 12.2m, 13.7m, 15.2m },
    };

    [Theory]
    [MemberData(nameof(Letter1Table))]
    public void Threshold_ReproducesLetter1Row(string district, int products, decimal p6, decimal p7, decimal p8, decimal p9, decimal p10)
    {
        var row = ScoreTable.Letter1.Bands.Select(b => ScoreTable.Threshold(products, b.Percent)).ToArray();

        row.ShouldBe(new[] { p6, p7, p8, p9, p10 }, customMessage: district);
    }

    [Theory]
    [InlineData(406, 7, "28.4")]
    [InlineData(406, 6, "24.4")]
    [InlineData(270, 10, "27.0")]
    [InlineData(86, 7, "6.0")]
    [InlineData(303, 9, "27.3")]
    [InlineData(1946, 10, "194.6")]
    [InlineData(0, 10, "0")]
    [InlineData(25, 1, "0.3")]
    [InlineData(45, 1, "0.5")]
    [InlineData(5, 1, "0.1")]
    public void Threshold_ReproducesLetter1Cell(int count, int percent, string expected)
    {
        var threshold = ScoreTable.Threshold(count, percent);

        threshold.ShouldBe(D(expected));
    }

    [Fact]
    public void Letter1Table_AddsUpToTheLettersTotal()
    {
        Letter1Table.Select(row => (int)row[1]).Sum().ShouldBe(1946);
    }

    [Theory]
    [InlineData("0", 1)]
    [InlineData("5.99", 1)]
    [InlineData("6", 1)]
    [InlineData("6.99", 1)]
    [InlineData("6.9999", 1)]
    [InlineData("7", 2)]
    [InlineData("7.99", 2)]
    [InlineData("8", 3)]
    [InlineData("8.5", 3)]
    [InlineData("8.99", 3)]
    [InlineData("9", 4)]
    [InlineData("9.99", 4)]
    [InlineData("10", 5)]
    [InlineData("12", 5)]
    [InlineData("100", 5)]
    [InlineData("-1", 1)]
    public void StepScore_IsTheHighestBandReached(string achieved, int expected)
    {
        ScoreTable.Letter1.Score(D(achieved), ScoringMethod.Step).ShouldBe(expected);
    }

    [Theory]
    [InlineData("0", "1")]
    [InlineData("6", "1")]
    [InlineData("6.5", "1.5")]
    [InlineData("6.99", "1.99")]
    [InlineData("7", "2")]
    [InlineData("8.5", "3.5")]
    [InlineData("8.99", "3.99")]
    [InlineData("9", "4")]
    [InlineData("9.99", "4.99")]
    [InlineData("10", "5")]
    [InlineData("12", "5")]
    [InlineData("7.33333", "2.3333")]
    [InlineData("7.66666", "2.6667")]
    [InlineData("7.00005", "2.0001")]
    public void LinearScore_InterpolatesBetweenBands(string achieved, string expected)
    {
        ScoreTable.Letter1.Score(D(achieved), ScoringMethod.Linear).ShouldBe(D(expected));
    }

    [Theory]
    [InlineData("5", "1")]
    [InlineData("10", "1")]
    [InlineData("15", "2")]
    [InlineData("20", "3")]
    [InlineData("25", "3.25")]
    [InlineData("30", "3.5")]
    [InlineData("40", "4")]
    [InlineData("50", "4")]
    public void LinearScore_HandlesUnevenBands(string achieved, string expected)
    {
        var table = new ScoreTable([new ScoreBand(1, 10m), new ScoreBand(3, 20m), new ScoreBand(4, 40m)]);

        table.Score(D(achieved), ScoringMethod.Linear).ShouldBe(D(expected));
    }

    [Theory]
    [InlineData("19.99", 1)]
    [InlineData("20", 3)]
    [InlineData("39.99", 3)]
    [InlineData("40", 4)]
    public void StepScore_HandlesUnevenBands(string achieved, int expected)
    {
        var table = new ScoreTable([new ScoreBand(1, 10m), new ScoreBand(3, 20m), new ScoreBand(4, 40m)]);

        table.Score(D(achieved), ScoringMethod.Step).ShouldBe(expected);
    }

    [Fact]
    public void ScoreTable_KeepsItsBandsInOrder()
    {
        ScoreTable.Letter1.Bands.Select(b => (b.Score, b.Percent))
            .ShouldBe(new[] { (1, 6m), (2, 7m), (3, 8m), (4, 9m), (5, 10m) });
    }

    public static TheoryData<ScoreBand[]> InvalidBands => new()
    {
        Array.Empty<ScoreBand>(),
        new[] { new ScoreBand(1, 6m) },
        new[] { new ScoreBand(1, 6m), new ScoreBand(1, 7m) },
        new[] { new ScoreBand(2, 6m), new ScoreBand(1, 7m) },
        new[] { new ScoreBand(1, 6m), new ScoreBand(2, 6m) },
        new[] { new ScoreBand(1, 7m), new ScoreBand(2, 6m) },
        new[] { new ScoreBand(1, 6m), new ScoreBand(2, 7m), new ScoreBand(3, 7m) },
    };

    [Theory]
    [MemberData(nameof(InvalidBands))]
    public void ScoreTable_RefusesBandsThatDoNotBothIncrease(ScoreBand[] bands)
    {
        var error = Should.Throw<ArgumentException>(() => new ScoreTable(bands));

        error.Message.ShouldContain("ระดับ");
    }

    [Theory]
    [InlineData("29", "406", "7.14")]
    [InlineData("28", "406", "6.90")]
    [InlineData("1", "3", "33.33")]
    [InlineData("2", "3", "66.67")]
    [InlineData("1", "8", "12.50")]
    [InlineData("1", "1600", "0.06")]
    [InlineData("1", "16000", "0.01")]
    [InlineData("5", "0", "0")]
    [InlineData("0", "0", "0")]
    [InlineData("270", "270", "100")]
    public void AchievedPercent_IsRoundedToTwoDecimals(string part, string whole, string expected)
    {
        ScoreTable.AchievedPercent(D(part), D(whole)).ShouldBe(D(expected));
    }

    [Theory]
    [InlineData(406, 6, 25)]
    [InlineData(406, 7, 29)]
    [InlineData(406, 10, 41)]
    [InlineData(270, 10, 27)]
    [InlineData(86, 7, 7)]
    [InlineData(100, 7, 7)]
    [InlineData(0, 10, 0)]
    [InlineData(1, 10, 1)]
    public void ItemsNeeded_IsTheSmallestCountThatReachesThePercent(int count, int percent, int expected)
    {
        var k = ScoreTable.ItemsNeeded(count, percent);

        k.ShouldBe(expected);
        if (count > 0)
        {
            (100m * k / count >= percent).ShouldBeTrue();
            (100m * (k - 1) / count >= percent).ShouldBeFalse();
        }
    }

    [Theory]
    [InlineData(406)]
    [InlineData(198)]
    [InlineData(303)]
    [InlineData(270)]
    [InlineData(220)]
    [InlineData(147)]
    [InlineData(164)]
    [InlineData(86)]
    [InlineData(152)]
    public void ItemsNeeded_ReachesTheLevelAndOneFewerDoesNot(int products)
    {
        foreach (var band in ScoreTable.Letter1.Bands.Skip(1))
        {
            var k = ScoreTable.ItemsNeeded(products, band.Percent);
            var reached = ScoreTable.Letter1.Score(100m * k / products, ScoringMethod.Step);
            var missed = ScoreTable.Letter1.Score(100m * (k - 1) / products, ScoringMethod.Step);

            reached.ShouldBeGreaterThanOrEqualTo(band.Score);
            missed.ShouldBeLessThan(band.Score);
        }
    }

    [Theory]
    [InlineData("110", "100", "10")]
    [InlineData("90", "100", "-10")]
    [InlineData("100", "100", "0")]
    [InlineData("100", "0", "0")]
    [InlineData("0", "0", "0")]
    [InlineData("1000000.01", "1000000", "0")]
    [InlineData("100.005", "100", "0.01")]
    [InlineData("99.995", "100", "-0.01")]
    [InlineData("2", "3", "-33.33")]
    [InlineData("4", "3", "33.33")]
    [InlineData("12345678.90", "10000000.00", "23.46")]
    public void IncreasePercent_IsTheChangeOverTheBaseline(string revenue, string baseline, string expected)
    {
        ScoreTable.IncreasePercent(D(revenue), D(baseline)).ShouldBe(D(expected));
    }
}

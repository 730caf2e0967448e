using static Otop.Domain.Tests.TestData;

namespace Otop.Domain.Tests;

public class RankingTests
{
    // Entries "code:score:percent" ("-" for no score or no percent); expected "code=rank" in order, "-" for no rank.
    [Theory]
    [InlineData("", "")]
    [InlineData("A:5:12", "A=1")]
    [InlineData("A:3:8,B:5:12,C:4:9", "B=1,C=2,A=3")]
    [InlineData("A:5:12,B:4:10,C:4:10,D:3:9", "A=1,B=2,C=2,D=4")]
    [InlineData("A:4:10,B:4:10,C:4:10", "A=1,B=1,C=1")]
    [InlineData("A:5:12,B:5:11,C:5:12", "A=1,C=1,B=3")]
    [InlineData("A:5:12,B:5:12,C:4:9,D:4:9,E:1:0", "A=1,B=1,C=3,D=3,E=5")]
    [InlineData("A:5:10,B:4:30", "A=1,B=2")]
    [InlineData("Z:-:-,A:2:5,M:-:-", "A=1,M=-,Z=-")]
    [InlineData("A:-:-,B:-:-", "A=-,B=-")]
    [InlineData("A:1:-3.5,B:1:-1", "B=1,A=2")]
    [InlineData("A:0:0,B:0:-", "A=1,B=2")]
    public void Compete_OrdersByScoreThenPercent_TiesShareARank_NoDataLastUnranked(string entries, string expected)
    {
        var input = entries.Length == 0 ? [] : entries.Split(',').Select(e => e.Split(':'))
            .Select(p => new RankEntry(p[0], p[1] == "-" ? null : D(p[1]), p[2] == "-" ? null : D(p[2]))).ToList();

        var ranked = Ranking.Compete(input);

        string.Join(",", ranked.Select(r => $"{r.Entry.Code}={(r.Rank is { } n ? n.ToString() : "-")}")).ShouldBe(expected);
    }

    [Fact]
    public void Compete_KeepsEveryEntry_WithItsOwnFigures()
    {
        var input = new[] { new RankEntry("2701", D("3"), D("8.25")), new RankEntry("2702", null, null) };

        var ranked = Ranking.Compete(input);

        ranked.Select(r => r.Entry).ShouldBe([input[0], input[1]]);
    }
}

using System.Globalization;

namespace Otop.Domain.Tests;

public class ProducerMergeTests
{
    private static decimal[] Figures(string list) => list.Split(',').Select(f => decimal.Parse(f, CultureInfo.InvariantCulture)).ToArray();

    [Theory]
    [InlineData("1500.50", false)]
    [InlineData("1500.50,0", false)]   // the duplicate marked no sales
    [InlineData("0,1500.50", false)]   // the kept one marked no sales, the duplicate holds the figure
    [InlineData("0,0,0", false)]
    [InlineData("1500.50,200", true)]  // two figures: reported twice, or two sales? The officer decides.
    [InlineData("0,0.01,0.01", true)]
    public void TwoNonZeroFiguresForOneSlot_Conflict_AnyOtherMixDoesNot(string figures, bool conflicts) =>
        ProducerMerge.Conflicts(Figures(figures)).ShouldBe(conflicts);

    [Theory]
    [InlineData("1500.50,0", "1500.50")]
    [InlineData("0,0,99.99", "99.99")]
    [InlineData("0,0", "0")]
    public void TheMergedFigure_IsTheSum_SoTheMonthsTotalIsUnchanged(string figures, string merged) =>
        ProducerMerge.Combined(Figures(figures)).ShouldBe(Figures(merged)[0]);

    [Fact]
    public void CombiningConflictingFigures_IsABug() =>
        Should.Throw<InvalidOperationException>(() => ProducerMerge.Combined([1m, 2m]));
}

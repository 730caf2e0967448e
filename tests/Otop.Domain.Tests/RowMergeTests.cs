namespace Otop.Domain.Tests;

public class RowMergeTests
{
    // Each row: base, saved (the colleague's), typed (this officer's); "" = no figure. Then the outcome and the merged value.
    [Theory]
    [InlineData("100", "100", "100", RowMergeOutcome.Unchanged, "100")]
    [InlineData("", "", "", RowMergeOutcome.Unchanged, "")]
    [InlineData("100", "150", "100", RowMergeOutcome.TheirsKept, "150")]
    [InlineData("100", "", "100", RowMergeOutcome.TheirsKept, "")]
    [InlineData("", "70", "", RowMergeOutcome.TheirsKept, "70")]
    [InlineData("100", "100", "120", RowMergeOutcome.MineApplied, "120")]
    [InlineData("", "", "0", RowMergeOutcome.MineApplied, "0")]
    [InlineData("100", "100", "", RowMergeOutcome.MineApplied, "")]
    [InlineData("100", "130", "130", RowMergeOutcome.SameChange, "130")]
    [InlineData("", "5", "5", RowMergeOutcome.SameChange, "5")]
    [InlineData("100", "130", "140", RowMergeOutcome.Conflict, "130")]
    [InlineData("", "5", "6", RowMergeOutcome.Conflict, "5")]
    [InlineData("100", "", "140", RowMergeOutcome.Conflict, "")]
    [InlineData("100", "130", "", RowMergeOutcome.Conflict, "130")]
    public void OneRow_MergesByWhoChangedIt(string baseValue, string saved, string typed, RowMergeOutcome outcome, string merged)
    {
        var row = RowMerge.Merge(Table(baseValue), Table(saved), Table(typed)).SingleOrDefault();

        if (baseValue == "" && saved == "" && typed == "")
        {
            row.ShouldBeNull("a row no version has is not a row");
            return;
        }
        row.ShouldNotBeNull();
        row.Outcome.ShouldBe(outcome);
        (row.Merged ?? "").ShouldBe(merged);
    }

    [Fact]
    public void ATable_MergesEachRowOnItsOwn_InKeyOrder()
    {
        var rows = RowMerge.Merge(
            new Dictionary<string, decimal> { ["a"] = 1, ["b"] = 2, ["c"] = 3, ["d"] = 4 },
            new Dictionary<string, decimal> { ["a"] = 10, ["b"] = 2, ["c"] = 30, ["d"] = 4 },
            new Dictionary<string, decimal> { ["a"] = 1, ["b"] = 20, ["c"] = 31, ["d"] = 4, ["e"] = 5 });

        rows.Select(r => (r.Key, r.Outcome, r.Merged)).ShouldBe([
            ("a", RowMergeOutcome.TheirsKept, 10m), ("b", RowMergeOutcome.MineApplied, 20m), ("c", RowMergeOutcome.Conflict, 30m),
            ("d", RowMergeOutcome.Unchanged, 4m), ("e", RowMergeOutcome.MineApplied, 5m)]);
    }

    [Fact]
    public void ACustomComparer_DecidesWhatCountsAsAChange()
    {
        var rows = RowMerge.Merge(
            new Dictionary<string, string> { ["a"] = "x" }, new Dictionary<string, string> { ["a"] = "X" },
            new Dictionary<string, string> { ["a"] = "y" }, StringComparer.OrdinalIgnoreCase);

        rows.Single().Outcome.ShouldBe(RowMergeOutcome.MineApplied);
    }

    private static Dictionary<string, string> Table(string value) => value == "" ? [] : new() { ["row"] = value };
}

namespace Otop.Domain;

/// <summary>What happened to one row between the version an officer started from and now (<see cref="RowMerge"/>).</summary>
public enum RowMergeOutcome
{
    /// <summary>Nobody changed it: it stays.</summary>
    Unchanged,
    /// <summary>Only the colleague (the saved version) changed it: the colleague's value is kept.</summary>
    TheirsKept,
    /// <summary>Only this officer changed it: the typed value is applied.</summary>
    MineApplied,
    /// <summary>Both changed it to the same value: that value.</summary>
    SameChange,
    /// <summary>Both changed it to different values: the officer must choose.</summary>
    Conflict,
}

/// <summary>One row of a three-way merge: its key, the three values (null = no figure) and the outcome with the merged value.</summary>
public sealed record RowMergeResult<T>(string Key, T? Base, T? Saved, T? Typed, RowMergeOutcome Outcome, T? Merged);

/// <summary>
/// The three-way merge of a table saved on a stale version (issue 15, item 3), per row: the rows the officer started from
/// (base), the rows saved since by a colleague (saved) and the rows typed (typed). A row only the colleague changed keeps
/// the colleague's value, a row only the officer changed takes the typed value, a row both changed to different values is a
/// conflict (its merged value is the saved one until the officer chooses), a row nobody changed stays. A missing key is a
/// row without a value (null), so adding and removing a figure merge like any change.
/// </summary>
public static class RowMerge
{
    public static List<RowMergeResult<T>> Merge<T>(IReadOnlyDictionary<string, T> baseRows, IReadOnlyDictionary<string, T> savedRows,
        IReadOnlyDictionary<string, T> typedRows, IEqualityComparer<T>? comparer = null)
    {
        comparer ??= EqualityComparer<T>.Default;
        var keys = baseRows.Keys.Union(savedRows.Keys).Union(typedRows.Keys).Distinct().OrderBy(k => k, StringComparer.Ordinal);
        var result = new List<RowMergeResult<T>>();
        foreach (var key in keys)
        {
            var hasBase = baseRows.TryGetValue(key, out var b);
            var hasSaved = savedRows.TryGetValue(key, out var s);
            var hasTyped = typedRows.TryGetValue(key, out var t);
            var theirsChanged = !Same(hasBase, b, hasSaved, s, comparer);
            var mineChanged = !Same(hasBase, b, hasTyped, t, comparer);
            var (outcome, merged) = (theirsChanged, mineChanged) switch
            {
                (false, false) => (RowMergeOutcome.Unchanged, s),
                (true, false) => (RowMergeOutcome.TheirsKept, s),
                (false, true) => (RowMergeOutcome.MineApplied, t),
                _ when Same(hasSaved, s, hasTyped, t, comparer) => (RowMergeOutcome.SameChange, s),
                _ => (RowMergeOutcome.Conflict, s),
            };
            result.Add(new RowMergeResult<T>(key, b, s, t, outcome, merged));
        }
        return result;
    }

    private static bool Same<T>(bool hasLeft, T? left, bool hasRight, T? right, IEqualityComparer<T> comparer) =>
        hasLeft == hasRight && (!hasLeft || comparer.Equals(left!, right!));
}

namespace Otop.Domain;

/// <summary>
/// Merging likely duplicate producers (issue 16, item 9): the figures of the records merged away move to the one kept.
/// Where two of them have a figure for the same slot (a month's รต.1 entry, an estimate month) the merge takes their sum
/// only when at most one is non-zero: a duplicate marked "ไม่มียอดขายเดือนนี้" (0) beside the real figure, which item 6
/// makes the usual case for every certified month, keeps the real figure and the month's total. Two non-zero figures may
/// be one sale reported twice or two real sales; neither DOMAIN nor the letters say which, so the officer corrects the
/// month first (an unlock for a certified one) and the merge refuses, naming the month.
/// </summary>
public static class ProducerMerge
{
    /// <summary>True when the figures of one slot cannot be merged: more than one of them is non-zero.</summary>
    public static bool Conflicts(IEnumerable<decimal> figures) => figures.Count(f => f != 0m) > 1;

    /// <summary>The slot's figure after the merge: the sum, which is the one non-zero figure, so every total stays equal.</summary>
    public static decimal Combined(IEnumerable<decimal> figures) =>
        Conflicts(figures) ? throw new InvalidOperationException("Conflicting figures are refused before they are combined.") : figures.Sum();
}

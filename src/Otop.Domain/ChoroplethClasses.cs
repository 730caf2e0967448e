using System.Globalization;

namespace Otop.Domain;

/// <summary>
/// Class breaks of the maps (issue 17, item 3): five fixed bins per percentage figure, so the same colour means the same
/// range on every map and every month, plus a 'no data' class (class 0) for a region without a figure. Lower bounds are
/// inclusive. Colours are a sequential blue ramp; the legend's text carries the meaning, never the colour alone.
/// </summary>
public static class ChoroplethClasses
{
    public const int NoData = 0;

    /// <summary>Revenue increase of the round (%): below 0, 0–5, 5–10, 10–20, 20 and more.</summary>
    public static readonly decimal[] IncreaseBreaks = [0m, 5m, 10m, 20m];

    /// <summary>Reporting completeness of the month (% of districts confirmed): below 50, 50–80, 80–95, 95–100, 100.</summary>
    public static readonly decimal[] CompletenessBreaks = [50m, 80m, 95m, 100m];

    public static readonly string[] Colours = ["#ffffff", "#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"];

    /// <summary>The class (1–5) of <paramref name="value"/> under <paramref name="breaks"/>, or <see cref="NoData"/>.</summary>
    public static int Of(decimal? value, IReadOnlyList<decimal> breaks)
    {
        if (value is not { } v) return NoData;
        var cls = 1;
        foreach (var b in breaks) if (v >= b) cls++;
        return cls;
    }

    /// <summary>Legend labels, one per class 1–5, for the given breaks ("ต่ำกว่า 0", "0 – 5", … "20 ขึ้นไป").</summary>
    public static IReadOnlyList<string> Labels(IReadOnlyList<decimal> breaks)
    {
        static string N(decimal d) => d.ToString("0.##", CultureInfo.InvariantCulture);
        var labels = new List<string> { $"ต่ำกว่า {N(breaks[0])}" };
        for (var i = 0; i + 1 < breaks.Count; i++) labels.Add($"{N(breaks[i])} ถึงต่ำกว่า {N(breaks[i + 1])}");
        labels.Add($"{N(breaks[^1])} ขึ้นไป");
        return labels;
    }
}

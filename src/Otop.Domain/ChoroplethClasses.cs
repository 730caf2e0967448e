using System.Globalization;

namespace Otop.Domain;

/// <summary>
/// Class breaks of the maps (issue 17, item 3): five fixed bins per percentage figure, so the same colour means the same
/// range on every map and every month, plus a 'no data' class (class 0) for a region without a figure. Lower bounds are
/// inclusive. Colours are a sequential blue ramp; the legend's text carries the meaning, never the colour alone. Every
/// colour keeps 3:1 (WCAG 1.4.11, non-text contrast) against <see cref="Boundary"/>, the line drawn round each region:
/// the ramp stops at #2171b5 because ColorBrewer's darkest blue (#08519c) has only 2.4:1 against a dark boundary.
/// </summary>
public static class ChoroplethClasses
{
    public const int NoData = 0;

    /// <summary>Revenue increase of the round (%): below 0, 0–5, 5–10, 10–20, 20 and more.</summary>
    public static readonly decimal[] IncreaseBreaks = [0m, 5m, 10m, 20m];

    /// <summary>Reporting completeness of the month (% of districts confirmed): below 50, 50–80, 80–95, 95–100, 100.</summary>
    public static readonly decimal[] CompletenessBreaks = [50m, 80m, 95m, 100m];

    /// <summary>
    /// An indicator's score (letter 1's and letter 2's bands, 1–5): one class per whole point, so a linear (OPDC) score of
    /// 3.5 sits with 3 and only a full 5 is the top class; the lowest band is a floor (<see cref="ScoreTable"/>).
    /// </summary>
    public static readonly decimal[] ScoreBreaks = [2m, 3m, 4m, 5m];

    public static readonly string[] Colours = ["#ffffff", "#eff3ff", "#bdd7e7", "#6baed6", "#4292c6", "#2171b5"];

    /// <summary>The boundary between regions (and round the legend's swatches).</summary>
    public const string Boundary = "#111111";

    /// <summary>WCAG 2 contrast ratio of two "#rrggbb" colours (1 to 21).</summary>
    public static double ContrastRatio(string a, string b)
    {
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    private static double Luminance(string hex)
    {
        static double Channel(string hex, int at)
        {
            var c = int.Parse(hex.AsSpan(at, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * Channel(hex, 1) + 0.7152 * Channel(hex, 3) + 0.0722 * Channel(hex, 5);
    }

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

    /// <summary>Legend labels of the score classes 1–5 ("1 คะแนน (ต่ำกว่า 2)", "2 ถึงต่ำกว่า 3 คะแนน", … "5 คะแนน").</summary>
    public static IReadOnlyList<string> ScoreLabels()
    {
        static string N(decimal d) => d.ToString("0.##", CultureInfo.InvariantCulture);
        var labels = new List<string> { $"1 คะแนน (ต่ำกว่า {N(ScoreBreaks[0])})" };
        for (var i = 0; i + 1 < ScoreBreaks.Length; i++) labels.Add($"{N(ScoreBreaks[i])} ถึงต่ำกว่า {N(ScoreBreaks[i + 1])} คะแนน");
        labels.Add($"{N(ScoreBreaks[^1])} คะแนน");
        return labels;
    }

    /// <summary>
    /// A round's bands in words for a legend: the lowest band is a floor ("1 คะแนน: ต่ำกว่าร้อยละ 7", letter 1's "&lt; 7%"),
    /// every other band from its percent ("2 คะแนน: ร้อยละ 7 ขึ้นไป").
    /// </summary>
    public static IReadOnlyList<string> BandsInWords(ScoreTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        static string N(decimal d) => d.ToString("0.##", CultureInfo.InvariantCulture);
        var bands = table.Bands;
        return [$"{bands[0].Score} คะแนน: ต่ำกว่าร้อยละ {N(bands[1].Percent)}",
            .. bands.Skip(1).Select(b => $"{b.Score} คะแนน: ร้อยละ {N(b.Percent)} ขึ้นไป")];
    }
}

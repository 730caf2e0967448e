using System.Globalization;
using System.Text.Json;
using Otop.Domain;

namespace Otop.Web.Features.Revenue;

/// <summary>One producer's figure as the merge compares it: the amount, the "no sales" mark and the explanation.</summary>
public sealed record EntryFigure(decimal Amount, bool NoSales, string? Explanation)
{
    public static EntryFigure Of(EntryInput e) =>
        new(e.EffectiveAmount ?? 0m, e.NoSales == true, string.IsNullOrWhiteSpace(e.Explanation) ? null : e.Explanation.Trim());

    public static EntryFigure Of(RevenueEntryDto e) => new(e.Amount, e.NoSales, e.Explanation);

    public EntryInput ToInput(string code) => new(code, Amount, Explanation, NoSales ? true : null);

    /// <summary>As the grid shows it: "ไม่มียอดขาย" or the amount with separators.</summary>
    public string Display => NoSales ? "ไม่มียอดขาย" : ThaiDigits.FormatNumber(Amount, 2, false);
}

/// <summary>
/// The รต.1 page's three-way merge (issue 15, item 3): the figures the page started from travel with the form as one hidden
/// field (<see cref="Encode"/>, one form value whatever the district's size); on a stale version the page merges them with
/// the figures saved since and the typed ones per producer (<see cref="RowMerge"/>).
/// </summary>
public static class EntryMerge
{
    private sealed record Stored(string C, decimal A, bool N, string? X);

    public static string Encode(IEnumerable<RevenueEntryDto> entries) =>
        JsonSerializer.Serialize(entries.Select(e => new Stored(e.EntrepreneurCode, e.Amount, e.NoSales, e.Explanation)));

    /// <summary>The base as posted; anything unreadable is an empty base, so every row both sides changed is asked about, never overwritten.</summary>
    public static Dictionary<string, EntryFigure> Decode(string? text)
    {
        var result = new Dictionary<string, EntryFigure>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(text) || text.Length > 1_000_000) return result;
        try
        {
            foreach (var s in JsonSerializer.Deserialize<List<Stored>>(text) ?? [])
            {
                if (s?.C is { Length: > 0 and <= 64 } code && RevenueFigures.AmountError(s.A) is null) result[code] = new EntryFigure(s.A, s.N, s.X);
            }
        }
        catch (JsonException)
        {
            result.Clear();
        }
        return result;
    }

    public static List<RowMergeResult<EntryFigure>> Merge(Dictionary<string, EntryFigure> baseRows, IEnumerable<RevenueEntryDto> saved,
        IEnumerable<EntryInput> typed) =>
        RowMerge.Merge(baseRows, saved.ToDictionary(e => e.EntrepreneurCode, EntryFigure.Of, StringComparer.Ordinal),
            typed.Where(t => !string.IsNullOrWhiteSpace(t.EntrepreneurCode)).GroupBy(t => t.EntrepreneurCode!.Trim())
                .ToDictionary(g => g.Key, g => EntryFigure.Of(g.First()), StringComparer.Ordinal));

    public static string AmountText(EntryFigure? f) =>
        f is null || f.NoSales ? "" : ThaiMoney.Format(f.Amount);
}

namespace Otop.Domain;

/// <summary>One unit to rank: its code (the last tie-breaker, for a stable order), score and percent; no score = no data.</summary>
public sealed record RankEntry(string Code, decimal? Score, decimal? Percent);

/// <summary>A ranked unit: its place (null for a unit without data, listed last) and the entry.</summary>
public sealed record RankPlace(int? Rank, RankEntry Entry);

/// <summary>
/// The rankings of issue 17 item 2: units ordered by score, then percent, both descending; units with the same score
/// and the same percent share a rank and the next rank skips as many places (competition ranking, 1, 2, 2, 4). Units
/// without a score (not reported, no baseline, no product) come last without a rank. Within a tie, or among the units
/// without data, the code orders them (ordinal).
/// </summary>
public static class Ranking
{
    public static List<RankPlace> Compete(IEnumerable<RankEntry> entries)
    {
        var all = entries.ToList();
        var scored = all.Where(e => e.Score is not null)
            .OrderByDescending(e => e.Score)
            .ThenByDescending(e => e.Percent ?? decimal.MinValue)
            .ThenBy(e => e.Code, StringComparer.Ordinal)
            .ToList();
        var places = new List<RankPlace>(all.Count);
        for (var i = 0; i < scored.Count; i++)
        {
            var tied = i > 0 && scored[i].Score == scored[i - 1].Score && scored[i].Percent == scored[i - 1].Percent;
            places.Add(new RankPlace(tied ? places[i - 1].Rank : i + 1, scored[i]));
        }
        places.AddRange(all.Where(e => e.Score is null).OrderBy(e => e.Code, StringComparer.Ordinal).Select(e => new RankPlace(null, e)));
        return places;
    }
}

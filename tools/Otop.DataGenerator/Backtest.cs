using System.Globalization;
using Otop.Domain;

namespace Otop.DataGenerator;

/// <summary>
/// Issue 17, item 6: the back-test of the round-end forecast (<see cref="RevenueForecast"/>) on the generated years. For
/// every district, every round with at least one earlier year, and each month 1…5 of the round, the round is forecast
/// from its first months and the earlier years, as the app does, and compared with the round's actual total. The error
/// of a district at month k is the mean absolute percentage error over its rounds; the table gives the mean, median and
/// 90th percentile of those over districts, the share of rounds whose actual total fell inside the interval, and, for
/// comparison, the naive "observed × 6 / k".
/// </summary>
public static class Backtest
{
    public static void Run(NationalData data, TextWriter output, string? csvPath)
    {
        // District → month → total, from every producer's figure (a district month exists when any producer reported).
        var totals = data.Districts.ToDictionary(d => d.Code, _ => new Dictionary<YearMonth, decimal>());
        for (var i = 0; i < data.Months.Count; i++)
        {
            var month = data.Months[i];
            foreach (var (producer, amount) in data.FiguresOf(data.Producers, i))
            {
                var months = totals[producer.District.Code];
                months[month] = months.GetValueOrDefault(month) + amount;
            }
        }

        var errors = new Dictionary<(string District, int K), List<decimal>>();
        var naive = new Dictionary<int, List<decimal>>();
        var inside = new int[6];
        var counted = new int[6];
        for (var fy = data.Scale.FirstFiscalYear + 1; fy <= data.Scale.LastFiscalYear; fy++)
        {
            foreach (var round in new[] { 1, 2 })
            {
                var roundMonths = new FiscalYear(fy).MonthsOfRound(round);
                foreach (var (district, months) in totals)
                {
                    if (!roundMonths.All(months.ContainsKey)) continue;
                    var actual = roundMonths.Sum(m => months[m]);
                    if (actual <= 0m) continue;
                    // Only what was known then: months before the round (the projection looks back whole years).
                    var history = months.Where(kv => kv.Key < roundMonths[0]).ToDictionary();
                    for (var k = 1; k <= 5; k++)
                    {
                        var observed = roundMonths.Take(k).ToDictionary(m => m, m => months[m]);
                        var (projection, _) = RevenueForecast.Project(roundMonths, observed, history);
                        if (projection is null) continue;
                        var key = (district, k);
                        if (!errors.TryGetValue(key, out var list)) errors[key] = list = [];
                        list.Add(Math.Abs(projection.Projected - actual) / actual * 100m);
                        if (!naive.TryGetValue(k, out var n)) naive[k] = n = [];
                        n.Add(Math.Abs(projection.Observed * 6m / k - actual) / actual * 100m);
                        counted[k]++;
                        if (actual >= projection.Low && actual <= projection.High) inside[k]++;
                    }
                }
            }
        }

        output.WriteLine("| month of the round | districts | rounds | MAPE mean over districts | median | p90 | worst district | actual inside the interval | naive observed × 6 / k |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|");
        for (var k = 1; k <= 5; k++)
        {
            var perDistrict = errors.Where(e => e.Key.K == k).Select(e => e.Value.Average()).Order().ToList();
            if (perDistrict.Count == 0) continue;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {k} | {perDistrict.Count} | {counted[k]:N0} | {perDistrict.Average():0.00} % | {Percentile(perDistrict, 0.5m):0.00} % | {Percentile(perDistrict, 0.9m):0.00} % | {perDistrict[^1]:0.00} % | {100m * inside[k] / counted[k]:0.0} % | {naive[k].Average():0.00} % |"));
        }

        if (csvPath is null) return;
        using var csv = new StreamWriter(csvPath);
        csv.WriteLine("district,month_of_round,rounds,mape_percent");
        foreach (var ((district, k), list) in errors.OrderBy(e => e.Key.District, StringComparer.Ordinal).ThenBy(e => e.Key.K))
        {
            csv.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{district},{k},{list.Count},{Rounding.HalfAwayFromZero(list.Average(), 2)}"));
        }
        output.WriteLine($"per district: {csvPath}");
    }

    private static decimal Percentile(List<decimal> sorted, decimal p) => sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * (sorted.Count - 1) + 0.5m))];
}

using System.Globalization;
using System.Net.Http.Headers;

namespace Otop.Benchmarks;

/// <summary>
/// The app's own Prometheus endpoint (issue 18 item 4; docs/operations.md "Telemetry"), scraped with the token run.sh gave
/// the app: snapshots before and after a scenario, and the gauges (queues) polled while it runs, so the benchmark can say
/// where the time goes.
/// </summary>
public sealed class AppMetrics(string baseUrl, string token, string path = "metrics") : IDisposable
{
    private readonly HttpClient _http = new()
    {
        BaseAddress = new Uri(baseUrl.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(30),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
    };

    /// <summary>One scrape: every series (name with its labels, as written) and its value.</summary>
    public async Task<Snapshot> ScrapeAsync(string? saveTo = null)
    {
        var text = await _http.GetStringAsync(path);
        if (saveTo is not null) await File.WriteAllTextAsync(saveTo, text);
        var series = new Dictionary<string, double>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            // The last brace: a label value may hold braces of its own (http_route="/api/v1/revenue/{districtCode}/{month}").
            var end = line.LastIndexOf('}') is var brace and >= 0 ? brace + 1 : line.IndexOf(' ');
            if (end <= 0 || end >= line.Length) continue;
            var value = line[end..].Trim().Split(' ')[0];
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) series[line[..end]] = v;
        }
        return new Snapshot(series);
    }

    /// <summary>
    /// Polls the gauges named every <paramref name="every"/> until <paramref name="stop"/> is cancelled; a gauge may be
    /// "name|label" to sum only the series with that label (<c>db_client_connection_count|state="used"</c>).
    /// </summary>
    public async Task<Dictionary<string, List<double>>> WatchAsync(string[] gauges, TimeSpan every, CancellationToken stop)
    {
        var seen = gauges.ToDictionary(g => g, _ => new List<double>());
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var now = await ScrapeAsync();
                foreach (var g in gauges)
                {
                    var (name, labels) = g.Split('|') is [var n, .. var l] ? (n, l) : (g, []);
                    if (now.Has(name)) seen[g].Add(now.Sum(name, labels));
                }
                await Task.Delay(every, stop);
            }
            catch (OperationCanceledException) { break; }
            catch (HttpRequestException) { }
        }
        return seen;
    }

    public void Dispose() => _http.Dispose();

    public sealed class Snapshot(Dictionary<string, double> series)
    {
        public bool Has(string name) => series.Keys.Any(k => Name(k) == name);

        /// <summary>The sum over the series of <paramref name="name"/> whose labels contain every one of <paramref name="labels"/>.</summary>
        public double Sum(string name, params string[] labels) =>
            series.Where(kv => Name(kv.Key) == name && labels.All(kv.Key.Contains)).Sum(kv => kv.Value);

        /// <summary>A histogram's cumulative bucket counts (by upper bound) over the matching series.</summary>
        public SortedDictionary<double, double> Buckets(string name, params string[] labels)
        {
            var buckets = new SortedDictionary<double, double>();
            foreach (var (key, value) in series.Where(kv => Name(kv.Key) == name + "_bucket" && labels.All(kv.Key.Contains)))
            {
                var le = key[(key.IndexOf("le=\"", StringComparison.Ordinal) + 4)..];
                le = le[..le.IndexOf('"')];
                var bound = le == "+Inf" ? double.PositiveInfinity : double.Parse(le, CultureInfo.InvariantCulture);
                buckets[bound] = buckets.GetValueOrDefault(bound) + value;
            }
            return buckets;
        }

        public IEnumerable<string> Names => series.Keys.Select(Name).Distinct().Order(StringComparer.Ordinal);

        private static string Name(string key) => key.IndexOf('{') is var i and >= 0 ? key[..i] : key;
    }

    /// <summary>The upper bound of the bucket holding the <paramref name="q"/> quantile of the increase between two scrapes.</summary>
    public static double Quantile(SortedDictionary<double, double> before, SortedDictionary<double, double> after, double q)
    {
        var total = after.Values.DefaultIfEmpty(0).Max() - before.Values.DefaultIfEmpty(0).Max();
        if (total <= 0) return double.NaN;
        foreach (var (bound, count) in after)
        {
            if (count - before.GetValueOrDefault(bound) >= q * total) return bound;
        }
        return double.PositiveInfinity;
    }
}

using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Otop.Benchmarks;
using Otop.DataGenerator;

// Issue 8's benchmark suite (docs/benchmarks.md); benchmarks/run.sh starts PostgreSQL and the app and calls this twice:
//   --phase load     B3 (registry import CSV and XLSX against COPY), then the rest of the bulk load
//   --phase measure  B1 (KPI results), B4 (report files), B5 (national pages and calls), B2 (month-end surge); prints and
//                    writes the table
// Options: --scale full|small --url http://… --user U --password P --connection "Host=…" [--app-pid N] --results FILE
//          --writable 2024-11,2024-10 (months open for district writes at the app's Clock__Now)
//          --only B1,B2,B3,B4,B5 (the scenarios to run; the load runs anyway, the registry by COPY when B3 is left out)
//          --now 2024-11-02T10:00:00+07:00 (the app's Clock__Now) --metrics-token T (scrape the app's /metrics around B2)
string Option(string name, string? fallback = null) =>
    args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback ?? throw new ArgumentException($"missing {name}");
var phase = Option("--phase");
var scale = Scale.Parse(Option("--scale", "small"));
var url = Option("--url");
var connection = Option("--connection");
var results = Option("--results");
int? appPid = int.TryParse(Option("--app-pid", ""), out var pid) ? pid : null;
var only = Option("--only", "B1,B2,B3,B4,B5").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
    .ToHashSet(StringComparer.OrdinalIgnoreCase);

// Before each scenario: up to 3 minutes for the previous one's tail to die down (the load is read after the wait, and written).
Task<LoadBefore> Settle() => LoadBefore.SettleAsync(Console.Out, TimeSpan.FromMinutes(3));

var data = new NationalData(scale);
using var admin = await ImportLoader.LogInAsync(url, Option("--user"), Option("--password"));
var scenarios = new Scenarios(data, admin, connection, appPid, Console.Out);
Console.WriteLine($"scale {scale.Name}: {data.Districts.Count} districts, {data.Producers.Count:N0} producers, {data.Products.Count:N0} products, " +
                  $"{data.Months.Count} months; largest province {scenarios.LargestProvince}");

if (phase == "load")
{
    await using var db = new NpgsqlConnection(connection);
    await db.OpenAsync();
    if (only.Contains("B3"))
    {
        var before = await Settle();
        Measure.Append(results, await scenarios.B3Async(), before);
    }
    else await BulkLoader.RegistryAsync(data, db);
    var watch = Stopwatch.StartNew();
    await BulkLoader.ListingsAsync(data, db);
    await BulkLoader.IndicatorsAsync(scale, db);
    var (months, entries) = await BulkLoader.RevenueAsync(data, db);
    var revenue = watch.Elapsed.TotalSeconds;
    await BulkLoader.ExecuteAsync(db, "ANALYZE");
    Console.WriteLine($"bulk: {data.Listings.Count:N0} listings, {months:N0} district months, {entries:N0} figures in {revenue:0.0} s; analyze {watch.Elapsed.TotalSeconds - revenue:0.0} s");
    Measure.Append(results,
    [
        new("load (path b, COPY): listings, indicators, revenue", $"{entries:N0} figures, {months:N0} months", $"{revenue:0.0} s", null, "–", null,
            "registry part = B3 raw; one load, not a benchmark figure") { Samples = 1 },
    ]);
    return 0;
}

var writable = Option("--writable", "2024-11,2024-10").Split(',');
if (only.Contains("B1"))
{
    var load = await Settle();
    Measure.Append(results, await scenarios.B1Async(), load);
}
if (only.Contains("B4"))
{
    var load = await Settle();
    Measure.Append(results, await scenarios.B4Async(writable[^1]), load);
}
if (only.Contains("B5"))
{
    var load = await Settle();
    Measure.Append(results, await scenarios.B5Async(url, Option("--user"), Option("--password"), DateTimeOffset.Parse(Option("--now", "2024-11-02T10:00:00+07:00"), CultureInfo.InvariantCulture)), load);
}
// BENCH_B2_ROUNDS: more saves per officer for a steadier figure when sweeping a setting (default 3, the scenario's).
var b2Rounds = int.TryParse(Environment.GetEnvironmentVariable("BENCH_B2_ROUNDS"), out var r) && r > 0 ? r : 3;
if (only.Contains("B2"))
{
    var load = await Settle();
    using var metrics = Option("--metrics-token", "") is { Length: > 0 } token ? new AppMetrics(url, token) : null;
    Measure.Append(results, await scenarios.B2Async(url, writable, scale.Name == "full" ? 400 : 40, b2Rounds, 100, metrics,
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(results))!, $"metrics-{scale.Name}-{{when}}-B2.txt")), load);
}

var table = Measure.Markdown(Measure.Load(results));
Console.WriteLine();
Console.WriteLine(table);
File.WriteAllText(Path.ChangeExtension(results, ".md"), table + "\n");
return 0;

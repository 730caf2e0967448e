using System.Diagnostics;
using Npgsql;
using Otop.Web.Features.Registry;
// tools/Otop.DataGenerator (issue 8, docs/benchmarks.md): a deterministic national data set and its two load paths.
//   stats   [--scale full|small|tiny]                                 counts, the largest province, the figures' sum
//   files   [--scale …] --out DIR                                     registry.csv, registry.xlsx, revenue-<FY>.csv
//   bulk    [--scale …] --connection "Host=…;Database=…;Username=…"   binary COPY into a migrated, empty app database
//   import  [--scale …] --url http://… --user U --password P [--months-per-file N]   through the app's import API
//   indicators [--scale …] --connection …                             the two indicators (no API for them)
//   backtest [--scale …] [--out FILE.csv]                              the round-end forecast's error on the generated years (issue 17)
namespace Otop.DataGenerator;

internal static class GeneratorProgram
{
    private static async Task<int> Main(string[] args)
    {
        var command = args.FirstOrDefault() ?? "stats";
        string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var scale = Scale.Parse(Option("--scale") ?? "small");
        var watch = Stopwatch.StartNew();
        var data = new NationalData(scale);
        Console.WriteLine($"scale {scale.Name}: {data.Districts.Select(d => d.ProvinceCode).Distinct().Count()} provinces, {data.Districts.Count} districts, " +
                          $"{data.Producers.Count:N0} producers, {data.Products.Count:N0} products, {data.Listings.Count:N0} listings, {data.Months.Count} months " +
                          $"(generated in {watch.Elapsed.TotalSeconds:0.0} s)");

        switch (command)
        {
            case "stats":
                var largest = data.Producers.GroupBy(p => p.District.ProvinceCode).OrderByDescending(g => g.Count()).First();
                var largestDistrict = data.Producers.GroupBy(p => p.District.Code).OrderByDescending(g => g.Count()).First();
                Console.WriteLine($"largest province {largest.Key}: {largest.Count():N0} producers; largest district {largestDistrict.Key}: {largestDistrict.Count():N0}; " +
                                  $"districts with ≥ 100 producers: {data.Producers.GroupBy(p => p.District.Code).Count(g => g.Count() >= 100)}");
                long figures = 0;
                var sum = 0m;
                for (var m = 0; m < data.Months.Count; m++)
                {
                    foreach (var (_, amount) in data.FiguresOf(data.Producers, m)) { figures++; sum += amount; }
                }
                Console.WriteLine($"figures: {figures:N0}, sum {sum:N2} baht");
                break;
            case "files":
                var dir = Option("--out") ?? throw new ArgumentException("--out DIR");
                Directory.CreateDirectory(dir);
                await using (var f = File.Create(Path.Combine(dir, "registry.csv"))) DataFiles.WriteRegistryCsv(data.Products, f);
                await using (var f = File.Create(Path.Combine(dir, "registry.xlsx"))) DataFiles.WriteRegistryXlsx(data.Products, f);
                for (var fy = scale.FirstFiscalYear; fy <= scale.LastFiscalYear; fy++)
                {
                    var year = fy;
                    await using var f = File.Create(Path.Combine(dir, $"revenue-{fy}.csv"));
                    DataFiles.WriteRevenueCsv(data, Enumerable.Range(0, data.Months.Count).Where(i => data.Months[i].FiscalYear == year), f);
                }
                Console.WriteLine($"written to {dir} in {watch.Elapsed.TotalSeconds:0.0} s");
                break;
            case "bulk":
                await BulkLoader.LoadAsync(data, Option("--connection") ?? throw new ArgumentException("--connection"), Console.Out);
                Console.WriteLine($"bulk load done in {watch.Elapsed.TotalSeconds:0.0} s");
                break;
            case "import":
                using (var http = await ImportLoader.LogInAsync(Option("--url") ?? "http://127.0.0.1:5000", Option("--user") ?? "admin", Option("--password") ?? ""))
                {
                    await ImportLoader.LoadAsync(data, http, Console.Out, int.Parse(Option("--months-per-file") ?? "1"));
                }
                Console.WriteLine($"import done in {watch.Elapsed.TotalSeconds:0.0} s");
                break;
            case "indicators":
                await using (var connection = new NpgsqlConnection(Option("--connection") ?? throw new ArgumentException("--connection")))
                {
                    await connection.OpenAsync();
                    await BulkLoader.IndicatorsAsync(scale, connection);
                }
                break;
            case "backtest":
                Backtest.Run(data, Console.Out, Option("--out"));
                Console.WriteLine($"back-test done in {watch.Elapsed.TotalSeconds:0.0} s");
                break;
            default:
                Console.Error.WriteLine($"unknown command '{command}': stats, files, bulk, import, indicators, backtest");
                return 2;
        }
        return 0;
    }
}

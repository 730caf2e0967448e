using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Otop.DataGenerator;
using Otop.Domain;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Tests.Infrastructure;
using Otop.Web.Features.Registry;
using Otop.Web.Features.Revenue;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Xunit.Abstractions;

namespace Otop.Web.Tests.Scale;

/// <summary>
/// The benchmark suite in small (docs/benchmarks.md): our path against plain SQL for the same work on the same database,
/// failing on a regression of the RATIO (never on absolute times; medians after a warm-up), and the generator's totals
/// equal to the KPI API's. Issue 18 item 3: each bound is at most twice the worst median ratio measured for the code as it
/// is (each test writes its ratios to the test output, "RATIO …"), so a regression of 2× fails: 2026-12-03, six runs of
/// this class in Debug (dotnet test), three on SQLite and three on PostgreSQL 15 (fsync off), on the 2-core development VM
/// shared with other helpers' builds and tests (load average 42 to 73 before the runs: not quiet), every background timer
/// off (<see cref="ScaleApp.QuietTimers"/>).
/// </summary>
[Collection(TimedRatios.Name)]
public sealed class ScaleTests(ScaleApp app, ITestOutputHelper output) : IClassFixture<ScaleApp>
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private NationalData Data => app.Data;
    private string[] Provinces => Data.Scale.Provinces!;
    private static readonly string[] Round1 = new FiscalYear(2567).MonthsOfRound(1).Select(m => m.ToString()).ToArray();
    private static readonly string[] Baseline1 = new FiscalYear(2566).MonthsOfRound(1).Select(m => m.ToString()).ToArray();

    [Fact]
    public async Task GeneratedTotals_EqualTheKpiApiTotals_PerProvinceAndForTheNation()
    {
        var admin = await app.AdminAsync();

        foreach (var province in Provinces.Append(null))
        {
            var producers = Data.Producers.Where(p => province is null || p.District.ProvinceCode == province).ToList();
            var query = $"&province={province ?? "0"}";

            var revenue = await (await admin.GetAsync($"/api/v1/kpi/revenue/results?fiscalYear=2567&round=1{query}")).JsonAsync();
            revenue.GetProperty("total").GetProperty("revenue").GetDecimal().ShouldBe(Sum(producers, Round1));
            revenue.GetProperty("total").GetProperty("baseline").GetDecimal().ShouldBe(Sum(producers, Baseline1));
            // Every district of the province, or of the country (878, most without data in this small set), zeros included.
            revenue.GetProperty("rows").GetArrayLength().ShouldBe(province is null
                ? await app.WithDbAsync(db => Task.FromResult(db.OrgUnits.Count(o => o.Level == OrgLevel.District)))
                : Data.Districts.Count(d => d.ProvinceCode == province));

            var products = Data.Products.Where(p => (province is null || p.Producer.District.ProvinceCode == province) && p.RegisteredYear is >= 2557 and <= 2563).ToList();
            var lastDay = new FiscalYear(2564).RoundLastDay(1);
            var online = await (await admin.GetAsync($"/api/v1/kpi/online-market/results?fiscalYear=2564&round=1{query}")).JsonAsync();
            online.GetProperty("total").GetProperty("products").GetInt32().ShouldBe(products.Count);
            online.GetProperty("total").GetProperty("productsOnline").GetInt32()
                .ShouldBe(products.Count(p => Data.Listings.Any(l => l.Product == p && l.Since <= lastDay)));
        }
    }

    [Fact]
    public async Task KpiResults_StayWithinAFewTimesTheBareAggregateOverHttp()
    {
        var admin = await app.AdminAsync();
        var province = Provinces[0];
        var months = string.Join(",", Round1.Concat(Baseline1).Select(ScaleApp.Text));
        // The raw figure: the bare aggregate plus what a small authenticated read costs (HTTP, token, a query, JSON), so the ratio
        // measures our extra work, not the test server's fixed cost.
        var http = await ScaleApp.MedianAsync(() => admin.GetStringAsync($"/api/v1/org/provinces/{province}/districts"));

        foreach (var (label, query) in new[] { ("province", $"&province={province}"), ("nation", "&province=0") })
        {
            var revenueOurs = await ScaleApp.MedianAsync(() => admin.GetStringAsync($"/api/v1/kpi/revenue/results?fiscalYear=2567&round=1{query}"));
            var revenueRaw = await ScaleApp.MedianAsync(() => app.RawAsync($"""
                SELECT "DistrictCode", SUM("Total") FROM "RevenueMonths" WHERE "Month" IN ({months}) {(label == "province" ? $"AND \"ProvinceCode\" = '{province}'" : "")}
                GROUP BY "DistrictCode"
                """));
            var onlineOurs = await ScaleApp.MedianAsync(() => admin.GetStringAsync($"/api/v1/kpi/online-market/results?fiscalYear=2564&round=1{query}"));
            var onlineRaw = await ScaleApp.MedianAsync(() => app.RawAsync($"""
                SELECT e."DistrictCode", COUNT(*),
                       SUM(CASE WHEN EXISTS (SELECT 1 FROM "OnlineListings" l WHERE l."ProductId" = p."Id" AND l."Since" <= '2021-03-31') THEN 1 ELSE 0 END)
                FROM "Products" p JOIN "Entrepreneurs" e ON e."Id" = p."EntrepreneurId"
                WHERE p."RegisteredYear" BETWEEN 2557 AND 2563 {(label == "province" ? $"AND e.\"ProvinceCode\" = '{province}'" : "")}
                GROUP BY e."DistrictCode"
                """));

            // The national answer has a row for each of the 878 districts whatever the data (most are empty in this small
            // set), so its fixed cost weighs more against a sub-millisecond aggregate: a looser bound there. Measured
            // (see the class comment): province 0.46 to 3.72 (worst: online-market, SQLite), nation 1.49 to 7.74 (worst:
            // revenue, SQLite), but for one PostgreSQL run at load 73 whose online-market median was 628 ms (36.2): a stall
            // of the machine, not of the code, which no bound within 2× of the code can absorb.
            var bound = label == "province" ? 7 : 15;
            output.WriteLine($"RATIO revenue-{label} {revenueOurs / (http + revenueRaw):0.00} online-{label} {onlineOurs / (http + onlineRaw):0.00} (ours {revenueOurs:0.0}/{onlineOurs:0.0} ms, raw {revenueRaw:0.0}/{onlineRaw:0.0} + http {http:0.0} ms)");
            (revenueOurs / (http + revenueRaw)).ShouldBeLessThan(bound, $"revenue results, {label}: ours {revenueOurs:0.0} ms, raw {revenueRaw:0.0} + http {http:0.0} ms");
            (onlineOurs / (http + onlineRaw)).ShouldBeLessThan(bound, $"online-market results, {label}: ours {onlineOurs:0.0} ms, raw {onlineRaw:0.0} + http {http:0.0} ms");
        }
    }

    [Fact]
    public async Task RegistryImport_StaysWithinFourteenTimesPlainInserts()
    {
        await using var fresh = new OtopApp(now: ScaleApp.Now, settings: ScaleApp.QuietTimers());
        var admin = await fresh.ClientAsAsync(Roles.DepartmentAdmin, OrgUnit.DepartmentCode);
        var csv = DataFiles.RegistryCsv(Data.Products);
        var ours = new List<double>();
        var raw = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            await ClearRegistryAsync(fresh);
            var watch = Stopwatch.StartNew();
            (await ImportLoader.PostFileAsync(admin, "/api/v1/registry/import?commit=true", csv, "registry.csv")).EnsureSuccessStatusCode();
            ours.Add(watch.Elapsed.TotalMilliseconds);

            await ClearRegistryAsync(fresh);
            watch.Restart();
            await RawRegistryAsync(fresh);
            raw.Add(watch.Elapsed.TotalMilliseconds);
        }
        (await fresh.WithDbAsync(db => Task.FromResult(db.Products.Count()))).ShouldBe(Data.Products.Count);

        var (o, r) = (ours.Order().ElementAt(1), raw.Order().ElementAt(1));
        output.WriteLine($"RATIO import {o / r:0.00} (ours {o:0} ms, raw {r:0} ms)");
        // Measured 1.62 to 7.33 (see the class comment; worst on SQLite, PostgreSQL 1.62 to 2.24; the plain inserts take
        // 32 to 309 ms, so the ratio is noisy).
        (o / r).ShouldBeLessThan(14, $"import {o:0} ms, plain inserts {r:0} ms");
    }

    [Fact]
    public async Task MonthEndSaves_StayWithinThirtyThreeTimesPlainDeleteAndInsert()
    {
        await app.AdminAsync();
        var districts = Data.Producers.GroupBy(p => p.District.Code).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Take(6)
            .Select(g => (Code: g.Key, Producers: g.OrderBy(p => p.Code).Take(20).ToList())).ToList();
        var officers = new List<(string District, List<Producer> Producers, HttpClient Client)>();
        foreach (var d in districts) officers.Add((d.Code, d.Producers, await app.ClientAsAsync(Roles.DistrictOfficer, d.Code)));
        const int rounds = 3;
        const string month = "2024-11";
        var versions = new int?[officers.Count];
        async Task SaveAllAsync(int round) => await Task.WhenAll(officers.Select(async (o, k) =>
        {
            var body = new { version = versions[k], entries = o.Producers.Select((p, i) => new { entrepreneurCode = p.Code, amount = 1000m + i + round }).ToList() };
            var json = await (await o.Client.PutAsJsonAsync($"/api/v1/revenue/{o.District}/{month}", body)).JsonAsync();
            versions[k] = json.GetProperty("version").GetInt32();
        }));

        await SaveAllAsync(0); // warm-up: the first save creates each month
        var ids = await app.WithDbAsync(db => Task.FromResult(db.RevenueMonths.Where(m => m.Month == month).ToDictionary(m => m.DistrictCode, m => m.Id)));

        // The best of three trials of each: on a busy 2-core CI machine one trial can be stalled by another process, and
        // the plain SQL takes only a few milliseconds on SQLite.
        var ours = double.MaxValue;
        var raw = double.MaxValue;
        for (var trial = 0; trial < 3; trial++)
        {
            var watch = Stopwatch.StartNew();
            for (var r = 1; r <= rounds; r++) await SaveAllAsync(trial * rounds + r);
            ours = Math.Min(ours, watch.Elapsed.TotalMilliseconds);

            watch.Restart();
            await Task.WhenAll(officers.Select(async o =>
            {
                for (var r = 0; r < rounds; r++)
                {
                    var id = ids[o.District];
                    var values = string.Join(",", o.Producers.Select((p, i) => $"({id}, {p.Id}, {(1000m + i + r + 1).ToString(Inv)})"));
                    await app.RawWriteAsync(
                    [
                        $"UPDATE \"RevenueMonths\" SET \"Version\" = \"Version\" + 1 WHERE \"Id\" = {id}",
                        $"DELETE FROM \"RevenueEntries\" WHERE \"RevenueMonthId\" = {id}",
                        $"INSERT INTO \"RevenueEntries\" (\"RevenueMonthId\", \"EntrepreneurId\", \"Amount\") VALUES {values}",
                    ]);
                }
            }));
            raw = Math.Min(raw, watch.Elapsed.TotalMilliseconds);
            // The raw writes bumped each month's version behind the API's back: continue from the stored versions.
            var stored = await app.WithDbAsync(db => Task.FromResult(db.RevenueMonths.Where(m => m.Month == month).ToDictionary(m => m.DistrictCode, m => m.Version)));
            for (var k = 0; k < officers.Count; k++) versions[k] = stored[officers[k].District];
        }

        output.WriteLine($"RATIO month-end {ours / raw:0.00} (ours {ours:0} ms, raw {raw:0} ms)");
        // Measured 6.23 to 16.73 on SQLite, 3.20 to 5.68 on PostgreSQL, in Debug (see the class comment): the bound is
        // twice the worst, SQLite's. On a quiet machine (2026-12-04, three runs each) SQLite's writers polling its busy
        // handler gave 19.9 to 47.7; with them queued on the node's one SQLite write slot (RevenueWriteOptions) 12.9 to
        // 21.2, and PostgreSQL 2.26 to 2.94.
        (ours / raw).ShouldBeLessThan(33, $"saves {ours:0} ms, plain SQL {raw:0} ms");
    }

    private decimal Sum(List<Producer> producers, string[] months) =>
        months.Sum(m => Data.FiguresOf(producers, Data.Months.ToList().FindIndex(x => x.ToString() == m)).Sum(f => f.Amount));

    private static Task<int> ClearRegistryAsync(OtopApp target) => target.WithDbAsync(async db =>
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM \"OnlineListings\"; DELETE FROM \"Products\"; DELETE FROM \"Entrepreneurs\";";
        return await command.ExecuteNonQueryAsync();
    });

    /// <summary>The same rows by plain multi-row INSERTs in one transaction (the raw figure of B3 on either database).</summary>
    private Task RawRegistryAsync(OtopApp target)
    {
        const string at = "'2024-10-01 03:00:00+00:00'";
        var statements = new List<string>();
        foreach (var chunk in Data.Producers.Chunk(200))
        {
            statements.Add("INSERT INTO \"Entrepreneurs\" (\"Id\", \"Code\", \"Name\", \"Type\", \"DistrictCode\", \"ProvinceCode\", \"Status\", \"Version\", \"UpdatedAt\", \"UpdatedBy\") VALUES " +
                string.Join(",", chunk.Select(p => $"({p.Id}, {ScaleApp.Text(p.Code)}, {ScaleApp.Text(p.Name)}, {(int)p.Type}, '{p.District.Code}', '{p.District.ProvinceCode}', 0, 1, {at}, 'raw')")));
        }
        foreach (var chunk in Data.Products.Chunk(200))
        {
            statements.Add("INSERT INTO \"Products\" (\"Id\", \"Code\", \"EntrepreneurId\", \"Name\", \"Category\", \"RegisteredYear\", \"Status\", \"Version\", \"UpdatedAt\", \"UpdatedBy\") VALUES " +
                string.Join(",", chunk.Select(p => $"({p.Id}, {ScaleApp.Text(p.Code)}, {p.Producer.Id}, {ScaleApp.Text(p.Name)}, {(int)p.Category}, {p.RegisteredYear}, 0, 1, {at}, 'raw')")));
        }
        return RawWrite(target, statements);
    }

    private static Task<int> RawWrite(OtopApp target, List<string> statements) => target.WithDbAsync(async db =>
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        foreach (var sql in statements)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
        return statements.Count;
    });
}

/// <summary>
/// The ratio checks time our path against plain SQL; run alone (after the parallel tests), or another test class sharing the
/// two cores lands on one side of the ratio only.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimedRatios
{
    public const string Name = "timed ratios";
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Numerics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Otop.DataGenerator;
using Otop.Domain;
using Otop.Web.Features.Registry;
namespace Otop.Benchmarks;

/// <summary>Issue 8's scenarios B1–B4 against a running app and its PostgreSQL database (docs/benchmarks.md).</summary>
public sealed class Scenarios(NationalData data, HttpClient admin, string connectionString, int? appPid, TextWriter log)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public string LargestProvince { get; } = data.Producers.GroupBy(p => p.District.ProvinceCode)
        .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;

    private bool Full => data.Scale.Name == "full";

    // ---------------------------------------------------------------- B3: registry import vs COPY

    /// <summary>B3: the registry as CSV and as XLSX through the import API into empty tables, then the raw COPY of the same rows.</summary>
    public async Task<List<Result>> B3Async()
    {
        var csv = DataFiles.RegistryCsv(data.Products);
        var xlsx = DataFiles.RegistryXlsx(data.Products);
        log.WriteLine($"B3: {data.Products.Count:N0} rows, CSV {csv.Length / 1048576.0:0.0} MB, XLSX {xlsx.Length / 1048576.0:0.0} MB");
        await TruncateRegistryAsync();
        var csvTime = await ImportAsync(csv, "registry.csv");
        var csvPeak = Measure.PeakMemoryMb(appPid);
        await TruncateRegistryAsync();
        var xlsxTime = await ImportAsync(xlsx, "registry.xlsx");
        var xlsxPeak = Measure.PeakMemoryMb(appPid);
        await TruncateRegistryAsync();

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var watch = Stopwatch.StartNew();
        await BulkLoader.RegistryAsync(data, connection);
        var raw = watch.Elapsed.TotalSeconds;
        log.WriteLine($"B3 raw COPY: {raw:0.00} s");
        return
        [
            new("B3 registry import, CSV", $"{csvTime:0.0} s", $"{raw:0.00} s (COPY)", csvTime / raw, "≤ 30 s, ratio ≤ 5", csvTime <= 30 && csvTime / raw <= 5,
                csvPeak is { } m1 ? $"app peak memory {m1:0} MB" : ""),
            new("B3 registry import, XLSX", $"{xlsxTime:0.0} s", $"{raw:0.00} s (COPY)", xlsxTime / raw, "≤ 30 s, ratio ≤ 5", xlsxTime <= 30 && xlsxTime / raw <= 5,
                xlsxPeak is { } m2 ? $"app peak memory {m2:0} MB" : ""),
        ];
    }

    private async Task<double> ImportAsync(byte[] file, string name)
    {
        var watch = Stopwatch.StartNew();
        var response = await ImportLoader.PostFileAsync(admin, "api/v1/registry/import?commit=true", file, name);
        var body = await response.Content.ReadAsStringAsync();
        var seconds = watch.Elapsed.TotalSeconds;
        log.WriteLine($"B3 {name}: {(int)response.StatusCode} in {seconds:0.00} s: {(body.Length > 200 ? body[..200] + "…" : body)}");
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"import of {name} failed");
        return seconds;
    }

    private async Task TruncateRegistryAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await BulkLoader.ExecuteAsync(connection, "TRUNCATE \"Products\", \"Entrepreneurs\" RESTART IDENTITY CASCADE");
    }

    // ---------------------------------------------------------------- B1: KPI results vs the bare aggregate

    public async Task<List<Result>> B1Async()
    {
        var runs = Full ? 100 : 40;
        var results = new List<Result>();
        var revenueFy = data.Scale.LastFiscalYear;
        var (omFrom, omTo, omLast) = (2557, 2563, new FiscalYear(2564).RoundLastDay(1));
        var fy = new FiscalYear(revenueFy);
        var months = fy.MonthsOfRound(1).Select(m => m.ToString()).ToArray();
        var baseline = fy.MonthsOfRound(1).Select(m => m.AddMonths(-12).ToString()).ToArray();
        results.Add(await RefreshAllProductCountsAsync());

        foreach (var (label, province) in new[] { ("nation", (string?)null), ($"province {LargestProvince}", LargestProvince) })
        {
            var query = $"&province={province ?? "0"}";
            var omUrl = $"api/v1/kpi/online-market/results?fiscalYear=2564&round=1{query}";
            // Both bare queries below take the same parameters and give the online count in their third column.
            void OnlineParameters(NpgsqlCommand cmd)
            {
                cmd.Parameters.AddWithValue("from", omFrom);
                cmd.Parameters.AddWithValue("to", omTo);
                cmd.Parameters.AddWithValue("last", omLast);
                if (province is not null) cmd.Parameters.AddWithValue("province", province);
            }
            static int OnlineTotal(JsonElement json) => json.GetProperty("total").GetProperty("productsOnline").GetInt32();
            static int OnlineRowValue(NpgsqlDataReader reader) => (int)reader.GetInt64(2);
            var omSql = $"""
                SELECT e."DistrictCode", count(*) AS products,
                       count(*) FILTER (WHERE p."Id" IN (SELECT l."ProductId" FROM "OnlineListings" l WHERE l."Since" <= @last)) AS online
                FROM "Products" p JOIN "Entrepreneurs" e ON e."Id" = p."EntrepreneurId"
                WHERE p."RegisteredYear" BETWEEN @from AND @to {(province is null ? "" : "AND e.\"ProvinceCode\" = @province")}
                GROUP BY e."DistrictCode"
                """;
            results.Add(await CompareAsync($"B1 online-market results, {label}", omUrl, omSql, runs, OnlineParameters, OnlineTotal, OnlineRowValue));

            // The same figures from the stored per-district counts (migration 012), as bare SQL: the database's own limit
            // for the work the app now does, so this ratio is the app's overhead on top of it.
            var storedSql = $"""
                SELECT c."DistrictCode", sum(c."Products") AS products,
                       coalesce(sum(c."Products") FILTER (WHERE c."FirstListedOn" <= @last), 0) AS online
                FROM "ProductCounts" c
                WHERE c."RegisteredYear" BETWEEN @from AND @to {(province is null ? "" : "AND c.\"ProvinceCode\" = @province")}
                GROUP BY c."DistrictCode"
                """;
            results.Add(await CompareAsync($"B1 online-market results, {label}, against the stored counts", omUrl, storedSql, runs, OnlineParameters, OnlineTotal, OnlineRowValue));

            var revUrl = $"api/v1/kpi/revenue/results?fiscalYear={revenueFy}&round=1{query}";
            var revSql = $"""
                SELECT "DistrictCode", sum("Total") FILTER (WHERE "Month" = ANY(@months)) AS revenue,
                       sum("Total") FILTER (WHERE "Month" = ANY(@baseline)) AS baseline
                FROM "RevenueMonths" WHERE "Month" = ANY(@all) {(province is null ? "" : "AND \"ProvinceCode\" = @province")}
                GROUP BY "DistrictCode"
                """;
            results.Add(await CompareAsync($"B1 revenue results, {label}", revUrl, revSql, runs, cmd =>
            {
                cmd.Parameters.AddWithValue("months", months);
                cmd.Parameters.AddWithValue("baseline", baseline);
                cmd.Parameters.AddWithValue("all", months.Concat(baseline).ToArray());
                if (province is not null) cmd.Parameters.AddWithValue("province", province);
            }, json => json.GetProperty("total").GetProperty("revenue").GetDecimal(), reader => reader.IsDBNull(1) ? 0m : reader.GetDecimal(1)));
        }

        // For reference: the same revenue sums from the 12 million figures themselves, which the month totals spare us.
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            var entrySql = """
                SELECT m."DistrictCode", sum(e."Amount") FROM "RevenueEntries" e JOIN "RevenueMonths" m ON m."Id" = e."RevenueMonthId"
                WHERE m."Month" = ANY(@all) GROUP BY m."DistrictCode"
                """;
            var times = await Measure.TimesAsync(1, Full ? 5 : 10, async () =>
            {
                await using var cmd = new NpgsqlCommand(entrySql, connection);
                cmd.Parameters.AddWithValue("all", months.Concat(baseline).ToArray());
                await using var reader = await cmd.ExecuteReaderAsync();
                while (await reader.ReadAsync()) { }
            });
            results.Add(new("B1 (reference) revenue of the nation summed from the figures", "–", $"p50 {Measure.Median(times):0.0} ms", null, "–", null,
                "what the maintained month totals save"));
        }
        return results;
    }

    /// <summary>
    /// Marks every district's product counts changed and times the app's background refresher recomputing them all (the
    /// cost after a national import); B1 then reads fresh stored counts, as it would any day after the first minute.
    /// </summary>
    private async Task<Result> RefreshAllProductCountsAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var mark = new NpgsqlCommand("""UPDATE "ProductCountStates" SET "Changes" = "Changes" + 1""", connection))
        {
            await mark.ExecuteNonQueryAsync();
        }
        var watch = System.Diagnostics.Stopwatch.StartNew();
        long left;
        do
        {
            await Task.Delay(250);
            await using var count = new NpgsqlCommand("""SELECT count(*) FROM "ProductCountStates" WHERE "Changes" <> "Refreshed" """, connection);
            left = (long)(await count.ExecuteScalarAsync())!;
        } while (left > 0 && watch.Elapsed < TimeSpan.FromMinutes(10));
        log.WriteLine($"product counts: every district refreshed in {watch.Elapsed.TotalSeconds:0.0} s ({left} left)");
        return new("B1 (setup) stored product counts of every district recomputed by the background refresher", $"{watch.Elapsed.TotalSeconds:0.0} s",
            "–", null, "–", null, left == 0 ? "after marking all districts changed, as a national import does" : $"{left} districts NOT refreshed");
    }

    private async Task<Result> CompareAsync<T>(string scenario, string url, string sql, int runs, Action<NpgsqlCommand> parameters,
        Func<JsonElement, T> apiTotal, Func<NpgsqlDataReader, T> rowValue) where T : struct, INumber<T>
    {
        JsonElement last = default;
        var ours = await Measure.TimesAsync(5, runs, async () =>
        {
            using var response = await admin.GetAsync(url);
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            last = await response.Content.ReadFromJsonAsync<JsonElement>();
        });
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var rawTotal = T.Zero;
        var raw = await Measure.TimesAsync(5, runs, async () =>
        {
            await using var cmd = new NpgsqlCommand(sql, connection);
            parameters(cmd);
            await using var reader = await cmd.ExecuteReaderAsync();
            rawTotal = T.Zero;
            while (await reader.ReadAsync()) rawTotal += rowValue(reader);
        });
        var ourTotal = apiTotal(last);
        var same = ourTotal == rawTotal;
        var (p50, p95, r50, r95) = (Measure.Median(ours), Measure.Percentile(ours, 95), Measure.Median(raw), Measure.Percentile(raw, 95));
        log.WriteLine($"{scenario}: ours p50 {p50:0.0} p95 {p95:0.0} ms, raw p50 {r50:0.0} p95 {r95:0.0} ms, totals {ourTotal} / {rawTotal}");
        var ratio = p95 / r95;
        return new(scenario, $"p50 {p50:0.0} ms, p95 {p95:0.0} ms", $"p50 {r50:0.0} ms, p95 {r95:0.0} ms", ratio, "p95 ≤ 50 ms, ratio ≤ 1.5",
            same && p95 <= 50 && ratio <= 1.5, same ? $"same total {ourTotal}" : $"TOTALS DIFFER: {ourTotal} vs {rawTotal}");
    }

    // ---------------------------------------------------------------- B4: report files

    public async Task<List<Result>> B4Async(string month)
    {
        var results = new List<Result>();
        var fy = YearMonth.TryParse(month, out var ym) ? ym.FiscalYear : data.Scale.LastFiscalYear;
        var forms = new[]
        {
            ($"B4 รต.4 of province {LargestProvince}", $"api/v1/reports/rt4?province={LargestProvince}&fiscalYear={fy}&month={month}&round=1"),
            ("B4 online-market target table, nation", "api/v1/reports/online-market-targets?fiscalYear=2564&round=1&province=0"),
        };
        foreach (var (label, url) in forms)
        {
            foreach (var (format, goalSeconds) in new[] { ("xlsx", 1.0), ("pdf", 3.0) })
            {
                var full = $"{url}&format={format}";
                using var probe = await admin.GetAsync(full);
                if (!probe.IsSuccessStatusCode)
                {
                    var why = await probe.Content.ReadAsStringAsync();
                    log.WriteLine($"{label} {format}: {(int)probe.StatusCode} {(why.Length > 200 ? why[..200] : why)}");
                    var notThere = probe.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.UnprocessableEntity or HttpStatusCode.BadRequest or HttpStatusCode.ServiceUnavailable;
                    results.Add(new($"{label}, {format.ToUpperInvariant()}", notThere ? "n/a (form not available)" : $"failed {(int)probe.StatusCode}", "–", null,
                        $"≤ {goalSeconds:0} s", null));
                    continue;
                }
                long size = 0;
                var times = await Measure.TimesAsync(1, 5, async () =>
                {
                    using var response = await admin.GetAsync(full);
                    size = (await response.Content.ReadAsByteArrayAsync()).Length;
                });
                var p50 = Measure.Median(times) / 1000;
                var max = times.Max() / 1000;
                log.WriteLine($"{label} {format}: p50 {p50:0.000} s, max {max:0.000} s, {size / 1024} KB");
                results.Add(new($"{label}, {format.ToUpperInvariant()}", $"p50 {p50:0.00} s, max {max:0.00} s ({size / 1024:N0} KB)", "–", null,
                    $"≤ {goalSeconds:0} s", max <= goalSeconds));
            }
        }
        return results;
    }

    // ---------------------------------------------------------------- B2: the month-end surge

    public sealed record Officer(string District, string Month, int[] ProducerIds, string[] Codes, HttpClient Client);

    /// <summary>
    /// B2: <paramref name="officers"/> district officers (users created here, one per district with enough producers,
    /// a second month of the biggest districts when there are not enough) each save their month <paramref name="rounds"/>
    /// times (the first save creates it, later saves replace its figures with the version just returned), all at once.
    /// </summary>
    public async Task<List<Result>> B2Async(string baseUrl, string[] writableMonths, int officerCount, int rounds, int figures)
    {
        var districts = data.Producers.GroupBy(p => p.District.Code)
            .Select(g => (Code: g.Key, Producers: g.OrderBy(p => p.Code, StringComparer.Ordinal).ToList()))
            .Where(d => d.Producers.Count >= Math.Min(figures, 20))
            .OrderByDescending(d => d.Producers.Count).ThenBy(d => d.Code, StringComparer.Ordinal).ToList();
        // Districts with a full month of figures first (in both open months), then smaller ones if still short.
        var full = districts.Where(d => d.Producers.Count >= figures).ToList();
        var slots = writableMonths.SelectMany(m => full.Select(d => (d, Month: m)))
            .Concat(writableMonths.SelectMany(m => districts.Except(full).Select(d => (d, Month: m))))
            .Take(officerCount).ToList();
        log.WriteLine($"B2: {slots.Count} officers in {slots.Select(s => s.d.Code).Distinct().Count()} districts, {rounds} saves each of ≤ {figures} figures");

        var password = "Bench@2567x";
        var officers = new ConcurrentBag<Officer>();
        await Parallel.ForEachAsync(slots.Select((s, i) => (s, i)), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (x, ct) =>
        {
            var ((district, month), i) = x;
            var name = $"b2.{district.Code}.{month}";
            var created = await admin.PostAsJsonAsync("api/v1/users", new { username = name, password, displayName = $"พัฒนากร {district.Code}", role = "DistrictOfficer", orgUnit = district.Code }, ct);
            if (!created.IsSuccessStatusCode && created.StatusCode != HttpStatusCode.Conflict)
            {
                throw new InvalidOperationException($"user {name}: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync(ct)}");
            }
            var client = await ImportLoader.LogInAsync(baseUrl, name, password);
            var chosen = district.Producers.Take(figures).ToList();
            var ids = chosen.Select(p => p.Id).ToArray();
            officers.Add(new Officer(district.Code, month, ids, chosen.Select(p => p.Code).ToArray(), client));
        });

        // A month-end server has been running all month: warm it (JIT, EF's compiled queries, pools) with two saves by each of
        // a few officers, untimed; then every officer starts from the version the server holds (a GET, untimed).
        var warm = officers.Take(8).ToList();
        await Task.WhenAll(warm.Select(async o =>
        {
            int? v = null;
            for (var r = 0; r < 2; r++)
            {
                var body = new { version = v, entries = o.Codes.Select((c, i) => new { entrepreneurCode = c, amount = Amount(i, r) }).ToList() };
                using var response = await o.Client.PutAsJsonAsync($"api/v1/revenue/{o.District}/{o.Month}", body);
                v = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("version").GetInt32();
            }
        }));
        var startVersions = new ConcurrentDictionary<Officer, int?>();
        foreach (var o in officers)
        {
            var month = JsonDocument.Parse(await o.Client.GetStringAsync($"api/v1/revenue/{o.District}/{o.Month}")).RootElement;
            var v = month.GetProperty("version").GetInt32();
            startVersions[o] = v == 0 ? null : v;
        }

        // Our path: every officer saves at once, each save waiting for its own previous answer (the version).
        Measure.ResetPeakMemory(appPid);
        var latencies = new ConcurrentBag<double>();
        var failures = 0;
        var start = new TaskCompletionSource();
        var wall = Stopwatch.StartNew();
        var tasks = officers.Select(async o =>
        {
            await start.Task;
            var version = startVersions[o];
            for (var r = 0; r < rounds; r++)
            {
                var body = new { version, entries = o.Codes.Select((c, i) => new { entrepreneurCode = c, amount = Amount(i, r) }).ToList() };
                var watch = Stopwatch.StartNew();
                using var response = await o.Client.PutAsJsonAsync($"api/v1/revenue/{o.District}/{o.Month}", body);
                var text = await response.Content.ReadAsStringAsync();
                latencies.Add(watch.Elapsed.TotalMilliseconds);
                if (!response.IsSuccessStatusCode)
                {
                    if (Interlocked.Increment(ref failures) <= 3) log.WriteLine($"B2 {o.District}/{o.Month}: {(int)response.StatusCode} {text[..Math.Min(300, text.Length)]}");
                    break;
                }
                version = JsonDocument.Parse(text).RootElement.GetProperty("version").GetInt32();
            }
        }).ToList();
        wall.Restart();
        start.SetResult();
        await Task.WhenAll(tasks);
        var seconds = wall.Elapsed.TotalSeconds;
        var saves = latencies.Count;
        var peak = Measure.PeakMemoryMb(appPid);
        var chainsOk = false;
        var ours = saves / seconds;
        var p99 = Measure.Percentile(latencies.ToList(), 99);
        log.WriteLine($"B2 ours: {saves} saves in {seconds:0.00} s = {ours:0} saves/s, p50 {Measure.Median(latencies.ToList()):0} ms, p99 {p99:0} ms, failures {failures}, peak {peak:0} MB");
        foreach (var o in officers) o.Client.Dispose();

        // The audit chains after the surge, as the department would check them (GET /api/v1/audit/verify): intact or not.
        using (var verify = await admin.GetAsync("api/v1/audit/verify"))
        {
            var report = JsonDocument.Parse(await verify.Content.ReadAsStringAsync()).RootElement;
            chainsOk = verify.IsSuccessStatusCode && report.GetProperty("ok").GetBoolean();
            var chains = report.TryGetProperty("chains", out var c) ? c.GetArrayLength() : 0;
            log.WriteLine($"B2 audit verified after the surge: {(chainsOk ? "intact" : "BROKEN")}, {chains} chains ({(int)verify.StatusCode})");
        }

        // The raw figure: the same database work by plain SQL, statement by statement in one transaction per save, same
        // concurrency, through a pool as large as the app's (Npgsql's default, 100): the month row's UPDATE guarded by the
        // version (as the app's), the DELETE of the old entries returning their (code, amount) pairs, ONE insert of the new
        // entries (the app's five columns), and an audit row of the same size (old and new as the app's JSON) into a copy of
        // the audit table with its indexes. What is left out is the application: HTTP, token, validation reads, JSON, HMAC
        // and the chain's lock and head (the raw row goes to its own table, so the real chains stay verifiable).
        var rawLatencies = new ConcurrentBag<double>();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using (var setup = dataSource.CreateCommand("""
            DROP TABLE IF EXISTS "BenchRawAudit";
            CREATE TABLE "BenchRawAudit" (LIKE "AuditEntries" INCLUDING ALL);
            """))
        {
            await setup.ExecuteNonQueryAsync();
        }
        var rawVersions = new Dictionary<Officer, int>();
        foreach (var o in officers)
        {
            await using var read = dataSource.CreateCommand("""SELECT "Version" FROM "RevenueMonths" WHERE "DistrictCode" = $1 AND "Month" = $2""");
            read.Parameters.Add(new NpgsqlParameter<string> { TypedValue = o.District });
            read.Parameters.Add(new NpgsqlParameter<string> { TypedValue = o.Month });
            rawVersions[o] = (int)(await read.ExecuteScalarAsync())!;
        }
        var rawStart = new TaskCompletionSource();
        var rawTasks = officers.Select(async (o, index) =>
        {
            await rawStart.Task;
            var version = rawVersions[o];
            var previous = rounds > 0 ? AuditJson(o.Codes, rounds - 1, version) : null;
            for (var r = 0; r < rounds; r++)
            {
                var amounts = o.Codes.Select((_, i) => Amount(i, r)).ToArray();
                var newValue = AuditJson(o.Codes, r, version + 1);
                var watch = Stopwatch.StartNew();
                await using var connection = await dataSource.OpenConnectionAsync();
                await using var tx = await connection.BeginTransactionAsync();
                await using var update = new NpgsqlCommand("""
                    UPDATE "RevenueMonths" SET "Total" = $1, "Version" = $2, "UpdatedBy" = 'raw', "UpdatedAt" = now()
                    WHERE "DistrictCode" = $3 AND "Month" = $4 AND "Version" = $5 RETURNING "Id"
                    """, connection, tx)
                {
                    Parameters =
                    {
                        new NpgsqlParameter<decimal> { TypedValue = amounts.Sum() }, new NpgsqlParameter<int> { TypedValue = version + 1 },
                        new NpgsqlParameter<string> { TypedValue = o.District }, new NpgsqlParameter<string> { TypedValue = o.Month },
                        new NpgsqlParameter<int> { TypedValue = version },
                    },
                };
                var id = (int)(await update.ExecuteScalarAsync())!;
                await using var delete = new NpgsqlCommand("""
                    DELETE FROM "RevenueEntries" AS e USING "Entrepreneurs" AS p
                    WHERE e."RevenueMonthId" = $1 AND p."Id" = e."EntrepreneurId" RETURNING p."Code", e."Amount"
                    """, connection, tx) { Parameters = { new NpgsqlParameter<int> { TypedValue = id } } };
                await using (var old = await delete.ExecuteReaderAsync())
                {
                    while (await old.ReadAsync()) { }
                }
                await using var insert = new NpgsqlCommand("""
                    INSERT INTO "RevenueEntries" ("RevenueMonthId", "EntrepreneurId", "Amount", "Explanation", "NoSales")
                    SELECT $1, u.* FROM unnest($2::integer[], $3::numeric[], $4::text[], $5::boolean[]) AS u
                    """, connection, tx)
                {
                    Parameters =
                    {
                        new NpgsqlParameter<int> { TypedValue = id }, new NpgsqlParameter<int[]> { TypedValue = o.ProducerIds },
                        new NpgsqlParameter<decimal[]> { TypedValue = amounts },
                        new NpgsqlParameter<string?[]> { TypedValue = new string?[amounts.Length] },
                        new NpgsqlParameter<bool[]> { TypedValue = new bool[amounts.Length] },
                    },
                };
                await insert.ExecuteNonQueryAsync();
                await using var audit = new NpgsqlCommand("""
                    INSERT INTO "BenchRawAudit" ("At", "UserName", "Entity", "Key", "Action", "OldValue", "NewValue", "ProvinceCode",
                        "Chain", "Sequence", "PreviousHash", "Hash", "KeyId")
                    VALUES (now(), $1, 'revenue', $2, 'update', $3, $4, $5, $6, $7, $8, $9, 'k1')
                    """, connection, tx)
                {
                    Parameters =
                    {
                        new NpgsqlParameter<string> { TypedValue = $"b2.{o.District}.{o.Month}" },
                        new NpgsqlParameter<string> { TypedValue = $"{o.District}/{o.Month}" },
                        new NpgsqlParameter<string> { TypedValue = previous! }, new NpgsqlParameter<string> { TypedValue = newValue },
                        new NpgsqlParameter<string> { TypedValue = o.District[..2] }, new NpgsqlParameter<string> { TypedValue = o.District },
                        new NpgsqlParameter<long> { TypedValue = index * 1000L + r + 1 },
                        new NpgsqlParameter<string> { TypedValue = new string('0', 64) }, new NpgsqlParameter<string> { TypedValue = new string('f', 64) },
                    },
                };
                await audit.ExecuteNonQueryAsync();
                await tx.CommitAsync();
                rawLatencies.Add(watch.Elapsed.TotalMilliseconds);
                version++;
                previous = newValue;
            }
        }).ToList();
        wall.Restart();
        rawStart.SetResult();
        await Task.WhenAll(rawTasks);
        var rawSeconds = wall.Elapsed.TotalSeconds;
        var raw = rawLatencies.Count / rawSeconds;
        var rawP99 = Measure.Percentile(rawLatencies.ToList(), 99);
        log.WriteLine($"B2 raw: {rawLatencies.Count} saves in {rawSeconds:0.00} s = {raw:0} saves/s, p50 {Measure.Median(rawLatencies.ToList()):0} ms, p99 {rawP99:0} ms");

        var note = $"{officers.Count} officers × {rounds} saves of ≤ {figures} figures{(failures > 0 ? $", {failures} FAILED" : "")}, audit {(chainsOk ? "verified intact" : "NOT intact")}";
        return
        [
            new("B2 month-end surge, throughput", $"{ours:0} saves/s", $"{raw:0} saves/s", raw / ours, "≥ 500 saves/s", failures == 0 && ours >= 500, note),
            new("B2 month-end surge, p99 latency", $"{p99:0} ms", $"{rawP99:0} ms", p99 / rawP99, "≤ 250 ms", failures == 0 && p99 <= 250),
            new("B2 month-end surge, app peak memory", peak is { } m ? $"{m:0} MB" : "n/a", "–", null, "≤ 500 MB", peak is { } mm ? mm <= 500 : null,
                "VmHWM, reset before the surge"),
        ];
    }

    private static decimal Amount(int i, int round) => 1000m + i * 37.5m + round * 11m;

    /// <summary>The JSON the app's audit holds for a save of these figures (RevenueMonthCommands.SaveAsync), the same size.</summary>
    private static string AuditJson(string[] codes, int round, int version) =>
        JsonSerializer.Serialize(new
        {
            status = "draft", version, total = codes.Select((_, i) => Amount(i, round)).Sum(), late = false, unlocked = false,
            entries = codes.Select((c, i) => new { entrepreneurCode = c, amount = Amount(i, round) }),
        }, new JsonSerializerOptions(JsonSerializerDefaults.Web));
}

using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using Otop.Domain;
using Otop.Web.Features.Registry;

namespace Otop.DataGenerator;

/// <summary>
/// The bulk path (issue 8, load path b): binary COPY straight into the app's PostgreSQL tables, after the app has created
/// and migrated the schema and loaded its reference data (org units, channels). What it writes is what the app would
/// have written: history months <c>approved</c> (version 1, certified and confirmed by the 3rd), each month's
/// <c>Total</c> equal to the sum of its entries, registry rows active at version 1, identity sequences moved past the
/// rows written. The registry part (<see cref="RegistryAsync"/>) is also the raw figure of benchmark B3.
/// </summary>
public static class BulkLoader
{
    public const string By = "generator";
    private static readonly DateTime LoadedAt = new(2024, 10, 1, 3, 0, 0, DateTimeKind.Utc);

    public static async Task<Dictionary<string, TimeSpan>> LoadAsync(NationalData data, string connectionString, TextWriter log)
    {
        var times = new Dictionary<string, TimeSpan>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var watch = Stopwatch.StartNew();
        await RegistryAsync(data, connection);
        times["registry"] = watch.Elapsed;
        log.WriteLine($"registry: {data.Producers.Count:N0} producers, {data.Products.Count:N0} products in {watch.Elapsed.TotalSeconds:0.0} s");

        watch.Restart();
        await ListingsAsync(data, connection);
        await IndicatorsAsync(data.Scale, connection);
        times["listings"] = watch.Elapsed;
        log.WriteLine($"listings and indicators: {data.Listings.Count:N0} listings in {watch.Elapsed.TotalSeconds:0.0} s");

        watch.Restart();
        var (months, entries) = await RevenueAsync(data, connection);
        times["revenue"] = watch.Elapsed;
        log.WriteLine($"revenue: {months:N0} district months, {entries:N0} figures in {watch.Elapsed.TotalSeconds:0.0} s");

        watch.Restart();
        await ExecuteAsync(connection, "ANALYZE");
        times["analyze"] = watch.Elapsed;
        log.WriteLine($"analyze: {watch.Elapsed.TotalSeconds:0.0} s");
        return times;
    }

    /// <summary>Producers and products with binary COPY, in one transaction (as the import is all-or-nothing).</summary>
    public static async Task RegistryAsync(NationalData data, NpgsqlConnection connection)
    {
        await using var tx = await connection.BeginTransactionAsync();
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY \"Entrepreneurs\" (\"Id\", \"Code\", \"Name\", \"Type\", \"DistrictCode\", \"ProvinceCode\", \"SubdistrictCode\", \"Status\", \"Version\", \"UpdatedAt\", \"UpdatedBy\") FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var p in data.Producers)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(p.Id, NpgsqlDbType.Integer);
                await copy.WriteAsync(p.Code, NpgsqlDbType.Varchar);
                await copy.WriteAsync(p.Name, NpgsqlDbType.Varchar);
                await copy.WriteAsync((int)p.Type, NpgsqlDbType.Integer);
                await copy.WriteAsync(p.District.Code, NpgsqlDbType.Varchar);
                await copy.WriteAsync(p.District.ProvinceCode, NpgsqlDbType.Varchar);
                if (p.SubdistrictCode is null) await copy.WriteNullAsync(); else await copy.WriteAsync(p.SubdistrictCode, NpgsqlDbType.Varchar);
                await copy.WriteAsync(0, NpgsqlDbType.Integer);
                await copy.WriteAsync(1, NpgsqlDbType.Integer);
                await copy.WriteAsync(LoadedAt, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(By, NpgsqlDbType.Varchar);
            }
            await copy.CompleteAsync();
        }
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY \"Products\" (\"Id\", \"Code\", \"EntrepreneurId\", \"Name\", \"Category\", \"RegisteredYear\", \"Status\", \"Version\", \"UpdatedAt\", \"UpdatedBy\") FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var p in data.Products)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(p.Id, NpgsqlDbType.Integer);
                await copy.WriteAsync(p.Code, NpgsqlDbType.Varchar);
                await copy.WriteAsync(p.Producer.Id, NpgsqlDbType.Integer);
                await copy.WriteAsync(p.Name, NpgsqlDbType.Varchar);
                await copy.WriteAsync((int)p.Category, NpgsqlDbType.Integer);
                await copy.WriteAsync(p.RegisteredYear, NpgsqlDbType.Integer);
                await copy.WriteAsync(0, NpgsqlDbType.Integer);
                await copy.WriteAsync(1, NpgsqlDbType.Integer);
                await copy.WriteAsync(LoadedAt, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(By, NpgsqlDbType.Varchar);
            }
            await copy.CompleteAsync();
        }
        await ExecuteAsync(connection, SetVal("Entrepreneurs") + SetVal("Products"), tx);
        await tx.CommitAsync();
    }

    public static async Task ListingsAsync(NationalData data, NpgsqlConnection connection)
    {
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY \"OnlineListings\" (\"Id\", \"ProductId\", \"ChannelCode\", \"Url\", \"Since\", \"RecordedAt\", \"RecordedOn\", \"RecordedBy\") FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var l in data.Listings)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(l.Id, NpgsqlDbType.Integer);
                await copy.WriteAsync(l.Product.Id, NpgsqlDbType.Integer);
                await copy.WriteAsync(l.ChannelCode, NpgsqlDbType.Varchar);
                await copy.WriteAsync(l.Url, NpgsqlDbType.Varchar);
                await copy.WriteAsync(l.Since, NpgsqlDbType.Date);
                await copy.WriteAsync(l.Since.ToDateTime(new TimeOnly(3, 0), DateTimeKind.Utc), NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(l.Since, NpgsqlDbType.Date); // 03:00 UTC is 10:00 Bangkok: recorded on the day it started
                await copy.WriteAsync(By, NpgsqlDbType.Varchar);
            }
            await copy.CompleteAsync();
        }
        await ExecuteAsync(connection, SetVal("OnlineListings"));
    }

    /// <summary>
    /// Letter 1's FY 2564 online-market indicator (registered 2557–2563, bands 6–10 %) and a revenue-increase indicator
    /// for the last generated fiscal year (same months of the year before), as the demo seeds them; skipped if present.
    /// </summary>
    public static async Task IndicatorsAsync(Scale scale, NpgsqlConnection connection)
    {
        const string sql = """
            INSERT INTO "Indicators" ("FiscalYear", "Code", "Kind", "NameTh", "RegisteredFrom", "RegisteredTo", "ScoringMethod", "BaselineMode", "Version")
            SELECT @fy, @code, @kind, @name, @from, @to, 0, 0, 1
            WHERE NOT EXISTS (SELECT 1 FROM "Indicators" WHERE "FiscalYear" = @fy AND "Code" = @code)
            RETURNING "Id"
            """;
        async Task AddAsync(int fy, string code, int kind, string name, int? from, int? to, decimal[][] bands)
        {
            await using var cmd = new NpgsqlCommand(sql, connection);
            cmd.Parameters.AddWithValue("fy", fy);
            cmd.Parameters.AddWithValue("code", code);
            cmd.Parameters.AddWithValue("kind", kind);
            cmd.Parameters.AddWithValue("name", name);
            cmd.Parameters.AddWithValue("from", NpgsqlDbType.Integer, (object?)from ?? DBNull.Value);
            cmd.Parameters.AddWithValue("to", NpgsqlDbType.Integer, (object?)to ?? DBNull.Value);
            if (await cmd.ExecuteScalarAsync() is not int id) return;
            for (var round = 1; round <= 2; round++)
            {
                await using var r = new NpgsqlCommand("""INSERT INTO "IndicatorRounds" ("IndicatorId", "Round") VALUES (@id, @round) RETURNING "Id" """, connection);
                r.Parameters.AddWithValue("id", id);
                r.Parameters.AddWithValue("round", round);
                var roundId = (int)(await r.ExecuteScalarAsync())!;
                for (var score = 1; score <= 5; score++)
                {
                    await using var b = new NpgsqlCommand("""INSERT INTO "IndicatorBands" ("IndicatorRoundId", "Score", "Percent") VALUES (@r, @s, @p)""", connection);
                    b.Parameters.AddWithValue("r", roundId);
                    b.Parameters.AddWithValue("s", score);
                    b.Parameters.AddWithValue("p", bands[round - 1][score - 1]);
                    await b.ExecuteNonQueryAsync();
                }
            }
        }
        await AddAsync(2564, "online-market", 1, "ระดับความสำเร็จของการส่งเสริมผลิตภัณฑ์ OTOP ในตลาดออนไลน์", 2557, 2563,
            [[6, 7, 8, 9, 10], [6, 7, 8, 9, 10]]);
        await AddAsync(scale.LastFiscalYear, "revenue-increase", 2, "ร้อยละที่เพิ่มขึ้นของรายได้จากการจำหน่ายผลิตภัณฑ์ชุมชน (OTOP)", null, null,
            [[1, 2, 3, 4, 5], [2, 3, 4, 5, 6]]);
    }

    /// <summary>
    /// One approved month per district and month that has figures, its total the sum of its entries, then the entries.
    /// Foreign-key triggers are off for the entries' COPY (session_replication_role = replica; superuser only): every
    /// key comes from the rows just written.
    /// </summary>
    public static async Task<(int Months, long Entries)> RevenueAsync(NationalData data, NpgsqlConnection connection)
    {
        var byDistrict = data.Producers.GroupBy(p => p.District.Code).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var months = new List<(int Id, string District, string Province, int MonthIndex, decimal Total)>();
        foreach (var district in byDistrict)
        {
            for (var m = 0; m < data.Months.Count; m++)
            {
                var total = 0m;
                var any = false;
                foreach (var (_, amount) in data.FiguresOf(district, m)) { total += amount; any = true; }
                if (any) months.Add((months.Count + 1, district.Key, district.First().District.ProvinceCode, m, total));
            }
        }

        await using var tx = await connection.BeginTransactionAsync();
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY \"RevenueMonths\" (\"Id\", \"DistrictCode\", \"ProvinceCode\", \"Month\", \"Status\", \"Version\", \"Late\", \"Total\", \"CertifiedBy\", \"CertifiedAt\", \"ConfirmedBy\", \"ConfirmedAt\", \"Unlocked\", \"UpdatedBy\", \"UpdatedAt\") FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (id, district, province, m, total) in months)
            {
                var month = data.Months[m];
                var confirmedAt = Bangkok.StartOfDay(month.Next().FirstDay.AddDays(1)).AddHours(10).UtcDateTime;
                await copy.StartRowAsync();
                await copy.WriteAsync(id, NpgsqlDbType.Integer);
                await copy.WriteAsync(district, NpgsqlDbType.Varchar);
                await copy.WriteAsync(province, NpgsqlDbType.Varchar);
                await copy.WriteAsync(month.ToString(), NpgsqlDbType.Varchar);
                await copy.WriteAsync((int)RevenueStatus.Approved, NpgsqlDbType.Integer);
                await copy.WriteAsync(1, NpgsqlDbType.Integer);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean);
                await copy.WriteAsync(total, NpgsqlDbType.Numeric);
                await copy.WriteAsync(By, NpgsqlDbType.Varchar);
                await copy.WriteAsync(confirmedAt.AddHours(-2), NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(By, NpgsqlDbType.Varchar);
                await copy.WriteAsync(confirmedAt, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean);
                await copy.WriteAsync(By, NpgsqlDbType.Varchar);
                await copy.WriteAsync(confirmedAt.AddDays(5), NpgsqlDbType.TimestampTz);
            }
            await copy.CompleteAsync();
        }

        await ExecuteAsync(connection, "SET LOCAL session_replication_role = replica", tx);
        long entries = 0;
        var producersOf = byDistrict.ToDictionary(g => g.Key, g => g.ToList());
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY \"RevenueEntries\" (\"RevenueMonthId\", \"EntrepreneurId\", \"Amount\") FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (id, district, _, m, _) in months)
            {
                foreach (var (producer, amount) in data.FiguresOf(producersOf[district], m))
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(id, NpgsqlDbType.Integer);
                    await copy.WriteAsync(producer.Id, NpgsqlDbType.Integer);
                    await copy.WriteAsync(amount, NpgsqlDbType.Numeric);
                    entries++;
                }
            }
            await copy.CompleteAsync();
        }
        await ExecuteAsync(connection, SetVal("RevenueMonths"), tx);
        await tx.CommitAsync();
        return (months.Count, entries);
    }

    public static async Task ExecuteAsync(NpgsqlConnection connection, string sql, NpgsqlTransaction? tx = null)
    {
        await using var cmd = new NpgsqlCommand(sql, connection, tx) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync();
    }

    private static string SetVal(string table) =>
        $"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'Id'), GREATEST(1, (SELECT COALESCE(MAX(\"Id\"), 0) FROM \"{table}\")));";
}

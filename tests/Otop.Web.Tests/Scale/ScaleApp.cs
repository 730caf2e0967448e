using System.Data.Common;
using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Otop.DataGenerator;
using Otop.Domain;
using Otop.Web.Tests.Infrastructure;
using Otop.Web.Features.Kpi;
using Otop.Web.Features.OnlineMarket;
using Otop.Web.Features.Registry;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;

namespace Otop.Web.Tests.Scale;

/// <summary>
/// The benchmark suite's small version (docs/benchmarks.md): the generator's "tiny" data set (2 provinces,
/// 400 producers, 1,000 products, FY 2566–2567 of monthly figures) loaded through the app's own import path, with the
/// clock inside 2024-11's write window.
/// </summary>
public sealed class ScaleApp() : OtopApp(now: Now, settings: QuietTimers())
{
    public static readonly DateTimeOffset Now = new(2024, 11, 2, 10, 0, 0, TimeSpan.FromHours(7));

    /// <summary>
    /// Every background timer off, so no pass of one lands inside a timed side (issue 18 item 3): the product-count
    /// refresher (RefreshSeconds 0 stops it; <see cref="AdminAsync"/> refreshes the counts itself), the reminder pass and
    /// with it the round-end forecast warnings (ReminderService runs both), the notice outbox sender, the audit checkpoint
    /// signer (00:00:00 = never) and the compilation scheduler (OtopApp turns it off too; said here so the list is whole).
    /// </summary>
    public static Dictionary<string, string?> QuietTimers() => new()
    {
        ["ProductCounts:RefreshSeconds"] = "0",
        ["Reminders:Enabled"] = "false",
        ["Notifications:Enabled"] = "false",
        ["Audit:CheckpointEvery"] = "00:00:00",
        ["Compilation:Scheduler"] = "false",
    };
    public NationalData Data { get; } = new(Otop.DataGenerator.Scale.Tiny);
    private HttpClient? _admin;

    public async Task<HttpClient> AdminAsync()
    {
        if (_admin is not null) return _admin;
        var admin = await ClientAsAsync(Roles.DepartmentAdmin, OrgUnit.DepartmentCode);
        (await ImportLoader.PostFileAsync(admin, "/api/v1/registry/import?commit=true", DataFiles.RegistryCsv(Data.Products), "registry.csv"))
            .EnsureSuccessStatusCode();
        foreach (var product in Data.Listings.GroupBy(l => l.Product))
        {
            var body = product.Select(l => new { channel = l.ChannelCode, url = l.Url, since = l.Since.ToString("yyyy-MM-dd") }).ToList();
            (await admin.PutAsJsonAsync($"/api/v1/registry/products/{product.Key.Code}/online-listings", body)).EnsureSuccessStatusCode();
        }
        // Each listing as recorded on the day it started selling (the generator's history), not on the day of this load:
        // a listing recorded after a round's cut-off does not count for it (CONTRACT.md, decision 014).
        await WithDbAsync(db => db.Database.ExecuteSqlRawAsync(""" UPDATE "OnlineListings" SET "RecordedOn" = "Since" """));
        for (var fy = Data.Scale.FirstFiscalYear; fy <= Data.Scale.LastFiscalYear; fy++)
        {
            var year = fy;
            var file = DataFiles.RevenueCsv(Data, Enumerable.Range(0, Data.Months.Count).Where(i => Data.Months[i].FiscalYear == year));
            (await ImportLoader.PostFileAsync(admin, "/api/v1/revenue/import?commit=true", file, $"revenue-{fy}.csv")).EnsureSuccessStatusCode();
        }
        await WithDbAsync(async db =>
        {
            db.Indicators.Add(Indicator(2564, IndicatorKind.OnlineMarketShare, 2557, 2563, [6, 7, 8, 9, 10]));
            db.Indicators.Add(Indicator(Data.Scale.LastFiscalYear, IndicatorKind.RevenueIncrease, null, null, [1, 2, 3, 4, 5]));
            return await db.SaveChangesAsync();
        });
        // The stored product counts of every district, as the background refresher leaves them a moment after an import:
        // the timed reads then take the path a real day takes (the totals test compares them with the generator's sums).
        await WithDbAsync(db => Otop.Web.Features.OnlineMarket.ProductCountRefresher.RefreshChangedAsync(db, int.MaxValue, default));
        return _admin = admin;
    }

    private static Indicator Indicator(int fiscalYear, IndicatorKind kind, int? from, int? to, decimal[] percents)
    {
        var indicator = new Indicator
        {
            FiscalYear = fiscalYear, Code = kind == IndicatorKind.OnlineMarketShare ? "online-market" : "revenue-increase", Kind = kind,
            NameTh = kind == IndicatorKind.OnlineMarketShare ? "ตลาดออนไลน์" : "รายได้ที่เพิ่มขึ้น", RegisteredFrom = from, RegisteredTo = to,
        };
        for (var round = 1; round <= 2; round++)
        {
            indicator.Rounds.Add(new IndicatorRound { Round = round, Bands = percents.Select((p, i) => new IndicatorBand { Score = i + 1, Percent = p }).ToList() });
        }
        return indicator;
    }

    /// <summary>Runs plain SQL on the app's own database connection (the raw figure), reading every row.</summary>
    public Task<int> RawAsync(string sql) => WithDbAsync(async db =>
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0;
        while (await reader.ReadAsync()) rows++;
        return rows;
    });

    /// <summary>Plain SQL statements in one transaction (the raw figure of a write).</summary>
    public Task<int> RawWriteAsync(IEnumerable<string> statements) => WithDbAsync(async db =>
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using DbTransaction tx = await connection.BeginTransactionAsync();
        var count = 0;
        foreach (var sql in statements)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = sql;
            count += await command.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
        return count;
    });

    /// <summary>Median milliseconds of <paramref name="runs"/> runs after <paramref name="warmUp"/> unmeasured ones.</summary>
    public static async Task<double> MedianAsync(Func<Task> work, int warmUp = 3, int runs = 11)
    {
        for (var i = 0; i < warmUp; i++) await work();
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await work();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        return times.Order().ElementAt(times.Count / 2);
    }

    public static string Text(string s) => "'" + s.Replace("'", "''") + "'";
}

/// <summary>An empty app with every background timer off (<see cref="ScaleApp.QuietTimers"/>), for a timed test of its own data.</summary>
public sealed class QuietApp() : OtopApp(settings: ScaleApp.QuietTimers());

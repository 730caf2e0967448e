using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Otop.Web.Platform.Audit;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Tests.Infrastructure;
using Otop.Web.Tests.Revenue;
using static Otop.Web.Tests.Revenue.RevenueTestData;

namespace Otop.Web.Tests.Trust;

/// <summary>
/// docs/decisions/013-audit-chain-v2.md (issue 14, items 3-4): keyed chains that verify on both databases, every broken
/// entry reported, nothing re-sealed at start, truncation after a signed checkpoint found, districts' chains apart.
/// </summary>
public sealed class AuditChainV2Tests
{
    [Fact]
    public async Task ChainsVerifyClean_AfterWritesAtInstantsFinerThanTheDatabaseKeeps()
    {
        // 10:00:00.1234567: SQLite keeps 0.1 ms and PostgreSQL 1 µs of it; v1 hashed the microseconds SQLite dropped.
        using var app = new OtopApp(now: new DateTimeOffset(2023, 2, 20, 10, 0, 0, TimeSpan.FromHours(7)).AddTicks(1_234_567));
        var admin = await AuditScenario.ChainOfThreeAsync(app);
        app.Clock.Advance(TimeSpan.FromTicks(7_654_321));
        await AuditScenario.CreateUsersAsync(admin, ("four.3001", "3001"), ("five.0", "0"));

        var report = await VerifyAsync(admin);

        report.GetProperty("ok").GetBoolean().ShouldBeTrue(report.ToString());
        var entries = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().ToListAsync());
        entries.ShouldAllBe(e => e.KeyId.Length > 0 && e.Hash.Length == 64);
    }

    [Fact]
    public async Task EveryBrokenEntry_IsReported_NotOnlyTheFirst()
    {
        using var app = new OtopApp();
        var admin = await AuditScenario.ChainOfThreeAsync(app);

        await TamperAsync(app,
            """UPDATE "AuditEntries" SET "Reason" = 'แก้ย้อนหลัง' WHERE "Chain" = '27' AND "Sequence" = 1""",
            """UPDATE "AuditEntries" SET "UserName" = 'someone.else' WHERE "Chain" = '27' AND "Sequence" = 3""");

        var chain = Chain(await VerifyAsync(admin), "27");
        chain.GetProperty("problems").GetInt64().ShouldBe(2);
        Broken(chain).ShouldBe([(1L, "edited"), (3L, "edited")]);
        chain.GetProperty("firstBroken").GetProperty("sequence").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task ADeletedMiddleEntry_IsReported_AndTheEntriesAroundItStillVerify()
    {
        using var app = new OtopApp();
        var admin = await AuditScenario.ChainOfThreeAsync(app);

        await TamperAsync(app, """DELETE FROM "AuditEntries" WHERE "Chain" = '27' AND "Sequence" = 2""");

        Broken(Chain(await VerifyAsync(admin), "27")).ShouldBe([(3L, "missing")]);
    }

    [Fact]
    public async Task ABlankedHash_IsNotSealedAgainWhenTheAppRestarts_AndIsReported()
    {
        using var database = new TestDatabase();
        using (var first = new OtopApp(database: database))
        {
            await AuditScenario.ChainOfThreeAsync(first);
            await TamperAsync(first, """UPDATE "AuditEntries" SET "Hash" = '', "KeyId" = '' WHERE "Chain" = '27' AND "Sequence" = 2""");
        }

        using var restarted = new OtopApp(database: database);
        var admin = await restarted.ClientAsAsync("DepartmentAdmin", "0");
        await AuditScenario.CreateUsersAsync(admin, ("after.restart", "2701"));

        (await restarted.WithDbAsync(db => db.AuditEntries.Where(a => a.Chain == "27" && a.Sequence == 2).Select(a => a.Hash).SingleAsync())).ShouldBe("");
        Broken(Chain(await VerifyAsync(admin), "27")).ShouldBe([(2L, "unsealed")]);
    }

    [Fact]
    public async Task AChainReHashedWithoutTheKey_IsReported_EvenThoughEveryLinkFits()
    {
        using var app = new OtopApp();
        var admin = await AuditScenario.ChainOfThreeAsync(app);

        // Someone with the database but not the key file rewrites entry 2 and re-hashes it and everything after it, the
        // only way they can: as an unkeyed v1 chain (SHA-256), every previous-hash link made to fit.
        await app.WithDbAsync(async db =>
        {
            var entries = await db.AuditEntries.AsNoTracking().Where(a => a.Chain == "27").OrderBy(a => a.Sequence).ToListAsync();
            var previous = entries[0].Hash;
            var statements = new List<string>();
            foreach (var e in entries.Skip(1))
            {
                if (e.Sequence == 2) e.NewValue = """{"role":"DepartmentAdmin"}""";
                e.KeyId = "";
                e.PreviousHash = previous;
                e.Hash = AuditChain.ComputeHash(e);
                previous = e.Hash;
                statements.Add($"""UPDATE "AuditEntries" SET "NewValue" = '{e.NewValue}', "KeyId" = '', "PreviousHash" = '{e.PreviousHash}', "Hash" = '{e.Hash}' WHERE "Id" = {e.Id}""");
            }
            await TamperAsync(app, [.. statements]);
            return 0;
        });

        Broken(Chain(await VerifyAsync(admin), "27")).ShouldBe([(2L, "unkeyed"), (3L, "unkeyed")]);
    }

    [Fact]
    public async Task CuttingAChainShortAfterACheckpoint_IsReportedAsTruncated()
    {
        using var app = new OtopApp();
        var admin = await AuditScenario.ChainOfThreeAsync(app);
        var written = await (await admin.PostAsync("/api/v1/audit/checkpoints", null)).JsonAsync(HttpStatusCode.Created);
        var signed = written.EnumerateArray().Single(c => c.GetProperty("chain").GetString() == "27");
        signed.GetProperty("sequence").GetInt64().ShouldBe(3);
        signed.GetProperty("mac").GetString()!.Length.ShouldBe(64);

        await TamperAsync(app, """DELETE FROM "AuditEntries" WHERE "Chain" = '27' AND "Sequence" = 3""");

        var chain = Chain(await VerifyAsync(admin), "27");
        Broken(chain).ShouldBe([(3L, "truncated")]);
        chain.GetProperty("checkpoint").GetProperty("sequence").GetInt64().ShouldBe(3);
    }

    [Fact]
    public async Task ACheckpointMovedInTheDatabase_IsReportedAsForged()
    {
        using var app = new OtopApp();
        var admin = await AuditScenario.ChainOfThreeAsync(app);
        (await admin.PostAsync("/api/v1/audit/checkpoints", null)).StatusCode.ShouldBe(HttpStatusCode.Created);

        await TamperAsync(app,
            """DELETE FROM "AuditEntries" WHERE "Chain" = '27' AND "Sequence" = 3""",
            """UPDATE "AuditCheckpoints" SET "Sequence" = 2 WHERE "Chain" = '27' AND "Kind" = 'manual'""");

        Broken(Chain(await VerifyAsync(admin), "27")).ShouldContain((2L, "forged-checkpoint"));
    }

    [Fact]
    public async Task OnlyTheDepartment_SignsOrReadsCheckpoints()
    {
        using var app = new OtopApp();
        var province = await app.ClientAsAsync("ProvinceOfficer", "27");

        (await province.PostAsync("/api/v1/audit/checkpoints", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await province.GetAsync("/api/v1/audit/checkpoints")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.WithDbAsync(db => db.AuditCheckpoints.CountAsync(c => c.Kind != AuditCheckpoints.Legacy))).ShouldBe(0);
    }

    [Fact]
    public async Task ThePrintableCheckpointPage_ShowsEachChainsSignedHead_AndSignsOnDemand()
    {
        using var app = new OtopApp();
        await AuditScenario.ChainOfThreeAsync(app);
        var page = await app.SignedInAsync("DepartmentAdmin", "0");

        var html = await page.GetStringAsync("/Audit/Checkpoint");
        var posted = await page.PostAsync("/Audit/Checkpoint", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Antiforgery.TokenFrom(html),
        }));
        var after = await posted.Content.ReadAsStringAsync();

        html.ShouldContain("ยังไม่มีจุดตรวจ");
        posted.StatusCode.ShouldBe(HttpStatusCode.OK);
        after.ShouldContain("data-testid=\"checkpoint-written\"");
        var mac = await app.WithDbAsync(db => db.AuditCheckpoints.Where(c => c.Chain == "27" && c.Kind == AuditCheckpoints.Manual).Select(c => c.Mac).SingleAsync());
        after.ShouldContain(mac);
        (await page.GetAsync("/Audit/Checkpoint")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await app.SignedInAsync("ProvinceOfficer", "27")).GetAsync("/Audit/Checkpoint")).StatusCode.ShouldNotBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TheDailyTimer_SignsTheHeads_WhenTheLastCheckpointIsOlderThanThePeriod()
    {
        using var app = new OtopApp(settings: new Dictionary<string, string?> { ["Audit:CheckpointEvery"] = "00:00:01" });
        await AuditScenario.ChainOfThreeAsync(app);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        var daily = 0;
        while (daily == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            daily = await app.WithDbAsync(db => db.AuditCheckpoints.CountAsync(c => c.Kind == AuditCheckpoints.Daily && c.Chain == "27"));
        }
        daily.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task DistrictStaffWrite_InTheirDistrictsChain_AndTwoDistrictsOfOneProvinceDoNotWaitForEachOther()
    {
        using var app = new OtopApp();
        using var scopeA = app.Services.CreateScope();
        using var scopeB = app.Services.CreateScope();
        var dbA = scopeA.ServiceProvider.GetRequiredService<AppDbContext>();
        var dbB = scopeB.ServiceProvider.GetRequiredService<AppDbContext>();
        var officerA = new CurrentUser("officer.2701", "อำเภอเมือง", Roles.DistrictOfficer, new OrgScope("2701"));
        var officerB = new CurrentUser("officer.2702", "อำเภอคลองหาด", Roles.DistrictOfficer, new OrgScope("2702"));

        if (TestDatabase.IsPostgres)
        {
            // Both saves hold their chain's lock until they commit; neither waits for the other.
            await using var txA = await dbA.Database.BeginTransactionAsync();
            await using var txB = await dbB.Database.BeginTransactionAsync();
            AuditLog.Record(dbA, officerA, app.Clock, "revenue", "2701/2023-01", "update", provinceCode: "27");
            AuditLog.Record(dbB, officerB, app.Clock, "revenue", "2702/2023-01", "update", provinceCode: "27");
            await dbA.SaveChangesAsync();
            (await dbB.SaveChangesAsync().WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(t => t.IsCompletedSuccessfully)).ShouldBeTrue("the second district waited for the first");
            await txB.CommitAsync();
            await txA.CommitAsync();
        }
        else
        {
            // SQLite has one writer for the whole file; the chains are still apart.
            AuditLog.Record(dbA, officerA, app.Clock, "revenue", "2701/2023-01", "update", provinceCode: "27");
            await dbA.SaveChangesAsync();
            AuditLog.Record(dbB, officerB, app.Clock, "revenue", "2702/2023-01", "update", provinceCode: "27");
            await dbB.SaveChangesAsync();
        }

        var entries = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().OrderBy(a => a.Chain).Select(a => new { a.Chain, a.Sequence, a.ProvinceCode }).ToListAsync());
        entries.Select(e => (e.Chain, e.Sequence, e.ProvinceCode)).ShouldBe([("2701", 1L, "27"), ("2702", 1L, "27")]);
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        var report = await VerifyAsync(admin);
        report.GetProperty("ok").GetBoolean().ShouldBeTrue();
        (await (await admin.GetAsync("/api/v1/audit?entity=revenue")).JsonAsync()).GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task OnPostgres_TwoSavesInOneDistrict_StillTakeTurns()
    {
        if (!TestDatabase.IsPostgres) return;
        using var app = new OtopApp();
        using var scopeA = app.Services.CreateScope();
        using var scopeB = app.Services.CreateScope();
        var dbA = scopeA.ServiceProvider.GetRequiredService<AppDbContext>();
        var dbB = scopeB.ServiceProvider.GetRequiredService<AppDbContext>();
        var officer = new CurrentUser("officer.2701", "อำเภอเมือง", Roles.DistrictOfficer, new OrgScope("2701"));

        await using var txA = await dbA.Database.BeginTransactionAsync();
        AuditLog.Record(dbA, officer, app.Clock, "revenue", "2701/2023-01", "update", provinceCode: "27");
        await dbA.SaveChangesAsync();
        AuditLog.Record(dbB, officer, app.Clock, "revenue", "2701/2023-02", "update", provinceCode: "27");
        var second = dbB.SaveChangesAsync();

        (await Task.WhenAny(second, Task.Delay(1500))).ShouldNotBe(second, "one district's chain has one writer at a time");
        await txA.CommitAsync();
        await second;
        (await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Chain == "2701").Select(a => a.Sequence).OrderBy(s => s).ToListAsync())).ShouldBe([1L, 2L]);
    }

    [Fact]
    public async Task OnPostgres_AMonthSavedThroughTheBatches_WaitsForAnotherWriterOfItsDistrictsChain_AndTheChainStaysWhole()
    {
        if (!TestDatabase.IsPostgres) return;
        using var app = new OtopApp();
        app.Clock.Now = Bangkok(2023, 2, 20);
        var codes = await app.ProducersAsync("2701", 2);
        var officerClient = await app.ClientAsAsync("DistrictOfficer", "2701");
        (await officerClient.PutMonthAsync("2701", "2023-02", Entries(codes, 100m, 200m))).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Another writer of district 2701's chain (EF's SaveChanges, through the interceptor) holds the chain's lock.
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var officer = new CurrentUser("officer.2701", "อำเภอเมือง", Roles.DistrictOfficer, new OrgScope("2701"));
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            AuditLog.Record(db, officer, app.Clock, "revenue", "2701/2023-01", "update", provinceCode: "27");
            await db.SaveChangesAsync();
            var save = officerClient.PutMonthAsync("2701", "2023-02", Entries(codes, 150m, 250m), version: 1);
            (await Task.WhenAny(save, Task.Delay(1500))).ShouldNotBe(save, "the save took its district chain's lock");
            await tx.CommitAsync();
            (await save).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var chain = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Chain == "2701").OrderBy(a => a.Sequence)
            .Select(a => new { a.Sequence, a.Key, a.OldValue }).ToListAsync());
        chain.Select(a => (a.Sequence, a.Key)).ShouldBe([(1L, "2701/2023-02"), (2L, "2701/2023-01"), (3L, "2701/2023-02")]);
        var replaced = JsonDocument.Parse(chain[2].OldValue!).RootElement.GetProperty("entries");
        replaced.EnumerateArray().Select(e => e.GetProperty("amount").GetDecimal()).ShouldBe([100m, 200m]);
        (await VerifyAsync(await app.ClientAsAsync("DepartmentAdmin", "0"))).GetProperty("ok").GetBoolean().ShouldBeTrue();
    }

    /// <summary>What someone with direct database access could do. On PostgreSQL that takes a superuser, past the triggers.</summary>
    private static Task TamperAsync(OtopApp app, params string[] statements) => app.WithDbAsync(async db =>
    {
        await using var tx = await db.Database.BeginTransactionAsync();
        if (!db.IsSqlite) await db.Database.ExecuteSqlRawAsync("SET LOCAL session_replication_role = replica");
        foreach (var sql in statements) await db.Database.ExecuteSqlRawAsync(sql.Replace("{", "{{").Replace("}", "}}"));
        await tx.CommitAsync();
        return 0;
    });

    private static async Task<JsonElement> VerifyAsync(HttpClient client) => await (await client.GetAsync("/api/v1/audit/verify")).JsonAsync();

    private static JsonElement Chain(JsonElement report, string chain) =>
        report.GetProperty("chains").EnumerateArray().Single(c => c.GetProperty("chain").GetString() == chain);

    private static List<(long Sequence, string Problem)> Broken(JsonElement chain) =>
        chain.GetProperty("broken").EnumerateArray().Select(b => (b.GetProperty("sequence").GetInt64(), b.GetProperty("problem").GetString()!)).ToList();
}

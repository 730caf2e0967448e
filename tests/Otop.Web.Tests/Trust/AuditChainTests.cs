using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Tests.Infrastructure;
using Otop.Web.Platform.Audit;

namespace Otop.Web.Tests.Trust;

/// <summary>docs/decisions/008-audit-chain.md: the audit is append-only and hash-chained per province; tampering is reported.</summary>
public sealed class AuditChainTests
{
    [Fact]
    public async Task EachProvince_GetsItsOwnChain_NumberedFromOne_AndItVerifies()
    {
        using var app = new OtopApp();
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        await AuditScenario.CreateUsersAsync(admin, ("a.2701", "2701"), ("b.2702", "2702"), ("c.3001", "3001"), ("d.0", "0"));

        var entries = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).ToListAsync());
        var report = await VerifyAsync(admin);

        entries.Select(e => (e.Chain, e.Sequence)).ShouldBe([("27", 1L), ("27", 2L), ("30", 1L), ("0", 1L)]);
        entries[0].PreviousHash.ShouldBe("");
        entries[1].PreviousHash.ShouldBe(entries[0].Hash);
        entries.ShouldAllBe(e => e.Hash.Length == 64);
        report.GetProperty("ok").GetBoolean().ShouldBeTrue();
        Chain(report, "27").GetProperty("entries").GetInt64().ShouldBe(2);
        Chain(report, "0").GetProperty("ok").GetBoolean().ShouldBeTrue();
    }

    [Theory]
    [InlineData("DistrictOfficer", "2701")]
    [InlineData("DistrictHead", "2701")]
    [InlineData("Viewer", "27")]
    [InlineData("Viewer", "0")]
    public async Task OnlyTheDepartmentAndProvinces_MayRunTheIntegrityCheck(string role, string unit)
    {
        using var app = new OtopApp();
        var client = await app.ClientAsAsync(role, unit);

        await (await client.GetAsync("/api/v1/audit/verify")).ProblemAsync(System.Net.HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AnEntryEditedInTheDatabase_IsReportedAsEdited()
    {
        using var app = new OtopApp();
        var admin = await AuditScenario.ChainOfThreeAsync(app);

        await TamperAsync(app, """UPDATE "AuditEntries" SET "NewValue" = '["2799"]' WHERE "Chain" = '27' AND "Sequence" = 2""");

        var broken = Chain(await VerifyAsync(admin), "27").GetProperty("firstBroken");
        broken.GetProperty("problem").GetString().ShouldBe("edited");
        broken.GetProperty("sequence").GetInt64().ShouldBe(2);
    }

    [Fact]
    public async Task AnEntryDeletedFromTheDatabase_IsReportedAsMissing()
    {
        using var app = new OtopApp();
        var admin = await AuditScenario.ChainOfThreeAsync(app);

        await TamperAsync(app, """DELETE FROM "AuditEntries" WHERE "Chain" = '27' AND "Sequence" = 2""");

        var report = await VerifyAsync(admin);
        report.GetProperty("ok").GetBoolean().ShouldBeFalse();
        var broken = Chain(report, "27").GetProperty("firstBroken");
        broken.GetProperty("problem").GetString().ShouldBe("missing");
        broken.GetProperty("sequence").GetInt64().ShouldBe(3);
        broken.GetProperty("detail").GetString()!.ShouldContain("หายไป");
    }

    [Fact]
    public async Task EntriesReorderedInTheDatabase_AreReportedAsReordered()
    {
        using var app = new OtopApp();
        var admin = await AuditScenario.ChainOfThreeAsync(app);

        await TamperAsync(app,
            """UPDATE "AuditEntries" SET "Sequence" = -1 WHERE "Chain" = '27' AND "Sequence" = 1""",
            """UPDATE "AuditEntries" SET "Sequence" = 1 WHERE "Chain" = '27' AND "Sequence" = 2""",
            """UPDATE "AuditEntries" SET "Sequence" = 2 WHERE "Chain" = '27' AND "Sequence" = -1""");

        var broken = Chain(await VerifyAsync(admin), "27").GetProperty("firstBroken");
        broken.GetProperty("problem").GetString().ShouldBe("reordered");
        broken.GetProperty("sequence").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task TamperingWithOneProvince_LeavesTheOtherChainsOk()
    {
        using var app = new OtopApp();
        var admin = await AuditScenario.ChainOfThreeAsync(app);
        await AuditScenario.CreateUsersAsync(admin, ("x.3001", "3001"));

        await TamperAsync(app, """UPDATE "AuditEntries" SET "Reason" = 'แก้ย้อนหลัง' WHERE "Chain" = '27' AND "Sequence" = 3""");

        var report = await VerifyAsync(admin);
        Chain(report, "27").GetProperty("ok").GetBoolean().ShouldBeFalse();
        Chain(report, "30").GetProperty("ok").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task OnPostgres_TheDatabaseItselfRefusesToUpdateOrDeleteAnAuditEntry()
    {
        if (!TestDatabase.IsPostgres) return;
        using var app = new OtopApp();
        await AuditScenario.ChainOfThreeAsync(app);

        var update = await Should.ThrowAsync<Exception>(() => app.WithDbAsync(db =>
            db.Database.ExecuteSqlRawAsync("""UPDATE "AuditEntries" SET "Reason" = 'x' WHERE "Sequence" = 1""")));
        var delete = await Should.ThrowAsync<Exception>(() => app.WithDbAsync(db =>
            db.Database.ExecuteSqlRawAsync("""DELETE FROM "AuditEntries" """)));

        update.Message.ShouldContain("append-only");
        delete.Message.ShouldContain("append-only");
    }

    [Fact]
    public async Task TheApp_RefusesToChangeAnAuditEntryThroughEfCore()
    {
        using var app = new OtopApp();
        await AuditScenario.ChainOfThreeAsync(app);

        await Should.ThrowAsync<InvalidOperationException>(() => app.WithDbAsync(async db =>
        {
            var entry = await db.AuditEntries.FirstAsync();
            entry.Reason = "แก้ไข";
            return await db.SaveChangesAsync();
        }));
    }

    [Fact]
    public async Task ManyWritersAtOnce_OnOneProvince_KeepTheChainUnbroken()
    {
        using var app = new OtopApp();
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");

        var responses = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => admin.PostJsonAsync("/api/v1/users",
            new { username = $"parallel.{i}", password = "Sakaeo2566x", displayName = $"ผู้ใช้ {i}", role = "Viewer", orgUnit = "2701" })));

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Created);
        var report = await VerifyAsync(admin);
        Chain(report, "27").GetProperty("entries").GetInt64().ShouldBe(8);
        report.GetProperty("ok").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public void TheCanonicalForm_IsFixed_AndBothHashVersionsAreComputedOverItsUtf8Bytes()
    {
        var entry = new Otop.Web.Platform.Audit.AuditEntry
        {
            Chain = "27", Sequence = 5, At = new DateTimeOffset(2023, 2, 20, 10, 0, 0, 123, TimeSpan.FromHours(7)).AddTicks(4567),
            UserName = "muang.head", Entity = "revenue", Key = "2701/2023-01", Action = "certify", NewValue = """{"status":"certified"}""",
            ProvinceCode = "27", PreviousHash = new string('a', 64),
        };

        AuditChain.Canonical(entry).ShouldBe(
            """["otop-audit-v1","27",5,"2023-02-20T03:00:00.123456Z","muang.head","revenue","2701/2023-01","certify",null,"{\u0022status\u0022:\u0022certified\u0022}",null,"27","aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"]""");
        // The v1 hash is SHA-256 of exactly those UTF-8 bytes (decision 008): a fixed answer, computed outside the app.
        AuditChain.ComputeHash(entry).ShouldBe("b02bc4fa5c82dbfa34bda089b24860f9a63fd2bf73d4618444155e871b5904b0");

        // v2 (decision 013) is HMAC-SHA256 of the canonical form's UTF-8 under the key file's audit subkey.
        var folder = Directory.CreateTempSubdirectory("otop-keys-").FullName;
        try
        {
            var keys = Otop.Web.Platform.Secrets.KeyRing.OpenOrCreate(Path.Combine(folder, "keys.json"), TimeProvider.System, out _);
            AuditChain.Seal(entry, keys);
            var (keyId, key) = keys.Current(AuditChain.Purpose);
            entry.KeyId.ShouldBe(keyId);
            AuditChain.Canonical(entry).ShouldStartWith("""["otop-audit-v2","27",5,"2023-02-20T03:00:00.123Z",""");
            entry.Hash.ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(key,
                System.Text.Encoding.UTF8.GetBytes(AuditChain.Canonical(entry)))));
            AuditChain.HashMatches(entry, keys).ShouldBe(true);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>What someone with direct database access could do. On PostgreSQL that takes a superuser, past the trigger.</summary>
    private static Task TamperAsync(OtopApp app, params string[] statements) => app.WithDbAsync(async db =>
    {
        await using var tx = await db.Database.BeginTransactionAsync();
        if (!db.IsSqlite) await db.Database.ExecuteSqlRawAsync("SET LOCAL session_replication_role = replica");
        foreach (var sql in statements) await db.Database.ExecuteSqlRawAsync(sql);
        await tx.CommitAsync();
        return 0;
    });

    private static async Task<JsonElement> VerifyAsync(HttpClient client) => await (await client.GetAsync("/api/v1/audit/verify")).JsonAsync();

    private static JsonElement Chain(JsonElement report, string chain) =>
        report.GetProperty("chains").EnumerateArray().Single(c => c.GetProperty("chain").GetString() == chain);
}

using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Tests.Infrastructure;

namespace Otop.Web.Tests.Trust;

/// <summary>
/// Issue 14, item 7 (docs/hostile-input.md, "Limits and responses"): <c>GET /api/v1/audit/verify</c> reads every entry
/// of every chain, so only the department runs it (a province for its own chains), and one verification is answered
/// again for <c>Audit__VerifyCacheSeconds</c>.
/// </summary>
public sealed class AuditVerifyAccessTests
{
    private static async Task<HttpClient> WithEntriesInTwoProvincesAsync(OtopApp app)
    {
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        foreach (var (name, unit) in new[] { ("audit.sakaeo", "2701"), ("audit.bangkok", "1101") })
        {
            (await admin.PostJsonAsync("/api/v1/users", new { username = name, password = "Sakaeo2566x", displayName = name, role = "Viewer", orgUnit = unit }))
                .StatusCode.ShouldBe(HttpStatusCode.Created);
        }
        return admin;
    }

    private static List<string> Chains(JsonElement report) =>
        report.GetProperty("chains").EnumerateArray().Select(c => c.GetProperty("chain").GetString()!).ToList();

    [Fact]
    public async Task AProvinceOfficer_VerifiesOnlyItsProvincesChain_AndTheDepartmentEveryChain()
    {
        using var app = new OtopApp();
        var admin = await WithEntriesInTwoProvincesAsync(app);
        var province = await app.ClientAsAsync("ProvinceOfficer", "27");

        var all = await (await admin.GetAsync("/api/v1/audit/verify")).JsonAsync();
        var own = await (await province.GetAsync("/api/v1/audit/verify")).JsonAsync();

        Chains(all).ShouldContain("27");
        Chains(all).ShouldContain("11");
        Chains(own).ShouldNotBeEmpty();
        Chains(own).ShouldAllBe(c => c.StartsWith("27", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AVerification_IsAnsweredAgainForTheCachePeriod_ThenComputedAfresh()
    {
        using var app = new OtopApp(settings: new Dictionary<string, string?> { ["Audit:VerifyCacheSeconds"] = "60" });
        var admin = await WithEntriesInTwoProvincesAsync(app);

        var first = await (await admin.GetAsync("/api/v1/audit/verify")).JsonAsync();
        await app.WithDbAsync(async db =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            if (!db.IsSqlite) await db.Database.ExecuteSqlRawAsync("SET LOCAL session_replication_role = replica");
            await db.Database.ExecuteSqlRawAsync("""UPDATE "AuditEntries" SET "NewValue" = '["edited"]' WHERE "Chain" = '11'""");
            await tx.CommitAsync();
            return 0;
        });
        var cached = await (await admin.GetAsync("/api/v1/audit/verify")).JsonAsync();
        app.Clock.Advance(TimeSpan.FromSeconds(61));
        var fresh = await (await admin.GetAsync("/api/v1/audit/verify")).JsonAsync();

        first.GetProperty("ok").GetBoolean().ShouldBeTrue();
        cached.GetProperty("ok").GetBoolean().ShouldBeTrue();
        cached.GetProperty("checkedAt").GetDateTimeOffset().ShouldBe(first.GetProperty("checkedAt").GetDateTimeOffset());
        fresh.GetProperty("ok").GetBoolean().ShouldBeFalse();
        fresh.GetProperty("checkedAt").GetDateTimeOffset().ShouldBeGreaterThan(first.GetProperty("checkedAt").GetDateTimeOffset());
    }
}

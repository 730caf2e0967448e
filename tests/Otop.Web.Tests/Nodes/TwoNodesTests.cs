using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Otop.Web.Tests.Faults;
using Otop.Web.Tests.Infrastructure;
using Otop.Web.Platform.Data;

namespace Otop.Web.Tests.Nodes;

/// <summary>
/// docs/decisions/009-faults-and-nodes.md: two app processes on one PostgreSQL database, started at the same moment, behave as one application:
/// one migration and one demo seed, a token or cookie of one accepted by the other, consistent writes through both.
/// </summary>
[Collection(ProcessTests.Name)]
public sealed partial class TwoNodesTests
{
    private const string Password = "Otop@2566";

    // A day when October 2023 (FY 2567) is open for the districts and the demo data has nothing in it yet.
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Seed__Demo"] = "true",
        // The nodes sign in as README's demo accounts, whose password only Development accepts.
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["Clock__Now"] = "2023-10-20T10:00:00+07:00",
    };

    [PostgresFact("several nodes share one database server; an embedded SQLite file is one node's own")]
    public async Task TwoNodesStartedTogether_MigrateAndSeedOnce_ShareLogins_AndStayConsistent()
    {
        using var database = new TestDatabase();
        await using var a = AppProcess.Start(database, Settings);
        await using var b = AppProcess.Start(database, Settings);
        await Task.WhenAll(a.WaitUntilHealthyAsync(TimeSpan.FromMinutes(3)), b.WaitUntilHealthyAsync(TimeSpan.FromMinutes(3)));

        // Migrations and demo data once.
        var scripts = MigrationRunner.ScriptsFor(sqlite: false).Count;
        (await Sql.ScalarAsync(database, "SELECT count(*) FROM schema_migrations")).ShouldBe(scripts);
        (await Sql.ScalarAsync(database, "SELECT count(DISTINCT version) FROM schema_migrations")).ShouldBe(scripts);
        (await Sql.ScalarAsync(database, """SELECT count(*) FROM "AspNetUsers" WHERE "UserName" = 'muang.officer'""")).ShouldBe(1);
        (await Sql.ScalarAsync(database, """
            SELECT count(*) FROM "Products" p JOIN "Entrepreneurs" e ON e."Id" = p."EntrepreneurId"
            WHERE e."ProvinceCode" = '27' AND p."RegisteredYear" BETWEEN 2557 AND 2563
            """)).ShouldBe(1946, "letter 1's table, seeded once");
        (await Sql.ScalarAsync(database, """SELECT count(*) FROM "RevenueMonths" WHERE "Month" = '2023-01' AND "DistrictCode" = '2701'""")).ShouldBe(1);
        foreach (var log in new[] { a.Log, b.Log })
        {
            ErrorLine().IsMatch(log).ShouldBeFalse(log);
        }

        // A bearer token from A works on B.
        using var onB = b.Client();
        onB.DefaultRequestHeaders.Authorization = new("Bearer", await a.TokenAsync("muang.officer", Password));
        (await onB.GetAsync("/api/v1/revenue/2701/2023-10")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // A cookie login on A works on B, and an antiforgery token from A's page posts on B.
        var cookies = new CookieContainer();
        using var pageA = a.Client(cookies);
        using var pageB = b.Client(cookies);
        var loginToken = Antiforgery.TokenFrom(await pageA.GetStringAsync("/Account/Login"));
        (await pageA.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Username"] = "muang.officer", ["Input.Password"] = Password, ["__RequestVerificationToken"] = loginToken,
        }))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var home = await pageB.GetAsync("/");
        home.StatusCode.ShouldBe(HttpStatusCode.OK, "the cookie from A is accepted by B");
        (await home.Content.ReadAsStringAsync()).ShouldContain("เมืองสระแก้ว");
        var formToken = Antiforgery.TokenFrom(await pageA.GetStringAsync("/Registry/Edit"));
        var created = await pageB.PostAsync("/Registry/Edit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Code"] = "27019981", ["Input.Name"] = "กลุ่มทดสอบสองเครื่อง", ["Input.Type"] = "group", ["Input.Version"] = "0",
            ["__RequestVerificationToken"] = formToken,
        }));
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect, await created.Content.ReadAsStringAsync());
        (await Sql.ScalarAsync(database, """SELECT count(*) FROM "Entrepreneurs" WHERE "Code" = '27019981'""")).ShouldBe(1);

        // Revenue written through both nodes in turn: versions rise by one each time, a stale version is 409 on either.
        using var officerA = await a.ClientForAsync("muang.officer", Password);
        using var officerB = await b.ClientForAsync("muang.head", Password);
        var producers = (await (await officerA.GetAsync("/api/v1/registry/entrepreneurs?district=2701&pageSize=3")).JsonAsync())
            .GetProperty("items").EnumerateArray().Select(e => e.GetProperty("code").GetString()!).ToArray();
        // The live demo (CONTRACT "Demo data") holds the current month, October 2566, as a draft already: start from it.
        var version = (await (await officerA.GetAsync("/api/v1/revenue/2701/2023-10")).JsonAsync()).GetProperty("version").GetInt32();
        for (var i = 0; i < 6; i++)
        {
            var node = i % 2 == 0 ? officerA : officerB;
            var entries = producers.Select((code, j) => new { entrepreneurCode = code, amount = 1000m * (i + 1) + j }).ToArray();
            var answer = await node.PutAsJsonAsync("/api/v1/revenue/2701/2023-10", version == 0 ? (object)new { entries } : new { version, entries });
            var next = (await answer.JsonAsync()).GetProperty("version").GetInt32();
            next.ShouldBe(version + 1);
            var other = i % 2 == 0 ? officerB : officerA;
            var stale = await other.PutAsJsonAsync("/api/v1/revenue/2701/2023-10", new { version, entries });
            await stale.ProblemAsync(HttpStatusCode.Conflict);
            var read = await (await other.GetAsync("/api/v1/revenue/2701/2023-10")).JsonAsync();
            read.GetProperty("version").GetInt32().ShouldBe(next, "the other node reads the write at once");
            read.GetProperty("total").GetDecimal().ShouldBe(entries.Sum(e => e.amount));
            version = next;
        }
    }

    [GeneratedRegex(@"^(fail|crit)\b|Unhandled exception|duplicate key", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex ErrorLine();
}

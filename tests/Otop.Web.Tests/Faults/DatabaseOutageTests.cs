using System.Diagnostics;
using System.Net;
using Npgsql;
using Otop.Web.Tests.Infrastructure;

namespace Otop.Web.Tests.Faults;

/// <summary>
/// docs/decisions/009-faults-and-nodes.md: the database server goes away for a moment (a network cut, a failover, a restart). The app answers 503
/// with a Thai message meanwhile and serves again by itself when the server is back, without a restart.
/// </summary>
public sealed class DatabaseOutageTests
{
    [PostgresFact("an embedded SQLite file cannot become unreachable while the process that opens it runs")]
    public async Task WhileTheDatabaseIsUnreachable_RequestsAre503InThai_AndTheAppRecoversOnItsOwn()
    {
        using var database = new TestDatabase();
        var direct = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        await using var proxy = new TcpProxy(direct.Host!, direct.Port);
        var throughProxy = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Host = "127.0.0.1", Port = proxy.Port, Timeout = 3 };
        await using var app = new OtopApp(database: database, settings: new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = throughProxy.ConnectionString,
        });
        var officer = await app.ClientAsAsync("DistrictOfficer", "2701");
        var health = app.CreateClient();
        (await officer.GetAsync("/api/v1/registry/products")).StatusCode.ShouldBe(HttpStatusCode.OK);

        proxy.Cut();

        var problem = await (await officer.GetAsync("/api/v1/registry/products")).ProblemAsync(HttpStatusCode.ServiceUnavailable);
        problem.GetProperty("detail").GetString()!.ShouldContain("ฐานข้อมูล");
        await (await officer.GetAsync("/api/v1/revenue/2701/2023-02")).ProblemAsync(HttpStatusCode.ServiceUnavailable);
        (await health.GetAsync("/healthz")).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);

        proxy.Restore();

        var watch = Stopwatch.StartNew();
        HttpStatusCode status;
        do
        {
            status = (await officer.GetAsync("/api/v1/registry/products")).StatusCode;
            if (status != HttpStatusCode.OK) await Task.Delay(200);
        }
        while (status != HttpStatusCode.OK && watch.Elapsed < TimeSpan.FromSeconds(30));
        status.ShouldBe(HttpStatusCode.OK, "the app serves again once the database is back, without a restart");
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        (await health.GetAsync("/healthz")).StatusCode.ShouldBe(HttpStatusCode.OK);
        for (var i = 0; i < 10; i++)
        {
            (await officer.GetAsync("/api/v1/registry/products")).StatusCode.ShouldBe(HttpStatusCode.OK, "no broken pooled connection is handed out again");
        }
    }
}

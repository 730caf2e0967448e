using System.Net;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Tests.Infrastructure;
using Otop.Web.Features.Registry;
using Otop.Web.Platform.Data;

namespace Otop.Web.Tests.Foundation;

public sealed class StartupTests
{
    [Fact]
    public async Task TheAdminBootstrap_CreatesADepartmentAdmin_Once()
    {
        var settings = new Dictionary<string, string?> { ["Admin:Username"] = "chief", ["Admin:Password"] = "Chief2566pw" };
        using var database = new TestDatabase();
        using (var first = new OtopApp(database: database, settings: settings))
        {
            var client = await first.ClientForAsync("chief", "Chief2566pw");
            var created = await client.PostJsonAsync("/api/v1/users", new { username = "p27", password = "Sakaeo2566", displayName = "จังหวัด", role = "ProvinceOfficer", orgUnit = "27" });
            created.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var changed = new Dictionary<string, string?> { ["Admin:Username"] = "chief", ["Admin:Password"] = "Another2566pw" };
        using var second = new OtopApp(database: database, settings: changed);

        (await second.CreateClient().PostJsonAsync("/api/v1/auth/token", new { username = "chief", password = "Chief2566pw" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await second.CreateClient().PostJsonAsync("/api/v1/auth/token", new { username = "chief", password = "Another2566pw" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        second.WithDb(db => db.Users.Count(u => u.UserName == "chief")).ShouldBe(1);
    }

    [Fact]
    public async Task DemoData_IsOnByDefaultOnlyOnSqliteInDevelopment_AndOffOnPostgresOrOutsideDevelopment()
    {
        using var development = new OtopApp(seedDemo: null, environment: OtopApp.Development);
        using var production = new OtopApp(seedDemo: null, environment: "Production");

        var inDevelopment = await development.WithDbAsync(db => db.Entrepreneurs.CountAsync());
        var inProduction = await production.WithDbAsync(db => db.Entrepreneurs.CountAsync());

        if (TestDatabase.IsPostgres) inDevelopment.ShouldBe(0);
        else inDevelopment.ShouldBeGreaterThan(832);
        inProduction.ShouldBe(0, "outside Development the demo data is loaded only when Seed__Demo=true says so");
    }

    [Fact]
    public async Task DemoData_IsNeverSeededIntoADatabaseThatHasData()
    {
        using var database = new TestDatabase();
        int entrepreneurs;
        using (var first = new OtopApp(seedDemo: true, database: database))
        {
            entrepreneurs = await first.WithDbAsync(db => db.Entrepreneurs.CountAsync());
            await first.WithDbAsync(async db =>
            {
                var e = await db.Entrepreneurs.FirstAsync();
                e.Name = "กลุ่มที่แก้ไขแล้ว";
                return await db.SaveChangesAsync();
            });
        }

        using var second = new OtopApp(seedDemo: true, database: database);

        (await second.WithDbAsync(db => db.Entrepreneurs.CountAsync())).ShouldBe(entrepreneurs);
        (await second.WithDbAsync(db => db.Entrepreneurs.CountAsync(e => e.Name == "กลุ่มที่แก้ไขแล้ว"))).ShouldBe(1);
    }

    [Fact]
    public async Task RestartingOnTheSameDatabase_AppliesNoMigrationTwice_AndKeepsTheSigningKeys()
    {
        using var database = new TestDatabase();
        string token;
        using (var first = new OtopApp(database: database))
        {
            var user = await first.CreateUserAsync("Viewer", "27");
            var response = await first.CreateClient().PostJsonAsync("/api/v1/auth/token", new { username = user, password = OtopApp.Password });
            token = (await response.JsonAsync()).GetProperty("accessToken").GetString()!;
        }

        using var second = new OtopApp(database: database);
        var client = second.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);

        (await client.GetAsync("/api/v1/org/provinces")).StatusCode.ShouldBe(HttpStatusCode.OK);
        // Every script once, whichever feature migrations (002, 003, …) the build carries.
        second.WithDb(db => db.Database.SqlQueryRaw<string>("SELECT version AS \"Value\" FROM schema_migrations").ToList())
            .ShouldBe(second.WithDb(db => Otop.Web.Platform.Data.MigrationRunner.ScriptsFor(db.IsSqlite).Select(s => s.Version).ToList()), ignoreOrder: true);
    }

    [Fact]
    public async Task ClockNow_IsTheAppsNow_AndTheHomePageSaysTheSystemIsClosedFromThe6th()
    {
        var settings = new Dictionary<string, string?> { ["Clock:Now"] = "2023-03-06T00:00:00+07:00" };
        using var app = new ClockApp(settings);
        var user = await app.CreateUserAsync("DistrictOfficer", "2701");
        var client = app.CreateClient();
        var token = Antiforgery.TokenFrom(await client.GetStringAsync("/Account/Login"));

        var home = await (await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Username"] = user, ["Input.Password"] = OtopApp.Password, ["__RequestVerificationToken"] = token,
        }))).Content.ReadAsStringAsync();

        home.ShouldContain("6 มี.ค. 2566");
        home.ShouldContain("ขณะนี้กรมปิดระบบ");
    }

    /// <summary>Uses the app's own Clock__Now handling rather than the test clock.</summary>
    private sealed class ClockApp(IDictionary<string, string?> clockSettings) : OtopApp()
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            builder.UseSetting("Database:Provider", Database.Provider);
            builder.UseSetting("ConnectionStrings:Default", Database.ConnectionString);
            builder.UseSetting("Seed:Demo", "false");
            foreach (var (key, value) in clockSettings) builder.UseSetting(key, value);
        }
    }
}

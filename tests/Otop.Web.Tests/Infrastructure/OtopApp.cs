using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;

namespace Otop.Web.Tests.Infrastructure;

/// <summary>
/// The real app over HTTP on a fresh database of the provider under test. Each instance owns its database; pass
/// <paramref name="database"/> to start a second app on the same one (restarts, several nodes). The environment is
/// "Testing" (outside Development: demo passwords are refused); <see cref="Development"/> is where they sign in.
/// </summary>
public class OtopApp(bool? seedDemo = false, DateTimeOffset? now = null, TestDatabase? database = null,
    IDictionary<string, string?>? settings = null, string environment = "Testing") : WebApplicationFactory<Program>
{
    public const string Password = "Passw0rd-test";
    public const string Development = "Development";

    private readonly bool _ownsDatabase = database is null;
    public TestDatabase Database { get; } = database ?? new TestDatabase();
    public TestClock Clock { get; } = new(now ?? new DateTimeOffset(2023, 2, 20, 10, 0, 0, TimeSpan.FromHours(7)));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("Database:Provider", Database.Provider);
        builder.UseSetting("ConnectionStrings:Default", Database.ConnectionString);
        // PostgreSQL has no default key file outside Development (docs/operations.md "Keys"); SQLite's is beside the file.
        if (TestDatabase.IsPostgres) builder.UseSetting("Keys:File", Database.KeyFile);
        // null leaves Seed:Demo unset, so the contract's default applies (on for SQLite, off for PostgreSQL).
        if (seedDemo is { } demo) builder.UseSetting("Seed:Demo", demo ? "true" : "false");
        // Tests tamper with the audit and verify again at once: no cached verification unless a test asks for one.
        builder.UseSetting("Audit:VerifyCacheSeconds", "0");
        // The national compilation's scheduler compiles at start once a close day has passed: on only for a test that asks.
        builder.UseSetting("Compilation:Scheduler", "false");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public async Task<HttpClient> ClientForAsync(string userName, string password = Password)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = userName, password });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenBody>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    /// <summary>Creates a user straight through Identity (the users API has its own tests).</summary>
    public async Task<string> CreateUserAsync(string role, string orgUnit, string? userName = null)
    {
        userName ??= $"{role.ToLowerInvariant()}.{orgUnit}.{Guid.NewGuid().ToString("N")[..6]}";
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = userName, DisplayName = $"ผู้ทดสอบ {userName}", OrgUnitCode = orgUnit, CreatedAt = Clock.GetUtcNow() };
        (await users.CreateAsync(user, Password)).Succeeded.ShouldBeTrue();
        (await users.AddToRoleAsync(user, role)).Succeeded.ShouldBeTrue();
        return userName;
    }

    public async Task<HttpClient> ClientAsAsync(string role, string orgUnit) => await ClientForAsync(await CreateUserAsync(role, orgUnit));

    public T WithDb<T>(Func<AppDbContext, T> read)
    {
        using var scope = Services.CreateScope();
        return read(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        using var scope = Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsDatabase) Database.Dispose();
    }

    private sealed record TokenBody(string AccessToken, long ExpiresIn);
}

/// <summary>One app on an empty database (reference data only), shared by a test class.</summary>
public sealed class EmptyApp() : OtopApp();

/// <summary>One app with Sa Kaeo's demo data, shared by a test class that only reads it.</summary>
public sealed class DemoApp() : OtopApp(seedDemo: true);

/// <summary>The demo data in the Development environment, where the demo accounts sign in with README's password.</summary>
public sealed class DevelopmentDemoApp() : OtopApp(seedDemo: true, environment: Development);

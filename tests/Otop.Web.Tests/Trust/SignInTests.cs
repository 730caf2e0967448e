using System.Net;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Otop.Web.Features.Demo;
using Otop.Web.Platform.Auth;
using Otop.Web.Tests.Infrastructure;

namespace Otop.Web.Tests.Trust;

/// <summary>
/// docs/hostile-input.md "Sessions and sign-in": the same work and the same answer for an unknown name, a wrong password,
/// a locked and a disabled account; limits per address across names and per name as the binder bound it; the last
/// sign-in recorded; demo passwords only in Development.
/// </summary>
public sealed class SignInTests
{
    private const string Wrong = "Wrong-passw0rd";

    /// <summary>The four ways a sign-in fails, each set up on a fresh account (or none); the password tried is <c>.Password</c>.</summary>
    public static TheoryData<string> Failures => ["unknown name", "wrong password", "locked", "disabled"];

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task EveryFailedSignIn_HashesAPassword_AndGetsTheSameAnswer_OnTheTokenEndpointAndThePage(string failure)
    {
        var hasher = new CountingHasher();
        using var app = new HasherApp(hasher);
        var (userName, password) = await ArrangeAsync(app, failure);

        hasher.Verifications = 0;
        var api = await app.CreateClient().PostJsonAsync("/api/v1/auth/token", new { username = userName, password });
        var apiVerifications = hasher.Verifications;
        var page = await new CookieJar(app).SignInAsync(userName, password);

        apiVerifications.ShouldBe(1, "one password hash is checked, whether or not the name exists (no timing tells)");
        (await api.ProblemAsync(HttpStatusCode.Unauthorized)).GetProperty("detail").GetString().ShouldBe(SignInGate.RefusedMessage);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).ShouldContain(SignInGate.RefusedMessage);
    }

    private static async Task<(string UserName, string Password)> ArrangeAsync(OtopApp app, string failure)
    {
        if (failure == "unknown name") return ("nobody." + Guid.NewGuid().ToString("N")[..6], OtopApp.Password);
        var userName = await app.CreateUserAsync(Roles.Viewer, "27");
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByNameAsync(userName))!;
        switch (failure)
        {
            case "wrong password":
                return (userName, Wrong);
            case "locked":
                // Locked with the right password tried: the guesser cannot tell a lockout from a wrong password.
                // Identity compares a lockout's end with the real clock, not the app's TimeProvider.
                (await users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddMinutes(15))).Succeeded.ShouldBeTrue();
                return (userName, OtopApp.Password);
            default:
                user.DisabledAt = app.Clock.GetUtcNow();
                (await users.UpdateAsync(user)).Succeeded.ShouldBeTrue();
                return (userName, OtopApp.Password);
        }
    }

    [Fact]
    public async Task OneAddressTryingManyUserNames_Gets429InThai_OnTheTokenEndpointAndThePage()
    {
        using var app = new OtopApp(settings: new Dictionary<string, string?> { ["RateLimits:FailedLoginsPerAddressPerMinute"] = "5" });
        var client = app.CreateClient();

        for (var i = 0; i < 5; i++)
        {
            (await client.PostJsonAsync("/api/v1/auth/token", new { username = $"guess{i}", password = Wrong })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }
        var api = await client.PostJsonAsync("/api/v1/auth/token", new { username = "guess-next", password = Wrong });
        var page = await new CookieJar(app).SignInAsync("another-name", Wrong);

        (await api.ProblemAsync(HttpStatusCode.TooManyRequests)).GetProperty("detail").GetString()!.ShouldContain("เข้าสู่ระบบถี่เกินไป");
        api.Headers.RetryAfter.ShouldNotBeNull();
        page.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await page.Content.ReadAsStringAsync()).ShouldContain("เข้าสู่ระบบถี่เกินไป");
    }

    [Fact]
    public async Task SuccessfulSignInsFromOneAddress_AreNotCountedAgainstIt_SoAnOfficeBehindOneAddressSignsIn()
    {
        using var app = new OtopApp(settings: new Dictionary<string, string?> { ["RateLimits:FailedLoginsPerAddressPerMinute"] = "2" });

        for (var i = 0; i < 4; i++)
        {
            var userName = await app.CreateUserAsync(Roles.Viewer, "27");
            (await app.CreateClient().PostJsonAsync("/api/v1/auth/token", new { username = userName, password = OtopApp.Password })).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task TheTokenLimit_CountsTheUserNameTheBinderReads_HoweverThePropertyIsSpelled()
    {
        using var app = new OtopApp();
        var victim = await app.CreateUserAsync(Roles.Viewer, "27");
        var client = app.CreateClient();

        // The JSON binder is case-insensitive about property names and Identity about user names; a limiter that read
        // "username" itself saw "" here and let the eleventh try through to the (locked) account.
        for (var i = 0; i < 10; i++)
        {
            var body = $$"""{"{{(i % 2 == 0 ? "USERNAME" : "UserName")}}":"{{(i % 2 == 0 ? victim.ToUpperInvariant() : victim)}}","password":"{{Wrong}}"}""";
            (await client.PostAsync("/api/v1/auth/token", new StringContent(body, Encoding.UTF8, "application/json"))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        var eleventh = await client.PostJsonAsync("/api/v1/auth/token", new { username = victim, password = OtopApp.Password });

        await eleventh.ProblemAsync(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task ThePageLimit_CountsTheUserNameTheBinderReads_EvenWhenTheFieldIsSentTwice()
    {
        using var app = new OtopApp();
        var victim = await app.CreateUserAsync(Roles.Viewer, "27");
        var browser = new CookieJar(app);
        var token = Antiforgery.TokenFrom(await (await browser.GetAsync("/Account/Login")).Content.ReadAsStringAsync());

        // The binder takes the first value; a limiter that read both keyed every try on a new "victim,junkN".
        for (var i = 0; i < 10; i++)
        {
            var form = $"Input.Username={Uri.EscapeDataString(victim)}&input.username=junk{i}&Input.Password={Wrong}&__RequestVerificationToken={Uri.EscapeDataString(token)}";
            (await browser.SendAsync(HttpMethod.Post, "/Account/Login", new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded")))
                .StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var eleventh = await browser.SignInAsync(victim);

        eleventh.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task ASuccessfulSignIn_RecordsWhen_OnThePageAndTheTokenEndpoint()
    {
        using var app = new OtopApp();
        var userName = await app.CreateUserAsync(Roles.Viewer, "27");

        (await new CookieJar(app).SignInAsync(userName)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        app.WithDb(db => db.Users.Single(u => u.UserName == userName).LastSignInAt).ShouldBe(app.Clock.GetUtcNow());
        app.Clock.Advance(TimeSpan.FromMinutes(3));
        await app.ClientForAsync(userName);

        app.WithDb(db => db.Users.Single(u => u.UserName == userName).LastSignInAt).ShouldBe(app.Clock.GetUtcNow());
    }

    [Fact]
    public async Task InDevelopment_TheDemoAccountsSignInWithReadmesPassword()
    {
        using var app = new DevelopmentDemoApp();

        foreach (var (userName, _, _, _) in DemoSeeder.Accounts)
        {
            (await app.CreateClient().PostJsonAsync("/api/v1/auth/token", new { username = userName, password = DemoSeeder.DemoPassword }))
                .StatusCode.ShouldBe(HttpStatusCode.OK, userName);
        }
        (await new CookieJar(app).SignInAsync("sakaeo", DemoSeeder.DemoPassword)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task OutsideDevelopment_ADemoPasswordIsRefusedInThai_UntilAnAdministratorSetsAnother()
    {
        using var app = new OtopApp(seedDemo: true, environment: "Production");
        var page = await new CookieJar(app).SignInAsync("muang.officer", DemoSeeder.DemoPassword);
        page.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await page.Content.ReadAsStringAsync()).ShouldContain(SignInGate.DemoPasswordMessage);

        using (var scope = app.Services.CreateScope())
        {
            // An administrator's reset (the accounts pages do it through Identity, as here).
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByNameAsync("muang.officer"))!;
            (await users.RemovePasswordAsync(user)).Succeeded.ShouldBeTrue();
            (await users.AddPasswordAsync(user, OtopApp.Password)).Succeeded.ShouldBeTrue();
        }

        app.WithDb(db => db.Users.Single(u => u.UserName == "muang.officer").PasswordIsDemo).ShouldBeFalse();
        (await app.CreateClient().PostJsonAsync("/api/v1/auth/token", new { username = "muang.officer", password = OtopApp.Password })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task OutsideDevelopment_AdminPassword_ReplacesTheDemoPasswordOfThatAccount_AtStart()
    {
        using var database = new TestDatabase();
        using (var first = new OtopApp(seedDemo: true, database: database, environment: "Production"))
        {
            first.WithDb(db => db.Users.Single(u => u.UserName == "admin").PasswordIsDemo).ShouldBeTrue();
        }

        using var restarted = new OtopApp(seedDemo: true, database: database, environment: "Production", settings: new Dictionary<string, string?>
        {
            ["Admin:Username"] = "admin", ["Admin:Password"] = "Chief2566pw",
        });

        (await restarted.CreateClient().PostJsonAsync("/api/v1/auth/token", new { username = "admin", password = "Chief2566pw" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await restarted.CreateClient().PostJsonAsync("/api/v1/auth/token", new { username = "admin", password = DemoSeeder.DemoPassword })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        restarted.WithDb(db => db.Users.Single(u => u.UserName == "admin").PasswordIsDemo).ShouldBeFalse();
    }

    /// <summary>Identity's hasher, counting the password checks.</summary>
    private sealed class CountingHasher : IPasswordHasher<AppUser>
    {
        private readonly PasswordHasher<AppUser> _inner = new();
        public int Verifications;

        public string HashPassword(AppUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref Verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    private sealed class HasherApp(CountingHasher hasher) : OtopApp
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s.AddSingleton<IPasswordHasher<AppUser>>(hasher));
        }
    }
}

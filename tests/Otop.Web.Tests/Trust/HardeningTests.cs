using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Otop.Web.Tests.Infrastructure;
using Otop.Web.Platform.Http;

namespace Otop.Web.Tests.Trust;

/// <summary>docs/operations.md ("Hardening"): headers, CSP without inline code, antiforgery, cookies, rate limits, passwords, lockout, logs.</summary>
public sealed partial class HardeningTests(DemoApp app) : IClassFixture<DemoApp>
{
    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/api/v1/org/provinces")]
    [InlineData("/healthz")]
    public async Task EveryAnswer_CarriesTheSecurityHeaders(string url)
    {
        var response = await app.CreateClient().GetAsync(url);

        response.Headers.GetValues("Content-Security-Policy").Single().ShouldBe(Hardening.ContentSecurityPolicy);
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        response.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");
        response.Headers.Contains("Referrer-Policy").ShouldBeTrue();
        response.Headers.Contains("Permissions-Policy").ShouldBeTrue();
        response.Headers.Contains("Strict-Transport-Security").ShouldBeFalse("no HSTS over plain http");
    }

    [Fact]
    public async Task OverHttps_HstsIsSent_AndTheSignInCookieIsSecureHttpOnlyAndLax()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://otop.example"), AllowAutoRedirect = false });
        var login = await client.GetAsync("/Account/Login");
        var token = Antiforgery.TokenFrom(await login.Content.ReadAsStringAsync());

        var user = await app.CreateUserAsync("DistrictOfficer", "2701");
        var response = await client.PostAsync("/Account/Login", Form(("Input.Username", user), ("Input.Password", OtopApp.Password), ("__RequestVerificationToken", token)));

        login.Headers.Contains("Strict-Transport-Security").ShouldBeTrue();
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("otop.auth=", StringComparison.Ordinal)).ToLowerInvariant();
        cookie.ShouldContain("secure");
        cookie.ShouldContain("httponly");
        cookie.ShouldContain("samesite=lax");
    }

    [Fact]
    public async Task BehindAProxy_ForwardedHttps_GetsHsts()
    {
        using var proxied = new OtopApp(settings: new Dictionary<string, string?> { ["Hosting:ForwardedHeaders"] = "true" });
        var client = proxied.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://otop.example") });
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        var response = await client.GetAsync("/Account/Login");

        response.Headers.Contains("Strict-Transport-Security").ShouldBeTrue();
    }

    [Fact]
    public void NoPage_HasInlineScriptOrStyle_SoTheCspBlocksNothing()
    {
        var pages = Directory.GetFiles(Path.Combine(RepoRoot(), "src", "Otop.Web", "Features"), "*.cshtml", SearchOption.AllDirectories);
        var offenders = new List<string>();
        foreach (var file in pages)
        {
            var text = File.ReadAllText(file);
            if (StyleAttribute().IsMatch(text) || text.Contains("<style", StringComparison.OrdinalIgnoreCase) || InlineScript().IsMatch(text)
                || EventHandlerAttribute().IsMatch(text))
            {
                offenders.Add(Path.GetRelativePath(RepoRoot(), file));
            }
        }

        offenders.ShouldBeEmpty();
    }

    [Fact]
    public async Task EveryPagePostHandler_WithoutAnAntiforgeryToken_Is400()
    {
        var client = await app.SignedInAsync("DepartmentAdmin", "0");
        var posts = AuthorizationTable.Routes.Where(r => r.Key.StartsWith("POST /", StringComparison.Ordinal) && !r.Key.StartsWith("POST /api/", StringComparison.Ordinal)
                && r.Key != "POST /Error" // the error page re-executes any failed request, POSTs included
                && r.Key != "POST /line/webhook") // LINE's servers sign it (X-Line-Signature, LineLinkTests); no browser posts it
            .Select(r => r.Value.Request.Replace("{district}", "2701").Replace("{province}", "27").Replace("{product}", "27010001-01").Replace("{entrepreneur}", "27010001"))
            .ToList();

        posts.Count.ShouldBeGreaterThan(15);
        foreach (var url in posts)
        {
            var response = await client.PostAsync(url, Form(("anything", "1")));
            ((int)response.StatusCode).ShouldBe(400, url);
        }
    }

    [Fact]
    public async Task TheTokenEndpoint_AfterTenTriesAMinuteForOneUser_Answers429InThaiWithRetryAfter()
    {
        var client = app.CreateClient();
        var userName = "rate.limit." + Guid.NewGuid().ToString("N")[..6];

        for (var i = 0; i < 10; i++)
        {
            (await client.PostJsonAsync("/api/v1/auth/token", new { username = userName, password = "wrong" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }
        var limited = await client.PostJsonAsync("/api/v1/auth/token", new { username = userName, password = "wrong" });
        var other = await client.PostJsonAsync("/api/v1/auth/token", new { username = userName + "x", password = "wrong" });

        var problem = await limited.ProblemAsync(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter.ShouldNotBeNull();
        problem.GetProperty("detail").GetString()!.ShouldContain("วินาที");
        other.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "another user name from the same address is not limited");
    }

    [Fact]
    public async Task Imports_AfterSixAMinuteForOneUser_Answer429()
    {
        var client = await app.ClientAsAsync("DistrictOfficer", "2701");
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 7; i++)
        {
            using var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes("x\n")), "file", "a.csv" } };
            statuses.Add((await client.PostAsync("/api/v1/registry/import?commit=false", form)).StatusCode);
        }

        statuses.Take(6).ShouldAllBe(s => s != HttpStatusCode.TooManyRequests);
        statuses[6].ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Theory]
    [InlineData("Short1Aa")]
    [InlineData("alllowercase123")]
    [InlineData("ALLUPPERCASE123")]
    [InlineData("NoDigitsAtAllHere")]
    public async Task AWeakPassword_IsRefusedWithAThaiMessage(string password)
    {
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");

        var response = await admin.PostJsonAsync("/api/v1/users", new { username = "weak." + Guid.NewGuid().ToString("N")[..6], password, displayName = "ก", role = "Viewer", orgUnit = "27" });

        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("errors").GetProperty("password")[0].GetString()!.ShouldMatch(@"[\u0E00-\u0E7F]");
    }

    [Fact]
    public async Task FiveWrongPasswords_LockTheAccount_EvenForTheRightPassword()
    {
        var userName = await app.CreateUserAsync("Viewer", "27");
        var client = app.CreateClient();

        for (var i = 0; i < 5; i++) await client.PostJsonAsync("/api/v1/auth/token", new { username = userName, password = "Wrong-passw0rd" });
        var right = await client.PostJsonAsync("/api/v1/auth/token", new { username = userName, password = OtopApp.Password });

        // The same neutral 401 as a wrong password (the guesser learns nothing); the lockout is on the account.
        (await right.ProblemAsync(HttpStatusCode.Unauthorized)).GetProperty("detail").GetString().ShouldBe(Otop.Web.Platform.Auth.SignInGate.RefusedMessage);
        app.WithDb(db => db.Users.Single(u => u.UserName == userName).LockoutEnd).ShouldNotBeNull();
    }

    [Fact]
    public async Task SigningInAndImporting_WritesNoPasswordTokenOrFileContentToTheLogs()
    {
        var sink = new ConcurrentQueue<string>();
        using var logged = new OtopApp(seedDemo: true, environment: OtopApp.Development).WithWebHostBuilder(b => b.ConfigureServices(s =>
            s.AddSingleton<ILoggerProvider>(new CapturingLoggerProvider(sink))));
        var client = logged.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var loginToken = Antiforgery.TokenFrom(await client.GetStringAsync("/Account/Login"));
        await client.PostAsync("/Account/Login", Form(("Input.Username", "muang.officer"), ("Input.Password", "Otop@2566"), ("__RequestVerificationToken", loginToken)));
        var tokenResponse = await client.PostJsonAsync("/api/v1/auth/token", new { username = "muang.officer", password = "Otop@2566" });
        var bearer = (await tokenResponse.JsonAsync()).GetProperty("accessToken").GetString()!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        var csv = "entrepreneur_code,entrepreneur_name,entrepreneur_type,district_code,product_code,product_name,category,registered_year\n" +
                  "27019999,กลุ่มลับเฉพาะ somchai@example.com 1101700203451,group,2701,27019999-01,ผ้าลับ,textile,2565\n";
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "registry.csv" } };
        (await client.PostAsync("/api/v1/registry/import?commit=true", form)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var logs = string.Join("\n", sink);
        logs.ShouldNotBeEmpty();
        logs.ShouldNotContain("Otop@2566");
        logs.ShouldNotContain(bearer[..40]);
        logs.ShouldNotContain("somchai@example.com");
        logs.ShouldNotContain("1101700203451");
        logs.ShouldNotContain("กลุ่มลับเฉพาะ");
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    internal static string RepoRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "Otop.slnx"))) dir = Path.GetDirectoryName(dir)!;
        return dir;
    }

    [GeneratedRegex(@"\sstyle\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex StyleAttribute();

    [GeneratedRegex(@"<script(?![^>]*\ssrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"\son(click|change|submit|load|input)\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandlerAttribute();

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> sink) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, sink);
        public void Dispose() { }

        private sealed class Logger(string category, ConcurrentQueue<string> sink) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                sink.Enqueue($"{category}: {formatter(state, exception)} {exception}");
        }
    }
}

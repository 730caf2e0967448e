using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Otop.Web.Platform.Auth;
using Otop.Web.Tests.Infrastructure;

namespace Otop.Web.Tests.Trust;

/// <summary>
/// docs/decisions/012-revocation-and-sessions.md, docs/hostile-input.md "Sessions and sign-in": a token and a cookie stop
/// working within the cache bound after their account changes; sign-out ends the session on the server; sessions end
/// after <c>Auth__SessionHours</c> whatever the renewals; the cookie is Secure behind a TLS proxy.
/// </summary>
public sealed partial class SessionTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    /// <summary>AccountCheck's cache bound is at most 30 s (Auth__CheckCacheSeconds ≤ 30): past it every node reads again.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(31);

    public static TheoryData<string> Changes => ["disabled", "password reset", "role changed", "unit moved", "deleted"];

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task ATokenAndACookie_StopWorkingWithinTheBound_WhenTheAccountIs(string change)
    {
        var userName = await app.CreateUserAsync(Roles.DistrictOfficer, "2701");
        var bearer = await app.ClientForAsync(userName);
        var cookie = await app.SignedInAsAsync(userName);
        (await bearer.GetAsync("/api/v1/org/provinces")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await cookie.GetAsync("/Account/Denied")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await ChangeAsync(userName, change);
        app.Clock.Advance(Bound);

        var api = await bearer.GetAsync("/api/v1/org/provinces");
        var page = await cookie.GetAsync("/Account/Denied");

        (await api.ProblemAsync(HttpStatusCode.Unauthorized)).GetProperty("detail").GetString().ShouldBe(AccountCheck.RefusedDetail);
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.AbsolutePath.ShouldBe("/Account/Login");
        page.Headers.GetValues("Set-Cookie").ShouldContain(c => c.StartsWith("otop.auth=;", StringComparison.Ordinal), "the refused cookie is removed");
    }

    /// <summary>What the accounts pages and API do (CONTRACT.md, Users), done here through Identity directly.</summary>
    private async Task ChangeAsync(string userName, string change)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByNameAsync(userName))!;
        switch (change)
        {
            case "disabled":
                user.DisabledAt = app.Clock.GetUtcNow();
                (await users.UpdateAsync(user)).Succeeded.ShouldBeTrue();
                (await users.UpdateSecurityStampAsync(user)).Succeeded.ShouldBeTrue();
                break;
            case "password reset":
                (await users.RemovePasswordAsync(user)).Succeeded.ShouldBeTrue();
                (await users.AddPasswordAsync(user, "Another-passw0rd")).Succeeded.ShouldBeTrue();
                break;
            // Role and unit without a new stamp: the check compares them with the principal itself.
            case "role changed":
                (await users.RemoveFromRoleAsync(user, Roles.DistrictOfficer)).Succeeded.ShouldBeTrue();
                (await users.AddToRoleAsync(user, Roles.Viewer)).Succeeded.ShouldBeTrue();
                break;
            case "unit moved":
                user.OrgUnitCode = "2702";
                (await users.UpdateAsync(user)).Succeeded.ShouldBeTrue();
                break;
            case "deleted":
                (await users.DeleteAsync(user)).Succeeded.ShouldBeTrue();
                break;
        }
    }

    [Fact]
    public async Task SigningOutFromTheLayoutForm_EndsTheSession_SoACopyOfTheCookieStopsWorking()
    {
        var browser = new CookieJar(app);
        (await browser.SignInAsync(await app.CreateUserAsync(Roles.Viewer, "27"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var html = await (await browser.GetAsync("/Account/Denied")).Content.ReadAsStringAsync();
        var copy = browser.CookieHeader;

        var form = LogoutForm().Match(html);
        form.Success.ShouldBeTrue("the layout has a sign-out form");
        var signOut = await browser.PostFormAsync("/Account/Logout", new() { ["__RequestVerificationToken"] = Antiforgery.TokenFrom(form.Value) });

        signOut.StatusCode.ShouldBe(HttpStatusCode.Redirect, "the layout's form carries its antiforgery token");
        signOut.Headers.Location!.ToString().ShouldBe("/Account/Login");
        browser.Cookies.ContainsKey("otop.auth").ShouldBeFalse("sign-out removes the cookie");
        var replayed = await WithCookieAsync(copy, "/Account/Denied");
        replayed.StatusCode.ShouldBe(HttpStatusCode.Redirect, "the copied cookie of an ended session is refused");
        replayed.Headers.Location!.AbsolutePath.ShouldBe("/Account/Login");
    }

    [Fact]
    public async Task ACopiedCookie_OnAnotherNode_StopsWorkingWithinTheBound_AfterSignOut()
    {
        var browser = new CookieJar(app);
        (await browser.SignInAsync(await app.CreateUserAsync(Roles.Viewer, "27"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var copy = browser.CookieHeader;
        using var other = new OtopApp(database: app.Database);
        other.Clock.Now = app.Clock.Now;
        (await WithCookieAsync(copy, "/Account/Denied", other)).StatusCode.ShouldBe(HttpStatusCode.OK, "the other node reads the same session");

        var token = Antiforgery.TokenFrom(await (await browser.GetAsync("/Account/Denied")).Content.ReadAsStringAsync());
        (await browser.PostFormAsync("/Account/Logout", new() { ["__RequestVerificationToken"] = token })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        other.Clock.Advance(Bound);

        (await WithCookieAsync(copy, "/Account/Denied", other)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task AGetOfTheSignOutPage_AsksAndChangesNothing()
    {
        var client = await app.SignedInAsync(Roles.Viewer, "27");

        var get = await client.GetAsync("/Account/Logout");

        get.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await get.Content.ReadAsStringAsync()).ShouldContain("data-testid=\"logout-confirm\"");
        (await client.GetAsync("/Account/Denied")).StatusCode.ShouldBe(HttpStatusCode.OK, "the session is still open");
    }

    [Fact]
    public async Task ASession_EndsTwelveHoursAfterSignIn_HoweverOftenItWasRenewed()
    {
        var client = await app.SignedInAsync(Roles.Viewer, "27");

        app.Clock.Advance(TimeSpan.FromHours(6));
        var renewed = await client.GetAsync("/Account/Denied");
        renewed.StatusCode.ShouldBe(HttpStatusCode.OK);
        renewed.Headers.GetValues("Set-Cookie").ShouldContain(c => c.StartsWith("otop.auth=", StringComparison.Ordinal), "the sliding expiry renewed the cookie");
        app.Clock.Advance(TimeSpan.FromHours(5));
        (await client.GetAsync("/Account/Denied")).StatusCode.ShouldBe(HttpStatusCode.OK, "past the first cookie's 10 h idle end: the renewal holds");
        app.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));

        var late = await client.GetAsync("/Account/Denied");

        late.StatusCode.ShouldBe(HttpStatusCode.Redirect, "12 h after sign-in the session is over, whatever the renewals");
        late.Headers.Location!.AbsolutePath.ShouldBe("/Account/Login");
    }

    [Fact]
    public async Task ASessionNobodyUses_EndsAfterTheIdleTime()
    {
        var client = await app.SignedInAsync(Roles.Viewer, "27");

        app.Clock.Advance(TimeSpan.FromMinutes(new AuthOptions().IdleMinutes + 1));

        (await client.GetAsync("/Account/Denied")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task ABearerToken_LivesAnHour()
    {
        var userName = await app.CreateUserAsync(Roles.Viewer, "27");
        var response = await app.CreateClient().PostJsonAsync("/api/v1/auth/token", new { username = userName, password = OtopApp.Password });
        var body = await response.JsonAsync();
        body.GetProperty("expiresIn").GetInt64().ShouldBe(3600);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("accessToken").GetString());

        app.Clock.Advance(TimeSpan.FromMinutes(59));
        (await client.GetAsync("/api/v1/org/provinces")).StatusCode.ShouldBe(HttpStatusCode.OK);
        app.Clock.Advance(TimeSpan.FromMinutes(2));

        await (await client.GetAsync("/api/v1/org/provinces")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task BehindATlsProxy_TheSessionCookieIsSecure()
    {
        using var proxied = new OtopApp(settings: new Dictionary<string, string?> { ["Hosting:ForwardedHeaders"] = "true" });
        var browser = new CookieJar(proxied, new Uri("http://otop.example")) { Headers = h => h.Add("X-Forwarded-Proto", "https") };

        var response = await browser.SignInAsync(await proxied.CreateUserAsync(Roles.Viewer, "27"));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("otop.auth=", StringComparison.Ordinal)).ToLowerInvariant();
        cookie.ShouldContain("; secure");
        cookie.ShouldContain("httponly");
    }

    private async Task<HttpResponseMessage> WithCookieAsync(string cookie, string url, OtopApp? on = null)
    {
        var client = (on ?? app).CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    [GeneratedRegex("<form[^>]*data-testid=\"logout-form\"[^>]*>.*?</form>", RegexOptions.Singleline)]
    private static partial Regex LogoutForm();
}

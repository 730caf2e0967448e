using System.Net;
using System.Net.Http.Headers;
using Otop.Web.Platform.Auth;
using Otop.Web.Tests.Infrastructure;

namespace Otop.Web.Tests.Foundation;

public sealed class AuthTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    [Fact]
    public async Task GoodCredentials_GiveABearerToken_ThatOpensTheApi()
    {
        var user = await app.CreateUserAsync("DistrictOfficer", "2701");

        var body = await (await app.CreateClient().PostJsonAsync("/api/v1/auth/token", new { username = user, password = OtopApp.Password })).JsonAsync();

        body.GetProperty("accessToken").GetString()!.Length.ShouldBeGreaterThan(20);
        body.GetProperty("expiresIn").GetInt64().ShouldBeGreaterThan(0);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("accessToken").GetString());
        (await client.GetAsync("/api/v1/org/provinces")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AWrongPassword_IsA401_InThai()
    {
        var user = await app.CreateUserAsync("DistrictOfficer", "2701");

        var response = await app.CreateClient().PostJsonAsync("/api/v1/auth/token", new { username = user, password = "wrong-password-1" });

        var problem = await response.ProblemAsync(HttpStatusCode.Unauthorized);
        problem.GetProperty("detail").GetString().ShouldBe(SignInGate.RefusedMessage);
    }

    [Fact]
    public async Task AnUnknownUser_IsA401_NotA404_SoNamesCannotBeProbed()
    {
        var response = await app.CreateClient().PostJsonAsync("/api/v1/auth/token", new { username = "nobody-here", password = "whatever1" });

        await response.ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task MissingFields_AreA422_NamingEachField()
    {
        var response = await app.CreateClient().PostJsonAsync("/api/v1/auth/token", new { username = "" });

        var problem = await response.ProblemAsync((HttpStatusCode)422);
        problem.GetProperty("errors").TryGetProperty("username", out _).ShouldBeTrue();
        problem.GetProperty("errors").TryGetProperty("password", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task MalformedJson_IsA400Problem()
    {
        var content = new StringContent("{\"username\": ", System.Text.Encoding.UTF8, "application/json");

        var response = await app.CreateClient().PostAsync("/api/v1/auth/token", content);

        await response.ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task FiveWrongPasswords_LockTheAccount_EvenAgainstTheRightOne()
    {
        var user = await app.CreateUserAsync("DistrictOfficer", "2702");
        var client = app.CreateClient();

        for (var i = 0; i < 5; i++)
        {
            await client.PostJsonAsync("/api/v1/auth/token", new { username = user, password = "wrong-password-1" });
        }
        var response = await client.PostJsonAsync("/api/v1/auth/token", new { username = user, password = OtopApp.Password });

        // Locked, but told exactly what a wrong password is told: the officer learns of the lockout from an administrator.
        var problem = await response.ProblemAsync(HttpStatusCode.Unauthorized);
        problem.GetProperty("detail").GetString().ShouldBe(SignInGate.RefusedMessage);
        app.WithDb(db => db.Users.Single(u => u.UserName == user).LockoutEnd).ShouldNotBeNull();
    }

    [Fact]
    public async Task AForgedToken_IsRefused()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "CfDJ8-not-a-real-token");

        (await client.GetAsync("/api/v1/org/provinces")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AnExpiredToken_IsRefused()
    {
        using var local = new OtopApp();
        var client = await local.ClientAsAsync("Viewer", "27");
        (await client.GetAsync("/api/v1/org/provinces")).StatusCode.ShouldBe(HttpStatusCode.OK);

        local.Clock.Advance(TimeSpan.FromHours(9));

        (await client.GetAsync("/api/v1/org/provinces")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TheLoginPage_SignsInWithACookie_AndShowsTheUsersDistrict()
    {
        var user = await app.CreateUserAsync("DistrictOfficer", "2707");
        var client = app.CreateClient();
        var form = await client.GetStringAsync("/Account/Login");
        var token = Antiforgery.TokenFrom(form);

        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Username"] = user,
            ["Input.Password"] = OtopApp.Password,
            ["__RequestVerificationToken"] = token,
        }));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var home = await response.Content.ReadAsStringAsync();
        home.ShouldContain("เขาฉกรรจ์");
        home.ShouldContain("สระแก้ว");
    }

    [Fact]
    public async Task TheLoginPage_KeepsTheUserName_AndSaysWhatWentWrong()
    {
        var client = app.CreateClient();
        var token = Antiforgery.TokenFrom(await client.GetStringAsync("/Account/Login"));

        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Username"] = "somchai",
            ["Input.Password"] = "wrong-password-1",
            ["__RequestVerificationToken"] = token,
        }));

        var page = await response.Content.ReadAsStringAsync();
        page.ShouldContain(SignInGate.RefusedMessage);
        page.ShouldContain("value=\"somchai\"");
    }

    [Fact]
    public async Task ABearerTokenIsNotACookie_PagesStillAskForLogin()
    {
        var client = await app.ClientAsAsync("Viewer", "27");
        var noRedirect = app.CreateClient(new() { AllowAutoRedirect = false });
        noRedirect.DefaultRequestHeaders.Authorization = client.DefaultRequestHeaders.Authorization;

        (await noRedirect.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }
}

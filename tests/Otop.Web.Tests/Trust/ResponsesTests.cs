using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Features.Circulars;
using Otop.Web.Features.Registry;
using Otop.Web.Tests.Infrastructure;

namespace Otop.Web.Tests.Trust;

/// <summary>
/// Issue 14, item 8 (docs/hostile-input.md, "Limits and responses"), over every route of <see cref="AuthorizationTable"/>:
/// no answer to a signed-in caller may be kept by a cache, and no GET may change the database.
/// </summary>
public sealed class ResponsesTests(ResponsesTests.ResponsesApp app) : IClassFixture<ResponsesTests.ResponsesApp>
{
    public sealed class ResponsesApp() : OtopApp(seedDemo: true);

    [Fact]
    public async Task EveryRouteOfTheTable_AnsweredToASignedInCaller_CarriesNoStore()
    {
        var values = await TargetsAsync();
        var cached = new List<string>();
        var session = await SignedInAsync();
        foreach (var (route, row) in AuthorizationTable.Routes.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            // Signing out ends the session: each sign-out row gets its own.
            var client = row.Rule == "sign-out" ? await SignedInAsync() : session;
            using var response = await SendAsync(client, route, row, values);
            if (response.Headers.CacheControl?.NoStore != true) cached.Add($"{route}: {(int)response.StatusCode} Cache-Control: {response.Headers.CacheControl}");
        }

        cached.ShouldBeEmpty($"answers a cache may keep:\n{string.Join("\n", cached)}");
    }

    [Fact]
    public async Task StaticFiles_StayCacheable_WhileTheAnonymousLoginPageIsNoStore()
    {
        var anonymous = app.CreateClient();

        using var css = await anonymous.GetAsync("/css/site.css");
        using var login = await anonymous.GetAsync("/Account/Login");

        css.EnsureSuccessStatusCode();
        (css.Headers.CacheControl?.NoStore ?? false).ShouldBeFalse();
        login.Headers.CacheControl!.NoStore.ShouldBeTrue();
    }

    [Fact]
    public async Task EveryGetRouteOfTheTable_CalledByTheDepartment_ChangesNothingInTheDatabase()
    {
        var values = await TargetsAsync();
        var client = await SignedInAsync();
        var gets = AuthorizationTable.Routes.Where(r => r.Key.StartsWith("GET ", StringComparison.Ordinal) && r.Value.Rule != "sign-out")
            .OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        var statuses = new List<string>();

        var before = await DbSnapshot.OfAsync(app);
        foreach (var (route, row) in gets)
        {
            using var response = await SendAsync(client, route, row, values);
            statuses.Add($"{route}: {(int)response.StatusCode}");
        }
        var after = await DbSnapshot.OfAsync(app);

        gets.Count.ShouldBeGreaterThan(60);
        statuses.ShouldAllBe(s => !s.EndsWith(": 500", StringComparison.Ordinal));
        after.ShouldBeUnchangedFrom(before);
    }

    private async Task<Dictionary<string, string>> TargetsAsync() => await app.WithDbAsync(async db => new Dictionary<string, string>
    {
        ["district"] = "2701",
        ["province"] = "27",
        ["product"] = await db.Products.Where(p => p.Entrepreneur.DistrictCode == "2701").OrderBy(p => p.Code).Select(p => p.Code).FirstAsync(),
        ["entrepreneur"] = await db.Entrepreneurs.Where(e => e.DistrictCode == "2701").OrderBy(e => e.Code).Select(e => e.Code).FirstAsync(),
        ["circular"] = (await db.Circulars.Where(c => c.IssuerCode == "27" && c.Status == CircularStatus.Published).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync())
            .ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    private sealed record Session(HttpClient Http, string Token);

    /// <summary>A DepartmentAdmin with both credentials: the login cookie for pages and a bearer token for the API.</summary>
    private async Task<Session> SignedInAsync()
    {
        var userName = await app.CreateUserAsync("DepartmentAdmin", "0");
        var http = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var loginToken = Antiforgery.TokenFrom(await http.GetStringAsync("/Account/Login"));
        (await http.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Username"] = userName, ["Input.Password"] = OtopApp.Password, ["__RequestVerificationToken"] = loginToken,
        }))).StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect);
        var token = await http.PostAsync("/api/v1/auth/token",
            new StringContent(JsonSerializer.Serialize(new { username = userName, password = OtopApp.Password }), Encoding.UTF8, "application/json"));
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await token.JsonAsync()).GetProperty("accessToken").GetString());
        return new Session(http, Antiforgery.TokenFrom(await http.GetStringAsync("/Account/Login")));
    }

    private static async Task<HttpResponseMessage> SendAsync(Session session, string route, AuthorizationTable.Row row, Dictionary<string, string> values)
    {
        var method = new HttpMethod(route[..route.IndexOf(' ')]);
        var request = new HttpRequestMessage(method, Fill(row.Request, values));
        var isPage = !route.Contains(" /api/", StringComparison.Ordinal);
        switch (row.Body)
        {
            case null: break;
            case "form":
                request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = session.Token });
                break;
            case "file":
                var form = new MultipartFormDataContent();
                var file = new ByteArrayContent([]);
                file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
                form.Add(file, "file", "empty.csv");
                if (isPage) form.Add(new StringContent(session.Token), "__RequestVerificationToken");
                request.Content = form;
                break;
            default:
                request.Content = new StringContent(Fill(row.Body, values), Encoding.UTF8, "application/json");
                break;
        }
        return await session.Http.SendAsync(request);
    }

    private static string Fill(string template, Dictionary<string, string> values) =>
        values.Aggregate(template, (s, kv) => s.Replace("{" + kv.Key + "}", kv.Value, StringComparison.Ordinal));
}

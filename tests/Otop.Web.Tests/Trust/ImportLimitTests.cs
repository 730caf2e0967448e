using System.Net;
using System.Text;
using Otop.Web.Platform.Auth;
using Otop.Web.Tests.Infrastructure;

namespace Otop.Web.Tests.Trust;

/// <summary>
/// Every import (registry, revenue history, accounts) shares one per-user limit, <c>RateLimits__ImportsPerMinute</c>
/// (Platform/Http/Hardening.ImportPolicy): each reads and checks a whole file, so a loop of imports is a denial of service.
/// </summary>
public sealed class ImportLimitTests
{
    private static MultipartFormDataContent Csv(string text)
    {
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(text)), "file", "import.csv");
        return form;
    }

    [Fact]
    public async Task AUserOverTheImportLimit_Gets429InThai_OnEveryImport_WhileAnotherUserStillImports()
    {
        using var app = new OtopApp(settings: new Dictionary<string, string?> { ["RateLimits:ImportsPerMinute"] = "2" });
        var admin = await app.ClientAsAsync(Roles.DepartmentAdmin, "0");
        const string accounts = "username,display_name,role,org_unit,email,password\n";

        (await admin.PostAsync("/api/v1/users/import", Csv(accounts))).StatusCode.ShouldNotBe(HttpStatusCode.TooManyRequests);
        (await admin.PostAsync("/api/v1/registry/import?commit=false", Csv("entrepreneur_code\n"))).StatusCode.ShouldNotBe(HttpStatusCode.TooManyRequests);

        foreach (var url in new[] { "/api/v1/users/import", "/api/v1/registry/import?commit=false", "/api/v1/revenue/import?commit=false" })
        {
            var refused = await admin.PostAsync(url, Csv(accounts));
            (await refused.ProblemAsync(HttpStatusCode.TooManyRequests)).GetProperty("detail").GetString()!.ShouldContain("นำเข้าไฟล์ถี่เกินไป");
            refused.Headers.RetryAfter.ShouldNotBeNull();
        }

        var another = await app.ClientAsAsync(Roles.DepartmentAdmin, "0");
        (await another.PostAsync("/api/v1/users/import", Csv(accounts))).StatusCode.ShouldNotBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task OpeningAnImportPage_IsNotCountedAgainstTheLimit()
    {
        using var app = new OtopApp(settings: new Dictionary<string, string?> { ["RateLimits:ImportsPerMinute"] = "1" });
        var userName = await app.CreateUserAsync(Roles.DepartmentAdmin, "0");
        var jar = new CookieJar(app);
        (await jar.SignInAsync(userName, OtopApp.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        for (var i = 0; i < 3; i++)
        {
            (await jar.GetAsync("/Users/Import")).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await jar.GetAsync("/Registry/Import")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }
}

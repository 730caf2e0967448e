using System.Net;
using System.Text.Json;
using Otop.Web.Tests.Infrastructure;

namespace Otop.Web.Tests.Trust;

/// <summary>The small audit history both chain test classes start from: three district accounts, each an audited change.</summary>
internal static class AuditScenario
{
    /// <summary>Three Viewer accounts in 2701, 2702 and 2703, created by a DepartmentAdmin whose client is returned; the chains verify.</summary>
    public static async Task<HttpClient> ChainOfThreeAsync(OtopApp app)
    {
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        await CreateUsersAsync(admin, ("one.2701", "2701"), ("two.2702", "2702"), ("three.2703", "2703"));
        (await VerifyAsync(admin)).GetProperty("ok").GetBoolean().ShouldBeTrue();
        return admin;
    }

    public static async Task CreateUsersAsync(HttpClient admin, params (string Name, string Unit)[] users)
    {
        foreach (var (name, unit) in users)
        {
            var role = unit == "0" ? "DepartmentAdmin" : "Viewer";
            (await admin.PostJsonAsync("/api/v1/users", new { username = name, password = "Sakaeo2566x", displayName = name, role, orgUnit = unit }))
                .StatusCode.ShouldBe(HttpStatusCode.Created);
        }
    }

    public static async Task<JsonElement> VerifyAsync(HttpClient client) => await (await client.GetAsync("/api/v1/audit/verify")).JsonAsync();
}

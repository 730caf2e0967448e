using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Otop.Web.Tests.Infrastructure;

/// <summary>
/// Signed-in page sessions (cookie, no redirects followed) for tests of the Razor Pages; the bearer clients for the API are
/// <see cref="OtopApp.ClientAsAsync"/> and <see cref="OtopApp.ClientForAsync"/>.
/// </summary>
public static class CookieSessions
{
    /// <summary>A signed-in page session of a new user of <paramref name="role"/> at <paramref name="unit"/>.</summary>
    public static async Task<HttpClient> SignedInAsync(this OtopApp app, string role, string unit) =>
        await app.SignedInAsAsync(await app.CreateUserAsync(role, unit));

    /// <summary>A signed-in page session of an existing user (demo accounts use their own password).</summary>
    public static async Task<HttpClient> SignedInAsAsync(this OtopApp app, string userName, string password = OtopApp.Password)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var token = Antiforgery.TokenFrom(await client.GetStringAsync("/Account/Login"));
        (await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Username"] = userName, ["Input.Password"] = password, ["__RequestVerificationToken"] = token,
        }))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return client;
    }
}

using System.Net;
using Otop.Web.Tests.Infrastructure;

namespace Otop.Web.Tests.Foundation;

public sealed class HealthAndOpenApiTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    [Fact]
    public async Task Healthz_AnswersOk_WithoutLogin_OnceTheDatabaseAnswers()
    {
        var response = await app.CreateClient().GetAsync("/healthz");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("Healthy");
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheContractEndpoints_WithoutLogin()
    {
        var doc = await (await app.CreateClient().GetAsync("/openapi/v1.json")).JsonAsync();

        doc.GetProperty("openapi").GetString()!.ShouldStartWith("3.");
        var paths = doc.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/auth/token", "/api/v1/org/provinces", "/api/v1/org/provinces/{code}/districts", "/api/v1/users" })
        {
            paths.TryGetProperty(path, out _).ShouldBeTrue($"{path} is documented");
        }
    }

    [Fact]
    public async Task AnApiCallWithoutAToken_IsA401Problem_InThai()
    {
        var response = await app.CreateClient().GetAsync("/api/v1/org/provinces");

        await response.ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AnUnknownApiRoute_IsA404Problem()
    {
        var client = await app.ClientAsAsync("Viewer", "0");

        var response = await client.GetAsync("/api/v1/no-such-thing");

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task APageWithoutLogin_RedirectsToTheThaiLoginPage()
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync("/");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/Account/Login");
        var login = await (await app.CreateClient().GetAsync("/Account/Login")).Content.ReadAsStringAsync();
        login.ShouldContain("เข้าสู่ระบบ");
        login.ShouldContain("lang=\"th\"");
    }
}

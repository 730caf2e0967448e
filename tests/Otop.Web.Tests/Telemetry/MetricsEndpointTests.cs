using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Otop.Web.Platform.Telemetry;
using Otop.Web.Tests.Infrastructure;
using static Otop.Web.Tests.Revenue.RevenueTestData;

namespace Otop.Web.Tests.Telemetry;

/// <summary>
/// OpenTelemetry listens to meters by name in the whole process: a scraped app would also see the ASP.NET Core and Otop
/// meters of the other test apps running beside it (and lose the streams when those apps are disposed). The scrape tests
/// run alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryTests
{
    public const string Name = "telemetry";
}

/// <summary>The scrape endpoint is not there unless <c>Telemetry:Prometheus</c> turns it on (docs/operations.md "Telemetry").</summary>
[Collection(TelemetryTests.Name)]
public sealed class MetricsEndpointOffTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    [Fact]
    public async Task WithoutTheSetting_TheScrapeEndpointDoesNotExist()
    {
        var anonymous = app.CreateClient();
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");

        (await anonymous.GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await admin.GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

/// <summary>
/// With <c>Telemetry:Prometheus</c> on and a scrape token: the Prometheus text format with the app's own meters and
/// ASP.NET Core's, only to a caller with the token.
/// </summary>
[Collection(TelemetryTests.Name)]
public sealed class MetricsEndpointTests(MetricsEndpointTests.ScrapedApp app) : IClassFixture<MetricsEndpointTests.ScrapedApp>
{
    public const string Token = "scrape-token-for-the-tests-0123456789";

    public sealed class ScrapedApp() : OtopApp(settings: new Dictionary<string, string?>
    {
        ["Telemetry:Prometheus"] = "true",
        ["Telemetry:PrometheusToken"] = Token,
    });

    private HttpClient Scraper()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return client;
    }

    private static long Counter(string text, string name)
    {
        var values = Regex.Matches(text, $@"^{Regex.Escape(name)}(\{{[^}}]*\}})? (\d+)", RegexOptions.Multiline).Select(m => long.Parse(m.Groups[2].Value)).ToList();
        return values.Sum();
    }

    [Fact]
    public async Task ARevenueSaveThroughTheApi_IsCountedInTheScrape_BesideTheHttpServerDuration()
    {
        app.Clock.Now = Bangkok(2023, 3, 1);
        var codes = await app.ProducersAsync("4201", 2);
        var officer = await app.ClientAsAsync("DistrictOfficer", "4201");
        var before = Counter(await (await Scraper().GetAsync("/metrics")).Content.ReadAsStringAsync(), "otop_revenue_saves_total");

        await (await officer.PutMonthAsync("4201", "2023-02", Entries(codes, 500m, 250m))).JsonAsync();
        var response = await Scraper().GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        text.ShouldContain("# TYPE otop_revenue_saves_total counter");
        Counter(text, "otop_revenue_saves_total").ShouldBeGreaterThanOrEqualTo(before + 1);
        text.ShouldContain("# TYPE http_server_request_duration_seconds histogram");
        text.ShouldContain("http_route=\"/api/v1/revenue/{districtCode}/{month}\"");
    }

    [Fact]
    public async Task TheQueuesAreGauges_AndACompilationRecordsItsDuration()
    {
        app.Clock.Now = Bangkok(2023, 3, 20);
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        await (await admin.PostAsync("/api/v1/compilations/2023-02", null)).JsonAsync();

        var text = await (await Scraper().GetAsync("/metrics")).Content.ReadAsStringAsync();

        foreach (var gauge in new[] { "otop_revenue_write_queue", "otop_revenue_writes_running", "otop_pdf_queue", "otop_pdf_rendering", "otop_reminders_backlog" })
        {
            text.ShouldContain($"# TYPE {gauge} gauge");
        }
        text.ShouldContain("# TYPE otop_compilation_duration_seconds histogram");
        Regex.IsMatch(text, @"^otop_compilation_duration_seconds_count\{[^}]*trigger=""manual""[^}]*\} [1-9]", RegexOptions.Multiline).ShouldBeTrue();
    }

    [Fact]
    public async Task AScrapeWithoutTheToken_OrWithAUsersToken_IsRefusedWith401()
    {
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        var wrong = app.CreateClient();
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token + "x");

        var anonymous = await app.CreateClient().GetAsync("/metrics");
        (await wrong.GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await admin.GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        anonymous.Headers.WwwAuthenticate.ToString().ShouldBe("Bearer");
        (await anonymous.Content.ReadAsStringAsync()).ShouldNotContain("otop_");
    }
}

/// <summary>Who may scrape without a token: the configured networks, or with none configured only the machine itself.</summary>
public sealed class ScrapeRefusalTests
{
    private static int? Refusal(string? address, string? token = null, string? header = null, params string[] networks)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = address is null ? null : IPAddress.Parse(address);
        if (header is not null) http.Request.Headers.Authorization = header;
        var o = new TelemetryOptions { Prometheus = true, PrometheusToken = token, PrometheusNetworks = networks };
        return TelemetrySetup.Refusal(http, o, networks.Select(IPNetwork.Parse).ToList());
    }

    [Fact]
    public void WithNeitherNetworksNorToken_OnlyLoopbackMayScrape()
    {
        Refusal("127.0.0.1").ShouldBeNull();
        Refusal("::1").ShouldBeNull();
        Refusal("::ffff:127.0.0.1").ShouldBeNull();
        Refusal("10.1.2.3").ShouldBe(403);
        Refusal(null).ShouldBe(403);
    }

    [Fact]
    public void ConfiguredNetworks_AdmitTheirAddresses_AndNoOther()
    {
        Refusal("10.20.3.4", networks: "10.20.0.0/16").ShouldBeNull();
        Refusal("::ffff:10.20.3.4", networks: "10.20.0.0/16").ShouldBeNull();
        Refusal("10.21.3.4", networks: "10.20.0.0/16").ShouldBe(403);
        Refusal("127.0.0.1", networks: "10.20.0.0/16").ShouldBe(403);
    }

    [Theory]
    [InlineData("X-Forwarded-For", "10.20.0.5")]
    [InlineData("X-Original-For", "10.20.0.5:443")]
    [InlineData("Forwarded", "for=10.20.0.5")]
    public void AScrapeThroughAProxy_IsNotAdmittedByItsAddress_OnlyByTheToken(string name, string value)
    {
        const string token = "0123456789abcdef-token";
        int? Through(string address, string? bearer, params string[] networks)
        {
            var http = new DefaultHttpContext();
            http.Connection.RemoteIpAddress = IPAddress.Parse(address);
            http.Request.Headers[name] = value;
            if (bearer is not null) http.Request.Headers.Authorization = "Bearer " + bearer;
            var o = new TelemetryOptions { Prometheus = true, PrometheusToken = bearer, PrometheusNetworks = networks };
            return TelemetrySetup.Refusal(http, o, networks.Select(IPNetwork.Parse).ToList());
        }

        Through("10.20.0.5", null, "10.20.0.0/16").ShouldBe(403);
        Through("127.0.0.1", null).ShouldBe(403); // a proxy on the node itself
        Through("10.20.0.5", token, "10.20.0.0/16").ShouldBe(403);
        Through("203.0.113.9", token).ShouldBeNull();
    }

    [Fact]
    public void AToken_IsRequiredFromEveryAddress_AndWithNetworksBothMustHold()
    {
        const string token = "0123456789abcdef-token";
        Refusal("127.0.0.1", token).ShouldBe(401);
        Refusal("203.0.113.9", token, "Bearer " + token).ShouldBeNull();
        Refusal("203.0.113.9", token, "Basic " + token).ShouldBe(401);
        Refusal("203.0.113.9", token, "Bearer " + token, "10.20.0.0/16").ShouldBe(403);
        Refusal("10.20.0.1", token, "Bearer " + token, "10.20.0.0/16").ShouldBeNull();
    }
}

/// <summary>
/// With <c>Hosting:ForwardedHeaders</c> on the app takes X-Forwarded-For from any peer: a caller who writes a configured
/// network's address there is still not that network.
/// </summary>
[Collection(TelemetryTests.Name)]
public sealed class ForwardedScrapeTests(ForwardedScrapeTests.NetworkScrapedApp app) : IClassFixture<ForwardedScrapeTests.NetworkScrapedApp>
{
    public sealed class NetworkScrapedApp() : OtopApp(settings: new Dictionary<string, string?>
    {
        ["Telemetry:Prometheus"] = "true",
        ["Telemetry:PrometheusNetworks:0"] = "10.20.0.0/16",
        ["Hosting:ForwardedHeaders"] = "true",
    });

    [Fact]
    public async Task AScrapeClaimingAnAllowedAddressInXForwardedFor_IsRefusedWith403_WhileTheNetworkItselfScrapes()
    {
        // As Kestrel: the connection has its peer's address (the test client's has none).
        async Task<HttpContext> Scrape(string peer, string? forwardedFor) => await app.Server.SendAsync(http =>
        {
            http.Request.Method = HttpMethods.Get;
            http.Request.Path = "/metrics";
            http.Connection.RemoteIpAddress = IPAddress.Parse(peer);
            if (forwardedFor is not null) http.Request.Headers["X-Forwarded-For"] = forwardedFor;
        });

        var spoofed = await Scrape("203.0.113.9", "10.20.0.5");
        var outside = await Scrape("203.0.113.9", null);
        var inside = await Scrape("10.20.0.5", null);

        spoofed.Response.StatusCode.ShouldBe(StatusCodes.Status403Forbidden);
        outside.Response.StatusCode.ShouldBe(StatusCodes.Status403Forbidden);
        inside.Response.StatusCode.ShouldBe(StatusCodes.Status200OK);
        (await new StreamReader(spoofed.Response.Body).ReadToEndAsync()).ShouldNotContain("otop_");
    }
}

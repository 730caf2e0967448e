using Microsoft.EntityFrameworkCore;
using Otop.Web.Features.Circulars;
using Otop.Web.Tests.Infrastructure;
using Otop.Web.Tests.Reports;

namespace Otop.Web.Tests.Trust;

/// <summary>
/// Issue 14, item 8 (docs/hostile-input.md, "Limits and responses", L11): a link the app prints or sends is built from
/// <c>Hosting__PublicBaseUrl</c>, whatever Host header the request that made it carried.
/// </summary>
public sealed class PrintedLinkTests
{
    private const string Site = "https://otop.example.go.th";

    private static async Task<HttpResponseMessage> WithHostAsync(HttpClient client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = "evil.example";
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task APdfsQrCode_AndAnEnclosureLink_UseThePublicAddress_NotTheRequestsHost()
    {
        ReportFilesRead.RequirePdfTools();
        using var app = new OtopApp(seedDemo: true, settings: new Dictionary<string, string?> { ["Hosting:PublicBaseUrl"] = Site });
        var officer = await app.ClientAsAsync("DistrictOfficer", "2701");
        var letter = await app.WithDbAsync(db => db.Circulars.Where(c => c.IssuerCode == "27" && c.Status == CircularStatus.Published)
            .Where(c => db.Set<CircularEnclosure>().Any(e => e.CircularId == c.Id)).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());

        var pdf = await WithHostAsync(officer, "/api/v1/reports/rt1?district=2701&month=2023-01&format=pdf");
        var circular = await (await WithHostAsync(officer, $"/api/v1/circulars/{letter}")).JsonAsync();

        pdf.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, await pdf.Content.ReadAsStringAsync());
        var scanned = QrRead.FromPdf(await pdf.Content.ReadAsByteArrayAsync());
        scanned.ShouldStartWith($"{Site}/v/");
        var links = circular.GetProperty("enclosures").EnumerateArray().Select(e => e.GetProperty("url").GetString()!).ToList();
        links.ShouldNotBeEmpty();
        links.ShouldAllBe(url => url.StartsWith(Site + "/e/", StringComparison.Ordinal));
    }
}

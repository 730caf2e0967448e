using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Otop.Web.Tests.Infrastructure;
using Otop.Web.Tests.Revenue;

namespace Otop.Web.Tests.Foundation;

/// <summary>
/// Issue 15 item 8 (docs/benchmarks.md): HTML, JSON and assets go out with Brotli or gzip as the browser asks; a district's
/// รต.1 page of 150 producers stays under 50 KB compressed; versioned assets are cached for a year, others briefly, and
/// pages stay no-store.
/// </summary>
public sealed class CompressionTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    private const int Budget = 50 * 1024;

    [Fact]
    public async Task TheEntryPageOf150Producers_IsSentWithBrotli_AndStaysUnder50KilobytesCompressed()
    {
        await app.ProducersAsync("2706", 150);
        var officer = await app.SignedInAsync("DistrictOfficer", "2706");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/Revenue/Entry?district=2706&month=2023-02");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        using var response = await officer.SendAsync(request);
        var compressed = await response.Content.ReadAsByteArrayAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentEncoding.ShouldBe(["br"]);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        await using var brotli = new BrotliStream(new MemoryStream(compressed), CompressionMode.Decompress);
        var html = await new StreamReader(brotli).ReadToEndAsync();
        Regex.Matches(html, "name=\"Rows\\[\\d+\\]\\.Amount\"").Count.ShouldBeGreaterThanOrEqualTo(150);
        compressed.Length.ShouldBeLessThan(Budget, $"raw {html.Length:N0} characters");
    }

    [Theory]
    [InlineData("gzip", "/api/v1/org/provinces")]
    [InlineData("br", "/api/v1/org/provinces")]
    public async Task JsonIsCompressedToo(string encoding, string url)
    {
        var api = await app.ClientAsAsync("DepartmentAdmin", "0");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));

        using var response = await api.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentEncoding.ShouldBe([encoding]);
    }

    [Fact]
    public async Task AVersionedAsset_IsCachedForAYearAsImmutable_AndCompressed_WhileAnUnversionedOneIsCachedBriefly()
    {
        var anonymous = app.CreateClient();
        var login = await anonymous.GetStringAsync("/Account/Login");
        var css = Regex.Match(login, "href=\"(/css/site\\.css\\?v=[^\"]+)\"").Groups[1].Value;
        css.ShouldNotBeEmpty();

        using var versioned = new HttpRequestMessage(HttpMethod.Get, css);
        versioned.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        using var answer = await anonymous.SendAsync(versioned);
        answer.Headers.CacheControl!.ToString().ShouldBe("public, max-age=31536000, immutable");
        answer.Content.Headers.ContentEncoding.ShouldBe(["br"]);

        using var plain = await anonymous.GetAsync("/css/site.css");
        plain.Headers.CacheControl!.ToString().ShouldBe("public, max-age=600");
    }

    [Fact]
    public async Task EveryStylesheetAndScriptOfTheLayout_IsLinkedWithItsVersion()
    {
        var officer = await app.SignedInAsync("DistrictOfficer", "2706");
        var html = await officer.GetStringAsync("/Revenue/Dashboard");

        var links = Regex.Matches(html, "(?:src|href)=\"(/(?:css|js|lib)/[^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        links.Count.ShouldBeGreaterThan(3);
        links.Where(l => !l.Contains("?v=", StringComparison.Ordinal)).ShouldBeEmpty();
    }
}

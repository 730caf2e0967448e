using System.Net;
using Otop.Web.Platform.Documents;
using Otop.Web.Platform.Http;
using Otop.Web.Tests.Infrastructure;

namespace Otop.Web.Tests.Trust;

/// <summary>
/// Issue 14, item 7 (docs/hostile-input.md, "Limits and responses"; docs/decisions/006, "Codes"): the anonymous links on
/// paper answer a few requests a minute per client address, and codes are too long to guess.
/// </summary>
public sealed class PublicLinkLimitTests
{
    private static OtopApp App(int verify = 3, int enclosures = 2) => new(settings: new Dictionary<string, string?>
    {
        ["Hosting:ForwardedHeaders"] = "true",
        ["RateLimits:VerifyPerMinute"] = verify.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimits:EnclosuresPerMinute"] = enclosures.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    private static async Task<HttpResponseMessage> FromAsync(HttpClient client, string address, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Forwarded-For", address);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task GuessingCodes_IsRefusedWith429InThai_AfterTheLimit_ForThatAddressOnly()
    {
        using var app = App(verify: 3);
        var client = app.CreateClient();

        var first = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++) first.Add((await FromAsync(client, "203.0.113.7", $"/api/v1/documents/ZZZZ-ZZZZ-Z{i + 2}")).StatusCode);
        var api = await FromAsync(client, "203.0.113.7", "/api/v1/documents/ZZZZ-ZZZZ-ZZ");
        var page = await FromAsync(client, "203.0.113.7", "/v/ZZZZ-ZZZZ-ZZ");
        var other = await FromAsync(client, "198.51.100.20", "/v/ZZZZ-ZZZZ-ZZ");

        first.ShouldAllBe(s => s == HttpStatusCode.NotFound);
        var problem = await api.ProblemAsync(HttpStatusCode.TooManyRequests);
        problem.GetProperty("detail").GetString()!.ShouldContain("ถี่เกินไป");
        int.Parse(api.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(1, 60);
        page.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await page.Content.ReadAsStringAsync()).ShouldContain("ถี่เกินไป");
        other.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task EnclosureLinks_AreLimitedPerAddress_Too()
    {
        using var app = App(enclosures: 2);
        var client = app.CreateClient();
        var token = new string('A', 43);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++) statuses.Add((await FromAsync(client, "203.0.113.9", $"/e/{token}")).StatusCode);
        var other = await FromAsync(client, "198.51.100.21", $"/e/{token}");

        statuses.ShouldBe([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests]);
        other.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    public void AClient_IsCountedByItsAddress_AnIpv6ClientByItsSlash64(string address, string key)
    {
        PublicLinkLimits.ClientKey(IPAddress.Parse(address)).ShouldBe(key);
    }

    [Fact]
    public void NewCodes_Are26CharactersOfTheAlphabet_AtLeast128Bits_PrintedAsATenCharacterTypedForm()
    {
        var codes = Enumerable.Range(0, 200).Select(_ => IssuedDocuments.NewCode()).ToList();

        codes.ShouldAllBe(c => c.Length == 26 && c.All(ch => IssuedDocuments.Alphabet.Contains(ch)));
        codes.Distinct().Count().ShouldBe(200);
        (26 * Math.Log2(IssuedDocuments.Alphabet.Length)).ShouldBeGreaterThanOrEqualTo(128);
        IssuedDocuments.Group("7K3PQ9XDM4ABCDEFGHJKMNPQRS").ShouldBe("7K3P-Q9XD-M4");
        IssuedDocuments.Group("7K3PQ9XD").ShouldBe("7K3P-Q9XD");
    }

    [Theory]
    [InlineData("7k3p-q9xd-m4", "7K3PQ9XDM4")]
    [InlineData("7K3P Q9XD M4", "7K3PQ9XDM4")]
    [InlineData("7k3p-q9xd", "7K3PQ9XD")]
    [InlineData("7K3PQ9XDM4ABCDEFGHJKMNPQRS", "7K3PQ9XDM4ABCDEFGHJKMNPQRS")]
    [InlineData("7K3P-Q9X0-M4", null)]
    [InlineData("7K3PQ9XDM", null)]
    [InlineData("7K3P", null)]
    public void Codes_AreReadForgivingly_InTheirThreeLengths_OnlyFromTheAlphabet(string typed, string? expected)
    {
        IssuedDocuments.Normalise(typed).ShouldBe(expected);
    }
}

using System.Net;
using System.Text.RegularExpressions;
using Otop.Web.Tests.Infrastructure;
using Otop.Web.Tests.Revenue;
using Otop.Web.Tests.Trust;

namespace Otop.Web.Tests.Hostile;

/// <summary>
/// docs/hostile-input.md, "Uploads, mail and input": what a user can type into a form or a link is answered with a 4xx
/// (or the page again) in Thai, never a 500: two errors on one entry-grid row, a POST to a page that only shows, a CE year,
/// paging and ids past int.MaxValue, and every page and API read of the authorization table walked with such values.
/// </summary>
public sealed class HostileInputTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    [Fact]
    public async Task TwoErrorsOnOneEntryGridRow_ReShowTheGridWithBothMessages_AndChangeNothing()
    {
        var codes = await app.ProducersAsync("2701", 2);
        var officer = await app.SignedInAsync("DistrictOfficer", "2701");
        const string url = "/Revenue/Entry?district=2701&month=2023-02";
        var token = Antiforgery.TokenFrom(await officer.GetStringAsync(url));

        // Row 0: a producer of another district and an explanation over 1,000 characters (two errors on entries[0]);
        // rows 1 and 2: the same producer twice; row 3: no code at all.
        var response = await app.ChangesNothingAsync(() => officer.PostAsync(url + "&handler=Save", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Version"] = "0",
            ["Rows[0].Code"] = "11019999", ["Rows[0].Amount"] = "100", ["Rows[0].Explanation"] = new string('ก', 1001),
            ["Rows[1].Code"] = codes[1], ["Rows[1].Amount"] = "200",
            ["Rows[2].Code"] = codes[1], ["Rows[2].Amount"] = "300",
            ["Rows[3].Code"] = "", ["Rows[3].Amount"] = "400",
        })));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("data-testid=\"revenue-error\"");
        html.ShouldContain($"ผู้ประกอบการรหัส {codes[1]} ซ้ำกันในรายการ");
    }

    [Fact]
    public async Task AnAmountOverTheLimitAndAnUnknownProducerOnOneRow_ReShowTheGrid()
    {
        await app.ProducersAsync("2701", 1);
        var officer = await app.SignedInAsync("DistrictOfficer", "2701");
        const string url = "/Revenue/Entry?district=2701&month=2023-02";
        var token = Antiforgery.TokenFrom(await officer.GetStringAsync(url));

        var response = await app.ChangesNothingAsync(() => officer.PostAsync(url + "&handler=Save", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Version"] = "0",
            ["Rows[0].Code"] = "NOPE", ["Rows[0].Amount"] = "99999999999999999",
            ["Rows[1].Code"] = "NOPE", ["Rows[1].Amount"] = "-5",
        })));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("บันทึกไม่ได้: มี 1 รายการที่จำนวนเงินไม่ถูกต้อง");
    }

    [Theory]
    [InlineData("/Revenue/Check?fiscalYear=2023", "2566")]
    [InlineData("/Revenue/Dashboard?fiscalYear=2023", "2566")]
    [InlineData("/Revenue/Estimate?fiscalYear=2022", "2565")]
    [InlineData("/Calendar?fiscalYear=2023", "2566")]
    public async Task ACeYearInALink_IsReadAsItsBuddhistYear(string url, string buddhist)
    {
        var admin = await app.SignedInAsync("DepartmentAdmin", "0");

        var response = await admin.GetAsync(url);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain($"value=\"{buddhist}\"");
    }

    [Theory]
    [InlineData("/Revenue/Check?fiscalYear=2147483647")]
    [InlineData("/Revenue/Dashboard?fiscalYear=-1")]
    public async Task AYearNoCalendarHas_Is400WithTheRangeInThai(string url)
    {
        var admin = await app.SignedInAsync("DepartmentAdmin", "0");

        var response = await admin.GetAsync(url);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("ต้องเป็นปี พ.ศ. ระหว่าง 2400 ถึง 2700");
    }

    /// <summary>Every page the table lists without a POST row answers a form POST with 405 and the Thai page, not the page half-built.</summary>
    [Fact]
    public async Task APostToAPageThatOnlyShows_Is405WithTheThaiErrorPage()
    {
        var admin = await app.SignedInAsync("DepartmentAdmin", "0");
        var token = Antiforgery.TokenFrom(await admin.GetStringAsync("/Registry/Import"));
        var posted = AuthorizationTable.Routes.Keys.Where(k => k.StartsWith("POST /", StringComparison.Ordinal)).Select(k => k[5..]).ToHashSet();
        var readOnly = AuthorizationTable.Routes
            .Where(r => r.Key.StartsWith("GET /", StringComparison.Ordinal) && !r.Key.StartsWith("GET /api", StringComparison.Ordinal)
                && !r.Key.Contains("?handler=", StringComparison.Ordinal) && !posted.Any(p => p.StartsWith(r.Key[4..], StringComparison.Ordinal)))
            .Select(r => Url(r.Value.Request)).Where(u => u.StartsWith("/", StringComparison.Ordinal) && !u.StartsWith("/v/", StringComparison.Ordinal)
                && !u.StartsWith("/healthz", StringComparison.Ordinal) && !u.StartsWith("/openapi", StringComparison.Ordinal) && !u.StartsWith("/Reports/Download", StringComparison.Ordinal))
            .ToList();
        readOnly.ShouldContain("/Revenue/Dashboard?unit=2701&fiscalYear=2566");

        var answers = new List<string>();
        foreach (var url in readOnly)
        {
            var response = await admin.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
            answers.Add($"{(int)response.StatusCode} {url}");
            if (response.StatusCode == HttpStatusCode.MethodNotAllowed)
            {
                (await response.Content.ReadAsStringAsync()).ShouldContain("หน้านี้ไม่รับคำขอแบบนี้");
                response.Content.Headers.Allow.ShouldContain("GET");
            }
        }
        answers.Where(a => !a.StartsWith("405", StringComparison.Ordinal) && !a.StartsWith("404", StringComparison.Ordinal)).ShouldBeEmpty();
    }

    [Fact]
    public async Task APostWithAHandlerThePageDoesNotHave_Is405()
    {
        var admin = await app.SignedInAsync("DepartmentAdmin", "0");
        var token = Antiforgery.TokenFrom(await admin.GetStringAsync("/Registry/Import"));

        var response = await admin.PostAsync("/Revenue/Entry?district=2701&month=2023-02&handler=Nope",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        response.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        (await response.Content.ReadAsStringAsync()).ShouldContain("ไม่รองรับวิธีการเรียกนี้");
    }

    private static readonly string[] HostileValues = ["2147483647", "99999999999999999999", "-1", "0", "2023", "abc", "2566-13"];

    // Values that list pages and reads commonly take, added together to each route's query (most ignore what they do not know).
    private static readonly string[] CommonParameters = ["page", "pageSize", "p", "fiscalYear", "month", "round", "year"];

    /// <summary>
    /// The strongest guard: every GET of the authorization table (pages and API), as a department admin, with each of its
    /// query values in turn, and then the common paging and year parameters all at once, set to a huge, negative, CE,
    /// Thai-digit or garbage value. Nothing answers 5xx.
    /// </summary>
    [Fact]
    public async Task EveryReadOfTheRouteTable_WithHostileQueryValues_AnswersWithoutA5xx()
    {
        var page = await app.SignedInAsync("DepartmentAdmin", "0");
        var api = await app.ClientAsAsync("DepartmentAdmin", "0");
        var reads = AuthorizationTable.Routes.Where(r => r.Key.StartsWith("GET /", StringComparison.Ordinal)
                && r.Key != "GET /Account/Logout" && !r.Key.StartsWith("GET /openapi", StringComparison.Ordinal))
            .Select(r => (Api: r.Key.StartsWith("GET /api", StringComparison.Ordinal), Url: Url(r.Value.Request))).ToList();
        reads.Count.ShouldBeGreaterThan(40);

        var requests = new List<(HttpClient Client, string Url)>();
        foreach (var (isApi, url) in reads)
        {
            var client = isApi ? api : page;
            var (path, query) = Split(url);
            string With(Dictionary<string, string> q) => path + "?" + string.Join("&", q.Select(kv => $"{kv.Key}={Uri.EscapeDataString(kv.Value)}"));
            foreach (var value in HostileValues)
            {
                foreach (var name in query.Keys.Where(k => k != "handler"))
                {
                    requests.Add((client, With(new Dictionary<string, string>(query) { [name] = value })));
                }
                var all = new Dictionary<string, string>(query);
                foreach (var name in CommonParameters) all.TryAdd(name, value);
                requests.Add((client, With(all)));
            }
        }

        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (request, ct) =>
        {
            using var response = await request.Client.GetAsync(request.Url, ct);
            if ((int)response.StatusCode >= 500) failures.Add($"{(int)response.StatusCode} {request.Url}");
        });

        failures.Order(StringComparer.Ordinal).ShouldBeEmpty($"of {requests.Count} requests");
    }

    [Theory]
    [InlineData("/api/v1/registry/products?page=2147483647&pageSize=2147483647")]
    [InlineData("/api/v1/registry/entrepreneurs?page=2147483647&pageSize=500")]
    public async Task APageFarPastTheEnd_IsAnEmptyClampedPage_NotANegativeOffset(string url)
    {
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");

        var page = await (await admin.GetAsync(url)).JsonAsync();

        page.GetProperty("items").GetArrayLength().ShouldBe(0);
        var size = page.GetProperty("pageSize").GetInt32();
        size.ShouldBeInRange(1, 500);
        (((long)page.GetProperty("page").GetInt32() - 1) * size).ShouldBeLessThanOrEqualTo(int.MaxValue);
    }

    private static (string Path, Dictionary<string, string> Query) Split(string url)
    {
        var at = url.IndexOf('?');
        if (at < 0) return (url, []);
        var query = url[(at + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2))
            .GroupBy(p => p[0]).ToDictionary(g => g.Key, g => Uri.UnescapeDataString(g.First().ElementAtOrDefault(1) ?? ""));
        return (url[..at], query);
    }

    /// <summary>The table's sample request with its placeholders on Sa Kaeo's units (records that may not exist: 404 is fine).</summary>
    private static string Url(string request) => Regex.Replace(request, @"\{(\w+)\}", m => m.Groups[1].Value switch
    {
        "district" => "2701",
        "province" => "27",
        "circular" => "1",
        _ => "27010001",
    });
}

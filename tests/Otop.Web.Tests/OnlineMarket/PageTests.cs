using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Tests.Infrastructure;
using Otop.Web.Features.OnlineMarket;
using Otop.Web.Features.Registry;

namespace Otop.Web.Tests.OnlineMarket;

/// <summary>The online-market pages through HTTP with a signed-in officer (cookie), on a private demo app since they write.</summary>
public sealed class PageTests : IAsyncLifetime
{
    // 10 Mar 2021: during round 1 of FY 2564, after the survey's due date (24 Feb 2564).
    private readonly OtopApp _app = new(seedDemo: true, now: new DateTimeOffset(2021, 3, 10, 10, 0, 0, TimeSpan.FromHours(7)));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, string handler, Dictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(page);
        fields["__RequestVerificationToken"] = Antiforgery.TokenFrom(html);
        var separator = page.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return await client.PostAsync($"{page}{separator}handler={handler}", new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task ADistrictOfficer_RecordsAListing_AndItIsCountedAndAudited()
    {
        var client = await _app.SignedInAsync("DistrictOfficer", "2701");
        var code = await _app.WithDbAsync(db => db.Products.Where(p => p.Entrepreneur.DistrictCode == "2701" && p.RegisteredYear == 2560 && !p.Listings.Any())
            .OrderBy(p => p.Code).Select(p => p.Code).FirstAsync());
        var before = await OnlineAsync("2701");

        var response = await PostFormAsync(client, "/OnlineMarket/Report", "Add", new()
        {
            ["Input.ProductCode"] = code, ["Input.Channel"] = "shopee", ["Input.Url"] = "https://shopee.co.th/otop-test", ["Input.Since"] = "๑๕/๐๑/๒๕๖๔",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await OnlineAsync("2701")).ShouldBe(before + 1);
        var audit = await _app.WithDbAsync(db => db.AuditEntries.Where(a => a.Entity == "online-listing" && a.Key == code).ToListAsync());
        audit.ShouldHaveSingleItem().NewValue!.ShouldContain("2021-01-15");
    }

    [Fact]
    public async Task ABadListing_IsRefusedInThai_KeepingWhatWasTyped()
    {
        var client = await _app.SignedInAsync("DistrictOfficer", "2701");

        var response = await PostFormAsync(client, "/OnlineMarket/Report", "Add", new()
        {
            ["Input.ProductCode"] = "27020001-01", ["Input.Channel"] = "shopee", ["Input.Url"] = "shopee shop", ["Input.Since"] = "31/02/2564",
        });
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("ไม่พบผลิตภัณฑ์รหัส 27020001-01 ในอำเภอของท่าน");
        html.ShouldContain("ที่อยู่ร้านค้า (URL) ต้องขึ้นต้นด้วย https://");
        html.ShouldContain("วันที่เริ่มจำหน่ายไม่ถูกต้อง");
        html.ShouldContain("value=\"shopee shop\"");
        html.ShouldContain("href=\"#url\" data-error-link", customMessage: "the error summary links to the field (issue 15, item 4)");
        html.ShouldContain("aria-invalid=\"true\" aria-describedby=\"url-error\" id=\"url\"");
        html.ShouldContain("id=\"url-error\"");
    }

    [Fact]
    public async Task AScreenshotThatIsNotAnImage_IsRefused_AndAPngIsKeptAsEvidence()
    {
        var client = await _app.SignedInAsync("DistrictOfficer", "2701");
        var code = await _app.WithDbAsync(db => db.Products.Where(p => p.Entrepreneur.DistrictCode == "2701" && p.RegisteredYear == 2561 && !p.Listings.Any())
            .OrderBy(p => p.Code).Select(p => p.Code).FirstAsync());
        var html = await client.GetStringAsync("/OnlineMarket/Report");

        async Task<HttpResponseMessage> PostWith(byte[] file)
        {
            var form = new MultipartFormDataContent
            {
                { new StringContent(Antiforgery.TokenFrom(html)), "__RequestVerificationToken" },
                { new StringContent(code), "Input.ProductCode" }, { new StringContent("facebook"), "Input.Channel" },
                { new StringContent("https://facebook.com/otop"), "Input.Url" }, { new StringContent("01/12/2563"), "Input.Since" },
                { new ByteArrayContent(file), "Input.Screenshot", "shot.png" },
            };
            return await client.PostAsync("/OnlineMarket/Report?handler=Add", form);
        }

        (await (await PostWith("GIF89a-not-a-png"u8.ToArray())).Content.ReadAsStringAsync()).ShouldContain("ภาพหน้าจอต้องเป็นไฟล์ PNG หรือ JPEG");
        (await PostWith([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3])).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var evidence = await _app.WithDbAsync(db => db.ListingEvidence.Where(e => db.Set<OnlineListing>().Any(l => l.Id == e.OnlineListingId && l.Product.Code == code)).ToListAsync());
        evidence.ShouldHaveSingleItem().ContentType.ShouldBe("image/png");
        var other = await _app.SignedInAsync("DistrictOfficer", "2702");
        (await other.GetAsync($"/OnlineMarket/Report?handler=Evidence&listingId={evidence[0].OnlineListingId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnotherDistrictsListing_CannotBeDeleted()
    {
        var client = await _app.SignedInAsync("DistrictOfficer", "2702");
        var listingId = await _app.WithDbAsync(db => db.OnlineListings.Where(l => l.Product.Entrepreneur.DistrictCode == "2701").Select(l => l.Id).FirstAsync());

        var response = await PostFormAsync(client, "/OnlineMarket/Report", "Delete", new() { ["listingId"] = listingId.ToString() });

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _app.WithDbAsync(db => db.OnlineListings.AnyAsync(l => l.Id == listingId))).ShouldBeTrue();
    }

    [Fact]
    public async Task ASurveySentAfterItsDueDate_IsMarkedLate_AndTheProvinceSeesIt()
    {
        var client = await _app.SignedInAsync("DistrictOfficer", "2703");
        var html = await client.GetStringAsync("/OnlineMarket/Survey");
        var ids = System.Text.RegularExpressions.Regex.Matches(html, "name=\"Answers\\[(\\d+)\\].EntrepreneurId\" value=\"(\\d+)\"").Select(m => m.Groups[2].Value).ToList();

        var fields = new Dictionary<string, string> { ["Version"] = "0", ["__RequestVerificationToken"] = Antiforgery.TokenFrom(html) };
        for (var i = 0; i < ids.Count; i++) fields[$"Answers[{i}].EntrepreneurId"] = ids[i];
        fields["Answers[0].Ready"] = "true";
        fields["Answers[0].Channels"] = "shopee, เฟซบุ๊ก";
        fields["Answers[1].Lacks"] = "Skills";
        var sent = await client.PostAsync("/OnlineMarket/Survey?handler=Send", new FormUrlEncodedContent(fields));
        var province = await _app.SignedInAsync("ProvinceOfficer", "27");
        var overview = await province.GetStringAsync("/OnlineMarket/Survey");

        sent.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        ids.Count.ShouldBe(58);
        var survey = await _app.WithDbAsync(db => db.ReadinessSurveys.Include(s => s.Answers).SingleAsync(s => s.DistrictCode == "2703"));
        survey.Late.ShouldBeTrue("sent on 10 Mar 2564, due 24 Feb 2564");
        survey.Answers.Count.ShouldBe(58);
        overview.ShouldContain("(ล่าช้า)");
        overview.ShouldContain("เลยกำหนด");
    }

    [Fact]
    public async Task TheTargetsPage_ShowsLetter1sLayout_AndThePublishedDifference()
    {
        var province = await _app.SignedInAsync("ProvinceOfficer", "27");

        var publish = await PostFormAsync(province, "/OnlineMarket/Targets", "Publish", new() { ["fiscalYear"] = "2564", ["round"] = "1", ["province"] = "27" });
        await OnlineMarketData.ProductsAsync(_app, "2708", 3);
        var html = await province.GetStringAsync("/OnlineMarket/Targets?fiscalYear=2564&round=1");

        (await publish.Content.ReadAsStringAsync()).ShouldContain("ประกาศค่าเป้าหมายแล้ว");
        html.ShouldContain("เป้าหมายตัวชี้วัดระดับความสำเร็จของการส่งเสริมผลิตภัณฑ์ OTOP ในตลาดออนไลน์");
        html.ShouldContain("รอบการประเมินที่ 1 ประจำปีงบประมาณ พ.ศ. 2564 ( เดือนตุลาคม 2563 - มีนาคม 2564 )");
        html.ShouldContain("ทะเบียนปัจจุบัน 89 (");
        html.ShouldContain("40.6");
    }

    [Fact]
    public async Task TheResultsPage_RanksDistricts_WithChartDataInAnAttribute_AndEveryScoreOpensItsWorking()
    {
        var province = await _app.SignedInAsync("Viewer", "27");

        var html = await province.GetStringAsync("/OnlineMarket/Results?fiscalYear=2564&round=1");
        var working = await province.GetStringAsync("/OnlineMarket/Explain?fiscalYear=2564&round=1&district=2701");

        html.ShouldContain("data-chart=");
        html.ShouldNotContain("<script>");
        html.ShouldContain("/OnlineMarket/Explain?fiscalYear=2564&round=1&district=2701");
        working.ShouldContain("× 100 ÷ 406");
        working.ShouldContain("27010");
    }

    [Fact]
    public async Task ADistrictOfficer_CannotOpenAnotherProvincesWorking()
    {
        var client = await _app.SignedInAsync("DistrictOfficer", "2701");

        (await client.GetAsync("/OnlineMarket/Explain?fiscalYear=2564&round=1&district=3001")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private Task<int> OnlineAsync(string district) => _app.WithDbAsync(db => db.Products
        .CountAsync(p => p.Entrepreneur.DistrictCode == district && p.RegisteredYear >= 2557 && p.RegisteredYear <= 2563
            && p.Listings.Any(l => l.Since <= new DateOnly(2021, 3, 31))));
}

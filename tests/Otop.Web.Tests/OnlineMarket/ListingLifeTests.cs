using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Features.Kpi;
using Otop.Web.Features.OnlineMarket;
using Otop.Web.Features.Registry;
using Otop.Web.Tests.Infrastructure;
using static Otop.Web.Tests.OnlineMarket.OnlineMarketData;

namespace Otop.Web.Tests.OnlineMarket;

/// <summary>Issue 16, item 8: a listing can end, and a round counts the listings active in it, stored counts or not.</summary>
public sealed class ListingLifeTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    // The app's clock is 20 Feb 2023: FY 2566's round 1 (Oct 2022 – Mar 2023) and round 2 still count what is recorded today.
    private async Task<int> OnlineAsync(string province, string district, int round)
    {
        var client = await app.ClientAsAsync("DepartmentAdmin", "0");
        var body = await (await client.GetAsync($"/api/v1/kpi/online-market/results?fiscalYear=2566&round={round}&province={province}")).JsonAsync();
        return body.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("districtCode").GetString() == district)
            .GetProperty("productsOnline").GetInt32();
    }

    /// <summary>FY 2566's online-market indicator, created by the first test of the class that needs it.</summary>
    private async Task IndicatorOnceAsync()
    {
        if (!await app.WithDbAsync(db => db.Indicators.AnyAsync(i => i.FiscalYear == 2566))) await IndicatorAsync(app, 2566);
    }

    private static object Listing(string code, string since, string? until = null) =>
        until is null ? new { channel = "shopee", url = $"https://shopee.example/{code}/{since}", since }
            : new { channel = "shopee", url = $"https://shopee.example/{code}/{since}", since, until };

    [Fact]
    public async Task ARoundCountsOnlyTheListingsActiveInIt_FromTheRowsAndFromTheStoredCountsAlike()
    {
        await IndicatorOnceAsync();
        var codes = await ProductsAsync(app, "3001", 5);
        var officer = await app.ClientAsAsync("DistrictOfficer", "3001");
        async Task Put(string code, params object[] listings) =>
            (await officer.PutAsJsonAsync($"/api/v1/registry/products/{code}/online-listings", listings)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await Put(codes[0], Listing(codes[0], "2022-11-01", "2022-12-31"));  // sold in round 1 only
        await Put(codes[1], Listing(codes[1], "2022-11-01"));                // still sold
        await Put(codes[2], Listing(codes[2], "2021-01-01", "2022-09-30"));  // ended the day before round 1
        await Put(codes[3], Listing(codes[3], "2021-01-01", "2022-03-31"), Listing(codes[3], "2023-01-15")); // the ended one recorded too late to count
        // Recorded when they happened: sold until Dec 2021, none from Apr to Sep 2022 (a whole round), sold again from Nov 2022.
        await app.WithDbAsync(async db =>
        {
            var id = await db.Products.Where(p => p.Code == codes[4]).Select(p => p.Id).SingleAsync();
            db.OnlineListings.AddRange(
                new OnlineListing { ProductId = id, ChannelCode = "lazada", Url = "https://lazada.example/a", Since = new(2021, 1, 1), EndedOn = new(2021, 12, 31), RecordedOn = new(2021, 1, 1), RecordedBy = "t" },
                new OnlineListing { ProductId = id, ChannelCode = "shopee", Url = "https://shopee.example/b", Since = new(2022, 11, 1), RecordedOn = new(2022, 11, 1), RecordedBy = "t" });
            return await db.SaveChangesAsync();
        });

        var live = (await OnlineAsync("30", "3001", 1), await OnlineAsync("30", "3001", 2));
        await app.WithDbAsync(db => ProductCountRefresher.RefreshChangedAsync(db, int.MaxValue, default));
        var stored = (await OnlineAsync("30", "3001", 1), await OnlineAsync("30", "3001", 2));

        live.ShouldBe((4, 3));
        stored.ShouldBe(live);
        var gapped = await app.WithDbAsync(db => db.ProductCounts.Where(c => c.DistrictCode == "3001" && c.Gapped).SumAsync(c => c.Products));
        gapped.ShouldBe(1);
    }

    [Fact]
    public async Task EndingAListingSentAgain_KeepsItsRecording_AndTheApiAnswersItsUntil()
    {
        var codes = await ProductsAsync(app, "3002", 1);
        var officer = await app.ClientAsAsync("DistrictOfficer", "3002");
        var url = $"/api/v1/registry/products/{codes[0]}/online-listings";
        await officer.PutAsJsonAsync(url, new[] { Listing(codes[0], "2022-11-01") });
        var recorded = await app.WithDbAsync(db => db.OnlineListings.Where(l => l.Product.Code == codes[0]).Select(l => new { l.Id, l.RecordedAt }).SingleAsync());

        var response = await officer.PutAsJsonAsync(url, new[] { Listing(codes[0], "2022-11-01", "2023-01-31") });
        var detail = await (await officer.GetAsync($"/api/v1/registry/products/{codes[0]}")).JsonAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var listing = detail.GetProperty("listings").EnumerateArray().Single();
        listing.GetProperty("until").GetString().ShouldBe("2023-01-31");
        var after = await app.WithDbAsync(db => db.OnlineListings.Where(l => l.Product.Code == codes[0]).Select(l => new { l.Id, l.RecordedAt }).SingleAsync());
        after.ShouldBe(recorded);
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Entity == "online-listings" && a.Key == codes[0]).OrderBy(a => a.Id).ToListAsync());
        audit[^1].NewValue!.ShouldContain("2023-01-31");
    }

    [Fact]
    public async Task AnOfficerEndsAListingOnTheReportPage_WithABuddhistEraDate_AndOnlyTheRoundItWasActiveInCountsIt()
    {
        await IndicatorOnceAsync();
        var codes = await ProductsAsync(app, "3004", 2);
        var officer = await app.ClientAsAsync("DistrictOfficer", "3004");
        foreach (var code in codes)
        {
            (await officer.PutAsJsonAsync($"/api/v1/registry/products/{code}/online-listings", new[] { Listing(code, "2022-11-01") })).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        var page = await app.SignedInAsync("DistrictOfficer", "3004");
        const string report = "/OnlineMarket/Report?fiscalYear=2566&round=1&district=3004";
        var token = Antiforgery.TokenFrom(await page.GetStringAsync(report));
        var listingId = await app.WithDbAsync(db => db.OnlineListings.Where(l => l.Product.Code == codes[0]).Select(l => l.Id).SingleAsync());

        var ended = await page.PostAsync(report + "&handler=End", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["listingId"] = listingId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["until"] = "๓๑/๑๒/๒๕๖๕",
            ["__RequestVerificationToken"] = token,
        }));
        var roundTwoPage = await page.GetStringAsync("/OnlineMarket/Report?fiscalYear=2566&round=2&district=3004");

        ended.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => db.OnlineListings.Where(l => l.Id == listingId).Select(l => l.EndedOn).SingleAsync())).ShouldBe(new DateOnly(2022, 12, 31));
        (await OnlineAsync("30", "3004", 1), await OnlineAsync("30", "3004", 2)).ShouldBe((2, 1));
        roundTwoPage.ShouldContain("เลิกก่อนรอบนี้");
    }

    [Theory]
    [InlineData("2022-10-31", "วันที่เลิกจำหน่าย (until) ต้องไม่ก่อนวันที่เริ่มจำหน่าย (since)")]
    [InlineData("31/01/2566", "วันที่เลิกจำหน่าย (until) ต้องเป็นวันที่แบบ ISO เช่น 2021-06-30")]
    public async Task AnUntilThatCannotBe_IsRefusedInThai_AndChangesNothing(string until, string message)
    {
        var codes = await ProductsAsync(app, "3003", 1);
        var officer = await app.ClientAsAsync("DistrictOfficer", "3003");

        var response = await officer.PutAsJsonAsync($"/api/v1/registry/products/{codes[0]}/online-listings",
            new[] { Listing(codes[0], "2022-11-01", until) });

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var body = await response.JsonAsync(HttpStatusCode.UnprocessableEntity);
        body.GetProperty("errors").GetProperty("[0].until")[0].GetString().ShouldBe(message);
        (await app.WithDbAsync(db => db.OnlineListings.CountAsync(l => l.Product.Code == codes[0]))).ShouldBe(0);
    }
}

/// <summary>Issue 16, item 9: the search treats the ways one Thai name is typed as the same (ThaiSearch.Key, stored).</summary>
public sealed class ThaiSearchKeyTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    private async Task<string[]> FoundAsync(HttpClient client, string q) =>
        (await (await client.GetAsync($"/api/v1/registry/products?district=3101&q={Uri.EscapeDataString(q)}")).JsonAsync())
            .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString()!).ToArray();

    [Fact]
    public async Task NikhahitAndSaraAm_ZeroWidthSpacesAndToneOrder_FindTheSameProduct_AfterTheBackfillToo()
    {
        await app.WithDbAsync(async db =>
        {
            var e = new Entrepreneur { Code = "3101X001", Name = "กลุ่มแม่บ้านบ้านนา", DistrictCode = "3101", ProvinceCode = "31", UpdatedBy = "t" };
            e.Products.Add(new Product { Code = "3101X001-01", Name = "น\u0E4D\u0E49\u0E32พริกเผา", UpdatedBy = "t", RegisteredYear = 2560, Category = Otop.Domain.ProductCategory.Food });
            e.Products.Add(new Product { Code = "3101X001-02", Name = "ข้าวเกรียบ", UpdatedBy = "t", RegisteredYear = 2560, Category = Otop.Domain.ProductCategory.Food });
            db.Entrepreneurs.Add(e);
            return await db.SaveChangesAsync();
        });
        var client = await app.ClientAsAsync("ProvinceOfficer", "31");

        (await FoundAsync(client, "น้ำพริก")).ShouldBe(["3101X001-01"]);
        (await FoundAsync(client, " น้ำ\u200Bพริก ")).ShouldBe(["3101X001-01"]);
        (await FoundAsync(client, "แม่บ้าน บ้านนา")).Length.ShouldBe(2);

        // Rows written before migration 024 have no key: the start-up step fills them.
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""UPDATE "Products" SET "SearchKey" = '' WHERE "Code" LIKE '3101X%'"""));
        (await FoundAsync(client, "น้ำพริก")).ShouldBeEmpty();
        await app.WithDbAsync(async db =>
        {
            await new RegistrySearchKeys().RunAsync(null!, db, default);
            return 0;
        });
        (await FoundAsync(client, "น้ำพริก")).ShouldBe(["3101X001-01"]);
    }
}

using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Otop.Web.Features.Demo;
using Otop.Web.Features.Registry;

namespace Otop.Browser.Tests;

public sealed partial class OnlineMarketJourneyTests(RoundOneOpenBrowserApp browser) : IClassFixture<RoundOneOpenBrowserApp>
{
    [Fact]
    public async Task ADistrictOfficer_RecordsListings_TheScoreRises_ThenTheProvinceSeesTheRanking()
    {
        var page = await browser.NewPageAsync();
        await browser.LogInAsync(page, "khlonghat.officer", DemoSeeder.DemoPassword);

        await page.GotoAsync(browser.BaseUrl + "/OnlineMarket/Report");
        var next = await page.GetByTestId("next-score").InnerTextAsync();
        var match = NextScore().Match(next);
        match.Success.ShouldBeTrue($"the page says what is missing: {next}");
        var (missing, target) = (int.Parse(match.Groups[1].Value), match.Groups[2].Value);
        await browser.ScreenshotAsync(page, "online-01-district-report-before");

        var codes = await browser.App.WithDbAsync(db => db.Products
            .Where(p => p.Entrepreneur.DistrictCode == "2702" && p.RegisteredYear >= 2557 && p.RegisteredYear <= 2563 && !p.Listings.Any())
            .OrderBy(p => p.Code).Select(p => p.Code).Take(missing).ToListAsync());
        foreach (var code in codes)
        {
            await page.GetByLabel("ผลิตภัณฑ์", new() { Exact = true }).FillAsync(code);
            await page.GetByLabel("ช่องทาง", new() { Exact = true }).SelectOptionAsync("shopee");
            await page.GetByLabel("ที่อยู่ร้านค้า (URL)").FillAsync($"https://shopee.co.th/khlonghat-{code}");
            await page.GetByLabel("เริ่มจำหน่ายเมื่อ").FillAsync("๑๕/๐๑/๒๕๖๔");
            await page.GetByRole(AriaRole.Button, new() { Name = "บันทึก", Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(code);
        }

        await Assertions.Expect(page.GetByTestId("score")).ToHaveTextAsync(target);
        await browser.ScreenshotAsync(page, "online-02-district-report-after");

        await page.GetByTestId("score").ClickAsync();
        await Assertions.Expect(page.GetByTestId("formula")).ToContainTextAsync("× 100 ÷ 164");
        (await page.GetByTestId("online-products").InnerTextAsync()).ShouldContain(codes[0]);
        await browser.ScreenshotAsync(page, "online-03-score-working");

        var province = await browser.NewPageAsync();
        await browser.LogInAsync(province, "sakaeo", DemoSeeder.DemoPassword);
        await province.GotoAsync(browser.BaseUrl + "/OnlineMarket/Results?fiscalYear=2564&round=1");
        await Assertions.Expect(province.GetByTestId("score-2702")).ToHaveTextAsync(target);
        await Assertions.Expect(province.Locator("#ranking-chart")).ToBeVisibleAsync();
        var drawn = await province.EvaluateAsync<bool>("() => !!window.Chart && !!Chart.getChart(document.getElementById('ranking-chart'))");
        drawn.ShouldBeTrue("Chart.js drew the ranking from the data attribute");
        await browser.ScreenshotAsync(province, "online-04-province-ranking");

        await province.GotoAsync(browser.BaseUrl + "/OnlineMarket/Targets?fiscalYear=2564&round=1");
        await Assertions.Expect(province.GetByTestId("targets-table")).ToContainTextAsync("40.6");
        await browser.ScreenshotAsync(province, "online-05-targets-letter1");
    }

    [Fact]
    public async Task TheRankingIsReadableOnAPhone()
    {
        var page = await browser.NewPageAsync(390, 844);
        await browser.LogInAsync(page, "viewer", DemoSeeder.DemoPassword);

        await page.GotoAsync(browser.BaseUrl + "/OnlineMarket/Results?fiscalYear=2564&round=1");

        await Assertions.Expect(page.GetByTestId("results-table")).ToBeVisibleAsync();
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        width.ShouldBeLessThanOrEqualTo(390, "no sideways scrolling on a phone");
        await browser.ScreenshotAsync(page, "online-06-ranking-phone");
    }

    [GeneratedRegex(@"อีก (\d+) ผลิตภัณฑ์ จะได้ (\d+) คะแนน")]
    private static partial Regex NextScore();
}

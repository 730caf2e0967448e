using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Otop.Web.Features.Demo;
using Otop.Web.Features.Revenue;

namespace Otop.Browser.Tests;

/// <summary>
/// Issue 15, items 1–3 and 12: the รต.1 entry on a phone with the network cut mid-save, with a session that expires during
/// entry, and two officers saving the same month (the per-row merge). Each journey starts from Khlong Hat's February 2566
/// in draft on 2 March 2566, while February is still open.
/// </summary>
public sealed class EntryResilienceJourneyTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private const string Url = "/Revenue/Entry?district=2702&month=2023-02";

    private async Task FreshMonthAsync()
    {
        browser.App.Clock.Now = new DateTimeOffset(2023, 3, 2, 10, 0, 0, TimeSpan.FromHours(7));
        await browser.App.WithDbAsync(db => db.RevenueMonths.Where(m => m.DistrictCode == "2702" && m.Month == "2023-02").ExecuteDeleteAsync());
    }

    private Task<decimal?> StoredAsync(int row) => browser.App.WithDbAsync(db => db.RevenueEntries
        .Where(e => e.RevenueMonth.DistrictCode == "2702" && e.RevenueMonth.Month == "2023-02")
        .OrderBy(e => e.Entrepreneur.Code).Select(e => (decimal?)e.Amount).Skip(row).FirstOrDefaultAsync());

    private async Task<IPage> OfficerAsync(int width, int height)
    {
        var page = await browser.NewPageAsync(width, height);
        await browser.LogInAsync(page, "khlonghat.officer", DemoSeeder.DemoPassword);
        await page.GotoAsync(browser.BaseUrl + Url);
        return page;
    }

    [Fact]
    public async Task OnAPhone_ASaveCutOffByTheNetwork_KeepsTheFigures_AndIsSentWhenTheConnectionReturns()
    {
        await FreshMonthAsync();
        var page = await OfficerAsync(390, 844);
        var amounts = page.Locator("input.rev-amount");

        (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390, "one card per producer, no page-wide scroll");
        await Assertions.Expect(page.GetByTestId("save")).ToBeInViewportAsync();
        (await page.GetByTestId("save").BoundingBoxAsync())!.Height.ShouldBeGreaterThanOrEqualTo(44f);
        (await amounts.First.BoundingBoxAsync())!.Height.ShouldBeGreaterThanOrEqualTo(44f);
        await amounts.Nth(0).FillAsync("๑,๒๓๔.๕๐");
        await amounts.Nth(1).FillAsync("2,000");
        await browser.ScreenshotAsync(page, "entry-01-phone-typing");
        await page.Context.SetOfflineAsync(true);
        await page.GetByTestId("save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("draft-status")).ToContainTextAsync("ไม่มีการเชื่อมต่อ");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "entry-02-phone-offline.png") });
        (await amounts.Nth(0).InputValueAsync()).ShouldBe("๑,๒๓๔.๕๐");
        (await StoredAsync(0)).ShouldBeNull("nothing reached the server while offline");

        await page.Context.SetOfflineAsync(false);
        await Assertions.Expect(page.GetByTestId("revenue-message")).ToContainTextAsync("บันทึกแล้ว", new() { Timeout = 20000 });
        (await StoredAsync(0)).ShouldBe(1234.50m);
        (await StoredAsync(1)).ShouldBe(2000m);
        (await page.EvaluateAsync<int>("() => Object.keys(localStorage).filter(k => k.startsWith('otop-draft:')).length")).ShouldBe(0, "the server has it: the draft is gone");
        await browser.ScreenshotAsync(page, "entry-03-phone-saved-after-reconnect");
    }

    [Fact]
    public async Task ASessionThatExpiresDuringEntry_KeepsTheDraft_AndOffersItBackAfterSigningInAgain()
    {
        await FreshMonthAsync();
        var page = await OfficerAsync(1280, 900);
        await page.Locator("input.rev-amount").Nth(0).FillAsync("777");
        await page.Locator("input.rev-amount").Nth(0).PressAsync("ArrowDown");
        await page.Keyboard.TypeAsync("888");
        await page.Context.ClearCookiesAsync(new() { Name = "otop.auth" });

        await page.GetByTestId("save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("draft-status")).ToContainTextAsync("หมดเวลาการเข้าสู่ระบบ");
        await browser.ScreenshotAsync(page, "entry-04-session-expired");
        await page.GetByTestId("draft-signin").ClickAsync();
        await page.GetByLabel("ชื่อผู้ใช้").FillAsync("khlonghat.officer");
        await page.GetByLabel("รหัสผ่าน").FillAsync(DemoSeeder.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "เข้าสู่ระบบ" }).ClickAsync();
        if (!page.Url.Contains("/Revenue/Entry", StringComparison.Ordinal)) await page.GotoAsync(browser.BaseUrl + Url);
        await page.GetByTestId("draft-restore").ClickAsync();
        (await page.Locator("input.rev-amount").Nth(1).InputValueAsync()).ShouldBe("888");
        await page.GetByTestId("save").ClickAsync();

        await Assertions.Expect(page.GetByTestId("revenue-message")).ToContainTextAsync("บันทึกแล้ว");
        (await StoredAsync(0)).ShouldBe(777m);
        (await StoredAsync(1)).ShouldBe(888m);
    }

    [Fact]
    public async Task TwoOfficersSavingTheSameMonth_AreMergedPerRow_AndOnlyTheRowBothChangedIsAsked()
    {
        await FreshMonthAsync();
        var first = await OfficerAsync(1280, 900);
        var amounts = first.Locator("input.rev-amount");
        for (var i = 0; i < 3; i++) await amounts.Nth(i).FillAsync($"{(i + 1) * 100}");
        await first.GetByTestId("save").ClickAsync();
        await Assertions.Expect(first.GetByTestId("revenue-message")).ToContainTextAsync("บันทึกแล้ว");

        var second = await OfficerAsync(1280, 900);
        await second.Locator("input.rev-amount").Nth(1).FillAsync("250");
        await second.Locator("input.rev-amount").Nth(2).FillAsync("333");
        await second.GetByTestId("save").ClickAsync();
        await Assertions.Expect(second.GetByTestId("revenue-message")).ToContainTextAsync("บันทึกแล้ว");

        await amounts.Nth(0).FillAsync("150");
        await amounts.Nth(2).FillAsync("350");
        await first.GetByTestId("save").ClickAsync();
        await Assertions.Expect(first.Locator("[data-testid^=conflict-]")).ToHaveCountAsync(1);
        (await amounts.Nth(1).InputValueAsync()).ShouldBe("250.00", "the row only the colleague changed keeps the colleague's figure");
        (await StoredAsync(0)).ShouldBe(100m, "nothing is written while a row is unanswered");
        await browser.ScreenshotAsync(first, "entry-05-conflict-merge");
        await first.Locator("[data-testid^=theirs-]").CheckAsync();
        await first.GetByTestId("save").ClickAsync();

        await Assertions.Expect(first.GetByTestId("revenue-message")).ToContainTextAsync("บันทึกแล้ว");
        (await StoredAsync(0)).ShouldBe(150m);
        (await StoredAsync(1)).ShouldBe(250m);
        (await StoredAsync(2)).ShouldBe(333m);
    }

    [Fact]
    public async Task ARefusedSave_ShownByDraftsJs_PutsTheFocusOnTheErrorSummary_AndItsLinkOnTheField()
    {
        await FreshMonthAsync();
        var page = await OfficerAsync(390, 844);
        await page.Locator("input.rev-amount").Nth(0).FillAsync("12.345");

        await page.GetByTestId("save").ClickAsync();

        await Assertions.Expect(page.GetByTestId("error-summary")).ToBeFocusedAsync();
        await browser.ScreenshotAsync(page, "entry-06-phone-error-summary");
        var link = page.Locator("[data-error-summary] a[data-error-link]").First;
        var field = (await link.GetAttributeAsync("href"))!.TrimStart('#');
        await link.ClickAsync();
        (await page.EvaluateAsync<string>("() => document.activeElement.id")).ShouldBe(field);
        (await page.Locator("#" + field).GetAttributeAsync("aria-invalid")).ShouldBe("true");
    }

    [Theory]
    [InlineData("/Circulars/Tasks")]
    [InlineData("/OnlineMarket/Targets?fiscalYear=2566")]
    [InlineData("/Revenue/Check?district=2702&fiscalYear=2566")]
    [InlineData("/Revenue/Targets?fiscalYear=2566&round=1")]
    [InlineData("/Revenue/ReportingRates?fiscalYear=2566")]
    [InlineData("/Maps?fiscalYear=2566&round=1")]
    public async Task TheTasksTargetsAndCheckTables_FitAPhone(string path)
    {
        var page = await browser.NewPageAsync(390, 844);
        await browser.LogInAsync(page, "sakaeo", DemoSeeder.DemoPassword);
        await page.GotoAsync(browser.BaseUrl + path);

        (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390, path);
        await browser.ScreenshotAsync(page, "phone-" + path.Split('?')[0].Trim('/').Replace('/', '-'));
    }
}

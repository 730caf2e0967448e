using Microsoft.Playwright;
using Otop.Web.Features.Demo;

namespace Otop.Browser.Tests;

public sealed class FoundationJourneyTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task ADistrictOfficer_LogsIn_AndSeesTheirDistrictsThaiName()
    {
        var page = await browser.NewPageAsync();

        await browser.LogInAsync(page, "muang.officer", DemoSeeder.DemoPassword);

        var unit = page.GetByTestId("unit-name");
        await Assertions.Expect(unit).ToHaveTextAsync("เมืองสระแก้ว");
        (await page.GetByTestId("whoami").InnerTextAsync()).ShouldContain("พัฒนากร");
        (await page.ContentAsync()).ShouldContain("สิ่งที่ต้องทำ");
        await browser.ScreenshotAsync(page, "01-district-officer-home");
    }

    [Fact]
    public async Task TheHomePage_IsReadableOnAPhone()
    {
        var page = await browser.NewPageAsync(390, 844);

        await browser.LogInAsync(page, "sakaeo", DemoSeeder.DemoPassword);

        await Assertions.Expect(page.GetByTestId("unit-name")).ToHaveTextAsync("สระแก้ว");
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        width.ShouldBeLessThanOrEqualTo(390, "no sideways scrolling on a phone");
        await browser.ScreenshotAsync(page, "02-province-officer-home-phone");
    }

    [Fact]
    public async Task AWrongPassword_ShowsAThaiMessage_AndKeepsTheUserName()
    {
        var page = await browser.NewPageAsync();

        await browser.LogInAsync(page, "khlonghat.officer", "not-the-password-1");

        await Assertions.Expect(page.GetByTestId("login-error")).ToHaveTextAsync(Otop.Web.Platform.Auth.SignInGate.RefusedMessage);
        await Assertions.Expect(page.GetByLabel("ชื่อผู้ใช้")).ToHaveValueAsync("khlonghat.officer");
        await browser.ScreenshotAsync(page, "03-login-error");
    }
}

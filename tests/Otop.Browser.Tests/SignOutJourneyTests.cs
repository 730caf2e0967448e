using Microsoft.Playwright;
using Otop.Web.Features.Demo;

namespace Otop.Browser.Tests;

/// <summary>
/// docs/decisions/012: the layout's sign-out button ends the session (it answered 400 before: no antiforgery token), and
/// going back afterwards shows the login, not the officer's pages.
/// </summary>
public sealed class SignOutJourneyTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [Theory]
    [InlineData(390, 844, "phone")]
    [InlineData(1280, 900, "desk")]
    public async Task AnOfficer_SignsOutFromTheMenu_GoesBack_AndSeesTheLogin(int width, int height, string profile)
    {
        var page = await browser.NewPageAsync(width, height);
        await browser.LogInAsync(page, "muang.officer", DemoSeeder.DemoPassword);
        await Assertions.Expect(page.GetByTestId("whoami")).ToBeAttachedAsync();
        var toggler = page.Locator(".navbar-toggler");
        if (await toggler.IsVisibleAsync()) await toggler.ClickAsync();
        var signOut = page.GetByTestId("logout-form").GetByRole(AriaRole.Button, new() { Name = "ออกจากระบบ" });
        await Assertions.Expect(signOut).ToBeInViewportAsync();
        await page.WaitForTimeoutAsync(400); // the menu's opening animation, for the screenshot
        await browser.ScreenshotAsync(page, $"sign-out-01-menu-{profile}");

        await signOut.ClickAsync();

        await page.WaitForURLAsync("**/Account/Login");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "เข้าสู่ระบบ" })).ToBeVisibleAsync();
        await page.GoBackAsync();
        await page.ReloadAsync();
        page.Url.ShouldContain("/Account/Login", Case.Insensitive, "after sign-out, going back shows the login");
        await Assertions.Expect(page.GetByLabel("ชื่อผู้ใช้")).ToBeVisibleAsync();
        (await page.Context.CookiesAsync()).ShouldNotContain(c => c.Name == "otop.auth");
        await browser.ScreenshotAsync(page, $"sign-out-02-back-at-login-{profile}");
    }
}

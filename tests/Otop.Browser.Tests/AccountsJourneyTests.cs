using System.Text;
using Microsoft.Playwright;
using Otop.Web.Features.Demo;

namespace Otop.Browser.Tests;

/// <summary>
/// Issue 14: a department admin onboards a province's accounts. From the menu to the import page, the template downloaded,
/// a file with a bad row refused (nothing written, the row named in Thai), fixed and imported, the new account's one-time
/// link shown once; then one account disabled and one reset (its link shown once). On a phone and at a desk, no sideways scrolling.
/// </summary>
public sealed class AccountsJourneyTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [Theory]
    [InlineData(390, 844, "phone")]
    [InlineData(1280, 900, "desk")]
    public async Task ADepartmentAdmin_OnboardsAProvincesAccounts(int width, int height, string profile)
    {
        var page = await browser.NewPageAsync(width, height);
        page.SetDefaultTimeout(60_000);
        await browser.LogInAsync(page, "admin", DemoSeeder.DemoPassword);
        async Task NoSidewaysScrollAsync(string step) =>
            (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(width, $"{step}: no sideways scrolling");

        await page.GotoAsync($"{browser.BaseUrl}/");
        if (width < 1200) await page.Locator(".navbar-toggler").ClickAsync();
        await page.GetByTestId("nav-users").ClickAsync();
        await page.GetByTestId("users-import").ClickAsync();
        await Assertions.Expect(page.GetByTestId("template")).ToBeVisibleAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("template").ClickAsync());
        var template = await File.ReadAllTextAsync((await download.PathAsync())!, Encoding.UTF8);
        template.TrimStart('\uFEFF').ShouldStartWith("username,display_name,role,org_unit,email,password");

        var (officer, head, viewer) = ($"{profile}.officer", $"{profile}.head", $"{profile}.viewer");
        string Csv(string headUnit) =>
            "username,display_name,role,org_unit,email,password\n" +
            $"{officer},นายสมชาย ขยันงาน,DistrictOfficer,2703,,Sakaeo25660\n" +
            $"{head},นางสาวพัฒนา อำเภอ,DistrictHead,{headUnit},,\n" +
            $"{viewer},นายดู ข้อมูล,Viewer,27,,Sakaeo25660\n";
        async Task UploadAsync(string csv)
        {
            await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "sakaeo-accounts.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
            await page.GetByTestId("import-submit").ClickAsync();
        }

        await UploadAsync(Csv(headUnit: "27"));
        await Assertions.Expect(page.GetByTestId("import-rejected")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("import-errors")).ToContainTextAsync("แถวที่ 3");
        await Assertions.Expect(page.GetByTestId("import-errors")).ToContainTextAsync("ใช้กับหน่วยงานระดับนี้ไม่ได้");
        await NoSidewaysScrollAsync("rejected import");
        await browser.ScreenshotAsync(page, $"accounts-01-import-bad-row-{profile}");

        await UploadAsync(Csv(headUnit: "2703"));
        await Assertions.Expect(page.GetByTestId("import-success")).ToContainTextAsync("สร้างใหม่ 3 บัญชี");
        await Assertions.Expect(page.GetByTestId("link-once")).ToContainTextAsync(head);
        (await page.GetByTestId("link-url").InputValueAsync()).ShouldContain("/Account/SetPassword?user=");
        await NoSidewaysScrollAsync("imported");
        await browser.ScreenshotAsync(page, $"accounts-02-imported-link-once-{profile}");

        await page.GotoAsync($"{browser.BaseUrl}/Users?q={profile}&unit=27");
        await Assertions.Expect(page.GetByTestId($"account-{officer}")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId($"account-{head}")).ToContainTextAsync("ยังไม่เคยเข้าระบบ");
        await NoSidewaysScrollAsync("list");
        await browser.ScreenshotAsync(page, $"accounts-03-list-{profile}");

        await page.GetByTestId($"account-{viewer}").GetByRole(AriaRole.Link).ClickAsync();
        await page.GetByTestId("disable").ClickAsync();
        await Assertions.Expect(page.GetByTestId("done")).ToContainTextAsync("ระงับบัญชีแล้ว");
        await Assertions.Expect(page.GetByTestId("status-disabled")).ToBeVisibleAsync();
        await NoSidewaysScrollAsync("disabled");
        await browser.ScreenshotAsync(page, $"accounts-04-disabled-{profile}");

        await page.GotoAsync($"{browser.BaseUrl}/Users/Edit/{officer}");
        await page.GetByTestId("reset").ClickAsync();
        await Assertions.Expect(page.GetByTestId("link-once")).ToContainTextAsync("แสดงครั้งเดียวเท่านั้น");
        await NoSidewaysScrollAsync("reset");
        await browser.ScreenshotAsync(page, $"accounts-05-reset-link-once-{profile}");
        await page.GotoAsync($"{browser.BaseUrl}/Users/Edit/{officer}");
        await Assertions.Expect(page.GetByTestId("link-once")).ToHaveCountAsync(0);
    }
}

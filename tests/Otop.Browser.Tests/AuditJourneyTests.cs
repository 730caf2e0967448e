using System.Net.Http.Json;
using Microsoft.Playwright;
using Otop.Web.Features.Demo;

namespace Otop.Browser.Tests;

/// <summary>docs/decisions/008-audit-chain.md: the audit page with its integrity check, and the main pages under the CSP without a violation.</summary>
public sealed class AuditJourneyTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task AProvinceOfficer_ReadsTheAudit_AndRunsTheIntegrityCheck()
    {
        var admin = await browser.App.ClientAsAsync("DepartmentAdmin", "0");
        await admin.PostAsJsonAsync("/api/v1/users", new { username = "audited.viewer", password = "Sakaeo2566x", displayName = "ผู้ดูข้อมูลตัวอย่าง", role = "Viewer", orgUnit = "2701" });
        var page = await browser.NewPageAsync();
        await browser.LogInAsync(page, "sakaeo", DemoSeeder.DemoPassword);

        await page.GotoAsync($"{browser.BaseUrl}/Audit");
        await page.GetByTestId("verify").ClickAsync();

        await Assertions.Expect(page.GetByTestId("verification")).ToContainTextAsync("ถูกต้อง");
        await Assertions.Expect(page.GetByTestId("audit-entries")).ToBeVisibleAsync();
        await browser.ScreenshotAsync(page, "audit-01-province-officer");
    }

    [Fact]
    public async Task TheMainPages_ReportNoContentSecurityPolicyViolation()
    {
        var page = await browser.NewPageAsync();
        // 22 pages, each waited on until the network is idle, while the other browser classes run beside it on two cores: what
        // this test checks is the CSP, not how fast a page loads, so one slow page must not fail it (it once took over 30 s).
        page.SetDefaultTimeout(90_000);
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || message.Type == "error") problems.Add($"{page.Url}: {message.Text}");
        };
        page.PageError += (_, error) => problems.Add($"{page.Url}: {error}");
        await browser.LogInAsync(page, "admin", DemoSeeder.DemoPassword);

        foreach (var path in new[]
        {
            "/", "/Registry", "/Registry/Quality", "/Registry/Import", "/Registry/Checks", "/OnlineMarket/Targets?province=27",
            "/OnlineMarket/Results?province=27", "/OnlineMarket/Report?district=2701", "/Revenue/Dashboard", "/Revenue/Entry?district=2701",
            "/Revenue/Check?province=27", "/Revenue/Estimate?district=2701", "/Revenue/Calendar", "/Kpi/Indicators", "/Audit?check=true",
            "/Circulars", "/Circulars/Tasks", "/Circulars/Edit", "/Calendar?unit=2701&fiscalYear=2566", "/Reminders",
            "/Reports/Print?form=rt4&province=27&fiscalYear=2566", "/Reports/Print?form=online-market-targets&fiscalYear=2564&round=1&province=27&digits=thai",
        })
        {
            await page.GotoAsync($"{browser.BaseUrl}{path}");
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }
        await browser.ScreenshotAsync(page, "audit-02-admin-audit-under-csp");

        problems.ShouldBeEmpty();
    }
}

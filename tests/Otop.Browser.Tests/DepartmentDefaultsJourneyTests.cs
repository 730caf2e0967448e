using Microsoft.Playwright;
using Otop.Web.Features.Demo;

namespace Otop.Browser.Tests;

/// <summary>
/// A department user opening the province pages without naming a province sees the first province that has the page's
/// data (no province is written in code): on the demo, Sa Kaeo's, whose district วัฒนานคร is in every table. On a phone and at a desk, with no sideways scrolling.
/// </summary>
public sealed class DepartmentDefaultsJourneyTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [Theory]
    [InlineData(390, 844, "phone")]
    [InlineData(1280, 900, "desk")]
    public async Task TheDepartment_OpensTheProvincePagesOnTheProvinceWithData(int width, int height, string profile)
    {
        var page = await browser.NewPageAsync(width, height);
        await browser.LogInAsync(page, "admin", DemoSeeder.DemoPassword);

        foreach (var (path, shot) in new[] { ("/Revenue/Dashboard", "dashboard"), ("/Revenue/Check", "check"), ("/OnlineMarket/Results", "results") })
        {
            await page.GotoAsync($"{browser.BaseUrl}{path}");

            // วัฒนานคร is a district of Sa Kaeo: shown in the page's table only when the page opened on Sa Kaeo's data.
            await Assertions.Expect(page.Locator("table").GetByText("วัฒนานคร").First).ToBeVisibleAsync();
            (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(width, $"{path}: no sideways scrolling");
            await browser.ScreenshotAsync(page, $"department-{shot}-{profile}");
        }
    }
}

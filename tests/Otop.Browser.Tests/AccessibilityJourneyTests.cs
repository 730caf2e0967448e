using System.Text.Json;
using Microsoft.Playwright;
using Otop.Web.Features.Demo;

namespace Otop.Browser.Tests;

/// <summary>
/// Issue 15 item 9: every main page, as the role that uses it, on a phone (390 px) and at a desk, has no WCAG 2.2 AA
/// violation that axe-core finds (contrast, names, labels, landmarks…). One browser, one signed-in context per role,
/// each page loaded once per width. Adding a page is one line in <see cref="Pages"/>.
/// </summary>
public sealed class AccessibilityJourneyTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    // (account, path): null account = signed out.
    public static readonly (string? User, string Path)[] Pages =
    [
        (null, "/Account/Login"),
        (null, "/Verify"),
        ("admin", "/"),
        ("admin", "/Users"),
        ("admin", "/Audit"),
        ("admin", "/Kpi/Indicators"),
        ("admin", "/Revenue/Calendar"),
        ("admin", "/Revenue/History"),
        ("admin", "/Maps"),
        ("admin", "/Maps?province=27&measure=completeness"),
        ("admin", "/Maps?measure=online-score"),
        ("admin", "/Revenue/Targets?fiscalYear=2566&round=1&province=0"),
        ("admin", "/Compilation/Province?code=27"),
        ("admin", "/Rankings?indicator=online&fiscalYear=2564&round=1"),
        ("admin", "/OnlineMarket/Results?fiscalYear=2564&round=1&province=0"),
        ("sakaeo", "/"),
        ("sakaeo", "/Revenue/Check"),
        ("sakaeo", "/Revenue/Dashboard"),
        ("sakaeo", "/Revenue/ReportingRates?fiscalYear=2566"),
        ("admin", "/Revenue/ReportingRates"),
        ("muang.officer", "/Revenue/ReportingRates"),
        ("sakaeo", "/Revenue/Trends?fiscalYear=2566"),
        ("admin", "/Revenue/Trends"),
        ("sakaeo", "/Maps"),
        ("sakaeo", "/Maps?province=27&measure=revenue-score&fiscalYear=2566&round=1"),
        ("sakaeo", "/OnlineMarket/Targets?fiscalYear=2564&round=1"),
        ("sakaeo", "/OnlineMarket/Results?fiscalYear=2564&round=1"),
        ("sakaeo", "/Circulars"),
        ("sakaeo", "/Revenue/Targets?fiscalYear=2566&round=1"),
        ("sakaeo", "/Revenue/Explain?fiscalYear=2566&round=1&district=2701"),
        ("muang.officer", "/"),
        ("muang.officer", "/Registry"),
        ("muang.officer", "/Revenue/Entry"),
        ("muang.officer", "/Revenue/Estimate"),
        ("muang.officer", "/OnlineMarket/Survey?fiscalYear=2564&round=1"),
        ("muang.officer", "/OnlineMarket/Report?fiscalYear=2564&round=1"),
        ("muang.officer", "/OnlineMarket/SurveyFile?fiscalYear=2564&round=1"),
        ("muang.officer", "/OnlineMarket/ReportFile?fiscalYear=2564&round=1"),
        ("muang.officer", "/Circulars/Tasks"),
        ("muang.officer", "/Calendar"),
        ("muang.officer", "/Rankings?indicator=revenue"),
        ("muang.officer", "/Reminders"),
        ("muang.officer", "/Registry/Checks"),
        ("muang.officer", "/Registry/Merge?keep=27010001"),
        ("muang.officer", "/Notifications"),
        ("muang.officer", "/Account/Profile"),
        ("muang.head", "/"),
        ("viewer", "/"),
    ];

    [Fact]
    public async Task EveryMainPage_OnAPhoneAndAtADesk_HasNoWcag22AaViolation()
    {
        var axe = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "axe", "axe.min.js"));
        var failures = new List<string>();
        foreach (var group in Pages.GroupBy(p => p.User))
        {
            // BypassCSP: the app's CSP forbids injected scripts, as it should; axe is the test's, not the page's.
            await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 }, Locale = "th-TH", BypassCSP = true });
            var page = await context.NewPageAsync();
            if (group.Key is { } user) await browser.LogInAsync(page, user, DemoSeeder.DemoPassword);
            foreach (var (_, path) in group)
            {
                foreach (var width in new[] { 390, 1280 })
                {
                    await page.SetViewportSizeAsync(width, width == 390 ? 844 : 900);
                    await page.GotoAsync(browser.BaseUrl + path);
                    await page.EvaluateAsync(axe);
                    var result = await page.EvaluateAsync<JsonElement>(
                        "tags => axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })" +
                        ".then(r => r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + (n.any[0] ? n.any[0].message : '')).join(' | ')))",
                        Tags);
                    foreach (var v in result.EnumerateArray()) failures.Add($"{group.Key ?? "anonymous"} {path} @{width}: {v.GetString()}");
                    // No sideways scrolling (WCAG 1.4.10 reflow): wide tables scroll inside their own region, the page does not.
                    var wider = await page.EvaluateAsync<string>(
                        "() => document.documentElement.scrollWidth <= innerWidth ? '' : document.documentElement.scrollWidth + ' px: ' + " +
                        "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > innerWidth + 1 && !e.closest('.table-responsive, .visually-hidden'))" +
                        ".slice(0, 3).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && e.className.baseVal === undefined ? '.' + String(e.className).trim().replace(/\\s+/g, '.') : '')).join(', ')");
                    if (wider.Length > 0) failures.Add($"{group.Key ?? "anonymous"} {path} @{width}: scrolls sideways, {wider}");
                    // Every main page as its role sees it, on a phone and at a desk, to be looked at (docs/screenshots is for the README).
                    await browser.ScreenshotAsync(page, $"page-{group.Key ?? "anonymous"}-{Slug(path)}-{width}");
                }
            }
        }

        failures.ShouldBeEmpty();
    }

    private static string Slug(string path) =>
        new string(path.Trim('/').Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()) is { Length: > 0 } slug ? slug : "home";
}

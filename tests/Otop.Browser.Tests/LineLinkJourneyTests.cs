using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Otop.Web.Features.Notifications;
using Otop.Web.Tests.Infrastructure;
using Otop.Web.Tests.Notifications;

namespace Otop.Browser.Tests;

/// <summary>
/// The live demo with LINE configured against the local stand-in of the Messaging API (tests/Otop.Web.Tests
/// Notifications/LineStandIn). The outbox's timer is off: the journey sends what is queued when it means to.
/// </summary>
public sealed class LineBrowserApp : BrowserApp
{
    public LineStandIn Line { get; }

    public LineBrowserApp() : this(new LineStandIn()) { }

    private LineBrowserApp(LineStandIn line) : base(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.FromHours(7)), Settings(line)) => Line = line;

    private static Dictionary<string, string?> Settings(LineStandIn line)
    {
        var settings = line.Settings();
        settings["Notifications:Enabled"] = "false";
        settings["Reminders:Enabled"] = "false";
        return settings;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Line.DisposeAsync();
    }
}

/// <summary>
/// Issue 15, items 10 and 12: an officer links LINE from their profile with a one-time code, which they send to the
/// official account; LINE's signed webhook (posted here as LINE would) completes the link, the profile shows it with an
/// unlink button, and LINE's confirmation goes out through the Messaging API. On a phone and at a desk.
/// </summary>
public sealed class LineLinkJourneyTests(LineBrowserApp browser) : IClassFixture<LineBrowserApp>
{
    private async Task<HttpStatusCode> LineSendsAsync(string body)
    {
        using var client = new HttpClient { BaseAddress = new Uri(browser.BaseUrl) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/line/webhook") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Line-Signature", LineStandIn.Sign(body));
        return (await client.SendAsync(request)).StatusCode;
    }

    [Theory]
    [InlineData(390, "phone")]
    [InlineData(1280, "desk")]
    public async Task AnOfficer_LinksLineFromTheProfile_WithAOneTimeCode_AndThenSeesTheLinkAndAnUnlinkButton(int width, string device)
    {
        var officer = await browser.App.CreateUserAsync("DistrictOfficer", "2702");
        var lineUser = $"U{Guid.NewGuid():N}";
        var page = await browser.NewPageAsync(width, width < 600 ? 844 : 900);
        await browser.LogInAsync(page, officer, OtopApp.Password);
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");

        // The account's name in the bar opens the profile; on a phone it is in the menu.
        if (width < 1200) await page.GetByRole(AriaRole.Button, new() { Name = "เมนู" }).ClickAsync();
        await page.Locator("a.whoami").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/Account/Profile");
        await Assertions.Expect(page.GetByTestId("line-not-linked")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("line-not-linked")).ToContainTextAsync("@otop-test");
        (await page.GetByTestId("line-ask-code").BoundingBoxAsync())!.Height.ShouldBeGreaterThanOrEqualTo(44f, "the button is a tap target");
        await page.GetByTestId("line-ask-code").ClickAsync();

        var code = (await page.GetByTestId("line-code").InnerTextAsync()).Trim();
        code.Length.ShouldBe(LineLinking.Length);
        (await browser.App.WithDbAsync(db => db.LineLinkCodes.SingleAsync(c => c.UserName == officer))).CodeHash.ShouldBe(LineLinking.Hash(code));
        (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(width, "no page-wide scroll");
        await browser.ScreenshotAsync(page, $"line-01-{device}-code");

        // The officer types the code in the LINE chat, as people do (lower case, a dash); LINE posts it to the webhook.
        var typed = $"{code[..4].ToLowerInvariant()}-{code[4..]}";
        (await LineSendsAsync(LineStandIn.MessageEvent($"01HJOURNEY{Guid.NewGuid():N}"[..26], lineUser, typed))).ShouldBe(HttpStatusCode.OK);
        await page.GetByRole(AriaRole.Link, new() { Name = "ตรวจสอบการเชื่อม" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("line-linked")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("line-linked")).ToContainTextAsync("เชื่อมแล้ว");
        await Assertions.Expect(page.GetByTestId("line-unlink")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("line-code")).ToHaveCountAsync(0);
        (await browser.App.WithDbAsync(db => db.LineLinks.SingleAsync(l => l.UserName == officer))).LineUserId.ShouldBe(lineUser);
        await browser.ScreenshotAsync(page, $"line-02-{device}-linked");

        // LINE's own confirmation goes to the account just linked, through the Messaging API.
        await using (var scope = browser.App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<NoticeOutbox>().RunOnceAsync();
        }
        var push = browser.Line.Take().ShouldHaveSingleItem();
        using var json = JsonDocument.Parse(push.Body);
        json.RootElement.GetProperty("to").GetString().ShouldBe(lineUser);
        json.RootElement.GetProperty("messages")[0].GetProperty("text").GetString()!.ShouldContain("เชื่อมบัญชี LINE กับระบบ OTOP แล้ว");

        await page.GetByTestId("line-unlink").ClickAsync();
        await Assertions.Expect(page.GetByTestId("line-not-linked")).ToBeVisibleAsync();
        (await browser.App.WithDbAsync(db => db.LineLinks.AnyAsync(l => l.UserName == officer))).ShouldBeFalse();
    }
}

using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Features.Notifications;
using Otop.Web.Tests.Infrastructure;
using static Otop.Web.Tests.Revenue.RevenueTestData;

namespace Otop.Web.Tests.Notifications;

/// <summary>
/// Linking LINE from the profile (issue 15, item 10): a one-time code stored hashed, sent to the official account, and the
/// signed webhook that links the sender once; bad signatures, replays, expired and used codes link nothing.
/// </summary>
public sealed partial class LineLinkTests : IAsyncLifetime
{
    private readonly LineStandIn _line = new();
    private OtopApp _app = null!;
    private const string LineUser = "U11112222333344445555666677778888";

    public Task InitializeAsync()
    {
        var settings = _line.Settings();
        settings["Notifications:Enabled"] = "false";
        _app = new OtopApp(now: Bangkok(2023, 2, 27), settings: settings);
        return Task.CompletedTask;
    }

    private static async Task<(HttpStatusCode Status, string Html)> PostPageAsync(HttpClient client, string url)
    {
        var token = Antiforgery.TokenFrom(await client.GetStringAsync("/Account/Profile"));
        var response = await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<string> AskCodeAsync(HttpClient client)
    {
        var (status, html) = await PostPageAsync(client, "/Account/Profile?handler=Code");
        status.ShouldBe(HttpStatusCode.OK);
        return CodeOnPage().Match(html).Groups[1].Value;
    }

    private Task<HttpResponseMessage> WebhookAsync(string body, string? signature = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/line/webhook") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Line-Signature", signature ?? LineStandIn.Sign(body));
        return _app.CreateClient().SendAsync(request);
    }

    [Fact]
    public async Task AnOfficer_LinksLineWithAOneTimeCode_StoredOnlyHashed_AndTheProfileShowsItLinked()
    {
        var officer = await _app.CreateUserAsync("DistrictOfficer", "2701");
        var page = await _app.SignedInAsAsync(officer);
        (await page.GetStringAsync("/Account/Profile")).ShouldContain("data-testid=\"line-not-linked\"");

        var code = await AskCodeAsync(page);

        code.Length.ShouldBe(LineLinking.Length);
        var stored = await _app.WithDbAsync(db => db.LineLinkCodes.SingleAsync(c => c.UserName == officer));
        stored.CodeHash.ShouldBe(LineLinking.Hash(code));
        stored.CodeHash.ShouldNotContain(code);
        (await WebhookAsync(LineStandIn.MessageEvent("01HEVENT0000000000000000001", LineUser, $"รหัส {code[..4].ToLowerInvariant()}-{code[4..]}"))).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await _app.WithDbAsync(db => db.LineLinks.SingleAsync(l => l.UserName == officer))).LineUserId.ShouldBe(LineUser);
        (await page.GetStringAsync("/Account/Profile")).ShouldContain("data-testid=\"line-linked\"");
        var audit = await _app.WithDbAsync(db => db.AuditEntries.Where(a => a.Entity == "line-link" && a.Key == officer).Select(a => a.Action).ToListAsync());
        audit.ShouldBe(["code", "link"], ignoreOrder: true);
        var confirmation = await _app.WithDbAsync(db => db.Notices.Include(n => n.Deliveries).SingleAsync(n => n.Recipient == officer && n.Kind == "line-linked"));
        confirmation.Deliveries.ShouldHaveSingleItem().Channel.ShouldBe(NoticeChannel.Line);

        (await PostPageAsync(page, "/Account/Profile?handler=Unlink")).Status.ShouldBe(HttpStatusCode.Redirect);
        (await _app.WithDbAsync(db => db.LineLinks.AnyAsync(l => l.UserName == officer))).ShouldBeFalse();
    }

    [Fact]
    public async Task AWebhookWithABadSignature_Is401_AndLinksNothing()
    {
        var officer = await _app.CreateUserAsync("DistrictOfficer", "2701");
        var code = await AskCodeAsync(await _app.SignedInAsAsync(officer));
        var body = LineStandIn.MessageEvent("01HEVENT0000000000000000002", LineUser, code);

        var answers = await _app.ChangesNothingAsync(async () => new[]
        {
            (await WebhookAsync(body, LineStandIn.Sign(body, "another-secret"))).StatusCode,
            (await WebhookAsync(body, "")).StatusCode,
            (await WebhookAsync(body, "not base64 at all!")).StatusCode,
            (await WebhookAsync(body.Replace(code, "ZZZZZZZZ", StringComparison.Ordinal), LineStandIn.Sign(body))).StatusCode,
        });

        answers.ShouldAllBe(s => s == HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ARedeliveredEvent_AnExpiredCodeAndAUsedCode_LinkNothing()
    {
        var first = await _app.CreateUserAsync("DistrictOfficer", "2701");
        var second = await _app.CreateUserAsync("DistrictHead", "2701");
        var firstCode = await AskCodeAsync(await _app.SignedInAsAsync(first));
        (await WebhookAsync(LineStandIn.MessageEvent("01HEVENT0000000000000000003", LineUser, firstCode))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var secondCode = await AskCodeAsync(await _app.SignedInAsAsync(second));
        // LINE redelivers the same event id (with whatever text): handled once.
        (await WebhookAsync(LineStandIn.MessageEvent("01HEVENT0000000000000000003", "U99990000999900009999000099990000", secondCode))).StatusCode.ShouldBe(HttpStatusCode.OK);
        // The first code again, from another LINE account: used.
        (await WebhookAsync(LineStandIn.MessageEvent("01HEVENT0000000000000000004", "U99990000999900009999000099990000", firstCode))).StatusCode.ShouldBe(HttpStatusCode.OK);
        // The second code after 15 minutes: expired.
        _app.Clock.Now = _app.Clock.Now.AddMinutes(16);
        (await WebhookAsync(LineStandIn.MessageEvent("01HEVENT0000000000000000005", "U99990000999900009999000099990000", secondCode))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var links = await _app.WithDbAsync(db => db.LineLinks.Select(l => new { l.UserName, l.LineUserId }).ToListAsync());
        links.ShouldHaveSingleItem().UserName.ShouldBe(first);
        links[0].LineUserId.ShouldBe(LineUser);
    }

    [Fact]
    public async Task ANewCode_EndsTheOldOne_AndCodesAreLimitedPerHour()
    {
        var officer = await _app.CreateUserAsync("DistrictOfficer", "2701");
        var page = await _app.SignedInAsAsync(officer);
        var old = await AskCodeAsync(page);
        for (var i = 1; i < LineLinking.PerHour; i++) await AskCodeAsync(page);

        var (status, html) = await PostPageAsync(page, "/Account/Profile?handler=Code");
        (await WebhookAsync(LineStandIn.MessageEvent("01HEVENT0000000000000000006", LineUser, old))).StatusCode.ShouldBe(HttpStatusCode.OK);

        status.ShouldBe(HttpStatusCode.TooManyRequests);
        html.ShouldContain("ขอรหัสได้ไม่เกิน 5 ครั้งต่อชั่วโมง");
        (await _app.WithDbAsync(db => db.LineLinks.AnyAsync())).ShouldBeFalse("only the newest code links");
    }

    [GeneratedRegex("data-testid=\"line-code\">([A-Z2-9]{8})<")]
    private static partial Regex CodeOnPage();

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _line.DisposeAsync();
    }
}

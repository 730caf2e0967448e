using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Otop.Web.Features.Notifications;
using Otop.Web.Tests.Infrastructure;
using Otop.Web.Tests.Reminders;
using Otop.Web.Tests.Revenue;
using static Otop.Web.Tests.Revenue.RevenueTestData;

namespace Otop.Web.Tests.Notifications;

/// <summary>
/// "Month returned" and "month unlocked" (issue 15, items 5 and 10): the bell at once, e-mail (to the local SMTP sink) and
/// LINE (to the local stand-in) through the outbox, once each, retried with the same retry key after 5xx and 429.
/// </summary>
public sealed class NotificationTests : IAsyncLifetime
{
    private readonly SmtpSink _sink = new();
    private readonly LineStandIn _line = new();
    private OtopApp _app = null!;

    public Task InitializeAsync()
    {
        var settings = _line.Settings();
        settings["Smtp:Host"] = "127.0.0.1";
        settings["Smtp:Port"] = _sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Notifications:Enabled"] = "false";
        settings["Reminders:Enabled"] = "false";
        settings["Hosting:PublicBaseUrl"] = "https://otop.example.go.th";
        // 1 March: February has ended, so it may be certified (issue 16, item 6), and is confirmed on time (by the 3rd).
        _app = new OtopApp(now: Bangkok(2023, 3, 1), settings: settings);
        return Task.CompletedTask;
    }

    private async Task<string> UserAsync(string role, string unit, string? email = null, string? lineUserId = null)
    {
        var name = await _app.CreateUserAsync(role, unit);
        await _app.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.UserName == name)).Email = email;
            if (lineUserId is not null) db.LineLinks.Add(new LineLink { UserName = name, LineUserId = lineUserId, LinkedAt = _app.Clock.GetUtcNow() });
            return await db.SaveChangesAsync();
        });
        return name;
    }

    private async Task<int> SendAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<NoticeOutbox>().RunOnceAsync();
    }

    private async Task ConfirmedMonthAsync(string district)
    {
        var codes = await _app.ProducersAsync(district, 1);
        var officer = await _app.ClientAsAsync("DistrictOfficer", district);
        var head = await _app.ClientAsAsync("DistrictHead", district);
        await (await officer.PutMonthAsync(district, "2023-02", Entries(codes, 500m))).JsonAsync();
        await (await head.ActAsync(district, "2023-02", "certify")).JsonAsync();
        await (await head.ActAsync(district, "2023-02", "confirm")).JsonAsync();
    }

    [Fact]
    public async Task AReturnedMonth_IsInTheBellOfTheDistrictsOfficerAndHeadAtOnce_ThenByEmailAndLineOnce_WithTheReasonAndALink()
    {
        var officer = await UserAsync("DistrictOfficer", "2702", "khlonghat.officer@example.go.th", "U0123456789abcdef0123456789abcdef");
        var head = await UserAsync("DistrictHead", "2702", "khlonghat.head@example.go.th");
        var neighbour = await UserAsync("DistrictOfficer", "2703", "taphraya.officer@example.go.th");
        await ConfirmedMonthAsync("2702");
        var province = await _app.ClientAsAsync("ProvinceOfficer", "27");

        await (await province.ActAsync("2702", "2023-02", "return", "ยอดของกลุ่มที่ 2 ไม่ตรงกับใบเสร็จ <b>แก้</b>")).JsonAsync();

        var bell = await (await _app.SignedInAsAsync(officer)).GetStringAsync("/Notifications");
        bell.ShouldContain("data-testid=\"notice-count\">1<");
        bell.ShouldContain("จังหวัดส่งคืนแก้ไขข้อมูลรายได้เดือนกุมภาพันธ์ 2566");
        bell.ShouldContain("เหตุผล: ยอดของกลุ่มที่ 2 ไม่ตรงกับใบเสร็จ &lt;b&gt;แก้&lt;/b&gt;", customMessage: "the reason is shown as text");
        (await (await _app.SignedInAsAsync(head)).GetStringAsync("/Notifications")).ShouldContain("ไม่ตรงกับใบเสร็จ");
        (await (await _app.SignedInAsAsync(neighbour)).GetStringAsync("/Notifications")).ShouldContain("data-testid=\"no-notices\"");
        _sink.Messages.ShouldBeEmpty("e-mail goes through the outbox, not inside the province's request");

        (await SendAsync()).ShouldBe(3);
        var mails = _sink.Take();
        mails.SelectMany(m => m.To).Order(StringComparer.Ordinal).ShouldBe(["khlonghat.head@example.go.th", "khlonghat.officer@example.go.th"]);
        mails[0].Subject.ShouldBe("[OTOP] จังหวัดส่งคืนแก้ไขข้อมูลรายได้เดือนกุมภาพันธ์ 2566 (อำเภอคลองหาด)");
        MailBody.Of(mails[0].Data).ShouldContain("https://otop.example.go.th/Revenue/Entry?district=2702&month=2023-02");
        var push = _line.Take().ShouldHaveSingleItem();
        push.Authorization.ShouldBe($"Bearer {LineStandIn.Token}");
        Guid.TryParse(push.RetryKey, out _).ShouldBeTrue();
        using var json = JsonDocument.Parse(push.Body);
        json.RootElement.GetProperty("to").GetString().ShouldBe("U0123456789abcdef0123456789abcdef");
        var message = json.RootElement.GetProperty("messages")[0];
        message.GetProperty("type").GetString().ShouldBe("text");
        message.GetProperty("text").GetString()!.ShouldContain("ไม่ตรงกับใบเสร็จ");

        (await SendAsync()).ShouldBe(0);
        _sink.Messages.ShouldBeEmpty();
        _line.Pushes.ShouldBeEmpty("a notice is sent once");
    }

    [Fact]
    public async Task AnUnlockedMonth_TellsTheDistrictWhy()
    {
        var officer = await UserAsync("DistrictOfficer", "2704");
        await ConfirmedMonthAsync("2704");
        var province = await _app.ClientAsAsync("ProvinceOfficer", "27");
        await (await province.ActAsync("2704", "2023-02", "approve")).JsonAsync();

        await (await province.ActAsync("2704", "2023-02", "unlock", "ต้องเพิ่มผู้ผลิตที่ตกหล่น")).JsonAsync();

        var notice = await _app.WithDbAsync(db => db.Notices.SingleAsync(n => n.Recipient == officer));
        notice.Kind.ShouldBe("month-unlocked");
        notice.Body.ShouldBe("เหตุผล: ต้องเพิ่มผู้ผลิตที่ตกหล่น");
        notice.Link.ShouldBe("/Revenue/Entry?district=2704&month=2023-02");
    }

    [Fact]
    public async Task ALinePushThatFails_IsRetriedWithTheSameRetryKey_NotBeforeRetryAfter_AndDeliveredOnce()
    {
        await UserAsync("DistrictOfficer", "2705", lineUserId: "Uaaaabbbbccccddddeeeeffff00001111");
        await ConfirmedMonthAsync("2705");
        await (await (await _app.ClientAsAsync("ProvinceOfficer", "27")).ActAsync("2705", "2023-02", "return", "แนบหลักฐานไม่ครบ")).JsonAsync();
        _line.Answers.Enqueue((500, null));
        _line.Answers.Enqueue((429, 120));
        var start = _app.Clock.Now;

        (await SendAsync()).ShouldBe(0, "500: try again after the backoff (30 s)");
        _app.Clock.Now = start.AddSeconds(10);
        (await SendAsync()).ShouldBe(0);
        _app.Clock.Now = start.AddSeconds(31);
        (await SendAsync()).ShouldBe(0, "429 with Retry-After: 120");
        _app.Clock.Now = start.AddSeconds(100);
        (await SendAsync()).ShouldBe(0);
        _line.Pushes.Count.ShouldBe(2, "nothing was sent before Retry-After had passed");
        _app.Clock.Now = start.AddSeconds(152);
        (await SendAsync()).ShouldBe(1);

        var pushes = _line.Take();
        pushes.Select(p => p.Answered).ShouldBe([500, 429, 200]);
        pushes.Select(p => p.RetryKey).Distinct().Count().ShouldBe(1, "one retry key for the one message");
        var delivery = await _app.WithDbAsync(db => db.NoticeDeliveries.SingleAsync(d => d.Channel == NoticeChannel.Line));
        delivery.Status.ShouldBe(DeliveryStatus.Sent);
        delivery.Attempts.ShouldBe(3);
    }

    [Fact]
    public async Task APushLineAlreadyAccepted_Answers409_AndCountsAsSent()
    {
        await UserAsync("DistrictOfficer", "2706", lineUserId: "Uaaaabbbbccccddddeeeeffff00002222");
        await ConfirmedMonthAsync("2706");
        await (await (await _app.ClientAsAsync("ProvinceOfficer", "27")).ActAsync("2706", "2023-02", "return", "ตรวจสอบอีกครั้ง")).JsonAsync();
        // LINE accepted the push but the answer was lost: the row is still pending, and the retry meets the same key.
        var key = await _app.WithDbAsync(db => db.NoticeDeliveries.Where(d => d.Channel == NoticeChannel.Line).Select(d => d.RetryKey).SingleAsync());
        using (var http = new HttpClient())
        {
            using var first = new HttpRequestMessage(HttpMethod.Post, _line.BaseUrl + "/v2/bot/message/push") { Content = new StringContent("{}") };
            first.Headers.Add("X-Line-Retry-Key", key.ToString());
            (await http.SendAsync(first)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await SendAsync()).ShouldBe(1);
        _line.Take().Select(p => p.Answered).ShouldBe([200, 409]);
    }

    [Fact]
    public async Task TwoSendersAtOnce_SendEachNoticeOnce()
    {
        var users = new List<string>();
        for (var i = 0; i < 6; i++) users.Add(await UserAsync("DistrictOfficer", "2707", $"o{i}@example.go.th", $"Ubbbbccccddddeeeeffff0000111100{i:D2}"));
        await _app.WithDbAsync(async db =>
        {
            await Notices.AddAsync(db, _app.Clock, users, new NoticeText("month-returned", "test/once", "ทดสอบ", "เหตุผล", "/"), email: true, default);
            return await db.SaveChangesAsync();
        });

        for (var pass = 0; pass < 3; pass++) await Task.WhenAll(SendAsync(), SendAsync(), SendAsync());

        _sink.Take().SelectMany(m => m.To).Count().ShouldBe(6);
        _line.Take().Select(p => p.Body).Distinct().Count().ShouldBe(6);
        _line.Pushes.ShouldBeEmpty();
        (await _app.WithDbAsync(db => db.NoticeDeliveries.CountAsync(d => d.Status == DeliveryStatus.Sent))).ShouldBe(12);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _sink.Dispose();
        await _line.DisposeAsync();
    }
}

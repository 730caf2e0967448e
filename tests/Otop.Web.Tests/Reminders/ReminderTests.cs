using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Otop.Domain;
using Otop.Web.Tests.Circulars;
using Otop.Web.Tests.Infrastructure;
using static Otop.Web.Tests.Circulars.CircularTestData;
using Otop.Web.Features.Circulars;
using Otop.Web.Features.Reminders;
using Otop.Web.Features.Revenue;

namespace Otop.Web.Tests.Reminders;

/// <summary>
/// Reminders (docs/decisions/007-circulars.md) against a local SMTP sink with the fake clock: 3 and 1 days before the due date to the
/// responsible officer, the officer and the district head once the Bangkok due instant has passed, the province K = 2 days
/// later; never twice (a pass run twice, two dispatchers at once), none after sending, a failed send retried.
/// </summary>
public sealed class ReminderTests : IDisposable
{
    private readonly SmtpSink _sink = new();
    private readonly OtopApp _app;

    public ReminderTests()
    {
        _app = new OtopApp(now: Bangkok(2023, 3, 1), settings: new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = _sink.Port.ToString(), ["Smtp:From"] = "otop@example.go.th",
            ["Reminders:Enabled"] = "false",
        });
    }

    private async Task<string> UserAsync(string role, string unit, string email)
    {
        var name = await _app.CreateUserAsync(role, unit);
        await _app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.UserName == name);
            user.Email = email;
            return await db.SaveChangesAsync();
        });
        return name;
    }

    private async Task<int> RunAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReminderDispatcher>().RunOnceAsync();
    }

    private async Task<List<string>> MailsAtAsync(DateTimeOffset now)
    {
        _app.Clock.Now = now;
        await RunAsync();
        return _sink.Take().SelectMany(m => m.To).Order(StringComparer.Ordinal).ToList();
    }

    private async Task<int> PublishAsync(DateOnly due, params string[] districts)
    {
        await UserAsync("ProvinceOfficer", "27", "province27@example.go.th");
        var province = await _app.ClientForAsync(await _app.CreateUserAsync("ProvinceOfficer", "27"));
        return await province.PublishLetterAsync($"สก ๐๐๑๙/ว {Guid.NewGuid().ToString("N")[..6]}", due, districts);
    }

    [Fact]
    public async Task ATask_IsRemindedAtEachStep_OnceOnly_AndNotAfterTheDistrictHasSent()
    {
        await UserAsync("DistrictOfficer", "2701", "muang.officer@example.go.th");
        var muangHead = await UserAsync("DistrictHead", "2701", "muang.head@example.go.th");
        var khlonghat = await UserAsync("DistrictOfficer", "2702", "khlonghat.officer@example.go.th");
        var id = await PublishAsync(new DateOnly(2023, 3, 20), "2701", "2702");

        (await MailsAtAsync(Bangkok(2023, 3, 16, 8))).ShouldBeEmpty("nothing before the lead time");
        (await MailsAtAsync(Bangkok(2023, 3, 17, 7, 59))).ShouldBeEmpty();
        (await MailsAtAsync(Bangkok(2023, 3, 17, 8))).ShouldBe(["khlonghat.officer@example.go.th", "muang.officer@example.go.th"], "3 days before, the officers");
        (await MailsAtAsync(Bangkok(2023, 3, 17, 9))).ShouldBeEmpty("the same pass again sends nothing");

        _app.Clock.Now = Bangkok(2023, 3, 18);
        var district = await _app.ClientForAsync(khlonghat);
        var assignment = await _app.WithDbAsync(db => db.TaskAssignments.Where(a => a.Task.CircularId == id && a.UnitCode == "2702").Select(a => a.Id).SingleAsync());
        (await district.PostJsonAsync($"/api/v1/circulars/tasks/{assignment}/submit", new { note = "ส่งแล้ว" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await MailsAtAsync(Bangkok(2023, 3, 19, 8))).ShouldBe(["muang.officer@example.go.th"], "1 day before, only the district that has not sent");
        (await MailsAtAsync(Bangkok(2023, 3, 20, 23, 59))).ShouldBeEmpty("still the due day in Bangkok");
        (await MailsAtAsync(Bangkok(2023, 3, 21, 0))).ShouldBe(["muang.head@example.go.th", "muang.officer@example.go.th"], "missed: the officer and the head");
        (await MailsAtAsync(Bangkok(2023, 3, 22, 23, 59))).ShouldBeEmpty();
        (await MailsAtAsync(Bangkok(2023, 3, 23, 0))).ShouldBe(["province27@example.go.th"], "K = 2 days later: the province");
        (await MailsAtAsync(Bangkok(2023, 3, 24, 0))).ShouldBeEmpty();

        var kinds = await _app.WithDbAsync(db => db.Reminders.Where(r => r.Recipient == muangHead).Select(r => r.Kind).ToListAsync());
        kinds.ShouldBe(["missed"]);
        var head = await _app.SignedInAsAsync(muangHead);
        var page = await head.GetStringAsync("/Reminders");
        page.ShouldContain("เลยกำหนดแล้ว");
        page.ShouldContain("data-testid=\"notice-count\">1<", customMessage: "the bell counts the reminder");
    }

    [Fact]
    public async Task TwoDispatchersAtOnce_SendEachReminderOnce()
    {
        await UserAsync("DistrictOfficer", "2703", "taphraya.officer@example.go.th");
        await PublishAsync(new DateOnly(2023, 3, 20), "2703");
        _app.Clock.Now = Bangkok(2023, 3, 17, 8);

        for (var pass = 0; pass < 3; pass++) await Task.WhenAll(RunAsync(), RunAsync());

        _sink.Take().SelectMany(m => m.To).ShouldBe(["taphraya.officer@example.go.th"]);
        (await _app.WithDbAsync(db => db.Reminders.CountAsync())).ShouldBe(1);
    }

    [Fact]
    public async Task AFailedSend_IsRetriedByTheNextPass_AndThenNotAgain()
    {
        var officer = await UserAsync("DistrictOfficer", "2704", "wangnamyen.officer@example.go.th");
        await PublishAsync(new DateOnly(2023, 3, 20), "2704");
        _sink.FailNext = 1;

        (await MailsAtAsync(Bangkok(2023, 3, 17, 8))).ShouldBeEmpty("the server answered 451");
        var stored = await _app.WithDbAsync(db => db.Reminders.SingleAsync(r => r.Recipient == officer));
        stored.EmailStatus.ShouldBe(ReminderEmailStatus.NotSent);
        stored.EmailAttempts.ShouldBe(1);

        (await MailsAtAsync(Bangkok(2023, 3, 17, 8, 1))).ShouldBe(["wangnamyen.officer@example.go.th"]);
        (await MailsAtAsync(Bangkok(2023, 3, 17, 8, 2))).ShouldBeEmpty();
        var subject = (await _app.WithDbAsync(db => db.Reminders.SingleAsync(r => r.Recipient == officer))).EmailStatus;
        subject.ShouldBe(ReminderEmailStatus.Sent);
    }

    /// <summary>
    /// docs/hostile-input.md, "Uploads, mail and input": an address the mail library refuses, a mailbox the server refuses
    /// and a task title with a line break and a header in it: the pass still sends the others, the failures are counted
    /// and retried, and no subject carries a second line.
    /// </summary>
    [Fact]
    public async Task OneFailingReminder_NeverAbortsThePass_AndNoSubjectCarriesALineBreak()
    {
        var badAddress = await UserAsync("DistrictOfficer", "2707", "not an address\r\nBcc: evil@example.com");
        var refused = await UserAsync("DistrictOfficer", "2708", "gone@example.go.th");
        await UserAsync("DistrictOfficer", "2709", "khokung.officer@example.go.th");
        _sink.RejectRecipients["gone@example.go.th"] = true;
        await UserAsync("ProvinceOfficer", "27", "province27@example.go.th");
        var province = await _app.ClientForAsync(await _app.CreateUserAsync("ProvinceOfficer", "27"));
        var id = await province.DraftAsync($"สก ๐๐๑๙/ว {Guid.NewGuid().ToString("N")[..6]}", new DateOnly(2023, 3, 20), "2707", "2708", "2709");
        await _app.WithDbAsync(async db =>
        {
            var task = await db.CircularTasks.SingleAsync(t => t.CircularId == id);
            task.Title = "รายงาน\r\nBcc: evil@example.com\u202E\tผล";
            return await db.SaveChangesAsync();
        });
        var letter = await (await province.GetAsync($"/api/v1/circulars/{id}")).JsonAsync();
        await (await province.PostJsonAsync($"/api/v1/circulars/{id}/publish", new { version = letter.GetProperty("version").GetInt32() })).JsonAsync();

        _app.Clock.Now = Bangkok(2023, 3, 17, 8);
        await RunAsync();

        var mails = _sink.Take();
        mails.SelectMany(m => m.To).ShouldBe(["khokung.officer@example.go.th"]);
        mails[0].Data.Split("\r\n").ShouldNotContain(line => line.StartsWith("Bcc", StringComparison.OrdinalIgnoreCase));
        mails[0].Subject.ShouldBe("[OTOP] ใกล้ครบกำหนด 20 มีนาคม 2566: รายงาน Bcc: evil@example.com ผล (หนังสือ " + letter.GetProperty("number").GetString() + ")");
        var failed = await _app.WithDbAsync(db => db.Reminders.Where(r => r.Recipient == badAddress || r.Recipient == refused).ToListAsync());
        failed.Count.ShouldBe(2);
        failed.ShouldAllBe(r => r.EmailStatus == ReminderEmailStatus.NotSent && r.EmailAttempts == 1);

        _sink.RejectRecipients.Clear();
        _app.Clock.Now = Bangkok(2023, 3, 17, 8, 10);
        await RunAsync();

        _sink.Take().SelectMany(m => m.To).ShouldBe(["gone@example.go.th"], "retried by the next pass; the unreadable address is counted again");
        (await _app.WithDbAsync(db => db.Reminders.SingleAsync(r => r.Recipient == badAddress))).EmailAttempts.ShouldBe(2);
    }

    [Fact]
    public async Task TheMonthlyConfirmation_RemindsTheDistrictHeadAndItsOfficers_AndNobodyInADistrictThatHasConfirmed()
    {
        await UserAsync("DistrictOfficer", "2705", "watthana.officer@example.go.th");
        await UserAsync("DistrictHead", "2705", "watthana.head@example.go.th");
        await UserAsync("DistrictHead", "2706", "aranyaprathet.head@example.go.th");
        await _app.WithDbAsync(db =>
        {
            db.RevenueMonths.Add(new RevenueMonth
            {
                DistrictCode = "2706", ProvinceCode = "27", Month = "2023-01", Status = RevenueStatus.Confirmed, Version = 3,
                ConfirmedAt = Bangkok(2023, 1, 30).ToUniversalTime(), ConfirmedBy = "head", UpdatedAt = Bangkok(2023, 1, 30).ToUniversalTime(),
            });
            return db.SaveChangesAsync();
        });

        (await MailsAtAsync(Bangkok(2023, 1, 31, 7))).ShouldBeEmpty();
        var mails = await MailsAtAsync(Bangkok(2023, 1, 31, 8));

        mails.ShouldBe(["watthana.head@example.go.th", "watthana.officer@example.go.th"],
            "January is confirmed by the 3rd of February: 3 days before, the head who signs and the officer who enters it (issue 15, item 10)");
        _app.Clock.Now = Bangkok(2023, 1, 31, 8);
        await RunAsync();
        var message = await _app.WithDbAsync(db => db.Reminders.FirstAsync(r => r.ItemKey == "revenue-confirm/2705/2023-01"));
        (await _app.WithDbAsync(db => db.Reminders.CountAsync(r => r.ItemKey == "revenue-confirm/2705/2023-01"))).ShouldBe(2, "one each, the second pass adds none");
        message.Title.ShouldContain("มกราคม 2566");
        message.DueDate.ShouldBe(new DateOnly(2023, 2, 3));
    }

    public void Dispose()
    {
        _app.Dispose();
        _sink.Dispose();
    }
}

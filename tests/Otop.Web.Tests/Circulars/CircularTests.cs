using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Tests.Infrastructure;
using Otop.Web.Tests.Reports;
using static Otop.Web.Tests.Circulars.CircularTestData;
using Otop.Web.Features.Circulars;

namespace Otop.Web.Tests.Circulars;

/// <summary>
/// Circulars (docs/decisions/007-circulars.md): a province publishes a letter, the letter creates one assignment per recipient and task,
/// each district sees and sends its own, the province sees who has not; lateness at the Bangkok instant; enclosures by token.
/// </summary>
public sealed partial class CircularTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    [Fact]
    public async Task PublishedLetter_GivesEachDistrictItsTask_ADistrictSends_TheProvinceSeesWhoHasNot()
    {
        app.Clock.Now = Bangkok(2023, 3, 1);
        var province = await app.ClientAsAsync("ProvinceOfficer", "27");
        var id = await province.PublishLetterAsync("สก ๐๐๑๙/ว ๑๐๐", new DateOnly(2023, 3, 10), "2701", "2702", "2703");
        var muang = await app.ClientAsAsync("DistrictOfficer", "2701");

        var tasks = await (await muang.GetAsync("/api/v1/circulars/tasks")).JsonAsync();
        var mine = tasks.EnumerateArray().Single(t => t.GetProperty("circularId").GetInt32() == id);
        mine.GetProperty("dueDate").GetString().ShouldBe("2023-03-10");
        mine.GetProperty("sent").GetBoolean().ShouldBeFalse();
        var sent = await (await muang.PostJsonAsync($"/api/v1/circulars/tasks/{mine.GetProperty("assignmentId").GetInt32()}/submit", new { note = "ตรวจสอบแล้ว ถูกต้อง" })).JsonAsync();
        sent.GetProperty("sent").GetBoolean().ShouldBeTrue();
        sent.GetProperty("late").GetBoolean().ShouldBeFalse();

        var letter = await (await province.GetAsync($"/api/v1/circulars/{id}")).JsonAsync();
        var assignments = letter.GetProperty("tasks")[0].GetProperty("assignments").EnumerateArray().ToList();
        assignments.Select(a => a.GetProperty("unitCode").GetString()).ShouldBe(["2701", "2702", "2703"]);
        assignments.Where(a => !a.GetProperty("sent").GetBoolean()).Select(a => a.GetProperty("unitCode").GetString()).ShouldBe(["2702", "2703"]);
        assignments.Single(a => a.GetProperty("sent").GetBoolean()).GetProperty("note").GetString().ShouldBe("ตรวจสอบแล้ว ถูกต้อง");

        var page = await (await app.SignedInAsync("ProvinceOfficer", "27")).GetStringAsync($"/Circulars/Letter?id={id}");
        page.ShouldContain("ส่งแล้ว <strong>1</strong> จาก 3 หน่วยงาน");
        page.ShouldContain("ยังไม่ส่ง <strong>2</strong>");
        page.ShouldContain("<progress");
        page.ShouldContain("ตรวจสอบแล้ว ถูกต้อง");
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Entity == "circular" || a.Entity == "circular-task").Select(a => a.Action).ToListAsync());
        audit.ShouldContain("create");
        audit.ShouldContain("publish");
        audit.ShouldContain("submit");
    }

    [Fact]
    public async Task TheDistrictPage_ShowsWhatItMustDo_ByWhen_AndWhatItSent_ButNotAnotherDistrictsRow()
    {
        app.Clock.Now = Bangkok(2023, 3, 1);
        var province = await app.ClientAsAsync("ProvinceOfficer", "27");
        var id = await province.PublishLetterAsync("สก ๐๐๑๙/ว ๑๐๑", new DateOnly(2023, 3, 10), "2704", "2705");
        var district = await app.SignedInAsync("DistrictOfficer", "2704");

        var tasksPage = await district.GetStringAsync("/Circulars/Tasks");
        tasksPage.ShouldContain("รายงานผลการตรวจสอบฐานข้อมูล");
        tasksPage.ShouldContain("10 มีนาคม 2566");
        tasksPage.ShouldContain("ยังไม่ส่ง");

        var letterUrl = $"/Circulars/Letter?id={id}";
        var assignment = await app.WithDbAsync(db => db.TaskAssignments.Where(a => a.Task.CircularId == id && a.UnitCode == "2704").Select(a => a.Id).SingleAsync());
        var form = new MultipartFormDataContent
        {
            { new StringContent(assignment.ToString()), "assignment" }, { new StringContent("ส่งรายงานตามแนบ"), "note" },
            { FileContent(Pdf, "application/pdf"), "file", "report.pdf" },
        };
        var posted = await district.PostFormAsync(letterUrl, $"{letterUrl}&handler=Submit", form);
        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect, await posted.Content.ReadAsStringAsync());

        var letterPage = await district.GetStringAsync(letterUrl);
        letterPage.ShouldContain("data-testid=\"my-task-1\"");
        letterPage.ShouldContain("report.pdf");
        letterPage.ShouldNotContain("data-testid=\"status-1\"", customMessage: "a district does not see the other recipients' rows");
        (await district.GetStringAsync("/Circulars/Tasks")).ShouldContain("ส่งแล้ว");
        var file = await (await app.SignedInAsync("ProvinceOfficer", "27")).GetAsync($"{letterUrl}&handler=File&assignment={assignment}");
        (await file.Content.ReadAsByteArrayAsync()).ShouldBe(Pdf);
        var other = await app.SignedInAsync("DistrictOfficer", "2705");
        (await other.GetAsync($"{letterUrl}&handler=File&assignment={assignment}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(23, 59, false)]
    [InlineData(24, 0, true)]
    public async Task Sending_IsLate_FromMidnightInBangkokAfterTheDueDate(int hour, int minute, bool late)
    {
        app.Clock.Now = Bangkok(2023, 3, 1);
        var province = await app.ClientAsAsync("ProvinceOfficer", "27");
        var id = await province.PublishLetterAsync($"สก 0019/ว late-{hour}", new DateOnly(2023, 3, 10), "2706");
        var assignment = await app.WithDbAsync(db => db.TaskAssignments.Where(a => a.Task.CircularId == id).Select(a => a.Id).SingleAsync());

        app.Clock.Now = Bangkok(2023, 3, 10, 0).AddHours(hour).AddMinutes(minute);
        var district = await app.ClientAsAsync("DistrictHead", "2706");
        var sent = await (await district.PostJsonAsync($"/api/v1/circulars/tasks/{assignment}/submit", new { note = "ส่งแล้ว" })).JsonAsync();

        sent.GetProperty("late").GetBoolean().ShouldBe(late);
    }

    [Fact]
    public async Task AnEnclosure_DownloadsByItsTokenWithoutLogin_AndAWrongTokenIs404()
    {
        var province = await app.ClientAsAsync("ProvinceOfficer", "27");
        var id = await province.DraftAsync("สก ๐๐๑๙/ว ๑๐๒", new DateOnly(2023, 3, 10), "2701");
        var page = await app.SignedInAsync("ProvinceOfficer", "27");
        var url = $"/Circulars/Letter?id={id}";
        var xlsx = Xlsx();

        var upload = await page.PostFormAsync(url, $"{url}&handler=Enclosure", new MultipartFormDataContent
        {
            { new StringContent("เป้าหมายตัวชี้วัดฯ"), "title" }, { FileContent(xlsx, "application/octet-stream"), "file", "targets.xlsx" },
        });
        upload.StatusCode.ShouldBe(HttpStatusCode.Redirect, await upload.Content.ReadAsStringAsync());
        var html = await page.GetStringAsync(url);
        var link = EnclosureLink().Match(html).Groups[1].Value;
        var token = link[(link.LastIndexOf('/') + 1)..];
        token.Length.ShouldBeGreaterThanOrEqualTo(22, "at least 128 bits in base64url");
        // Each enclosure shows a QR code, and what a phone reads from it is the enclosure's own link.
        EnclosureQr().Matches(html).Select(m => QrRead.FromSvg(m.Groups[1].Value)).ShouldBe([link]);
        link.ShouldEndWith($"/e/{token}");

        var anonymous = app.CreateClient();
        var download = await anonymous.GetAsync($"/e/{token}");
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(xlsx);
        (await anonymous.GetAsync($"/e/{token[..^1]}{(token[^1] == 'A' ? 'B' : 'A')}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anonymous.GetAsync("/e/not-a-token-at-all-000000000")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnEnclosure_ThatIsNotPdfXlsxDocxOrAnImage_IsRefusedWithAThaiMessage()
    {
        var province = await app.ClientAsAsync("ProvinceOfficer", "27");
        var id = await province.DraftAsync("สก ๐๐๑๙/ว ๑๐๓", new DateOnly(2023, 3, 10), "2701");
        var page = await app.SignedInAsync("ProvinceOfficer", "27");
        var url = $"/Circulars/Letter?id={id}";

        var upload = await page.PostFormAsync(url, $"{url}&handler=Enclosure", new MultipartFormDataContent
        {
            { FileContent("MZ not really a pdf"u8.ToArray(), "application/pdf"), "file", "virus.pdf" },
        });

        upload.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await upload.Content.ReadAsStringAsync()).ShouldContain("ต้องเป็น PDF, XLSX, DOCX, PNG หรือ JPEG");
        (await app.WithDbAsync(db => db.CircularEnclosures.CountAsync(e => e.CircularId == id))).ShouldBe(0);
    }

    [Fact]
    public async Task TheNumber_IsUniquePerIssuer_WhetherTypedInThaiOrArabicDigits()
    {
        var province = await app.ClientAsAsync("ProvinceOfficer", "27");
        await province.DraftAsync("สก ๐๐๑๙/ว ๐๙๓๑", new DateOnly(2023, 3, 10), "2701");

        var again = await province.PostJsonAsync("/api/v1/circulars", new
        {
            number = "สก 0019/ว  0931", issuedOn = "23/2/2564", subject = "ซ้ำ", recipients = new[] { "2701" },
        });

        var problem = await again.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("errors").GetProperty("number")[0].GetString()!.ShouldContain("มีอยู่แล้ว");
        var otherProvince = await app.ClientAsAsync("ProvinceOfficer", "26");
        var elsewhere = await otherProvince.PostJsonAsync("/api/v1/circulars", new
        {
            number = "สก 0019/ว 0931", issuedOn = "23/2/2564", subject = "หน่วยงานอื่นใช้เลขเดียวกันได้", recipients = new[] { "2601" },
        });
        await elsewhere.JsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task OnlyTheIssuingProvince_WritesALetter_AndOthersSeeOnlyWhatIsAddressedToThem()
    {
        var province = await app.ClientAsAsync("ProvinceOfficer", "27");
        var draft = await province.DraftAsync("สก ๐๐๑๙/ว ๑๐๔", new DateOnly(2023, 3, 10), "2701");
        var district = await app.ClientAsAsync("DistrictOfficer", "2701");
        var otherProvince = await app.ClientAsAsync("ProvinceOfficer", "26");

        (await district.GetAsync($"/api/v1/circulars/{draft}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "a draft is the issuer's own");
        (await district.PostJsonAsync("/api/v1/circulars", new { number = "x", issuedOn = "1/3/2566", subject = "x", recipients = new[] { "2701" } }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await otherProvince.PostJsonAsync($"/api/v1/circulars/{draft}/publish", new { version = 1 })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var outside = await province.PostJsonAsync("/api/v1/circulars", new { number = "สก ๐๐๑๙/ว ๑๐๕", issuedOn = "1/3/2566", subject = "x", recipients = new[] { "2601" } });
        (await outside.ProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("errors").GetProperty("recipients")[0].GetString()!.ShouldContain("2601");

        await province.PostJsonAsync($"/api/v1/circulars/{draft}/publish", new { version = 1 });
        (await district.GetAsync($"/api/v1/circulars/{draft}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await app.ClientAsAsync("DistrictOfficer", "2702")).GetAsync($"/api/v1/circulars/{draft}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await otherProvince.GetAsync($"/api/v1/circulars/{draft}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await app.ClientAsAsync("DepartmentAdmin", "0")).GetAsync($"/api/v1/circulars/{draft}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task APublishedLetter_CannotBeEdited_OnlyCorrectedWithAReason_WhichIsKept()
    {
        var province = await app.ClientAsAsync("ProvinceOfficer", "27");
        var id = await province.PublishLetterAsync("สก ๐๐๑๙/ว ๑๐๖", new DateOnly(2023, 3, 10), "2701");
        var page = await app.SignedInAsync("ProvinceOfficer", "27");
        var url = $"/Circulars/Letter?id={id}";
        var version = await app.WithDbAsync(db => db.Circulars.Where(c => c.Id == id).Select(c => c.Version).SingleAsync());

        var republish = await province.PostJsonAsync($"/api/v1/circulars/{id}/publish", new { version });
        await republish.ProblemAsync(HttpStatusCode.Conflict);
        var noReason = await page.PostFormAsync(url, $"{url}&handler=Correct", new MultipartFormDataContent
        {
            { new StringContent(version.ToString()), "Version" }, { new StringContent("เรื่องใหม่"), "subject" },
        });
        var noReasonHtml = await noReason.Content.ReadAsStringAsync();
        noReasonHtml.ShouldContain("กรุณาระบุเหตุผลของการแก้ไข");
        noReasonHtml.ShouldContain("href=\"#fix-reason\" data-error-link", customMessage: "the error summary links to the field (issue 15, item 4)");
        noReasonHtml.ShouldContain("id=\"fix-reason\" name=\"reason\" class=\"form-control mb-2 is-invalid\" aria-invalid=\"true\" aria-describedby=\"fix-reason-error\"");
        var corrected = await page.PostFormAsync(url, $"{url}&handler=Correct", new MultipartFormDataContent
        {
            { new StringContent(version.ToString()), "Version" }, { new StringContent("ขอให้รายงานผลการตรวจสอบฐานข้อมูล (แก้ไขคำผิด)"), "subject" },
            { new StringContent("พิมพ์ผิด"), "reason" },
        });
        corrected.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var html = await page.GetStringAsync(url);
        html.ShouldContain("(แก้ไขคำผิด)");
        html.ShouldContain("พิมพ์ผิด");
        (await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Entity == "circular" && a.Key == id.ToString() && a.Action == "correct" && a.Reason == "พิมพ์ผิด"))).ShouldBe(1);
    }

    [GeneratedRegex("<div class=\"qr\"[^>]*>(<svg.*?</svg>)</div>", RegexOptions.Singleline)]
    private static partial Regex EnclosureQr();

    [GeneratedRegex("href=\"([^\"]+/e/[^\"]+)\" data-testid=\"enclosure-link\"")]
    private static partial Regex EnclosureLink();
}

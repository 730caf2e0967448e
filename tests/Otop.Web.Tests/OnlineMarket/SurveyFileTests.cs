using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Features.OnlineMarket;
using Otop.Web.Features.Registry;
using Otop.Web.Tests.Infrastructure;
using Otop.Web.Tests.Revenue;

namespace Otop.Web.Tests.OnlineMarket;

/// <summary>
/// Issue 16, item 5: the readiness survey goes out as a fill-in XLSX (or CSV) and comes back through the Survey page's own
/// command: the same answers and audit as the page, every bad row named in Thai with nothing written, a stale file 409.
/// </summary>
public sealed class SurveyFileTests : IAsyncLifetime
{
    // 10 Mar 2021: during round 1 of FY 2564, the survey open for writes.
    private readonly OtopApp _app = new(seedDemo: true, now: new DateTimeOffset(2021, 3, 10, 10, 0, 0, TimeSpan.FromHours(7)));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private const string Page = "/OnlineMarket/SurveyFile?fiscalYear=2564&round=1";

    public static async Task<byte[]> DownloadAsync(HttpClient client, string form, string district, string format = "xlsx")
    {
        var response = await client.GetAsync($"/Reports/Download/{form}?district={district}&fiscalYear=2564&round=1&format={format}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadAsByteArrayAsync();
    }

    public static async Task<(HttpStatusCode Status, string Html)> UploadAsync(HttpClient client, string page, byte[] file, string name)
    {
        var html = await client.GetStringAsync(page);
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(name.EndsWith(".csv", StringComparison.Ordinal) ? "text/csv" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var form = new MultipartFormDataContent { { new StringContent(Antiforgery.TokenFrom(html)), "__RequestVerificationToken" }, { content, "Upload", name } };
        var response = await client.PostAsync(page, form);
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    private Task<List<(int, bool, ReadinessLack, string)>> AnswersAsync(string district) => _app.WithDbAsync(async db =>
        (await db.ReadinessSurveys.AsNoTracking().Include(s => s.Answers).Where(s => s.DistrictCode == district).SelectMany(s => s.Answers).ToListAsync())
        .OrderBy(a => a.EntrepreneurId).Select(a => (a.EntrepreneurId, a.Ready, a.Lacks, a.PlannedChannels)).ToList());

    [Fact]
    public async Task TheFillInSurvey_FilledAndUploaded_SavesWhatThePageSaves_AndIsAuditedTheSameWay()
    {
        var officer = await _app.SignedInAsync("DistrictOfficer", "2704");
        var template = await DownloadAsync(officer, SurveyFile.Form, "2704");
        // Rows 1-4 are the titles, row 5 the header, the producers from row 6; E ready, F-K the six lacks, L the channels.
        Reports.ReportFilesRead.Xlsx(template)[4][4].ShouldBe("พร้อมจำหน่ายออนไลน์");
        var filled = FilledSheets.Fill(template, new Dictionary<string, string>
        {
            ["E6"] = "1", ["F6"] = "", ["G6"] = "", ["H6"] = "", ["I6"] = "", ["J6"] = "", ["K6"] = "", ["L6"] = "shopee, เฟซบุ๊ก",
            ["E7"] = "ไม่ใช่", ["F7"] = "1", ["G7"] = "1", ["H7"] = "ใช่", ["I7"] = "1", ["J7"] = "0", ["K7"] = "", ["L7"] = "",
        });

        var (status, html) = await UploadAsync(officer, Page, filled, "survey.xlsx");
        var fromFile = await AnswersAsync("2704");
        var survey = await officer.GetStringAsync("/OnlineMarket/Survey");
        var ids = Regex.Matches(survey, "name=\"Answers\\[(\\d+)\\].EntrepreneurId\" value=\"(\\d+)\"").Select(m => m.Groups[2].Value).ToList();
        var version = Regex.Match(survey, "name=\"Version\" value=\"(\\d+)\"").Groups[1].Value;
        var fields = new Dictionary<string, string> { ["Version"] = version, ["__RequestVerificationToken"] = Antiforgery.TokenFrom(survey) };
        // The page posts what the file saved, row by row: the same command must store the same answers.
        var lacks = new List<KeyValuePair<string, string>>();
        for (var i = 0; i < ids.Count; i++)
        {
            var a = fromFile.Single(x => x.Item1 == int.Parse(ids[i]));
            (fields[$"Answers[{i}].EntrepreneurId"], fields[$"Answers[{i}].Ready"], fields[$"Answers[{i}].Channels"]) = (ids[i], a.Item2 ? "true" : "false", a.Item4);
            lacks.AddRange(Enum.GetValues<ReadinessLack>().Where(l => l != ReadinessLack.None && a.Item3.HasFlag(l)).Select(l => new KeyValuePair<string, string>($"Answers[{i}].Lacks", l.ToString())));
        }
        var saved = await officer.PostAsync("/OnlineMarket/Survey?handler=Save", new FormUrlEncodedContent(fields.Concat(lacks)));

        status.ShouldBe(HttpStatusCode.OK, Regex.Match(html, "form-file-errors[^>]*>(.*?)</div>", RegexOptions.Singleline).Groups[1].Value);
        html.ShouldContain($"บันทึกแบบสำรวจจากไฟล์แล้ว (ฉบับที่ {version})");
        fromFile.Count.ShouldBe(ids.Count);
        fromFile.Single(a => a.Item1 == int.Parse(ids[0])).ShouldBe((int.Parse(ids[0]), true, ReadinessLack.None, "shopee,facebook"));
        fromFile.Single(a => a.Item1 == int.Parse(ids[1])).ShouldBe((int.Parse(ids[1]), false,
            ReadinessLack.Internet | ReadinessLack.Device | ReadinessLack.Skills | ReadinessLack.Packaging, ""));
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await AnswersAsync("2704")).ShouldBe(fromFile);
        var audit = await _app.WithDbAsync(db => db.AuditEntries.Where(a => a.Entity == "readiness-survey" && a.Key == "2564/1/2704").OrderBy(a => a.Id).ToListAsync());
        audit.Select(a => a.Action).ShouldBe(["save", "save"]);
        audit[1].OldValue.ShouldBe(audit[0].NewValue);
    }

    [Fact]
    public async Task BadRows_AnotherDistrictsProducer_AndAnUnknownChannel_AreRefusedInThaiByRowAndColumn_ChangingNothing()
    {
        var officer = await _app.SignedInAsync("DistrictOfficer", "2706");
        var foreign = await _app.WithDbAsync(db => db.Entrepreneurs.Where(e => e.DistrictCode == "2701").Select(e => e.Code).FirstAsync());
        var template = await DownloadAsync(officer, SurveyFile.Form, "2706");
        var before = await AnswersAsync("2706");

        var (status, html) = await UploadAsync(officer, Page,
            FilledSheets.Fill(template, new Dictionary<string, string> { ["E6"] = "2", ["G7"] = "บางส่วน", ["B8"] = foreign, ["B9"] = "ไม่มีรหัสนี้" }), "survey.xlsx");
        var (channelStatus, channelHtml) = await UploadAsync(officer, Page,
            FilledSheets.Fill(template, new Dictionary<string, string> { ["L7"] = "myspace" }), "survey.xlsx");

        status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        html.ShouldContain("แถว 6: คอลัมน์ \"พร้อมจำหน่ายออนไลน์\": ค่า '2' ไม่ถูกต้อง ใส่ 1 (ใช่) หรือ 0/เว้นว่าง (ไม่ใช่)");
        html.ShouldContain("แถว 7: คอลัมน์ \"ขาดอุปกรณ์\": ค่า 'บางส่วน' ไม่ถูกต้อง");
        html.ShouldContain($"แถว 8: ไม่พบผู้ประกอบการรหัส {foreign} ในอำเภอ 2706");
        html.ShouldContain("แถว 9: ไม่พบผู้ประกอบการรหัส ไม่มีรหัสนี้ ในอำเภอ 2706");
        html.ShouldContain("ยังไม่ได้บันทึกรายการใด");
        channelStatus.ShouldBe(HttpStatusCode.UnprocessableEntity);
        channelHtml.ShouldContain("แถว 7: ช่องทางที่วางแผน: ไม่รู้จักช่องทาง \"myspace\"");
        // Nothing written (the demo's reminders write notices meanwhile, so the survey and its audit are compared, not the database).
        (await AnswersAsync("2706")).ShouldBe(before);
        (await _app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Entity == "readiness-survey" && a.Key == "2564/1/2706"))).ShouldBe(0);
    }

    [Fact]
    public async Task AFileDownloadedBeforeSomeoneElseSaved_IsAConflict_ThatSaysToDownloadAgain_AndChangesNothing()
    {
        var officer = await _app.SignedInAsync("DistrictOfficer", "2707");
        var colleague = await _app.SignedInAsync("DistrictHead", "2707");
        var template = await DownloadAsync(officer, SurveyFile.Form, "2707");
        (await UploadAsync(colleague, Page, FilledSheets.Fill(template, new Dictionary<string, string> { ["E6"] = "1" }), "mine.xlsx")).Status.ShouldBe(HttpStatusCode.OK);
        var before = await AnswersAsync("2707");

        var (status, html) = await UploadAsync(officer, Page, FilledSheets.Fill(template, new Dictionary<string, string> { ["E7"] = "1" }), "old.xlsx");

        status.ShouldBe(HttpStatusCode.Conflict);
        html.ShouldContain("ถูกแก้ไขหลังจากที่ท่านดาวน์โหลดไฟล์นี้");
        html.ShouldContain("กรุณาดาวน์โหลดแบบสำหรับกรอกใหม่");
        (await AnswersAsync("2707")).ShouldBe(before);
        (await _app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Entity == "readiness-survey" && a.Key == "2564/1/2707"))).ShouldBe(1);
    }

    [Fact]
    public async Task TheTemplatesCsv_AndAnEnglishHeaderCsv_AreTakenAgainstTheCurrentVersion()
    {
        var officer = await _app.SignedInAsync("DistrictOfficer", "2708");
        var csv = Encoding.UTF8.GetString(await DownloadAsync(officer, SurveyFile.Form, "2708", "csv")).TrimStart('\uFEFF');
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).ToList();
        var first = lines[1].Split(',');
        first[4] = "1";
        lines[1] = string.Join(',', first);

        var (status, html) = await UploadAsync(officer, Page, Encoding.UTF8.GetBytes(string.Join("\r\n", lines)), "survey.csv");
        var afterThai = await AnswersAsync("2708");
        var english = $"entrepreneur_code,ready,lack_internet,lack_device,lack_skills,lack_packaging,lack_delivery,lack_payment,planned_channels\n{first[1]},0,1,0,0,0,0,1,lazada\n";
        var (englishStatus, _) = await UploadAsync(officer, Page, Encoding.UTF8.GetBytes(english), "survey.csv");

        status.ShouldBe(HttpStatusCode.OK, html);
        afterThai.Count.ShouldBe(lines.Count - 1);
        var id = await _app.WithDbAsync(db => db.Entrepreneurs.Where(e => e.Code == first[1]).Select(e => e.Id).SingleAsync());
        afterThai.Single(a => a.Item1 == id).Item2.ShouldBeTrue();
        englishStatus.ShouldBe(HttpStatusCode.OK);
        (await AnswersAsync("2708")).ShouldBe(new List<(int, bool, ReadinessLack, string)> { (id, false, ReadinessLack.Internet | ReadinessLack.Payment, "lazada") });
    }
}

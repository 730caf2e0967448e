using System.Net;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Tests.Infrastructure;
using static Otop.Web.Tests.Revenue.RevenueTestData;
using Otop.Web.Features.Revenue;

namespace Otop.Web.Tests.Revenue;

/// <summary>
/// A month from a file (CONTRACT.md "Revenue", <c>POST /api/v1/revenue/{district}/{month}/file</c>): the รต.1 XLSX as the
/// report gives it, filled in as Excel would, comes back as the month's entries; a CSV too; stale, bad and foreign files
/// are refused as the PUT refuses them, naming the spreadsheet's row, and change nothing.
/// </summary>
public sealed class MonthFileTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static async Task<byte[]> Rt1Async(HttpClient client, string district, string month)
    {
        var response = await client.GetAsync($"/api/v1/reports/rt1?district={district}&month={month}&format=xlsx");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static async Task<List<(string, decimal, string?)>> EntriesAsync(HttpClient client, string district, string month) =>
        (await (await client.GetAsync($"/api/v1/revenue/{district}/{month}")).JsonAsync()).GetProperty("entries").EnumerateArray()
            .Select(e => (e.GetProperty("entrepreneurCode").GetString()!, e.GetProperty("amount").GetDecimal(),
                e.TryGetProperty("explanation", out var x) ? x.GetString() : null)).ToList();

    [Fact]
    public async Task TheRt1Xlsx_FilledInAndUploaded_BecomesTheMonthsEntries_ABlankAmountBeingNotReported()
    {
        app.Clock.Now = Bangkok(2023, 2, 20);
        var codes = await app.ProducersAsync("2701", 3);
        var officer = await app.ClientAsAsync("DistrictOfficer", "2701");
        var rt1 = await Rt1Async(officer, "2701", "2023-02");
        // Rows 1-3 are the titles, row 4 the header, the producers from row 5 in code order; E is the amount, F the explanation.
        Reports.ReportFilesRead.Xlsx(rt1)[3][4].ShouldBe("รายได้ (บาท)");
        var filled = FilledSheets.Fill(rt1, new Dictionary<string, string> { ["E5"] = "1500.5", ["F5"] = "ขายงานกาชาด", ["E6"] = "0", ["E7"] = "" });

        var answer = await (await officer.PostAsync("/api/v1/revenue/2701/2023-02/file", FilledSheets.Xlsx(filled))).JsonAsync();

        answer.GetProperty("version").GetInt32().ShouldBe(1);
        (await EntriesAsync(officer, "2701", "2023-02")).ShouldBe([(codes[0], 1500.50m, "ขายงานกาชาด"), (codes[1], 0m, null)]);
        (await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Entity == "revenue" && a.Key == "2701/2023-02" && a.Action == "update"))).ShouldBeTrue();
    }

    [Fact]
    public async Task TheRt1Xlsx_LeavesOnlyTheAmountAndExplanationColumnsUnlocked_AndCarriesTheMonthsVersion()
    {
        app.Clock.Now = Bangkok(2023, 2, 20);
        var codes = await app.ProducersAsync("2702", 2);
        var officer = await app.ClientAsAsync("DistrictOfficer", "2702");
        await officer.PutMonthAsync("2702", "2023-02", Entries(codes, 10m));

        using var doc = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(await Rt1Async(officer, "2702", "2023-02")), false);
        var parts = doc.WorkbookPart!;
        var sheets = parts.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().ToList();
        sheets.Select(s => (s.Name!.Value, s.State?.Value.ToString())).ShouldBe([("รต.1", null), ("otop", "Hidden")]);
        var facts = Reports.ReportFilesRead.Xlsx(ToBytes(doc, sheets[1])).ToDictionary(r => (string)r[0]!, r => (string)r[1]!);
        facts.ShouldBe(new Dictionary<string, string> { ["form"] = "rt1", ["district"] = "2702", ["month"] = "2023-02", ["version"] = "1" });
        var main = ((DocumentFormat.OpenXml.Packaging.WorksheetPart)parts.GetPartById(sheets[0].Id!.Value!)).Worksheet;
        main.Elements<DocumentFormat.OpenXml.Spreadsheet.SheetProtection>().Single().Sheet!.Value.ShouldBeTrue();
        var formats = parts.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<DocumentFormat.OpenXml.Spreadsheet.CellFormat>().ToList();
        bool Unlocked(string reference) => formats[(int)main.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>().Single(c => c.CellReference == reference).StyleIndex!.Value]
            .Protection?.Locked?.Value == false;
        Unlocked("E5").ShouldBeTrue();
        Unlocked("F6").ShouldBeTrue();
        Unlocked("B5").ShouldBeFalse();
        Unlocked("C6").ShouldBeFalse();
    }

    private static byte[] ToBytes(DocumentFormat.OpenXml.Packaging.SpreadsheetDocument doc, DocumentFormat.OpenXml.Spreadsheet.Sheet hidden)
    {
        // The facts sheet read as a workbook of its own: the same reader as the main sheet.
        var part = (DocumentFormat.OpenXml.Packaging.WorksheetPart)doc.WorkbookPart!.GetPartById(hidden.Id!.Value!);
        using var stream = new MemoryStream();
        using (var copy = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Create(stream, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook))
        {
            var wb = copy.AddWorkbookPart();
            wb.Workbook = new DocumentFormat.OpenXml.Spreadsheet.Workbook();
            var ws = wb.AddNewPart<DocumentFormat.OpenXml.Packaging.WorksheetPart>();
            ws.Worksheet = (DocumentFormat.OpenXml.Spreadsheet.Worksheet)part.Worksheet.CloneNode(true);
            wb.Workbook.AppendChild(new DocumentFormat.OpenXml.Spreadsheet.Sheets(new DocumentFormat.OpenXml.Spreadsheet.Sheet { Id = wb.GetIdOfPart(ws), SheetId = 1, Name = "x" }));
        }
        return stream.ToArray();
    }

    [Fact]
    public async Task AnRt1DownloadedBeforeTheMonthChanged_Is409_AndChangesNothing()
    {
        app.Clock.Now = Bangkok(2023, 2, 20);
        var codes = await app.ProducersAsync("2703", 2);
        var officer = await app.ClientAsAsync("DistrictOfficer", "2703");
        var rt1 = await Rt1Async(officer, "2703", "2023-02");
        await officer.PutMonthAsync("2703", "2023-02", Entries(codes, 700m, 800m));

        var problem = await app.ChangesNothingAsync(async () => await (await officer.PostAsync("/api/v1/revenue/2703/2023-02/file",
            FilledSheets.Xlsx(FilledSheets.Fill(rt1, new Dictionary<string, string> { ["E5"] = "1" })))).ProblemAsync(HttpStatusCode.Conflict));

        problem.GetProperty("currentVersion").GetInt32().ShouldBe(1);
        problem.GetProperty("detail").GetString()!.ShouldContain("ถูกแก้ไขโดย");
        (await EntriesAsync(officer, "2703", "2023-02")).Select(e => e.Item2).ShouldBe([700m, 800m]);
    }

    [Fact]
    public async Task BadRows_Are422_InThai_NamingTheSpreadsheetsRows_AndNothingIsWritten()
    {
        app.Clock.Now = Bangkok(2023, 2, 20);
        await app.ProducersAsync("2704", 4);
        var officer = await app.ClientAsAsync("DistrictOfficer", "2704");
        var rt1 = await Rt1Async(officer, "2704", "2023-02");
        var filled = FilledSheets.Fill(rt1, new Dictionary<string, string> { ["E5"] = "100", ["E6"] = "สองพัน", ["E7"] = "-5", ["E8"] = "1.234" });

        var problem = await app.ChangesNothingAsync(async () =>
            await (await officer.PostAsync("/api/v1/revenue/2704/2023-02/file", FilledSheets.Xlsx(filled))).ProblemAsync(HttpStatusCode.UnprocessableEntity));

        var errors = problem.GetProperty("errors");
        // Every figure is read by ThaiMoney (Otop.Domain), so every bad row is named in one answer, each saying what is wrong.
        errors.GetProperty("rows[6]")[0].GetString()!.ShouldStartWith("แถว 6: รายได้ 'สองพัน' ไม่ใช่จำนวนเงินที่ถูกต้อง: มีอักขระ 'ส' ซึ่งไม่ใช่ตัวเลข");
        errors.GetProperty("rows[7]")[0].GetString().ShouldBe("แถว 7: รายได้ '-5' ไม่ใช่จำนวนเงินที่ถูกต้อง: จำนวนเงินต้องไม่ติดลบ");
        errors.GetProperty("rows[8]")[0].GetString()!.ShouldStartWith("แถว 8: รายได้ '1.234' ไม่ใช่จำนวนเงินที่ถูกต้อง: มีทศนิยม 3 ตำแหน่ง");
        errors.TryGetProperty("rows[5]", out _).ShouldBeFalse();
        (await EntriesAsync(officer, "2704", "2023-02")).ShouldBeEmpty();
    }

    [Fact]
    public async Task ACsv_IsTakenAgainstTheCurrentVersion_AndAProducerOfAnotherDistrictIsRefusedByItsRow()
    {
        app.Clock.Now = Bangkok(2023, 2, 20);
        var codes = await app.ProducersAsync("2705", 2);
        var other = await app.ProducersAsync("2706", 1);
        var officer = await app.ClientAsAsync("DistrictOfficer", "2705");
        await officer.PutMonthAsync("2705", "2023-02", Entries(codes, 1m, 2m));

        var ok = await (await officer.PostAsync("/api/v1/revenue/2705/2023-02/file",
            FilledSheets.Csv($"entrepreneur_code,amount,explanation\n{codes[0]},\"๑,๒๕๐.๕๐\",งานวัด\n{codes[1]},,\n"))).JsonAsync();
        var foreign = await app.ChangesNothingAsync(async () => await (await officer.PostAsync("/api/v1/revenue/2705/2023-02/file",
            FilledSheets.Csv($"entrepreneur_code,amount,explanation\n{codes[0]},5,\n{other[0]},6,\n"))).ProblemAsync(HttpStatusCode.UnprocessableEntity));

        ok.GetProperty("version").GetInt32().ShouldBe(2);
        (await EntriesAsync(officer, "2705", "2023-02")).ShouldBe([(codes[0], 1250.50m, "งานวัด")]);
        foreign.GetProperty("errors").GetProperty("rows[3].entrepreneurCode")[0].GetString().ShouldBe($"แถว 3: ผู้ประกอบการรหัส {other[0]} ไม่อยู่ในอำเภอ 2705");
    }

    [Fact]
    public async Task AnotherDistrictsRt1_APdf_AndAWrongCsvHeader_AreRefused_InThai()
    {
        app.Clock.Now = Bangkok(2023, 2, 20);
        await app.ProducersAsync("2707", 1);
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        var foreignRt1 = await Rt1Async(admin, "2708", "2023-02");

        var answers = await app.ChangesNothingAsync(async () => new[]
        {
            await (await admin.PostAsync("/api/v1/revenue/2707/2023-02/file", FilledSheets.Xlsx(foreignRt1))).ProblemAsync(HttpStatusCode.UnprocessableEntity),
            await (await admin.PostAsync("/api/v1/revenue/2707/2023-02/file", FilledSheets.Upload("%PDF-1.4 x"u8.ToArray(), "rt1.xlsx", XlsxType))).ProblemAsync(HttpStatusCode.UnsupportedMediaType),
            await (await admin.PostAsync("/api/v1/revenue/2707/2023-02/file", FilledSheets.Csv("code,amount\n"))).ProblemAsync(HttpStatusCode.UnprocessableEntity),
        });

        answers[0].GetProperty("detail").GetString()!.ShouldContain("อำเภอ 2708 เดือน 2023-02 ไม่ใช่ของอำเภอ 2707");
        answers[1].GetProperty("detail").GetString()!.ShouldBe("ไฟล์ rt1.xlsx ต้องเป็น XLSX หรือ CSV (ไฟล์นี้เป็น PDF)");
        answers[2].GetProperty("errors").GetProperty("rows[1]")[0].GetString()!.ShouldContain("entrepreneur_code,amount,explanation");
    }

    [Fact]
    public async Task OutsideTheMonthsWindow_TheUploadIs423_BeforeTheFileIsRead()
    {
        app.Clock.Now = Bangkok(2023, 4, 20);
        var codes = await app.ProducersAsync("2709", 1);
        var officer = await app.ClientAsAsync("DistrictOfficer", "2709");

        var problem = await app.ChangesNothingAsync(async () => await (await officer.PostAsync("/api/v1/revenue/2709/2023-02/file",
            FilledSheets.Csv($"entrepreneur_code,amount\n{codes[0]},5\n"))).ProblemAsync(HttpStatusCode.Locked));

        problem.GetProperty("detail").GetString()!.ShouldNotBeNullOrWhiteSpace();
    }
}

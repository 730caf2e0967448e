using System.Diagnostics;
using System.Net;
using Otop.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Otop.Web.Tests.Reports;

/// <summary>Each form as a PDF: Thai text extractable (so correctly encoded), page numbers in Thai digits, a verification code.</summary>
public sealed class PdfTests(DemoApp app, ITestOutputHelper output) : IClassFixture<DemoApp>
{
    public static TheoryData<string, string, string, string> Forms => new()
    {
        { "online-market-targets", "fiscalYear=2564&round=1&province=27", "ตลาดออนไลน์", "เมืองสระแก้ว" },
        { "online-market-results", "fiscalYear=2564&round=1&province=27", "ผลการดำเนินงาน", "วังน้ำเย็น" },
        { "rt1", "district=2701&month=2023-01", "รายผู้ประกอบการ", "อำเภอเมืองสระแก้ว" },
        { "rt2", "district=2701&month=2023-01", "ระดับอำเภอ", "พัฒนาการอำเภอเมืองสระแก้ว" },
        { "rt3", "district=2701&month=2023-01", "การตรวจสอบ", "อำเภอเมืองสระแก้ว" },
        { "rt4", "province=27&month=2023-01", "ระดับจังหวัด", "เขาฉกรรจ์" },
        { "revenue-estimate", "district=2701&fiscalYear=2566", "ประมาณการรายได้", "อำเภอเมืองสระแก้ว" },
        { "online-market-survey", "district=2704&fiscalYear=2564&round=1", "แบบสำรวจความพร้อม", "อำเภอวังน้ำเย็น" },
        { "online-market-result-report", "district=2701&fiscalYear=2564&round=1", "แบบรายงานผล", "อำเภอเมืองสระแก้ว" },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task EveryForm_Pdf_HasItsThaiTitleAndNames_PageNumbersInThaiDigits_AndAVerificationCode(string form, string query, string title, string name)
    {
        ReportFilesRead.RequirePdfTools();
        var client = await app.ClientAsAsync("ProvinceOfficer", "27");

        var response = await client.GetAsync($"/api/v1/reports/{form}?{query}&format=pdf");
        var pdf = await response.Content.ReadAsByteArrayAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        pdf.Take(5).ShouldBe("%PDF-"u8.ToArray());
        File.Exists(ReportFilesRead.PdfPng(pdf, $"report-{form}")).ShouldBeTrue();
        var text = ReportFilesRead.PdfText(pdf);
        text.ShouldContain(title);
        text.ShouldContain(name);
        text.ShouldContain("หน้า ๑/");
        var code = response.Headers.GetValues("X-Document-Code").Single();
        code.Length.ShouldBe(Otop.Web.Platform.Documents.IssuedDocuments.CodeLength);
        text.ShouldContain(Otop.Web.Platform.Documents.IssuedDocuments.Group(code)); // the typed form printed under the QR code
        text.ShouldContain("/v/" + code);
        var scanned = QrRead.FromPdf(pdf);
        scanned.ShouldEndWith($"/v/{code}", customMessage: "the printed QR code carries the verification URL of this document");
        (await app.CreateClient().GetAsync(new Uri(scanned).PathAndQuery)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task DigitsThai_PrintsNumbersAndDatesInThaiDigits()
    {
        ReportFilesRead.RequirePdfTools();
        var client = await app.ClientAsAsync("ProvinceOfficer", "27");

        var arabic = ReportFilesRead.PdfText(await client.GetByteArrayAsync("/api/v1/reports/online-market-targets?fiscalYear=2564&round=1&province=27&format=pdf"));
        var thai = ReportFilesRead.PdfText(await client.GetByteArrayAsync("/api/v1/reports/online-market-targets?fiscalYear=2564&round=1&province=27&format=pdf&digits=thai"));

        arabic.ShouldContain("24.4");
        thai.ShouldContain("๒๔.๔");
        thai.ShouldContain("๔๐๖");
        thai.ShouldContain("พ.ศ. ๒๕๖๔");
        thai.ShouldNotContain("24.4");
    }

    [Fact]
    public async Task Rt4OfSaKaeo_RendersWarmInUnderFiveSeconds_AndFitsOnePageOfA4Landscape()
    {
        ReportFilesRead.RequirePdfTools();
        var client = await app.ClientAsAsync("ProvinceOfficer", "27");
        await client.GetByteArrayAsync("/api/v1/reports/rt4?province=27&month=2023-09&format=pdf"); // warm: browser launched

        var watch = Stopwatch.StartNew();
        var pdf = await client.GetByteArrayAsync("/api/v1/reports/rt4?province=27&month=2023-09&format=pdf");
        watch.Stop();

        output.WriteLine($"rt4 Sa Kaeo (12 months) PDF, warm: {watch.ElapsedMilliseconds} ms, {pdf.Length} bytes");
        watch.ElapsedMilliseconds.ShouldBeLessThan(5000);
        ReportFilesRead.PdfPages(pdf).ShouldBe(1);
        var png = ReportFilesRead.PdfPng(pdf, "report-rt4-full-year", dpi: 80);
        File.WriteAllText(Path.ChangeExtension(png, ".txt"), $"rt4 Sa Kaeo, 12 months, warm render: {watch.ElapsedMilliseconds} ms\n");
    }

    [Fact]
    public async Task WithoutChromium_Pdf_Is503WithAThaiMessage_WhileXlsxStillWorks()
    {
        using var noBrowser = new OtopApp(seedDemo: true, settings: new Dictionary<string, string?> { ["Documents:ChromiumPath"] = "/nonexistent/chromium" });
        var client = await noBrowser.ClientAsAsync("ProvinceOfficer", "27");

        var problem = await (await client.GetAsync("/api/v1/reports/rt4?province=27&month=2023-01&format=pdf")).ProblemAsync(HttpStatusCode.ServiceUnavailable);
        var xlsx = await client.GetAsync("/api/v1/reports/rt4?province=27&month=2023-01&format=xlsx");

        problem.GetProperty("detail").GetString()!.ShouldContain("Chromium");
        xlsx.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

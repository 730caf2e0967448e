using System.Net;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Otop.Web.Tests.Infrastructure;
using Otop.Web.Platform.Documents;

namespace Otop.Web.Tests.OnlineMarket;

/// <summary>The online-market report files carry the JSON's numbers, in Thai.</summary>
public sealed class ReportTests(DemoApp app) : IClassFixture<DemoApp>
{
    private const string Query = "fiscalYear=2564&round=1&province=27";

    [Fact]
    public async Task TargetsCsv_IsUtf8WithBom_WithThaiHeaders_AndLetter1sNumbers()
    {
        var client = await app.ClientAsAsync("ProvinceOfficer", "27");

        var response = await client.GetAsync($"/api/v1/reports/online-market-targets?{Query}&format=csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        bytes.Take(3).ShouldBe(Encoding.UTF8.GetPreamble());
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldStartWith("ลำดับ,รหัสอำเภอ,อำเภอ,จำนวนผู้ประกอบการ,จำนวนผลิตภัณฑ์,1 คะแนน (ร้อยละ 6)");
        lines[1].ShouldBe("1,2701,เมืองสระแก้ว,140,406,24.4,28.4,32.5,36.5,40.6");
        lines[4].ShouldBe("4,2704,วังน้ำเย็น,81,270,16.2,18.9,21.6,24.3,27.0");
        lines[^1].ShouldStartWith(",,รวม,832,1946");
    }

    [Fact]
    public async Task TargetsXlsx_StoresNumbersAsNumbers_OnA4Landscape()
    {
        var client = await app.ClientAsAsync("ProvinceOfficer", "27");

        var response = await client.GetAsync($"/api/v1/reports/online-market-targets?{Query}&format=xlsx");
        using var doc = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);

        var sheet = doc.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var cells = sheet.Descendants<Cell>().ToDictionary(c => c.CellReference!.Value!);
        cells["A1"].InnerText.ShouldBe("เป้าหมายตัวชี้วัดระดับความสำเร็จของการส่งเสริมผลิตภัณฑ์ OTOP ในตลาดออนไลน์");
        cells["A2"].InnerText.ShouldBe("รอบการประเมินที่ 1 ประจำปีงบประมาณ พ.ศ. 2564 ( เดือนตุลาคม 2563 - มีนาคม 2564 )");
        cells["F5"].DataType!.Value.ShouldBe(CellValues.Number);
        cells["F5"].CellValue!.Text.ShouldBe("24.4");
        cells["E5"].CellValue!.Text.ShouldBe("406");
        cells["E14"].CellValue!.Text.ShouldBe("1946");
        var setup = sheet.Descendants<PageSetup>().Single();
        setup.Orientation!.Value.ShouldBe(OrientationValues.Landscape);
        setup.PaperSize!.Value.ShouldBe(9u);
        sheet.Descendants<Row>().Skip(4).First().Height!.Value.ShouldBeGreaterThanOrEqualTo(22);
    }

    [Fact]
    public async Task ResultsCsv_HasTheSameNumbersAsTheJson()
    {
        var client = await app.ClientAsAsync("ProvinceOfficer", "27");
        var json = await (await client.GetAsync($"/api/v1/kpi/online-market/results?{Query}")).JsonAsync();

        var csv = await client.GetStringAsync($"/api/v1/reports/online-market-results?{Query}&format=csv");

        var first = json.GetProperty("rows")[0];
        csv.ShouldContain($"1,2701,เมืองสระแก้ว,406,{first.GetProperty("productsOnline").GetInt32()},{first.GetProperty("percent").GetRawText()},{first.GetProperty("score").GetRawText()}");
    }

    [Fact]
    public async Task UnknownFormat_Is422_NamingTheSupportedFormats()
    {
        var client = await app.ClientAsAsync("ProvinceOfficer", "27");

        var problem = await (await client.GetAsync($"/api/v1/reports/online-market-targets?{Query}&format=docx")).ProblemAsync((HttpStatusCode)422);

        problem.GetProperty("errors").GetProperty("format")[0].GetString()!.ShouldContain("csv, pdf, xlsx");
    }

    [Fact]
    public async Task AnotherProvincesReport_Is403_AndAnUnknownForm404()
    {
        var client = await app.ClientAsAsync("ProvinceOfficer", "27");

        await (await client.GetAsync("/api/v1/reports/online-market-targets?fiscalYear=2564&round=1&province=30&format=csv")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await client.GetAsync($"/api/v1/reports/no-such-form?{Query}&format=csv")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")")]
    [InlineData("+1", "'+1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("-2", "'-2")]
    [InlineData("เมืองสระแก้ว", "เมืองสระแก้ว")]
    public void CsvText_ThatExcelWouldRunAsAFormula_IsNeutralised(string text, string expected)
    {
        ReportFiles.NeutraliseFormula(text).ShouldBe(expected);
    }
}

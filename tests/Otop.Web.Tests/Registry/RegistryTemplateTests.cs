using System.Net;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Features.Registry;
using Otop.Web.Tests.Infrastructure;

namespace Otop.Web.Tests.Registry;

/// <summary>Issue 16, item 9: the blank import template downloads from the import page with Thai labels and, filled, imports cleanly.</summary>
public sealed class RegistryTemplateTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    private static readonly string[] ThaiHeader =
        ["รหัสผู้ประกอบการ", "ชื่อผู้ประกอบการ", "ประเภทผู้ประกอบการ", "รหัสอำเภอ", "รหัสผลิตภัณฑ์", "ชื่อผลิตภัณฑ์", "ประเภทผลิตภัณฑ์", "ปีที่ลงทะเบียน"];

    private static string[][] Filled(string prefix) =>
    [
        [$"{prefix}01", "กลุ่มทอผ้าบ้านหนองแวง", "กลุ่มผู้ผลิตชุมชน", "2701", $"{prefix}01-01", "ผ้าทอมือลายดอกแก้ว", "ผ้า เครื่องแต่งกาย", "๒๕๖๐"],
        [$"{prefix}01", "กลุ่มทอผ้าบ้านหนองแวง", "กลุ่มผู้ผลิตชุมชน", "2701", $"{prefix}01-02", "ผ้าขาวม้า", "ผ้า เครื่องแต่งกาย", "2561"],
    ];

    private async Task<(HttpResponseMessage Response, byte[] Body)> DownloadAsync(string format)
    {
        var page = await app.SignedInAsync("DistrictOfficer", "2701");
        var importPage = await page.GetStringAsync("/Registry/Import");
        importPage.ShouldContain($"/Registry/Import?handler=Template&amp;format={format}");
        importPage.ShouldContain("/Registry?handler=Export&amp;format=xlsx");
        var response = await page.GetAsync($"/Registry/Import?handler=Template&format={format}");
        return (response, await response.Content.ReadAsByteArrayAsync());
    }

    private static string CellText(Cell c, SharedStringTablePart? shared) =>
        c.InlineString?.InnerText ?? (c.DataType?.Value == CellValues.SharedString ? shared!.SharedStringTable.ElementAt(int.Parse(c.CellValue!.Text)).InnerText : c.CellValue?.Text ?? "");

    [Fact]
    public async Task TheBlankCsv_HasTheThaiLabels_AndFilledIn_ImportsCleanly()
    {
        var (response, body) = await DownloadAsync("csv");
        var prefix = RegistryFiles.NewPrefix();

        var text = Encoding.UTF8.GetString(body).TrimStart('\uFEFF');
        var filled = text + string.Concat(Filled(prefix).Select(r => string.Join(",", r) + "\r\n"));
        var officer = await app.ClientAsAsync("DistrictOfficer", "2701");
        var imported = await (await officer.ImportAsync(Encoding.UTF8.GetBytes("\uFEFF" + filled))).JsonAsync();

        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        text.Trim().ShouldBe(string.Join(",", ThaiHeader), "a blank template: the header alone, nothing that could be imported by mistake");
        imported.GetProperty("inserted").GetProperty("products").GetInt32().ShouldBe(2);
        imported.GetProperty("rejected").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task TheBlankXlsx_HasTheThaiLabels_AndASheetOfInstructions_AndFilledIn_ImportsCleanly()
    {
        var (response, body) = await DownloadAsync("xlsx");
        var prefix = RegistryFiles.NewPrefix();

        using var stream = new MemoryStream();
        stream.Write(body);
        string[] header;
        string instructions;
        using (var document = SpreadsheetDocument.Open(stream, isEditable: true))
        {
            var workbook = document.WorkbookPart!;
            var sheets = workbook.Workbook.Sheets!.Elements<Sheet>().ToList();
            var first = (WorksheetPart)workbook.GetPartById(sheets[0].Id!);
            var data = first.Worksheet.GetFirstChild<SheetData>()!;
            header = data.Elements<Row>().First().Elements<Cell>().Select(c => CellText(c, workbook.SharedStringTablePart)).ToArray();
            var notes = (WorksheetPart)workbook.GetPartById(sheets.Single(s => s.Name == "คำอธิบาย").Id!);
            instructions = notes.Worksheet.InnerText;
            var index = 2u;
            foreach (var cells in Filled(prefix))
            {
                data.Append(new Row(cells.Select(v => new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(v)) })) { RowIndex = index++ });
            }
            first.Worksheet.Save();
        }
        var officer = await app.ClientAsAsync("DistrictOfficer", "2701");
        var imported = await (await officer.ImportAsync(stream.ToArray(), fileName: "filled.xlsx")).JsonAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        header.ShouldBe(ThaiHeader);
        instructions.ShouldContain("ผู้ผลิตชุมชนที่เป็น SMEs");
        instructions.ShouldContain("อาหาร");
        instructions.ShouldContain("ปี พ.ศ.");
        instructions.ShouldContain("อำเภอของท่าน: 2701");
        imported.GetProperty("inserted").GetProperty("products").GetInt32().ShouldBe(2);
        (await app.WithDbAsync(db => db.Products.CountAsync(p => p.Code.StartsWith(prefix)))).ShouldBe(2);
    }
}

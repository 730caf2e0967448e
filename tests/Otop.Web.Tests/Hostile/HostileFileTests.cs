using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Tests.Infrastructure;
using Otop.Web.Tests.Registry;
using static Otop.Web.Tests.Registry.RegistryFiles;
using Otop.Web.Platform.Files;

namespace Otop.Web.Tests.Hostile;

/// <summary>docs/hostile-input.md, files: uploads that are too big, not what they claim, or built to hurt the reader.</summary>
public sealed class HostileFileTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0xFF, 0xFE, 0x80];
    private static readonly byte[] Elf = [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3E, 0, 0xC3, 0x90, 0xFF];
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

    private async Task<HttpClient> AdminAsync() => await app.ClientAsAsync("DepartmentAdmin", "0");

    private async Task<System.Text.Json.JsonElement> RefusedAsync(byte[] file, string fileName, HttpStatusCode status, string thai)
    {
        var admin = await AdminAsync();
        var problem = await app.ChangesNothingAsync(async () => await (await admin.ImportAsync(file, fileName: fileName)).ProblemAsync(status));
        problem.Text().ShouldContain(thai);
        return problem;
    }

    [Fact]
    public async Task H01_AnUploadOverRegistryMaxUploadBytes_Is413InThai_AndChangesNothing()
    {
        await using var small = new OtopApp(settings: new Dictionary<string, string?> { ["Registry:MaxUploadBytes"] = "4096" });
        var admin = await small.ClientAsAsync("DepartmentAdmin", "0");
        var file = Csv(Enumerable.Range(0, 100).Select(i => Row($"BIG{i}", $"BIG{i}-1")));

        var problem = await small.ChangesNothingAsync(async () => await (await admin.ImportAsync(file)).ProblemAsync(HttpStatusCode.RequestEntityTooLarge));

        problem.GetProperty("detail").GetString()!.ShouldContain("ไฟล์ใหญ่เกินกำหนด");
    }

    [Fact]
    public async Task H02_ARequestBodyOverTheRequestLimit_Is413InThai_BeforeTheFileIsRead()
    {
        await using var small = new OtopApp(settings: new Dictionary<string, string?> { ["Registry:MaxUploadBytes"] = "4096" });
        var admin = await small.ClientAsAsync("DepartmentAdmin", "0");
        var body = new byte[3 * 1024 * 1024];

        var problem = await small.ChangesNothingAsync(async () => await (await admin.ImportAsync(body)).ProblemAsync(HttpStatusCode.RequestEntityTooLarge));

        problem.GetProperty("detail").GetString()!.ShouldContain("MB");
    }

    [Fact]
    public async Task H03_AZipBombPosingAsXlsx_IsRefusedBeforeItIsInflated()
    {
        var bomb = Hostile.ZipBomb(TabularFile.MaxXlsxUncompressedBytes + (16L << 20));
        bomb.Length.ShouldBeLessThan(2 * 1024 * 1024, "a small upload");
        var memory = GC.GetTotalMemory(forceFullCollection: true);

        await RefusedAsync(bomb, "bomb.xlsx", HttpStatusCode.RequestEntityTooLarge, "zip bomb");

        (GC.GetTotalMemory(forceFullCollection: true) - memory).ShouldBeLessThan(100L << 20);
    }

    [Fact]
    public async Task H04_AFileWithMoreRowsThanTheLimit_IsRefusedAtTheLimit()
    {
        var sb = new StringBuilder(Header).Append('\n');
        for (var i = 0; i < TabularFile.MaxRows; i++) sb.Append("E,ก,group,2701,P,ผ,food,2560\n");

        await RefusedAsync(Encoding.UTF8.GetBytes(sb.ToString()), "rows.csv", HttpStatusCode.RequestEntityTooLarge, "300,000 แถว");
    }

    [Fact]
    public async Task H05_AnXlsxWithExternalLinks_IsRefused() =>
        await RefusedAsync(Hostile.Package(new Dictionary<string, string>
        {
            ["xl/externalLinks/externalLink1.xml"] = """<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><externalBook/></externalLink>""",
            ["xl/externalLinks/_rels/externalLink1.xml.rels"] = """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath" Target="file:///C:/secret/budget.xlsx" TargetMode="External"/></Relationships>""",
        }), "linked.xlsx", HttpStatusCode.UnprocessableEntity, "External Links");

    [Fact]
    public async Task H06_AnXlsxCarryingAVbaProject_IsRefused() =>
        await RefusedAsync(Hostile.Package(new Dictionary<string, string> { ["xl/vbaProject.bin"] = "Attribute VB_Name = \"Module1\"" }),
            "macro.xlsx", HttpStatusCode.UnsupportedMediaType, "มาโคร");

    [Fact]
    public async Task H07_AMacroEnabledWorkbookByContentType_IsRefused() =>
        await RefusedAsync(Hostile.Package(new Dictionary<string, string>(),
                """<Override PartName="/xl/workbook2.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/>"""),
            "book.xlsm", HttpStatusCode.UnsupportedMediaType, "มาโคร");

    [Fact]
    public async Task H08_FormulaCells_AreReadByTheirCachedValue_NeverEvaluated()
    {
        var file = Xlsx(Header.Split(','),
            ["FX1", new Formula("HYPERLINK(\"http://evil.example/\",\"คลิก\")", "กลุ่มสูตร"), new Formula("1/0", "#DIV/0!"), "2701", "FX1-1", "ผ้า", "textile", 2560]);

        var problem = await RefusedAsync(file, "formula.xlsx", HttpStatusCode.UnprocessableEntity, "'#DIV/0!'");

        problem.Text().ShouldNotContain("HYPERLINK");
    }

    [Theory]
    [InlineData("png", "registry.csv")]
    [InlineData("elf", "registry.csv")]
    [InlineData("pdf", "registry.xlsx")]
    public async Task H09_H10_H11_ABinaryRenamedAsATable_Is415(string kind, string name) =>
        await RefusedAsync(kind switch { "png" => Png, "elf" => Elf, _ => Pdf }, name, HttpStatusCode.UnsupportedMediaType, "ไฟล์");

    [Fact]
    public async Task H12_ACsvSavedAsTis620_Is415WithHowToFixIt() =>
        await RefusedAsync(Encoding.GetEncoding(874, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback).GetBytes(
            Header + "\nE1,กลุ่มทอผ้า,group,2701,P1,ผ้าทอ,textile,2560\n"), "tis620.csv", HttpStatusCode.UnsupportedMediaType, "UTF-8");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task H13_H14_ACsvSavedAsUtf16_WithOrWithoutAByteOrderMark_Is415(bool bom)
    {
        var text = Encoding.Unicode.GetBytes(Header + "\nE1,กลุ่มทอผ้า,group,2701,P1,ผ้าทอ,textile,2560\n");

        await RefusedAsync(bom ? [0xFF, 0xFE, .. text] : text, "utf16.csv", HttpStatusCode.UnsupportedMediaType, "ไฟล์");
    }

    [Fact]
    public async Task H15_AnEmptyFile_Is422() =>
        await RefusedAsync([], "empty.csv", HttpStatusCode.UnprocessableEntity, "ไฟล์ว่างเปล่า");

    [Fact]
    public async Task H16_AHeaderOnlyFile_Is422() =>
        await RefusedAsync(Encoding.UTF8.GetBytes(Header + "\n"), "header.csv", HttpStatusCode.UnprocessableEntity, "มีแต่แถวหัวตาราง");

    [Fact]
    public async Task H17_AMissingColumn_IsNamed() =>
        await RefusedAsync(Encoding.UTF8.GetBytes(Header.Replace(",category", "") + "\nE1,ก,group,2701,P1,ผ,2560\n"), "missing.csv",
            HttpStatusCode.UnprocessableEntity, "category");

    [Fact]
    public async Task H18_ARowShiftedByAnUnquotedComma_IsRefusedByItsShiftedValues() =>
        await RefusedAsync(Encoding.UTF8.GetBytes(Header + "\nXC1,กลุ่มทอผ้า,บ้านนา,group,2701,XC1-1,ผ้าทอ,textile,2560\n"), "extra.csv",
            HttpStatusCode.UnprocessableEntity, "ประเภทผู้ประกอบการ (entrepreneur_type) 'บ้านนา' ไม่ถูกต้อง");

    [Fact]
    public async Task H19_DuplicateRowsInOneFile_AreRefused() =>
        await RefusedAsync(Csv([Row("DUP1", "DUP1-1"), Row("DUP1", "DUP1-1")]), "dup.csv", HttpStatusCode.UnprocessableEntity, "ซ้ำกับแถว 2");

    [Fact]
    public async Task H20_ABinaryAsARevenueHistoryFile_Is415()
    {
        var admin = await AdminAsync();
        var upload = new MultipartFormDataContent { { new ByteArrayContent(Png), "file", "history.csv" } };

        await app.ChangesNothingAsync(async () => await (await admin.PostAsync("/api/v1/revenue/import", upload)).ProblemAsync(HttpStatusCode.UnsupportedMediaType));
    }

    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("..\\..\\windows\\win.ini", "win.ini")]
    [InlineData("/etc/shadow.csv", "shadow.csv")]
    [InlineData("C:\\Users\\x\\registry.csv", "registry.csv")]
    [InlineData("reg\0istry.csv", "registry.csv")]
    [InlineData("\u202Evsc.exe", "vsc.exe")]
    [InlineData("..", "registry")]
    public async Task H21_To_H27_AHostileUploadName_IsStoredSanitised_NeverAsAPath(string claimed, string stored)
    {
        var admin = await AdminAsync();
        var p = NewPrefix();
        var content = new ByteArrayContent(Csv([Row($"{p}E", $"{p}P")]));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var upload = new MultipartFormDataContent();
        upload.Add(content, "file", "x.csv");
        upload.First().Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"file\"", FileNameStar = claimed };

        await (await admin.PostAsync("/api/v1/registry/import?commit=true", upload)).JsonAsync();

        var key = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Entity == "registry-import").OrderByDescending(a => a.Id).Select(a => a.Key).FirstAsync());
        key.ShouldBe(stored);
    }

    [Fact]
    public async Task H28_AVeryLongUploadName_IsCutTo200CharactersKeepingItsExtension()
    {
        var admin = await AdminAsync();
        var p = NewPrefix();

        await (await admin.ImportAsync(Csv([Row($"{p}E", $"{p}P")]), fileName: new string('ก', 1000) + ".csv")).JsonAsync();

        var key = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Entity == "registry-import").OrderByDescending(a => a.Id).Select(a => a.Key).FirstAsync());
        key.Length.ShouldBe(UploadedFile.MaxFileNameLength);
        key.ShouldEndWith("ก.csv");
    }

    [Fact]
    public async Task H28b_AnUploadNameLongerThanTheMultipartHeaderLimit_Is400InThai()
    {
        var admin = await AdminAsync();

        var problem = await app.ChangesNothingAsync(async () =>
            await (await admin.ImportAsync(Csv([Row("LONG1", "LONG1-1")]), fileName: new string('ก', 5000) + ".csv")).ProblemAsync(HttpStatusCode.BadRequest));

        problem.Text().ShouldContain("ชื่อไฟล์");
    }

    [Theory]
    [InlineData("../../../etc/passwd", "passwd")]
    [InlineData("a/b\\c:d.pdf", "d.pdf")]
    [InlineData("\u0000\u0001.pdf", "pdf")]
    [InlineData("ใบ\u200Bเสร็จ\u202E.pdf", "ใบเสร็จ.pdf")]
    [InlineData("<img src=x>.png", "_img src=x_.png")]
    [InlineData("   ", "file")]
    public void AnUploadName_IsReducedToASafeLabel(string claimed, string expected) =>
        UploadedFile.SafeFileName(claimed).ShouldBe(expected);
}

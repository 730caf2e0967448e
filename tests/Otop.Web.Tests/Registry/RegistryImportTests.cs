using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Tests.Infrastructure;
using static Otop.Web.Tests.Registry.RegistryFiles;
using Otop.Web.Features.Registry;

namespace Otop.Web.Tests.Registry;

/// <summary>POST /api/v1/registry/import as CONTRACT.md "Registry" says: all-or-nothing, every bad row in Thai, idempotent.</summary>
public sealed class RegistryImportTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    private static (int Entrepreneurs, int Products) Counts(JsonElement body, string which) =>
        (body.GetProperty(which).GetProperty("entrepreneurs").GetInt32(), body.GetProperty(which).GetProperty("products").GetInt32());

    private static Dictionary<int, string> RejectedByRow(JsonElement problem) =>
        problem.GetProperty("rejected").EnumerateArray().ToDictionary(
            r => r.GetProperty("row").GetInt32(),
            r => string.Join(" | ", r.GetProperty("errors").EnumerateArray().Select(e => e.GetString())));

    private Task<int> ProductsWithPrefixAsync(string prefix) =>
        app.WithDbAsync(db => db.Products.CountAsync(p => p.Code.StartsWith(prefix)));

    [Fact]
    public async Task Import_AValidFile_InsertsEntrepreneursAndProducts()
    {
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        var p = NewPrefix();

        var body = await (await admin.ImportAsync(Csv([Row($"{p}E1", $"{p}P1"), Row($"{p}E1", $"{p}P2", product: "ผ้าขาวม้า"), Row($"{p}E2", $"{p}P3", district: "2702", name: "นายสมหมาย ใจดี", type: "single", category: "food", product: "น้ำพริกเผา")]))).JsonAsync();

        Counts(body, "inserted").ShouldBe((2, 3));
        Counts(body, "updated").ShouldBe((0, 0));
        body.GetProperty("rejected").GetArrayLength().ShouldBe(0);
        var stored = await app.WithDbAsync(db => db.Products.Include(x => x.Entrepreneur).SingleAsync(x => x.Code == $"{p}P3"));
        stored.Name.ShouldBe("น้ำพริกเผา");
        stored.RegisteredYear.ShouldBe(2560);
        stored.Entrepreneur.DistrictCode.ShouldBe("2702");
        stored.Entrepreneur.ProvinceCode.ShouldBe("27");
    }

    [Fact]
    public async Task Import_TheSameFileTwice_ChangesNothingTheSecondTime()
    {
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        var p = NewPrefix();
        var file = Csv([Row($"{p}E1", $"{p}P1"), Row($"{p}E1", $"{p}P2", product: "ผ้าขาวม้า")]);
        await (await admin.ImportAsync(file)).JsonAsync();
        var versions = await app.WithDbAsync(db => db.Products.Where(x => x.Code.StartsWith(p)).Select(x => x.Version).ToListAsync());

        var body = await app.ChangesNothingAsync(async () => await (await admin.ImportAsync(file)).JsonAsync());

        Counts(body, "inserted").ShouldBe((0, 0));
        Counts(body, "updated").ShouldBe((0, 0));
        (await app.WithDbAsync(db => db.Products.Where(x => x.Code.StartsWith(p)).Select(x => x.Version).ToListAsync())).ShouldBe(versions);
    }

    [Fact]
    public async Task Import_AChangedRow_CountsOnlyRowsWhoseValuesChanged()
    {
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        var p = NewPrefix();
        await (await admin.ImportAsync(Csv([Row($"{p}E1", $"{p}P1"), Row($"{p}E1", $"{p}P2", product: "ผ้าขาวม้า"), Row($"{p}E2", $"{p}P3")]))).JsonAsync();

        var body = await (await admin.ImportAsync(Csv([Row($"{p}E1", $"{p}P1", year: "2561"), Row($"{p}E1", $"{p}P2", product: "ผ้าขาวม้า"), Row($"{p}E2", $"{p}P3", name: "วิสาหกิจชุมชนทอผ้าบ้านใหม่"), Row($"{p}E2", $"{p}P4", name: "วิสาหกิจชุมชนทอผ้าบ้านใหม่")]))).JsonAsync();

        Counts(body, "inserted").ShouldBe((0, 1));
        Counts(body, "updated").ShouldBe((1, 1));
        var p1 = await app.WithDbAsync(db => db.Products.SingleAsync(x => x.Code == $"{p}P1"));
        p1.RegisteredYear.ShouldBe(2561);
        p1.Version.ShouldBe(1);
    }

    [Fact]
    public async Task Import_WithBomThaiDigitsAndThaiLabels_IsAccepted()
    {
        var officer = await app.ClientAsAsync("DistrictOfficer", "2701");
        var p = NewPrefix();
        var file = Csv([Row($"{p}E1", $"{p}P1", district: "๒๗๐๑", year: "๒๕๖๒", type: "กลุ่มผู้ผลิตชุมชน", category: "ผ้า เครื่องแต่งกาย"),
            Row($"{p}E2", $"{p}P2", name: "บริษัท สระแก้วฟู้ด จำกัด", type: "ผู้ผลิตชุมชนที่เป็น SMEs", category: "สมุนไพรที่ไม่ใช่อาหาร")], bom: true);

        var body = await (await officer.ImportAsync(file)).JsonAsync();

        Counts(body, "inserted").ShouldBe((2, 2));
        var p1 = await app.WithDbAsync(db => db.Products.Include(x => x.Entrepreneur).SingleAsync(x => x.Code == $"{p}P1"));
        p1.RegisteredYear.ShouldBe(2562);
        p1.Category.ShouldBe(Otop.Domain.ProductCategory.Textile);
        p1.Entrepreneur.Code.ShouldBe($"{p}E1", "the BOM is not part of the first cell");
        (await app.WithDbAsync(db => db.Entrepreneurs.SingleAsync(x => x.Code == $"{p}E2"))).Type.ShouldBe(Otop.Domain.EntrepreneurType.Sme);
    }

    [Fact]
    public async Task Import_WithThaiColumnLabels_IsAccepted_EvenTypedWithAZeroWidthSpace()
    {
        var officer = await app.ClientAsAsync("DistrictOfficer", "2701");
        var p = NewPrefix();
        var csv = Encoding.UTF8.GetString(Csv([Row($"{p}E1", $"{p}P1")]));
        var thai = "รหัสผู้ประกอบการ,ชื่อผู้ประกอบการ,ประเภท\u200Bผู้ประกอบการ,รหัสอำเภอ,รหัสผลิตภัณฑ์,ชื่อ ผลิตภัณฑ์,ประเภทผลิตภัณฑ์,ปีที่ลงทะเบียน";

        var body = await (await officer.ImportAsync(Encoding.UTF8.GetBytes(csv.Replace(Header, thai)))).JsonAsync();

        Counts(body, "inserted").ShouldBe((1, 1));
        (await ProductsWithPrefixAsync(p)).ShouldBe(1);
    }

    [Fact]
    public async Task Import_WithAColumnMissing_NamesItInEnglishAndThai()
    {
        var officer = await app.ClientAsAsync("DistrictOfficer", "2701");
        var csv = Encoding.UTF8.GetString(Csv([Row($"{NewPrefix()}E1", $"{NewPrefix()}P1")]));

        var response = await officer.ImportAsync(Encoding.UTF8.GetBytes(csv.Replace("registered_year", "year")));

        var problem = await response.JsonAsync(HttpStatusCode.UnprocessableEntity);
        RejectedByRow(problem)[1].ShouldContain("registered_year (ปีที่ลงทะเบียน)");
    }

    [Fact]
    public async Task Import_EveryKindOfBadRow_IsReportedByRowNumberInThai_AndNothingIsWritten()
    {
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        var p = NewPrefix();
        var file = Csv([
            Row($"{p}E1", $"{p}P1"),                                  // row 2: good
            Row("", $"{p}P2"),                                        // 3: no entrepreneur code
            Row($"{p}E3", $"{p}P3", name: ""),                        // 4: no name
            Row($"{p}E4", $"{p}P4", type: "cooperative"),             // 5: unknown type
            Row($"{p}E5", $"{p}P5", district: "2799"),                // 6: unknown district
            Row($"{p}E6", "", product: ""),                           // 7: no product code or name
            Row($"{p}E7", $"{p}P7", category: "เครื่องจักร"),          // 8: unknown category
            Row($"{p}E8", $"{p}P8", year: "สองพัน"),                   // 9: not a year
            Row($"{p}E9", $"{p}P9", year: "2019"),                    // 10: CE, not BE
            Row($"{p}E10", $"{p}P10", year: "2567"),                  // 11: future (now is BE 2566)
            Row($"{p}E11", $"{p}P11") + ",extra",                     // 12: good, an extra cell is ignored
            $"{p}E12,ชื่อ",                                            // 13: short row
        ]);

        var problem = await app.ChangesNothingAsync(async () => await (await admin.ImportAsync(file)).ProblemAsync(HttpStatusCode.UnprocessableEntity));

        var rejected = RejectedByRow(problem);
        rejected.Keys.Order().ShouldBe([3, 4, 5, 6, 7, 8, 9, 10, 11, 13]);
        rejected[3].ShouldContain("รหัสผู้ประกอบการ");
        rejected[4].ShouldContain("ชื่อผู้ประกอบการ");
        rejected[5].ShouldContain("cooperative");
        rejected[6].ShouldContain("2799");
        rejected[7].ShouldContain("รหัสผลิตภัณฑ์");
        rejected[7].ShouldContain("ชื่อผลิตภัณฑ์");
        rejected[8].ShouldContain("ประเภทผลิตภัณฑ์");
        rejected[9].ShouldContain("ปีที่ลงทะเบียน");
        rejected[10].ShouldContain("2400");
        rejected[11].ShouldContain("อนาคต");
        rejected[13].ShouldContain("ต้องไม่ว่าง");
        problem.GetProperty("inserted").GetProperty("products").GetInt32().ShouldBe(0);
        (await ProductsWithPrefixAsync(p)).ShouldBe(0);
    }

    [Fact]
    public async Task Import_TheSameProductCodeTwiceInOneFile_RejectsTheSecondRow()
    {
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        var p = NewPrefix();

        var problem = await (await admin.ImportAsync(Csv([Row($"{p}E1", $"{p}P1"), Row($"{p}E1", $"{p}P2"), Row($"{p}E1", $"{p}P1", product: "อื่น")]))).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        var rejected = RejectedByRow(problem);
        rejected.Keys.ShouldBe([4]);
        rejected[4].ShouldContain("ซ้ำกับแถว 2");
        (await ProductsWithPrefixAsync(p)).ShouldBe(0);
    }

    [Fact]
    public async Task Import_AnEntrepreneurWithConflictingRowsInOneFile_RejectsTheLaterRow()
    {
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        var p = NewPrefix();

        var problem = await (await admin.ImportAsync(Csv([Row($"{p}E1", $"{p}P1"), Row($"{p}E1", $"{p}P2", name: "กลุ่มอื่น", district: "2702")]))).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        RejectedByRow(problem)[3].ShouldContain("ไม่ตรงกับแถว 2");
    }

    [Fact]
    public async Task Import_AProductCodeOfAnotherEntrepreneur_IsRejected()
    {
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        var p = NewPrefix();
        await (await admin.ImportAsync(Csv([Row($"{p}E1", $"{p}P1")]))).JsonAsync();

        var problem = await (await admin.ImportAsync(Csv([Row($"{p}E2", $"{p}P1")]))).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        RejectedByRow(problem)[2].ShouldContain($"เป็นของผู้ประกอบการรหัส {p}E1");
    }

    [Fact]
    public async Task Import_ValidateOnly_ReportsCountsButWritesNothing()
    {
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        var p = NewPrefix();

        var body = await app.ChangesNothingAsync(async () => await (await admin.ImportAsync(Csv([Row($"{p}E1", $"{p}P1")]), commit: false)).JsonAsync());

        Counts(body, "inserted").ShouldBe((1, 1));
        (await ProductsWithPrefixAsync(p)).ShouldBe(0);
    }

    [Fact]
    public async Task Import_WithoutCommit_OnlyValidates()
    {
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        var p = NewPrefix();

        await app.ChangesNothingAsync(async () => await (await admin.PostAsync("/api/v1/registry/import", Upload(Csv([Row($"{p}E1", $"{p}P1")])))).JsonAsync());

        (await ProductsWithPrefixAsync(p)).ShouldBe(0);
    }

    [Fact]
    public async Task Import_AnXlsxWithFormulasDatesAndEmptyRows_IsReadAsAnOfficerSeesIt()
    {
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        var p = NewPrefix();
        var file = Xlsx(
            RegistryFiles.Header.Split(','),
            [$"{p}E1", "กลุ่มแม่บ้านเกษตรกร", "group", 2701, $"{p}P1", new Formula("CONCATENATE(\"น้ำพริก\",\"เผา\")", "น้ำพริกเผา"), "food", new Formula("2557+3", "2560")],
            null,
            ["", "", "", "", "", "", "", ""],
            [$"{p}E1", "กลุ่มแม่บ้านเกษตรกร", "group", "2701", $"{p}P2", "กล้วยตาก", "อาหาร", new DateTime(2019, 6, 1)],
            [$"{p}E1", "กลุ่มแม่บ้านเกษตรกร", "group", "2701", $"{p}P3", "ข้าวเกรียบ", "food", 2561]);

        var body = await (await admin.ImportAsync(file, fileName: "registry.xlsx")).JsonAsync();

        Counts(body, "inserted").ShouldBe((1, 3));
        var products = await app.WithDbAsync(db => db.Products.Where(x => x.Code.StartsWith(p)).OrderBy(x => x.Code).ToListAsync());
        products.Select(x => x.Name).ShouldBe(["น้ำพริกเผา", "กล้วยตาก", "ข้าวเกรียบ"]);
        products.Select(x => x.RegisteredYear).ShouldBe([2560, 2562, 2561]);
    }

    [Fact]
    public async Task Import_AnXlsxWithABadRow_ReportsTheSpreadsheetRowNumber()
    {
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        var p = NewPrefix();
        var file = Xlsx(
            RegistryFiles.Header.Split(','),
            null,
            [$"{p}E1", "กลุ่มแม่บ้าน", "group", "2701", $"{p}P1", "กล้วยตาก", "food", "2599"]);

        var problem = await (await admin.ImportAsync(file, fileName: "registry.xlsx")).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        RejectedByRow(problem).Keys.ShouldBe([3]);
    }

    [Fact]
    public async Task Import_AnEmptyFile_Is422InThai()
    {
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");

        var problem = await (await admin.ImportAsync([])).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        problem.GetProperty("detail").GetString()!.ShouldContain("ไฟล์ว่าง");
    }

    [Fact]
    public async Task Import_AHeaderOnly_Is422WithRow1()
    {
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");

        var problem = await (await admin.ImportAsync(Encoding.UTF8.GetBytes(RegistryFiles.Header + "\r\n"))).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        RejectedByRow(problem)[1].ShouldContain("หัวตาราง");
    }

    [Fact]
    public async Task Import_AWrongHeader_NamesTheMissingColumns()
    {
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");

        var problem = await (await admin.ImportAsync(Encoding.UTF8.GetBytes("code,name\n1,ก\n"))).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        RejectedByRow(problem)[1].ShouldContain("registered_year");
    }

    [Fact]
    public async Task Import_ACsvThatIsNotUtf8_Is415InThai()
    {
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        var tis620 = Encoding.UTF8.GetBytes(RegistryFiles.Header + "\nE1,").Concat(new byte[] { 0xA1, 0xC5, 0xD8, 0xE8, 0xC1 }).Concat(Encoding.ASCII.GetBytes(",group,2701,P1,x,food,2560\n")).ToArray();

        var problem = await (await admin.ImportAsync(tis620)).ProblemAsync(HttpStatusCode.UnsupportedMediaType);

        problem.GetProperty("detail").GetString()!.ShouldContain("UTF-8");
    }

    [Fact]
    public async Task Import_AZipThatIsNotAWorkbook_Is415()
    {
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");

        var response = await admin.ImportAsync([0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4, 5, 6], fileName: "registry.xlsx");

        await response.ProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Import_WithoutAFile_Is422()
    {
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");

        var response = await admin.PostAsync("/api/v1/registry/import?commit=true", new MultipartFormDataContent { { new StringContent("x"), "other" } });

        (await response.ProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("errors").GetProperty("file").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task Import_AsAViewer_Is403()
    {
        var viewer = await app.ClientAsAsync("Viewer", "27");

        await (await viewer.ImportAsync(Csv([Row("X1", "X1-01")]))).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Import_ByADistrictOfficer_RejectsRowsOfAnotherDistrict()
    {
        var officer = await app.ClientAsAsync("DistrictOfficer", "2701");
        var p = NewPrefix();

        var problem = await (await officer.ImportAsync(Csv([Row($"{p}E1", $"{p}P1"), Row($"{p}E2", $"{p}P2", district: "2702")]))).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        var rejected = RejectedByRow(problem);
        rejected.Keys.ShouldBe([3]);
        rejected[3].ShouldContain("นอกหน่วยงานของท่าน");
        (await ProductsWithPrefixAsync(p)).ShouldBe(0);
    }

    [Fact]
    public async Task Import_ByAProvinceOfficer_RejectsRowsOfAnotherProvince()
    {
        var officer = await app.ClientAsAsync("ProvinceOfficer", "27");
        var p = NewPrefix();

        var problem = await (await officer.ImportAsync(Csv([Row($"{p}E1", $"{p}P1", district: "2709"), Row($"{p}E2", $"{p}P2", district: "3001")]))).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        RejectedByRow(problem).Keys.ShouldBe([3]);
    }

    [Fact]
    public async Task Import_ByADistrictOfficer_AnswersTheSameForCodesOfASiblingDistrictAndOfAnotherProvince_NamingNeitherOwnerNorPlace()
    {
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        var p = NewPrefix();
        await (await admin.ImportAsync(Csv([Row($"{p}E1", $"{p}P1", district: "2702"), Row($"{p}E2", $"{p}P2", district: "1101")]))).JsonAsync();
        var officer = await app.ClientAsAsync("DistrictOfficer", "2701");

        var problem = await (await officer.ImportAsync(Csv([Row($"{p}E1", $"{p}P3"), Row($"{p}E2", $"{p}P4"), Row($"{p}E3", $"{p}P1"), Row($"{p}E4", $"{p}P2")])))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);

        var rejected = RejectedByRow(problem);
        rejected[2].Replace($"{p}E1", "X", StringComparison.Ordinal).ShouldBe(rejected[3].Replace($"{p}E2", "X", StringComparison.Ordinal));
        rejected[4].Replace($"{p}P1", "X", StringComparison.Ordinal).ShouldBe(rejected[5].Replace($"{p}P2", "X", StringComparison.Ordinal));
        foreach (var message in rejected.Values)
        {
            message.ShouldNotContain("2702");
            message.ShouldNotContain("1101");
        }
        rejected[4].ShouldNotContain($"{p}E1");
        rejected[5].ShouldNotContain($"{p}E2");
    }

    [Fact]
    public async Task Import_ByADistrictOfficer_CannotTakeOverAnotherDistrictsEntrepreneur()
    {
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        var p = NewPrefix();
        await (await admin.ImportAsync(Csv([Row($"{p}E1", $"{p}P1", district: "2702")]))).JsonAsync();
        var officer = await app.ClientAsAsync("DistrictOfficer", "2701");

        var problem = await (await officer.ImportAsync(Csv([Row($"{p}E1", $"{p}P2", district: "2701")]))).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        RejectedByRow(problem)[2].ShouldContain("ใช้ในหน่วยงานของท่านไม่ได้");
        RejectedByRow(problem)[2].ShouldNotContain("2702");
    }

    [Fact]
    public async Task Import_IsAuditedAsOneEntryWithCountsAndFileName()
    {
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        var p = NewPrefix();

        await (await admin.ImportAsync(Csv([Row($"{p}E1", $"{p}P1"), Row($"{p}E1", $"{p}P2")]), fileName: $"{p}.csv")).JsonAsync();

        var entry = (await (await admin.GetAsync($"/api/v1/audit?entity=registry-import&key={p}.csv")).JsonAsync()).EnumerateArray().ShouldHaveSingleItem();
        entry.GetProperty("newValue").GetProperty("inserted").GetProperty("products").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task Import_5000Rows_WritesEveryRowCorrectly()
    {
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        var p = NewPrefix();
        var rows = Enumerable.Range(0, 5000).Select(i => Row($"{p}E{i / 4}", $"{p}P{i}", district: $"27{i / 4 % 9 + 1:D2}", year: $"{2557 + i % 7}", product: $"สินค้า {i}"));

        var body = await (await admin.ImportAsync(Csv(rows))).JsonAsync();

        Counts(body, "inserted").ShouldBe((1250, 5000));
        var stored = await app.WithDbAsync(db => db.Products.Where(x => x.Code.StartsWith(p)).GroupBy(x => x.RegisteredYear).Select(g => g.Count()).ToListAsync());
        stored.Sum().ShouldBe(5000);
        (await app.WithDbAsync(db => db.Products.Include(x => x.Entrepreneur).SingleAsync(x => x.Code == $"{p}P4999"))).Entrepreneur.Code.ShouldBe($"{p}E1249");
    }
}

/// <summary>The upload limit is refused before anything is read, with a Thai 413.</summary>
public sealed class RegistryUploadLimitTests
{
    [Fact]
    public async Task Import_AnOversizedUpload_IsRefusedWith413InThai()
    {
        using var app = new OtopApp(settings: new Dictionary<string, string?> { ["Registry:MaxUploadBytes"] = "2000" });
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        var big = Csv(Enumerable.Range(0, 200).Select(i => Row($"BIG{i}", $"BIG{i}-01")));

        var problem = await (await admin.ImportAsync(big)).ProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        problem.GetProperty("detail").GetString()!.ShouldContain("ไฟล์ใหญ่เกินกำหนด");
        (await app.WithDbAsync(db => db.Products.CountAsync())).ShouldBe(0);
    }
}

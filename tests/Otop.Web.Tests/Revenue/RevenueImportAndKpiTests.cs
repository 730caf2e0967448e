using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Tests.Infrastructure;
using static Otop.Web.Tests.Revenue.RevenueTestData;
using Otop.Web.Features.Kpi;
using Otop.Web.Features.Registry;
using Otop.Web.Features.Revenue;

namespace Otop.Web.Tests.Revenue;

public sealed class RevenueImportAndKpiTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    private static MultipartFormDataContent CsvFile(string csv)
    {
        var content = new MultipartFormDataContent();
        content.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "history.csv");
        return content;
    }

    [Fact]
    public async Task TheHistoryImport_LoadsLockedMonths_AsApproved_WithThaiDigitsAndSeparators()
    {
        app.Clock.Now = Bangkok(2023, 2, 20);
        var codes = await app.ProducersAsync("3201", 2);
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        var csv = $"entrepreneur_code,month,amount\n{codes[0]},2022-01,\"๑๒,๓๔๕.๕๐\"\n{codes[1]},2022-01,100\n{codes[0]},2022-02,200.25\n";

        var result = await (await admin.PostAsync("/api/v1/revenue/import", CsvFile(csv))).JsonAsync();
        var january = await (await admin.GetAsync("/api/v1/revenue/3201/2022-01")).JsonAsync();

        result.GetProperty("inserted").GetProperty("months").GetInt32().ShouldBe(2);
        result.GetProperty("inserted").GetProperty("entries").GetInt32().ShouldBe(3);
        result.GetProperty("rejected").GetArrayLength().ShouldBe(0);
        january.GetProperty("status").GetString().ShouldBe("approved");
        january.GetProperty("total").GetDecimal().ShouldBe(12445.50m);
    }

    [Fact]
    public async Task TheHistoryImport_IsAllOrNothing_AndNamesEveryBadRow()
    {
        var codes = await app.ProducersAsync("3202", 1);
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        var csv = $"entrepreneur_code,month,amount\n{codes[0]},2022-03,10\nNOPE,2022-03,10\n{codes[0]},2022-13,-1\n{codes[0]},2022-03,5\n";

        var body = await app.ChangesNothingAsync(async () =>
            await (await admin.PostAsync("/api/v1/revenue/import", CsvFile(csv))).ProblemAsync(HttpStatusCode.UnprocessableEntity));
        var march = await (await admin.GetAsync("/api/v1/revenue/3202/2022-03")).JsonAsync();

        body.GetProperty("rejected").EnumerateArray().Select(r => r.GetProperty("row").GetInt32()).ShouldBe([3, 4, 5]);
        body.GetProperty("rejected")[1].GetProperty("errors").GetArrayLength().ShouldBe(2);
        march.GetProperty("version").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task TheHistoryImport_RefusesFiguresThatEachFit_ButAddUpToMoreThanAMonthTotalHolds_NamingTheirRows()
    {
        var codes = await app.ProducersAsync("3205", 2);
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        var csv = $"entrepreneur_code,month,amount\n{codes[0]},2022-04,10\n{codes[0]},2022-06,999999999999.99\n{codes[1]},2022-06,1\n";

        var body = await (await admin.PostAsync("/api/v1/revenue/import", CsvFile(csv))).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        var april = await (await admin.GetAsync("/api/v1/revenue/3205/2022-04")).JsonAsync();

        var rejected = body.GetProperty("rejected").EnumerateArray().ToList();
        rejected.Select(r => r.GetProperty("row").GetInt32()).ShouldBe([3]);
        var error = rejected[0].GetProperty("errors")[0].GetString()!;
        error.ShouldContain("เดือน 2022-06 (แถว 3, 4)");
        error.ShouldContain("999,999,999,999.99");
        april.GetProperty("version").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task TheHistoryImport_StoresANegativeZeroAsZero_LikeTheMonthSave()
    {
        var codes = await app.ProducersAsync("3204", 1);
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");

        await (await admin.PostAsync("/api/v1/revenue/import", CsvFile($"entrepreneur_code,month,amount\n{codes[0]},2022-05,-0.00\n"))).JsonAsync();
        var may = await (await admin.GetAsync("/api/v1/revenue/3204/2022-05")).JsonAsync();

        may.GetProperty("entries")[0].GetProperty("amount").GetRawText().ShouldNotStartWith("-");
        may.GetProperty("total").GetRawText().ShouldNotStartWith("-");
    }

    [Fact]
    public async Task AHistoryFileSavedInTis620_IsRefusedAsUnreadable_AndNothingIsWritten()
    {
        var codes = await app.ProducersAsync("3203", 1);
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        // "กลุ่ม" in TIS-620 (Windows-874): each Thai letter is one byte from 0xA1, which is not UTF-8.
        var bytes = Encoding.ASCII.GetBytes($"entrepreneur_code,month,amount\n{codes[0]},2022-04,100,").Concat(new byte[] { 0xA1, 0xC5, 0xD8, 0xE8, 0xC1, 0x0A }).ToArray();
        var content = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", "history.csv" } };

        var problem = await app.ChangesNothingAsync(async () =>
            await (await admin.PostAsync("/api/v1/revenue/import", content)).ProblemAsync(HttpStatusCode.UnsupportedMediaType));
        var april = await (await admin.GetAsync("/api/v1/revenue/3203/2022-04")).JsonAsync();

        problem.GetProperty("detail").GetString()!.ShouldContain("UTF-8");
        april.GetProperty("version").GetInt32().ShouldBe(0);
    }

    [Theory]
    [InlineData("ProvinceOfficer", "32")]
    [InlineData("DistrictHead", "3203")]
    public async Task OnlyTheDepartment_ImportsHistory(string role, string unit)
    {
        var client = await app.ClientAsAsync(role, unit);

        await (await client.PostAsync("/api/v1/revenue/import", CsvFile("entrepreneur_code,month,amount\n"))).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task TheIncrease_CountsEndedMonthsOfTheRound_AgainstTheSameMonthsLastYear_AndTheProvinceIsTheExactSumOfItsDistricts()
    {
        await SeedIndicatorAsync(2566);
        app.Clock.Now = Bangkok(2022, 12, 15); // round 1 of FY 2566: October and November have ended, December has not
        var first = await app.ProducersAsync("3301", 1);
        var second = await app.ProducersAsync("3302", 1);
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        // The history import loads months as approved, so that they count.
        await admin.ImportHistoryAsync((first[0], "2021-10", 1000.10m), (first[0], "2021-11", 1000.10m), (first[0], "2022-10", 1100.11m),
            (first[0], "2022-11", 1100.12m), (first[0], "2022-12", 99999m), // not ended: not counted
            (second[0], "2021-10", 3000m), (second[0], "2022-10", 2950.33m));

        var result = await (await admin.GetAsync("/api/v1/kpi/revenue/results?fiscalYear=2566&round=1&province=33")).JsonAsync();

        var rows = result.GetProperty("rows").EnumerateArray().ToList();
        var r1 = rows.Single(r => r.GetProperty("districtCode").GetString() == "3301");
        r1.GetProperty("baseline").GetDecimal().ShouldBe(2000.20m);
        r1.GetProperty("revenue").GetDecimal().ShouldBe(2200.23m);
        r1.GetProperty("increasePercent").GetDecimal().ShouldBe(10.00m); // 200.03 / 2000.20 = 10.0005 % → 10.00
        r1.GetProperty("score").GetDecimal().ShouldBe(5m);
        var r2 = rows.Single(r => r.GetProperty("districtCode").GetString() == "3302");
        r2.GetProperty("increasePercent").GetDecimal().ShouldBe(-1.66m);
        r2.GetProperty("score").GetDecimal().ShouldBe(1m);
        var total = result.GetProperty("total");
        total.GetProperty("baseline").GetDecimal().ShouldBe(rows.Sum(r => r.GetProperty("baseline").GetDecimal()));
        total.GetProperty("revenue").GetDecimal().ShouldBe(rows.Sum(r => r.GetProperty("revenue").GetDecimal()));
        total.GetProperty("revenue").GetDecimal().ShouldBe(5150.56m);
        total.GetProperty("increasePercent").GetDecimal().ShouldBe(ScoreTable.IncreasePercent(5150.56m, 5000.20m));
        result.GetProperty("months").EnumerateArray().Select(m => m.GetString()).ShouldBe(["2022-10", "2022-11"]);
    }

    [Fact]
    public async Task ADraftMonth_DoesNotCount_AndTheRowSaysTheDistrictHasNotReported()
    {
        await SeedIndicatorAsync(2566);
        app.Clock.Now = Bangkok(2022, 11, 3);
        var codes = await app.ProducersAsync("3401", 1);
        var officer = await app.ClientAsAsync("DistrictOfficer", "3401");
        await (await officer.PutMonthAsync("3401", "2022-10", Entries(codes, 123.45m))).JsonAsync(); // draft, never certified
        app.Clock.Now = Bangkok(2022, 11, 20);
        var province = await app.ClientAsAsync("ProvinceOfficer", "34");

        var result = await (await province.GetAsync("/api/v1/kpi/revenue/results?fiscalYear=2566&round=1&province=34")).JsonAsync();

        var row = result.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("districtCode").GetString() == "3401");
        row.GetProperty("revenue").GetDecimal().ShouldBe(0m);
        row.GetProperty("monthsCounted").GetInt32().ShouldBe(0);
        row.GetProperty("monthsMissing").GetInt32().ShouldBe(1);
        row.GetProperty("score").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        result.GetProperty("total").GetProperty("revenue").GetDecimal().ShouldBe(0m);
    }

    [Fact]
    public async Task TheKpi_OfAnotherProvince_Is403()
    {
        await SeedIndicatorAsync(2566);
        var province = await app.ClientAsAsync("ProvinceOfficer", "27");

        await (await province.GetAsync("/api/v1/kpi/revenue/results?fiscalYear=2566&round=1&province=30")).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task TheBaseline_CanBeTheEstimate_WhenTheIndicatorSaysSo()
    {
        await SeedIndicatorAsync(2567, BaselineMode.Estimate);
        app.Clock.Now = Bangkok(2023, 11, 15);
        var codes = await app.ProducersAsync("3501", 1);
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        await admin.ImportHistoryAsync((codes[0], "2023-10", 1100m));
        await app.WithDbAsync(async db =>
        {
            var id = await db.Entrepreneurs.Where(e => e.Code == codes[0]).Select(e => e.Id).SingleAsync();
            db.RevenueEstimates.Add(new RevenueEstimate
            {
                DistrictCode = "3501", ProvinceCode = "35", FiscalYear = 2567, UpdatedAt = app.Clock.GetUtcNow(),
                Lines = [new RevenueEstimateLine { EntrepreneurId = id, Month = "2023-10", Amount = 1000m }],
            });
            return await db.SaveChangesAsync();
        });

        var result = await (await admin.GetAsync("/api/v1/kpi/revenue/results?fiscalYear=2567&round=1&province=35")).JsonAsync();

        result.GetProperty("total").GetProperty("baseline").GetDecimal().ShouldBe(1000m);
        result.GetProperty("total").GetProperty("increasePercent").GetDecimal().ShouldBe(10m);
    }

    private Task SeedIndicatorAsync(int fiscalYear, BaselineMode mode = BaselineMode.SamePeriodPreviousYear) => app.SeedRevenueIndicatorAsync(fiscalYear, mode);

    private static async Task<(HttpStatusCode Status, string Html)> PostHistoryPageAsync(HttpClient page, string csv, bool commit)
    {
        var form = CsvFile(csv);
        form.Add(new StringContent(Antiforgery.TokenFrom(await page.GetStringAsync("/Revenue/History"))), "__RequestVerificationToken");
        form.Add(new StringContent(commit ? "true" : "false"), "commit");
        var response = await page.PostAsync("/Revenue/History", form);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheHistoryPage_ChecksFirst_ThenLoads_AndSummarisesEachProvinceAndMonth()
    {
        var codes = await app.ProducersAsync("3206", 2);
        var page = await app.SignedInAsync("DepartmentAdmin", "0");
        var csv = $"entrepreneur_code,month,amount\n{codes[0]},2021-10,\"1,000.50\"\n{codes[1]},2021-10,๒๐๐\n{codes[0]},2021-11,300\n";

        var (checkStatus, checkHtml) = await PostHistoryPageAsync(page, csv, commit: false);
        var afterCheck = await app.WithDbAsync(db => db.RevenueMonths.CountAsync(m => m.DistrictCode == "3206" && m.Month.StartsWith("2021-1")));
        var (loadStatus, loadHtml) = await PostHistoryPageAsync(page, csv, commit: true);
        var october = await app.WithDbAsync(db => db.RevenueMonths.SingleAsync(m => m.DistrictCode == "3206" && m.Month == "2021-10"));

        checkStatus.ShouldBe(HttpStatusCode.OK);
        checkHtml.ShouldContain("ไฟล์ถูกต้อง ยังไม่ได้บันทึก");
        afterCheck.ShouldBe(0);
        loadStatus.ShouldBe(HttpStatusCode.OK);
        loadHtml.ShouldContain("นำเข้าเรียบร้อยแล้ว");
        october.Total.ShouldBe(1200.50m);
        october.Status.ShouldBe(RevenueStatus.Approved);
        // One summary row per province and month: ตุลาคม 2564 has one district, two producers and 1,200.50 baht.
        var summary = loadHtml[loadHtml.IndexOf("data-testid=\"import-summary\"", StringComparison.Ordinal)..];
        summary.ShouldContain("ตุลาคม 2564");
        summary.ShouldContain("1,200.50");
        summary.ShouldContain("1,500.50"); // the file's total over both months
    }

    [Fact]
    public async Task TheHistoryPage_RefusesABadFileWhole_NamingEveryRow_AndIsTheDepartmentsOnly()
    {
        var codes = await app.ProducersAsync("3207", 1);
        var page = await app.SignedInAsync("DepartmentAdmin", "0");
        var csv = $"entrepreneur_code,month,amount\n{codes[0]},2021-10,10\nNOPE,2021-10,10\n{codes[0]},2021-11,1.234\n";

        var (status, html) = await app.ChangesNothingAsync(() => PostHistoryPageAsync(page, csv, commit: true));
        var province = await app.SignedInAsync("ProvinceOfficer", "32");

        status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        html.ShouldContain("มีข้อผิดพลาด 2 แถว");
        html.ShouldContain("ไม่พบผู้ประกอบการรหัส &#x27;NOPE&#x27;");
        var errors = html[html.IndexOf("data-testid=\"import-errors\"", StringComparison.Ordinal)..];
        errors.ShouldContain("<td>3</td>");
        errors.ShouldContain("<td>4</td>");
        (await province.GetAsync("/Revenue/History")).StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect);
    }
}

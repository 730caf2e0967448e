using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Tests.Infrastructure;
using Otop.Web.Features.Kpi;
using Otop.Web.Features.Revenue;
using Otop.Web.Tests.Reports;
using static Otop.Web.Tests.Revenue.RevenueTestData;

namespace Otop.Web.Tests.Revenue;

/// <summary>
/// Letter 2's target table per round (CONTRACT.md "Revenue"): FY 2570 compares with the same months of FY 2569; the
/// indicator's bands are 2, 4, 6, 8 and 10 %. Each test has its own province so that the shared app stays independent.
/// </summary>
public sealed class RevenueTargetsTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    private static string Query(string province) => $"fiscalYear=2570&round=1&province={province}";

    private static JsonElement RowOf(JsonElement table, string district) =>
        table.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("districtCode").GetString() == district);

    [Fact]
    public async Task TheTargetTable_AnswersAsTheContractSays_BaselineTimesOneHundredPlusPercent_RoundedHalfAwayFromZero()
    {
        await app.SeedRevenueIndicatorAsync(2570);
        app.Clock.Now = Bangkok(2026, 10, 20);
        var producer = await app.ProducersAsync("3601", 1);
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        await admin.ImportHistoryAsync((producer[0], "2025-10", 1000.10m), (producer[0], "2025-11", 234.45m),
            (producer[0], "2024-10", 5000m)); // two years back: not the baseline
        var province = await app.ClientAsAsync("ProvinceOfficer", "36");

        var table = await (await province.GetAsync($"/api/v1/kpi/revenue/targets?{Query("36")}")).JsonAsync();

        table.GetProperty("fiscalYear").GetInt32().ShouldBe(2570);
        table.GetProperty("round").GetInt32().ShouldBe(1);
        table.GetProperty("province").GetString().ShouldBe("36");
        table.GetProperty("percents").EnumerateArray().Select(p => p.GetDecimal()).ShouldBe([2m, 4m, 6m, 8m, 10m]);
        var row = RowOf(table, "3601");
        row.GetProperty("districtName").GetString().ShouldNotBeNullOrEmpty();
        row.GetProperty("baseline").GetDecimal().ShouldBe(1234.55m);
        // 1234.55 × 1.02 = 1259.241, × 1.04 = 1283.932, × 1.06 = 1308.623, × 1.08 = 1333.314, × 1.10 = 1358.005 → 1358.01
        row.GetProperty("thresholds").EnumerateArray().Select(t => t.GetDecimal()).ShouldBe([1259.24m, 1283.93m, 1308.62m, 1333.31m, 1358.01m]);
        var rows = table.GetProperty("rows").EnumerateArray().ToList();
        rows.Select(r => r.GetProperty("districtCode").GetString()).ShouldBe(rows.Select(r => r.GetProperty("districtCode").GetString()).Order(StringComparer.Ordinal));
        table.GetProperty("total").GetProperty("baseline").GetDecimal().ShouldBe(rows.Sum(r => r.GetProperty("baseline").GetDecimal()));
        table.GetProperty("total").GetProperty("baseline").GetDecimal().ShouldBe(1234.55m);
    }

    [Fact]
    public async Task ADistrictWithoutABaseline_GetsNoThresholds_AndNoScore_InsteadOfScoreOne()
    {
        await app.SeedRevenueIndicatorAsync(2570);
        app.Clock.Now = Bangkok(2026, 12, 20);
        var producer = await app.ProducersAsync("3702", 1);
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        await admin.ImportHistoryAsync((producer[0], "2026-10", 900m)); // revenue this year, nothing the year before

        var targets = await (await admin.GetAsync($"/api/v1/kpi/revenue/targets?{Query("37")}")).JsonAsync();
        var results = await (await admin.GetAsync($"/api/v1/kpi/revenue/results?{Query("37")}")).JsonAsync();

        var target = RowOf(targets, "3702");
        target.GetProperty("baseline").GetDecimal().ShouldBe(0m);
        target.GetProperty("thresholds").GetArrayLength().ShouldBe(0);
        target.GetProperty("unscored").GetString().ShouldBe("no-baseline");
        var result = RowOf(results, "3702");
        result.GetProperty("revenue").GetDecimal().ShouldBe(900m);
        result.GetProperty("score").ValueKind.ShouldBe(JsonValueKind.Null);
        result.GetProperty("increasePercent").ValueKind.ShouldBe(JsonValueKind.Null);
        result.GetProperty("unscored").GetString().ShouldBe("no-baseline");
    }

    [Fact]
    public async Task ADistrictThatHasNotReported_HasNoScoreNorMinusOneHundredPercent_AndSaysHowManyMonthsAreMissing()
    {
        await app.SeedRevenueIndicatorAsync(2570);
        app.Clock.Now = Bangkok(2027, 1, 20); // October, November and December have ended
        var reported = await app.ProducersAsync("3801", 1);
        var silent = await app.ProducersAsync("3802", 1);
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        await admin.ImportHistoryAsync((reported[0], "2025-10", 1000m), (reported[0], "2026-10", 1100m), (reported[0], "2026-11", 50m),
            (silent[0], "2025-10", 2000m));
        await admin.PutMonthAsync("3801", "2026-12", Entries(reported, 400m)); // a draft: not counted, missing

        var results = await (await admin.GetAsync($"/api/v1/kpi/revenue/results?{Query("38")}")).JsonAsync();

        var silentRow = RowOf(results, "3802");
        silentRow.GetProperty("score").ValueKind.ShouldBe(JsonValueKind.Null);
        silentRow.GetProperty("increasePercent").ValueKind.ShouldBe(JsonValueKind.Null);
        silentRow.GetProperty("unscored").GetString().ShouldBe("not-reported");
        silentRow.GetProperty("monthsCounted").GetInt32().ShouldBe(0);
        silentRow.GetProperty("monthsMissing").GetInt32().ShouldBe(3);
        var reportedRow = RowOf(results, "3801");
        reportedRow.GetProperty("revenue").GetDecimal().ShouldBe(1150m);
        reportedRow.GetProperty("monthsCounted").GetInt32().ShouldBe(2);
        reportedRow.GetProperty("monthsMissing").GetInt32().ShouldBe(1);
        reportedRow.GetProperty("increasePercent").GetDecimal().ShouldBe(15m);
        reportedRow.GetProperty("score").GetDecimal().ShouldBe(5m);
        var rows = results.GetProperty("rows").EnumerateArray().ToList();
        results.GetProperty("total").GetProperty("monthsMissing").GetInt32().ShouldBe(rows.Sum(r => r.GetProperty("monthsMissing").GetInt32()));
        results.GetProperty("total").GetProperty("revenue").GetDecimal().ShouldBe(rows.Sum(r => r.GetProperty("revenue").GetDecimal()));
    }

    [Theory]
    [InlineData("ProvinceOfficer", "27")]
    [InlineData("DistrictHead", "3901")]
    [InlineData("Viewer", "39")]
    public async Task OnlyTheProvinceItself_OrTheDepartment_PublishesItsTargets(string role, string unit)
    {
        await app.SeedRevenueIndicatorAsync(2570);
        var client = await app.ClientAsAsync(role, unit);

        await (await client.PostJsonAsync($"/api/v1/kpi/revenue/targets/publish?{Query("39")}", new { })).ProblemAsync(HttpStatusCode.Forbidden);

        (await app.WithDbAsync(db => db.RevenueTargetPublications.CountAsync(p => p.ProvinceCode == "39"))).ShouldBe(0);
    }

    [Fact]
    public async Task PublishingTwice_Is409_UnlessRepublishIsAsked_WhichIsANewAuditedPublication()
    {
        await app.SeedRevenueIndicatorAsync(2570);
        app.Clock.Now = Bangkok(2026, 10, 20);
        var producer = await app.ProducersAsync("4001", 1);
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        await admin.ImportHistoryAsync((producer[0], "2025-10", 700m));
        var province = await app.ClientAsAsync("ProvinceOfficer", "40");

        var first = await (await province.PostJsonAsync($"/api/v1/kpi/revenue/targets/publish?{Query("40")}", new { })).JsonAsync();
        var again = await (await province.PostJsonAsync($"/api/v1/kpi/revenue/targets/publish?{Query("40")}", new { })).ProblemAsync(HttpStatusCode.Conflict);
        var second = await (await province.PostJsonAsync($"/api/v1/kpi/revenue/targets/publish?{Query("40")}&republish=true", new { })).JsonAsync();

        first.GetProperty("published").GetBoolean().ShouldBeTrue();
        first.GetProperty("publication").GetInt32().ShouldBe(1);
        RowOf(first, "4001").GetProperty("baseline").GetDecimal().ShouldBe(700m);
        again.GetProperty("detail").GetString()!.ShouldContain("republish=true");
        second.GetProperty("publication").GetInt32().ShouldBe(2);
        var audit = await (await admin.GetAsync("/api/v1/audit?entity=revenue-targets&key=2570/1/40")).JsonAsync();
        audit.EnumerateArray().Select(e => e.GetProperty("action").GetString()).ShouldBe(["publish", "republish"]);
    }

    /// <summary>Issue 16: a history re-import in the middle of a round moved a district's score from 5 to 1.</summary>
    [Fact]
    public async Task AHistoryReimportAfterPublishing_ShowsAsCurrentBaseline_AndDoesNotMoveTheScore()
    {
        await app.SeedRevenueIndicatorAsync(2570);
        app.Clock.Now = Bangkok(2026, 11, 20); // October 2569 has ended
        var producer = await app.ProducersAsync("4101", 1);
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        await admin.ImportHistoryAsync((producer[0], "2025-10", 1000m), (producer[0], "2026-10", 1100m));
        var province = await app.ClientAsAsync("ProvinceOfficer", "41");
        (await province.PostJsonAsync($"/api/v1/kpi/revenue/targets/publish?{Query("41")}", new { })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var before = RowOf(await (await province.GetAsync($"/api/v1/kpi/revenue/results?{Query("41")}")).JsonAsync(), "4101");

        await admin.ImportHistoryAsync((producer[0], "2025-10", 1200m)); // the history is corrected after the targets went out

        var after = RowOf(await (await province.GetAsync($"/api/v1/kpi/revenue/results?{Query("41")}")).JsonAsync(), "4101");
        var target = RowOf(await (await province.GetAsync($"/api/v1/kpi/revenue/targets?{Query("41")}")).JsonAsync(), "4101");
        before.GetProperty("score").GetDecimal().ShouldBe(5m);
        after.GetProperty("score").GetDecimal().ShouldBe(5m);
        after.GetProperty("baseline").GetDecimal().ShouldBe(1000m);
        after.GetProperty("currentBaseline").GetDecimal().ShouldBe(1200m);
        after.GetProperty("increasePercent").GetDecimal().ShouldBe(10m);
        target.GetProperty("baseline").GetDecimal().ShouldBe(1000m);
        target.GetProperty("currentBaseline").GetDecimal().ShouldBe(1200m);
        target.GetProperty("thresholds")[4].GetDecimal().ShouldBe(1100m);
    }

    [Fact]
    public async Task TheTargetsXlsx_OpensWithTheSameNumbersAsTheJson()
    {
        await app.SeedRevenueIndicatorAsync(2570);
        app.Clock.Now = Bangkok(2026, 10, 20);
        var producers = await app.ProducersAsync("4201", 2);
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        await admin.ImportHistoryAsync((producers[0], "2025-10", 1234.55m), (producers[1], "2026-01", 99.99m));
        var province = await app.ClientAsAsync("ProvinceOfficer", "42");
        var json = await (await province.GetAsync($"/api/v1/kpi/revenue/targets?{Query("42")}")).JsonAsync();

        var response = await province.GetAsync($"/api/v1/reports/revenue-targets?{Query("42")}&format=xlsx");
        var sheet = ReportFilesRead.Xlsx(await response.Content.ReadAsByteArrayAsync());

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        sheet[0][0].ShouldBe("ค่าเป้าหมายตัวชี้วัดร้อยละที่เพิ่มขึ้นของรายได้จากการจำหน่ายผลิตภัณฑ์ชุมชน (OTOP)");
        sheet[1][0].ShouldBe("รอบการประเมินที่ 1 ประจำปีงบประมาณ พ.ศ. 2570 ( เดือนตุลาคม 2569 - มีนาคม 2570 )");
        var row = sheet.Single(r => r.Length > 1 && Equals(r[1], "4201"));
        var expected = RowOf(json, "4201");
        row[3].ShouldBe(expected.GetProperty("baseline").GetDecimal());
        row.Skip(4).Take(5).Cast<decimal>().ShouldBe(expected.GetProperty("thresholds").EnumerateArray().Select(t => t.GetDecimal()));
        row[3].ShouldBe(1334.54m);
        var empty = sheet.Single(r => r.Length > 1 && Equals(r[1], "4202"));
        empty[4].ShouldBe("ไม่มีข้อมูลฐาน");
        sheet.Single(r => r.Length > 2 && Equals(r[2], "รวม"))[3].ShouldBe(json.GetProperty("total").GetProperty("baseline").GetDecimal());
    }

    [Fact]
    public async Task TheTargetsPdf_IsAnA4DocumentInThai()
    {
        ReportFilesRead.RequirePdfTools();
        await app.SeedRevenueIndicatorAsync(2570);
        var province = await app.ClientAsAsync("ProvinceOfficer", "43");

        var response = await province.GetAsync($"/api/v1/reports/revenue-targets?{Query("43")}&format=pdf");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = ReportFilesRead.PdfText(await response.Content.ReadAsByteArrayAsync());
        text.ShouldContain("ค่าเป้าหมาย");
        text.ShouldContain("2570");
    }

    [Fact]
    public async Task EveryLinkOnTheTargetsPage_OpensAPage_TheYearsPlanIncluded()
    {
        await app.SeedRevenueIndicatorAsync(2566);
        var admin = await app.SignedInAsync("DepartmentAdmin", "0");
        var page = await admin.GetStringAsync("/Revenue/Targets?fiscalYear=2566&round=1&province=27");

        var links = System.Text.RegularExpressions.Regex.Matches(page, "href=\"(/[^\"#]*)\"")
            .Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).Distinct().ToList();

        links.ShouldContain("/Calendar?fiscalYear=2566&unit=27");
        foreach (var href in links)
        {
            var response = await admin.GetAsync(href);
            ((int)response.StatusCode).ShouldBeLessThan(400, $"{href} answered {(int)response.StatusCode}");
        }
    }
}

/// <summary>Issue 16, item 1: the department starts FY 2570 by copying FY 2566 from the indicators page, edits a band, and the 2570 results use it.</summary>
public sealed class NewFiscalYearTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, Dictionary<string, string> form)
    {
        form["__RequestVerificationToken"] = Antiforgery.TokenFrom(await client.GetStringAsync("/Kpi/Indicators"));
        return await client.PostAsync(url, new FormUrlEncodedContent(form));
    }

    [Fact]
    public async Task CopyingAYear_CarriesItsBandsDueDatesAndCycleDays_RefusesASecondCopy_AndAnEditedBandScoresTheNewYear()
    {
        await app.SeedRevenueIndicatorAsync(2566);
        await app.WithDbAsync(async db =>
        {
            var round = await db.IndicatorRounds.FirstAsync(r => r.Indicator.FiscalYear == 2566 && r.Round == 1);
            round.ResultDueDate = new DateOnly(2023, 4, 3);
            var setting = await db.FiscalYearSettings.FirstOrDefaultAsync(s => s.FiscalYear == 2566);
            if (setting is null) db.FiscalYearSettings.Add(setting = new FiscalYearSetting { FiscalYear = 2566 });
            (setting.ConfirmByDay, setting.CloseFromDay, setting.ReopenDay, setting.EstimateDueDate) = (4, 7, 11, new DateOnly(2023, 2, 23));
            db.FiscalYearSettings.RemoveRange(db.FiscalYearSettings.Where(s => s.FiscalYear == 2570));
            return await db.SaveChangesAsync();
        });
        var admin = await app.SignedInAsync("DepartmentAdmin", "0");

        var copied = await PostAsync(admin, "/Kpi/Indicators?handler=Copy", new() { ["FromYear"] = "2566", ["ToYear"] = "๒๕๗๐" });
        var again = await PostAsync(admin, "/Kpi/Indicators?handler=Copy", new() { ["FromYear"] = "2566", ["ToYear"] = "2570" });

        copied.StatusCode.ShouldBe(HttpStatusCode.OK);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.Content.ReadAsStringAsync()).ShouldContain("มีตัวชี้วัดอยู่แล้ว");
        var copy = await app.WithDbAsync(db => db.Indicators.Include(i => i.Rounds).ThenInclude(r => r.Bands).SingleAsync(i => i.FiscalYear == 2570));
        copy.Rounds.Count.ShouldBe(2);
        var first = copy.Rounds.Single(r => r.Round == 1);
        first.ResultDueDate.ShouldBe(new DateOnly(2027, 4, 3));
        first.Bands.OrderBy(b => b.Score).Select(b => b.Percent).ShouldBe([2m, 4m, 6m, 8m, 10m]);
        (await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Entity == "indicator" && a.Key == "2570/revenue-increase" && a.Action == "copy"))).ShouldBe(1);
        (await copied.Content.ReadAsStringAsync()).ShouldContain("กำหนดส่งประมาณการรายได้");
        // The year's cycle days and the estimate's due date come along, the date moved by four years (issue 16, item 1).
        var calendar = await app.WithDbAsync(db => db.FiscalYearSettings.SingleAsync(s => s.FiscalYear == 2570));
        (calendar.ConfirmByDay, calendar.CloseFromDay, calendar.ReopenDay).ShouldBe((4, 7, 11));
        calendar.EstimateDueDate.ShouldBe(new DateOnly(2027, 2, 23));
        (await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Entity == "fiscal-year-setting" && a.Key == "2570" && a.Action == "copy"))).ShouldBe(1);

        // The department lowers band 5 of the new year's round 1 to 9 %; a 9.5 % increase now scores 5 (it scored 4 in the copy).
        await app.WithDbAsync(async db =>
        {
            var band = await db.IndicatorBands.SingleAsync(b => b.IndicatorRoundId == first.Id && b.Score == 5);
            band.Percent = 9m;
            return await db.SaveChangesAsync();
        });
        app.Clock.Now = Bangkok(2026, 11, 20);
        var producer = await app.ProducersAsync("4401", 1);
        var api = await app.ClientAsAsync("DepartmentAdmin", "0");
        await api.ImportHistoryAsync((producer[0], "2025-10", 1000m), (producer[0], "2026-10", 1095m));
        var results = await (await api.GetAsync("/api/v1/kpi/revenue/results?fiscalYear=2570&round=1&province=44")).JsonAsync();
        var row = results.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("districtCode").GetString() == "4401");
        row.GetProperty("increasePercent").GetDecimal().ShouldBe(9.5m);
        row.GetProperty("score").GetDecimal().ShouldBe(5m);
    }
}

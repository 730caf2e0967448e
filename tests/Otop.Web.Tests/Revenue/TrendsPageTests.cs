using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Revenue;
using Otop.Web.Tests.Infrastructure;
using Otop.Web.Tests.Reports;
using static Otop.Web.Tests.Revenue.RevenueTestData;

namespace Otop.Web.Tests.Revenue;

/// <summary>
/// The multi-year trends of issue 17 (item 5) through the page, on the demo data seen on 20 February 2023, with Ranong's
/// history loaded through the department's import: 8501 has October 2021 (1,500.00 over two producers), April 2022
/// (300.00), October 2022 (1,650.00: +10 %) and November 2022 (200.00, nothing the year before); 8502 has October 2022
/// (350.00) and a draft February 2023 (50.00).
/// </summary>
public sealed class TrendsPageTests(TrendsPageTests.RanongHistoryApp app) : IClassFixture<TrendsPageTests.RanongHistoryApp>
{
    public sealed class RanongHistoryApp() : OtopApp(seedDemo: true)
    {
        private Task? _seeded;

        public Task SeedAsync() => _seeded ??= SeedOnceAsync();

        private async Task SeedOnceAsync()
        {
            var first = await this.ProducersAsync("8501", 2);
            var second = await this.ProducersAsync("8502", 1);
            var admin = await ClientAsAsync("DepartmentAdmin", "0");
            await admin.ImportHistoryAsync((first[0], "2021-10", 1000m), (first[1], "2021-10", 500m), (first[0], "2022-04", 300m),
                (first[0], "2022-10", 1100m), (first[1], "2022-10", 550m), (first[0], "2022-11", 200m), (second[0], "2022-10", 350m));
            // February 2023 of 8502 is a draft: saved, not certified (the KPI would not count it, รต.4 prints it).
            var officer = await ClientAsAsync("DistrictOfficer", "8502");
            var version = (await (await officer.GetAsync("/api/v1/revenue/8502/2023-02")).JsonAsync()).GetProperty("version").GetInt32();
            await (await officer.PutMonthAsync("8502", "2023-02", Entries(second, 50m), version)).JsonAsync();
        }
    }

    /// <summary>The table's cell of a row (month-10, round1, round2, total) and fiscal year: its amount and its change ("" = "–").</summary>
    private static (string Amount, string Change) Cell(string page, string row, int fiscalYear)
    {
        var line = Regex.Match(page, $"<tr data-row=\"{row}\"[^>]*>(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;
        line.ShouldNotBeEmpty($"row {row}");
        var amount = Regex.Match(line, $"data-year=\"{fiscalYear}\" data-amount=\"([^\"]*)\"");
        var change = Regex.Match(line, $"data-year=\"{fiscalYear}\" data-change=\"([^\"]*)\">([^<]*)<");
        amount.Success.ShouldBeTrue($"row {row} year {fiscalYear}");
        if (change.Groups[1].Value.Length == 0) change.Groups[2].Value.ShouldBe("–");
        return (amount.Groups[1].Value, change.Groups[1].Value);
    }

    private async Task<string> PageAsync(HttpClient client, string query)
    {
        await app.SeedAsync();
        var response = await client.GetAsync($"/Revenue/Trends?{query}");
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return body;
    }

    [Fact]
    public async Task ADistrictsTable_ShowsItsImportedMonths_TheRoundSubtotals_AndTheChangeAgainstLastYear()
    {
        var page = await PageAsync(await app.SignedInAsync("ProvinceOfficer", "85"), "unit=8501&fiscalYear=2566");

        Cell(page, "month-10", 2565).ShouldBe(("1500.00", ""), "nothing stored for October 2020");
        Cell(page, "month-10", 2566).ShouldBe(("1650.00", "10.00"));
        Cell(page, "month-11", 2566).ShouldBe(("200.00", ""), "November 2021 has no data");
        Cell(page, "month-12", 2566).ShouldBe(("", ""));
        Cell(page, "round1", 2566).ShouldBe(("1850.00", "10.00"), "the round compares the months both years have: October");
        Cell(page, "round2", 2565).ShouldBe(("300.00", ""));
        Cell(page, "round2", 2566).ShouldBe(("", ""));
        Cell(page, "total", 2565).ShouldBe(("1800.00", ""));
        Cell(page, "total", 2566).ShouldBe(("1850.00", "10.00"));
        WebUtility.HtmlDecode(page).ShouldContain("+10.00%");
        page.ShouldContain("ปีงบประมาณ 2562");
        page.ShouldNotContain("ปีงบประมาณ 2561", Case.Sensitive, "the current year and the four before it by default");
    }

    [Fact]
    public async Task AProvincesMonth_IsTheSumOfItsDistricts()
    {
        var client = await app.SignedInAsync("ProvinceOfficer", "85");
        var province = await PageAsync(client, "unit=85&fiscalYear=2566");
        var first = await PageAsync(client, "unit=8501&fiscalYear=2566");
        var second = await PageAsync(client, "unit=8502&fiscalYear=2566");

        Cell(province, "month-10", 2566).ShouldBe(("2000.00", "33.33"));
        decimal.Parse(Cell(province, "month-10", 2566).Amount, CultureInfo.InvariantCulture).ShouldBe(
            decimal.Parse(Cell(first, "month-10", 2566).Amount, CultureInfo.InvariantCulture) + decimal.Parse(Cell(second, "month-10", 2566).Amount, CultureInfo.InvariantCulture));
        Cell(province, "round1", 2566).ShouldBe(("2250.00", "33.33"), "8502's draft February counts; the change compares October only");
    }

    [Fact]
    public async Task TheNationsMonth_IsTheSumOfEveryDistrictsStoredMonth()
    {
        var page = await PageAsync(await app.SignedInAsync("DepartmentAdmin", "0"), "fiscalYear=2566");
        var stored = await app.WithDbAsync(async db => (await db.RevenueMonths.Where(m => m.Month == "2022-10").Select(m => m.Total).ToListAsync()).Sum());

        page.ShouldContain("ทั้งประเทศ");
        Cell(page, "month-10", 2566).Amount.ShouldBe(stored.ToString("0.00", CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task AProvincesMonths_AgreeWithItsPrintedRt4_WhateverTheMonthsStatus()
    {
        var page = await PageAsync(await app.SignedInAsync("ProvinceOfficer", "85"), "unit=85&fiscalYear=2566");
        var rt4 = await ReportFilesRead.XlsxAsync(await app.ClientAsAsync("ProvinceOfficer", "85"), "rt4", "province=85&month=2023-02");
        var draft = await app.WithDbAsync(db => db.RevenueMonths.Where(m => m.DistrictCode == "8502" && m.Month == "2023-02").Select(m => m.Status).SingleAsync());

        RevenueTargets.Counts(draft).ShouldBeFalse("a draft, which the KPI would not count but รต.4 prints");
        var total = rt4[^1];
        total[2].ShouldBe("รวมทั้งจังหวัด");
        foreach (var (row, column) in new[] { ("month-10", 3), ("month-11", 4), ("month-12", 5), ("month-01", 6), ("month-02", 7) })
        {
            var printed = total[column] is decimal d ? d.ToString("0.00", CultureInfo.InvariantCulture) : "";
            Cell(page, row, 2566).Amount.ShouldBe(printed, row);
        }
        Cell(page, "month-02", 2566).Amount.ShouldBe("50.00");
    }

    [Theory]
    [InlineData("ProvinceOfficer", "85", "unit=27")]
    [InlineData("ProvinceOfficer", "85", "unit=2701")]
    [InlineData("DistrictOfficer", "8501", "unit=8502")]
    [InlineData("DistrictOfficer", "8501", "unit=85")]
    [InlineData("Viewer", "85", "unit=0")]
    [InlineData("DepartmentAdmin", "0", "unit=9999")]
    public async Task AUnitOutsideTheCallersScope_IsNotThere(string role, string unit, string query)
    {
        var client = await app.SignedInAsync(role, unit);

        var response = await client.GetAsync($"/Revenue/Trends?{query}&fiscalYear=2566");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task WithoutAUnit_ADistrictSeesItsOwnYears_AndTheYearCountIsChosen()
    {
        var page = await PageAsync(await app.SignedInAsync("DistrictOfficer", "8501"), "years=2");

        page.ShouldContain("อำเภอ");
        Cell(page, "month-10", 2566).ShouldBe(("1650.00", "10.00"));
        page.ShouldContain("ปีงบประมาณ 2565–2566");
        page.ShouldNotContain("data-year=\"2564\"");
    }

    [Theory]
    [InlineData("fiscalYear=abc", "ต้องเป็นปี พ.ศ. ระหว่าง 2400 ถึง 2700")]
    [InlineData("fiscalYear=3000", "ต้องเป็นปี พ.ศ. ระหว่าง 2400 ถึง 2700")]
    [InlineData("fiscalYear=2566&years=0", "จำนวนปี (years) ต้องเป็นตัวเลข 1 ถึง 10")]
    [InlineData("fiscalYear=2566&years=abc", "จำนวนปี (years) ต้องเป็นตัวเลข 1 ถึง 10")]
    [InlineData("fiscalYear=2566&years=11", "จำนวนปี (years) ต้องเป็นตัวเลข 1 ถึง 10")]
    [InlineData("fiscalYear=2401&years=5", "ย้อนหลัง 5 ปีเกินช่วงที่ระบบรองรับ")]
    public async Task AnUnreadableYearOrYearCount_IsAThaiMessage_NotAServerError(string query, string message)
    {
        var province = await app.SignedInAsync("ProvinceOfficer", "85");

        var response = await province.GetAsync($"/Revenue/Trends?unit=85&{query}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain(message);
    }

    [Fact]
    public async Task TheRevenueMenuAndTheDashboard_LinkToTheTrends()
    {
        var client = await app.SignedInAsync("ProvinceOfficer", "85");
        await app.SeedAsync();

        var dashboard = await client.GetStringAsync("/Revenue/Dashboard?unit=85&fiscalYear=2566");

        dashboard.ShouldContain("href=\"/Revenue/Trends\" data-testid=\"nav-trends\"");
        dashboard.ShouldContain("href=\"/Revenue/Trends?unit=85&fiscalYear=2566\"");
    }

    [Theory]
    [InlineData("/Revenue/Dashboard")]
    [InlineData("/Revenue/ReportingRates")]
    [InlineData("/Revenue/Trends")]
    public async Task AUnitTypedInThaiDigitsWithSpaces_IsTheSameUnitOnEachRevenuePage(string path)
    {
        var client = await app.SignedInAsync("ProvinceOfficer", "85");
        await app.SeedAsync();
        var name = await app.WithDbAsync(db => db.OrgUnits.Where(o => o.Code == "8501").Select(o => o.NameTh).SingleAsync());

        var response = await client.GetAsync($"{path}?unit=%20%E0%B9%98%E0%B9%95%E0%B9%90%E0%B9%91%20&fiscalYear=2566"); // " ๘๕๐๑ "
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        response.StatusCode.ShouldBe(HttpStatusCode.OK, page);
        page.ShouldContain("อำเภอ" + name);
        page.ShouldContain($"name=\"unit\" value=\"8501 อำเภอ{name}\""); // the unit picker shows the unit chosen
    }
}

using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Tests.Infrastructure;
using Otop.Web.Features.Registry;
using Otop.Web.Features.Revenue;

namespace Otop.Web.Tests.Reports;

/// <summary>Every form's XLSX and CSV carry exactly the JSON's numbers (docs/decisions/006-documents.md), read back from the files.</summary>
public sealed class ReportNumbersTests(DemoApp app) : IClassFixture<DemoApp>
{
    private const int FirstDataRow = 4; // three title rows, then the header row (0-based)

    public static TheoryData<string, string> Forms => new()
    {
        { "online-market-targets", "fiscalYear=2564&round=1&province=27" },
        { "online-market-results", "fiscalYear=2564&round=1&province=27" },
        { "rt1", "district=2701&month=2023-01" },
        { "rt2", "district=2701&month=2023-01" },
        { "rt3", "district=2701&month=2023-01" },
        { "rt4", "province=27&month=2023-01" },
        { "revenue-estimate", "district=2701&fiscalYear=2566" },
        { "online-market-survey", "district=2704&fiscalYear=2564&round=1" },
        { "online-market-result-report", "district=2701&fiscalYear=2564&round=1" },
    };

    [Fact]
    public async Task Rt1AndRt2_HaveEachProducersAmountAndTheTotal_OfTheRevenueMonthJson()
    {
        var client = await app.ClientAsAsync("ProvinceOfficer", "27");
        var json = await (await client.GetAsync("/api/v1/revenue/2701/2023-01")).JsonAsync();

        var rt1 = await ReportFilesRead.XlsxAsync(client, "rt1", "district=2701&month=2023-01");
        var rt2 = await ReportFilesRead.XlsxAsync(client, "rt2", "district=2701&month=2023-01");

        foreach (var rows in new[] { rt1, rt2 })
        {
            rows[3][4].ShouldBe("รายได้ (บาท)");
            var data = rows.Skip(FirstDataRow).SkipLast(1).ToList();
            foreach (var entry in json.GetProperty("entries").EnumerateArray())
            {
                var row = data.Single(r => (string?)r[1] == entry.GetProperty("entrepreneurCode").GetString());
                row[4].ShouldBe(entry.GetProperty("amount").GetDecimal());
            }
            rows[^1][4].ShouldBe(json.GetProperty("total").GetDecimal());
        }
        rt2.Count.ShouldBe(FirstDataRow + json.GetProperty("entries").GetArrayLength() + 1);
        rt1.Count.ShouldBeGreaterThanOrEqualTo(rt2.Count);
    }

    [Fact]
    public async Task Rt3_HasEachProducerEachMonth_AndTotalsEqualTheMonthsJson()
    {
        var client = await app.ClientAsAsync("DistrictOfficer", "2701");
        string[] months = ["2022-10", "2022-11", "2022-12", "2023-01"];
        var jsons = new List<JsonElement>();
        foreach (var m in months) jsons.Add(await (await client.GetAsync($"/api/v1/revenue/2701/{m}")).JsonAsync());
        var baseline = 0m;
        foreach (var m in new[] { "2021-10", "2021-11", "2021-12", "2022-01" }) baseline += (await (await client.GetAsync($"/api/v1/revenue/2701/{m}")).JsonAsync()).GetProperty("total").GetDecimal();

        var rows = await ReportFilesRead.XlsxAsync(client, "rt3", "district=2701&month=2023-01");

        var data = rows.Skip(FirstDataRow).SkipLast(1).ToList();
        for (var i = 0; i < months.Length; i++)
        {
            foreach (var entry in jsons[i].GetProperty("entries").EnumerateArray())
            {
                data.Single(r => (string?)r[1] == entry.GetProperty("entrepreneurCode").GetString())[3 + i].ShouldBe(entry.GetProperty("amount").GetDecimal());
            }
            rows[^1][3 + i].ShouldBe(jsons[i].GetProperty("total").GetDecimal());
        }
        var cumulative = jsons.Sum(j => j.GetProperty("total").GetDecimal());
        rows[^1][7].ShouldBe(cumulative);
        rows[^1][8].ShouldBe(baseline);
        rows[^1][9].ShouldBe(Math.Round((cumulative - baseline) / baseline * 100m, 2, MidpointRounding.AwayFromZero));
    }

    [Fact]
    public async Task Rt4_CumulativeBaselineAndIncrease_EqualTheRevenueKpiJson_ForEveryDistrictAndTheProvince()
    {
        // Demo clock 20 Feb 2023: round 1 counts October to January, which is rt4 through January.
        var client = await app.ClientAsAsync("ProvinceOfficer", "27");
        var kpi = await (await client.GetAsync("/api/v1/kpi/revenue/results?fiscalYear=2566&round=1&province=27")).JsonAsync();
        var january = await (await client.GetAsync("/api/v1/revenue/2703/2023-01")).JsonAsync();

        var rows = await ReportFilesRead.XlsxAsync(client, "rt4", "province=27&month=2023-01");

        var data = rows.Skip(FirstDataRow).SkipLast(1).ToList();
        data.Count.ShouldBe(9);
        foreach (var k in kpi.GetProperty("rows").EnumerateArray())
        {
            var row = data.Single(r => (string?)r[1] == k.GetProperty("districtCode").GetString());
            row[7].ShouldBe(k.GetProperty("revenue").GetDecimal());
            row[8].ShouldBe(k.GetProperty("baseline").GetDecimal());
            row[9].ShouldBe(k.GetProperty("increasePercent").GetDecimal());
        }
        var total = kpi.GetProperty("total");
        rows[^1][7].ShouldBe(total.GetProperty("revenue").GetDecimal());
        rows[^1][8].ShouldBe(total.GetProperty("baseline").GetDecimal());
        rows[^1][9].ShouldBe(total.GetProperty("increasePercent").GetDecimal());
        data.Single(r => (string?)r[1] == "2703")[6].ShouldBe(january.GetProperty("total").GetDecimal());
        rows[^1][2].ShouldBe("รวมทั้งจังหวัด");
    }

    [Fact]
    public async Task TheNationalRt4_HasOneRowPerProvince_EachEqualToItsProvincesRt4Total_AndTheNationSumsThem()
    {
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        var province = await app.ClientAsAsync("ProvinceOfficer", "27");
        var provinces = await app.WithDbAsync(db => db.OrgUnits.CountAsync(o => o.Level == Otop.Web.Platform.Data.OrgLevel.Province
            && db.OrgUnits.Any(d => d.ParentCode == o.Code && d.Level == Otop.Web.Platform.Data.OrgLevel.District)));

        var nation = await ReportFilesRead.XlsxAsync(admin, "rt4", "province=0&month=2023-01");
        var sakaeo = await ReportFilesRead.XlsxAsync(admin, "rt4", "province=27&month=2023-01");
        var refused = await province.GetAsync("/api/v1/reports/rt4?province=0&month=2023-01&format=csv");

        var data = nation.Skip(FirstDataRow).SkipLast(1).ToList();
        data.Count.ShouldBe(provinces);
        nation[FirstDataRow - 1][1].ShouldBe("รหัสจังหวัด");
        var row27 = data.Single(r => (string?)r[1] == "27");
        for (var column = 3; column <= 9; column++)
        {
            row27[column].ShouldBe(sakaeo[^1][column], $"column {column}");
        }
        // Months and the cumulative figure add up over the provinces; the increase is recomputed from the sums.
        for (var column = 3; column <= 8; column++)
        {
            nation[^1][column].ShouldBe(data.Any(r => r[column] is decimal) ? data.Sum(r => r[column] as decimal? ?? 0m) : null, $"column {column}");
        }
        nation[^1][2].ShouldBe("รวมทั้งประเทศ");
        ((decimal)nation[^1][7]!).ShouldBeGreaterThan(0m);
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task RevenueEstimate_HasEachProducersYearAndTheDistrictTotal_AsStored()
    {
        var client = await app.ClientAsAsync("ProvinceOfficer", "27");
        var stored = await app.WithDbAsync(db => db.RevenueEstimates.AsNoTracking().Include(e => e.Lines).ThenInclude(l => l.Entrepreneur)
            .SingleAsync(e => e.DistrictCode == "2701" && e.FiscalYear == 2566));

        var rows = await ReportFilesRead.XlsxAsync(client, "revenue-estimate", "district=2701&fiscalYear=2566");

        rows[^1][15].ShouldBe(stored.Total);
        foreach (var producer in stored.Lines.GroupBy(l => l.Entrepreneur.Code))
        {
            rows.Single(r => r.Length > 1 && (string?)r[1] == producer.Key)[15].ShouldBe(producer.Sum(l => l.Amount));
        }
        rows[3][3].ShouldBe("ต.ค. 65");
    }

    [Fact]
    public async Task OnlineMarketReports_HaveTheTargetsAndResultsJson()
    {
        var client = await app.ClientAsAsync("ProvinceOfficer", "27");
        var targets = await (await client.GetAsync("/api/v1/kpi/online-market/targets?fiscalYear=2564&round=1&province=27")).JsonAsync();
        var results = await (await client.GetAsync("/api/v1/kpi/online-market/results?fiscalYear=2564&round=1&province=27")).JsonAsync();

        var t = await ReportFilesRead.XlsxAsync(client, "online-market-targets", "fiscalYear=2564&round=1&province=27");
        var r = await ReportFilesRead.XlsxAsync(client, "online-market-results", "fiscalYear=2564&round=1&province=27");

        foreach (var row in targets.GetProperty("rows").EnumerateArray())
        {
            var x = t.Single(c => c.Length > 1 && (string?)c[1] == row.GetProperty("districtCode").GetString());
            x[3].ShouldBe(row.GetProperty("entrepreneurs").GetDecimal());
            x[4].ShouldBe(row.GetProperty("products").GetDecimal());
            x.Skip(5).Take(5).ShouldBe(row.GetProperty("thresholds").EnumerateArray().Select(v => (object?)v.GetDecimal()));
        }
        foreach (var row in results.GetProperty("rows").EnumerateArray())
        {
            var x = r.Single(c => c.Length > 1 && (string?)c[1] == row.GetProperty("districtCode").GetString());
            x[4].ShouldBe(row.GetProperty("productsOnline").GetDecimal());
            x[5].ShouldBe(row.GetProperty("percent").GetDecimal());
        }
        r[^1][3].ShouldBe(results.GetProperty("total").GetProperty("products").GetDecimal());
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task EveryForm_CsvTotalLine_HasTheXlsxTotals(string form, string query)
    {
        var client = await app.ClientAsAsync("ProvinceOfficer", "27");

        var xlsx = await ReportFilesRead.XlsxAsync(client, form, query);
        var csvResponse = await client.GetAsync($"/api/v1/reports/{form}?{query}&format=csv");

        csvResponse.StatusCode.ShouldBe(HttpStatusCode.OK);
        var csv = ReportFilesRead.CsvLines(await csvResponse.Content.ReadAsByteArrayAsync());
        var xlsxNumbers = xlsx[^1].OfType<decimal>().ToList();
        var csvNumbers = csv[^1].Split(',').Where(c => decimal.TryParse(c, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
            .Select(c => decimal.Parse(c, CultureInfo.InvariantCulture)).ToList();
        csvNumbers.ShouldBe(xlsxNumbers);
        xlsxNumbers.ShouldNotBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task EveryForm_Xlsx_HasThaiTitles_A4PrintSetup_AndRowsTallEnoughForThai(string form, string query)
    {
        var client = await app.ClientAsAsync("ProvinceOfficer", "27");

        var response = await client.GetAsync($"/api/v1/reports/{form}?{query}&format=xlsx");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var doc = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        // The first sheet (a form to fill, such as รต.1, also carries a hidden sheet of facts).
        var first = doc.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().First();
        var sheet = ((DocumentFormat.OpenXml.Packaging.WorksheetPart)doc.WorkbookPart.GetPartById(first.Id!.Value!)).Worksheet;
        sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.PageSetup>().Single().PaperSize!.Value.ShouldBe(9u);
        sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().All(r => r.Height!.Value >= 22).ShouldBeTrue();
        ReportFilesRead.Xlsx(bytes)[0][0]!.ToString()!.ShouldMatch(@"[\u0E00-\u0E7F]");
    }

    [Fact]
    public async Task Scope_AnotherDistrictIs403_AnUnknownDistrict404_AndNoTokenIs401()
    {
        var khlonghat = await app.ClientAsAsync("DistrictOfficer", "2702");
        var province = await app.ClientAsAsync("ProvinceOfficer", "27");

        await (await khlonghat.GetAsync("/api/v1/reports/rt2?district=2701&month=2023-01&format=xlsx")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await khlonghat.GetAsync("/api/v1/reports/rt4?province=27&month=2023-01&format=xlsx")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await province.GetAsync("/api/v1/reports/rt4?province=30&month=2023-01&format=csv")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await province.GetAsync("/api/v1/reports/rt3?district=2799&month=2023-01&format=csv")).ProblemAsync(HttpStatusCode.NotFound);
        await (await province.GetAsync("/api/v1/reports/rt2?district=2701&format=csv")).ProblemAsync((HttpStatusCode)422);
        await (await province.GetAsync("/api/v1/reports/rt2?district=2701&month=2023-01&format=docx")).ProblemAsync((HttpStatusCode)422);
        (await app.CreateClient().GetAsync("/api/v1/reports/rt2?district=2701&month=2023-01&format=csv")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}

using System.Net;
using System.Text.Json;
using Otop.Domain;
using Otop.Web.Features.OnlineMarket;
using Otop.Web.Platform.Data;
using Otop.Web.Tests.Infrastructure;
using Otop.Web.Tests.Reports;
using static Otop.Web.Tests.Revenue.RevenueTestData;

namespace Otop.Web.Tests.Revenue;

/// <summary>
/// Issue 17 item 7: letter 2's target table for the nation (<c>province=0</c>, the department), one row per province, named
/// as the national online-market results name theirs; each row is that province's own table summed, published baselines included.
/// </summary>
public sealed class NationalRevenueTargetsTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    private const string Round = "fiscalYear=2570&round=1";

    private static decimal[] Decimals(JsonElement array) => [.. array.EnumerateArray().Select(t => t.GetDecimal())];

    /// <summary>Baselines in two provinces; Chanthaburi (22) publishes, then its history is corrected, which the published table does not follow.</summary>
    private async Task<HttpClient> SeedAsync()
    {
        await app.SeedRevenueIndicatorAsync(2570);
        app.Clock.Now = Bangkok(2026, 10, 20);
        var (a, b, c) = ((await app.ProducersAsync("2201", 1))[0], (await app.ProducersAsync("2202", 1))[0], (await app.ProducersAsync("5001", 1))[0]);
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        await admin.ImportHistoryAsync((a, "2025-10", 1000.10m), (a, "2025-11", 234.45m), (b, "2026-03", 99.99m), (c, "2025-12", 5000m));
        var province = await app.ClientAsAsync("ProvinceOfficer", "22");
        (await province.PostJsonAsync($"/api/v1/kpi/revenue/targets/publish?{Round}&province=22&republish=true", new { })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await admin.ImportHistoryAsync((a, "2025-10", 2000m));
        return admin;
    }

    [Fact]
    public async Task TheNationsTargetTable_HasOneRowPerProvince_EachTheSumOfThatProvincesOwnTable_WithThresholdsAsTheContractSays()
    {
        var admin = await SeedAsync();

        var nation = await (await admin.GetAsync($"/api/v1/kpi/revenue/targets?{Round}&province=0")).JsonAsync();

        nation.GetProperty("province").GetString().ShouldBe("0");
        var percents = Decimals(nation.GetProperty("percents"));
        var rows = nation.GetProperty("rows").EnumerateArray().ToList();
        var provinces = app.WithDb(db => db.OrgUnits.Where(o => o.Level == OrgLevel.Province).Select(o => o.Code).OrderBy(c => c).ToList());
        rows.Select(r => r.GetProperty("provinceCode").GetString()).ShouldBe(provinces);
        var sum = 0m;
        foreach (var row in rows)
        {
            var code = row.GetProperty("provinceCode").GetString();
            var own = await (await admin.GetAsync($"/api/v1/kpi/revenue/targets?{Round}&province={code}")).JsonAsync();
            var baseline = own.GetProperty("total").GetProperty("baseline").GetDecimal();
            row.GetProperty("baseline").GetDecimal().ShouldBe(baseline, $"province {code}");
            row.GetProperty("provinceName").GetString().ShouldNotBeNullOrEmpty();
            row.GetProperty("districts").GetInt32().ShouldBe(own.GetProperty("rows").GetArrayLength());
            row.GetProperty("publishedDistricts").GetInt32().ShouldBe(own.GetProperty("published").GetBoolean() ? own.GetProperty("rows").GetArrayLength() : 0);
            Decimals(row.GetProperty("thresholds")).ShouldBe(baseline == 0m ? [] : [.. percents.Select(p => RevenueTargets.Threshold(baseline, p))]);
            sum += baseline;
        }
        nation.GetProperty("total").GetProperty("baseline").GetDecimal().ShouldBe(sum);
        nation.GetProperty("publishedProvinces").GetInt32().ShouldBe(1);
        // Chanthaburi's row keeps the published baselines, not the history corrected after publishing.
        var chanthaburi = rows.Single(r => r.GetProperty("provinceCode").GetString() == "22");
        var ownRows = (await (await admin.GetAsync($"/api/v1/kpi/revenue/targets?{Round}&province=22")).JsonAsync()).GetProperty("rows").EnumerateArray().ToList();
        var current = ownRows.Sum(r => r.TryGetProperty("currentBaseline", out var cb) && cb.ValueKind == JsonValueKind.Number ? cb.GetDecimal() : r.GetProperty("baseline").GetDecimal());
        chanthaburi.GetProperty("baseline").GetDecimal().ShouldBe(ownRows.Sum(r => r.GetProperty("baseline").GetDecimal()));
        chanthaburi.GetProperty("baseline").GetDecimal().ShouldNotBe(current);
        chanthaburi.GetProperty("publishedDistricts").GetInt32().ShouldBe(chanthaburi.GetProperty("districts").GetInt32());
        rows.Single(r => r.GetProperty("provinceCode").GetString() == "50").GetProperty("publishedDistricts").GetInt32().ShouldBe(0);
        var empty = rows.Single(r => r.GetProperty("provinceCode").GetString() == "30");
        empty.GetProperty("baseline").GetDecimal().ShouldBe(0m);
        empty.GetProperty("unscored").GetString().ShouldBe("no-baseline");
    }

    [Theory]
    [InlineData("ProvinceOfficer", "22")]
    [InlineData("DistrictHead", "2201")]
    public async Task AnyoneButTheDepartment_AskingForTheNationsTargets_Gets403(string role, string unit)
    {
        await app.SeedRevenueIndicatorAsync(2570);
        var client = await app.ClientAsAsync(role, unit);

        await (await client.GetAsync($"/api/v1/kpi/revenue/targets?{Round}&province=0")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await client.GetAsync($"/api/v1/reports/revenue-targets?{Round}&province=0&format=csv")).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task TheNationsTargetsXlsx_CarriesTheSameNumbersAsTheJson_OneRowPerProvince()
    {
        var admin = await SeedAsync();
        var json = await (await admin.GetAsync($"/api/v1/kpi/revenue/targets?{Round}&province=0")).JsonAsync();

        var response = await admin.GetAsync($"/api/v1/reports/revenue-targets?{Round}&province=0&format=xlsx");
        var sheet = ReportFilesRead.Xlsx(await response.Content.ReadAsByteArrayAsync());

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        sheet[1][0].ShouldBe("รอบการประเมินที่ 1 ประจำปีงบประมาณ พ.ศ. 2570 ( เดือนตุลาคม 2569 - มีนาคม 2570 )");
        foreach (var code in new[] { "22", "50" })
        {
            var expected = json.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("provinceCode").GetString() == code);
            var row = sheet.Single(r => r.Length > 1 && Equals(r[1], code));
            row[5].ShouldBe(expected.GetProperty("baseline").GetDecimal());
            row.Skip(6).Take(5).Cast<decimal>().ShouldBe(Decimals(expected.GetProperty("thresholds")));
        }
        sheet.Single(r => r.Length > 2 && Equals(r[2], "รวมทั้งประเทศ"))[5].ShouldBe(json.GetProperty("total").GetProperty("baseline").GetDecimal());
    }

    [Fact]
    public async Task TheTargetsPages_OfferTheNationToTheDepartment_WithItsDownload()
    {
        await SeedAsync();
        var department = await app.SignedInAsync("DepartmentAdmin", "0");

        var revenue = await department.GetStringAsync($"/Revenue/Targets?{Round}&province=0");

        revenue.ShouldContain("ทั้งประเทศ (รายจังหวัด)");
        revenue.ShouldContain("data-testid=\"national-targets-table\"");
        revenue.ShouldContain("<tr data-province=\"22\">");
        revenue.ShouldContain("revenue-targets?fiscalYear=2570&amp;round=1&amp;province=0");
        revenue.ShouldNotContain("data-testid=\"publish\"");
    }
}

/// <summary>Letter 1's target table for the nation on the page (FY 2564 of the demo): every district of the country, as the API's province=0.</summary>
public sealed class NationalOnlineMarketTargetsTests(DemoApp app) : IClassFixture<DemoApp>
{
    private const string Round = "fiscalYear=2564&round=1";

    [Fact]
    public async Task TheOnlineMarketTargetsPage_OffersTheNationToTheDepartment_WithEveryDistrictAndItsDownload_ButNoPublishing()
    {
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        var department = await app.SignedInAsync("DepartmentAdmin", "0");
        var json = await (await admin.GetAsync($"/api/v1/kpi/online-market/targets?{Round}&province=0")).JsonAsync();

        var html = await department.GetStringAsync($"/OnlineMarket/Targets?{Round}&province=0");
        var publish = await admin.PostJsonAsync("/api/v1/kpi/online-market/targets/publish", new { fiscalYear = 2564, round = 1, province = "0" });

        var districts = app.WithDb(db => db.OrgUnits.Count(o => o.Level == OrgLevel.District));
        json.GetProperty("rows").GetArrayLength().ShouldBe(districts);
        html.ShouldContain("ทั้งประเทศ ทุกอำเภอ");
        html.ShouldContain("<option value=\"0\" selected=\"selected\">ทั้งประเทศ (ทุกอำเภอ)</option>");
        html.ShouldContain("online-market-targets?fiscalYear=2564&amp;round=1&amp;province=0");
        html.ShouldNotContain("data-testid=\"publish\"");
        await publish.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        app.WithDb(db => db.PublishedTargets.Count(t => t.ProvinceCode == "0")).ShouldBe(0);
    }
}

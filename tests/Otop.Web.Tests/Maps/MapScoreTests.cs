using System.Text.Json;
using System.Text.RegularExpressions;
using Otop.Domain;
using Otop.Web.Tests.Infrastructure;
using static Otop.Web.Tests.Revenue.RevenueTestData;

namespace Otop.Web.Tests.Maps;

/// <summary>Issue 17 item 3: the score maps colour each unit by the score its indicator's results API gives it, and a unit without one is "no data".</summary>
public static partial class MapRegions
{
    [GeneratedRegex("""data-testid="region" data-code="(?<code>\d+)" data-class="(?<cls>\d)">""")]
    private static partial Regex RegionTag();

    [GeneratedRegex("""<tr data-code="(?<code>\d+)" data-class="(?<cls>\d)">""")]
    private static partial Regex TableRowTag();

    /// <summary>Each unit's class on the map, checked to be the same class as its row in the table beside it.</summary>
    public static Dictionary<string, int> ClassesOf(string html)
    {
        var map = RegionTag().Matches(html).ToDictionary(m => m.Groups["code"].Value, m => int.Parse(m.Groups["cls"].Value));
        var table = TableRowTag().Matches(html).ToDictionary(m => m.Groups["code"].Value, m => int.Parse(m.Groups["cls"].Value));
        table.ShouldBe(map);
        return map;
    }

    public static int ClassOf(JsonElement score) =>
        ChoroplethClasses.Of(score.ValueKind == JsonValueKind.Null ? null : score.GetDecimal(), ChoroplethClasses.ScoreBreaks);
}

public sealed class MapRevenueScoreTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    private const string Round = "fiscalYear=2566&round=1";

    [Fact]
    public async Task TheRevenueScoreMaps_ColourEachDistrictAndProvinceByTheScoreOfTheResultsApi_AndADistrictWithoutABaselineIsNoData()
    {
        app.Clock.Now = Bangkok(2022, 12, 15); // round 1 of FY 2566: October and November have ended
        await app.SeedRevenueIndicatorAsync(2566);
        var (a, b, c) = ((await app.ProducersAsync("3301", 1))[0], (await app.ProducersAsync("3302", 1))[0], (await app.ProducersAsync("3303", 1))[0]);
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        await admin.ImportHistoryAsync((a, "2021-10", 1000m), (a, "2022-10", 1125m), (b, "2021-11", 2000m), (b, "2022-11", 2050m),
            (c, "2022-10", 700m)); // 3303 sold this year but had nothing the year before: no baseline, no score
        var department = await app.SignedInAsync("DepartmentAdmin", "0");

        var api = await (await admin.GetAsync($"/api/v1/kpi/revenue/results?{Round}&province=33")).JsonAsync();
        var province = MapRegions.ClassesOf(await department.GetStringAsync($"/Maps?province=33&measure=revenue-score&{Round}"));
        var nation = MapRegions.ClassesOf(await department.GetStringAsync($"/Maps?measure=revenue-score&{Round}"));

        var rows = api.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("districtCode").GetString()!);
        foreach (var (code, row) in rows) province[code].ShouldBe(MapRegions.ClassOf(row.GetProperty("score")), $"district {code}");
        // The figures differ, so the test tells the classes apart; the one without a baseline is not drawn as the lowest class.
        province["3301"].ShouldNotBe(province["3302"]);
        province["3301"].ShouldNotBe(ChoroplethClasses.NoData);
        province["3303"].ShouldBe(ChoroplethClasses.NoData);
        rows["3303"].GetProperty("unscored").GetString().ShouldBe("no-baseline");
        // The nation's map: a province is scored as its own call's total.
        nation["33"].ShouldBe(MapRegions.ClassOf(api.GetProperty("total").GetProperty("score")));
        nation["33"].ShouldNotBe(ChoroplethClasses.NoData);
        nation.Where(p => p.Key != "33").ShouldAllBe(p => p.Value == ChoroplethClasses.NoData);
    }

    [Fact]
    public async Task TheRevenueScoreMap_SaysNoDataInWords_AndGivesTheRoundsBandsInTheLegend()
    {
        app.Clock.Now = Bangkok(2022, 12, 15);
        await app.SeedRevenueIndicatorAsync(2566);
        var department = await app.SignedInAsync("DepartmentAdmin", "0");

        var html = await department.GetStringAsync($"/Maps?province=34&measure=revenue-score&{Round}");

        MapRegions.ClassesOf(html).Values.ShouldAllBe(c => c == ChoroplethClasses.NoData);
        html.ShouldContain("ไม่มีข้อมูล");
        html.ShouldContain("fill=\"url(#map-nodata)\"");
        html.ShouldContain("data-testid=\"map-criteria\"");
        foreach (var words in ChoroplethClasses.BandsInWords(new ScoreTable([.. new[] { 1, 2, 3, 4, 5 }.Select(s => new ScoreBand(s, s * 2m))])))
            html.ShouldContain(words);
        foreach (var label in ChoroplethClasses.ScoreLabels()) html.ShouldContain(label);
    }
}

/// <summary>Letter 1's FY 2564 round 1 on the demo data (Sa Kaeo, 27, carries the registry).</summary>
public sealed class MapOnlineScoreTests(DemoApp app) : IClassFixture<DemoApp>
{
    private const string Round = "fiscalYear=2564&round=1";

    [Fact]
    public async Task TheOnlineScoreMaps_ColourEachUnitByTheScoreOfTheOnlineMarketResultsApi_AndAUnitWithoutProductsIsNoData()
    {
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        var department = await app.SignedInAsync("DepartmentAdmin", "0");

        var nationApi = await (await admin.GetAsync($"/api/v1/kpi/online-market/results?{Round}&province=0")).JsonAsync();
        var provinceApi = await (await admin.GetAsync($"/api/v1/kpi/online-market/results?{Round}&province=27")).JsonAsync();
        var nationHtml = await department.GetStringAsync($"/Maps?measure=online-score&{Round}");
        var provinceHtml = await department.GetStringAsync($"/Maps?province=27&measure=online-score&{Round}");

        var nation = MapRegions.ClassesOf(nationHtml);
        foreach (var row in nationApi.GetProperty("rows").EnumerateArray())
        {
            var code = row.GetProperty("provinceCode").GetString()!;
            var expected = row.GetProperty("products").GetInt32() == 0 ? ChoroplethClasses.NoData : MapRegions.ClassOf(row.GetProperty("score"));
            nation[code].ShouldBe(expected, $"province {code}");
        }
        nation["27"].ShouldNotBe(ChoroplethClasses.NoData);
        nation.Values.ShouldContain(ChoroplethClasses.NoData);
        nationHtml.ShouldContain("ไม่มีผลิตภัณฑ์ในทะเบียน");
        var districts = MapRegions.ClassesOf(provinceHtml);
        var rows = provinceApi.GetProperty("rows").EnumerateArray().ToList();
        rows.Count.ShouldBe(districts.Count);
        foreach (var row in rows)
        {
            var code = row.GetProperty("districtCode").GetString()!;
            districts[code].ShouldBe(row.GetProperty("products").GetInt32() == 0 ? ChoroplethClasses.NoData : MapRegions.ClassOf(row.GetProperty("score")), $"district {code}");
            // The table beside the map shows the share the score comes from.
            if (row.GetProperty("products").GetInt32() > 0) provinceHtml.ShouldContain($"(ร้อยละ {row.GetProperty("percent").GetDecimal():0.00})");
        }
        districts.Values.ShouldContain(c => c != ChoroplethClasses.NoData);
    }
}

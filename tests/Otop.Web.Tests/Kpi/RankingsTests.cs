using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Otop.Web.Tests.Infrastructure;

namespace Otop.Web.Tests.Kpi;

/// <summary>
/// Issue 17 item 2 on the demo data (Sa Kaeo, 27; FY 2564 round 1 of the online-market indicator): the national
/// online-market results (province=0) and the rankings page, their order, ties and scope.
/// </summary>
public sealed partial class RankingsTests(DemoApp app) : IClassFixture<DemoApp>
{
    private const string Round = "fiscalYear=2564&round=1";

    private sealed record PageRow(string Code, int? Rank, bool Mine);

    [GeneratedRegex("""<tr class="([^"]*)" data-code="(\d+)"(?: data-rank="(\d*)")?>""")]
    private static partial Regex RowTag();

    private static List<PageRow> RowsOf(string html) =>
        [.. RowTag().Matches(html).Select(m => new PageRow(m.Groups[2].Value, m.Groups[3].Length > 0 ? int.Parse(m.Groups[3].Value) : null,
            m.Groups[1].Value.Contains("table-warning", StringComparison.Ordinal)))];

    private static (int Products, int Online, decimal Percent, decimal Score) Figures(JsonElement e) =>
        (e.GetProperty("products").GetInt32(), e.GetProperty("productsOnline").GetInt32(), e.GetProperty("percent").GetDecimal(), e.GetProperty("score").GetDecimal());

    [Fact]
    public async Task NationalOnlineMarketResults_HaveOneRowPerProvince_EachEqualToThatProvincesOwnCall_AndTheTotalIsTheirSum()
    {
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");

        var nation = await (await admin.GetAsync($"/api/v1/kpi/online-market/results?{Round}&province=0")).JsonAsync();

        nation.GetProperty("province").GetString().ShouldBe("0");
        var rows = nation.GetProperty("rows").EnumerateArray().ToList();
        var provinces = await app.WithDbAsync(db => Task.FromResult(db.OrgUnits.Where(o => o.Level == Otop.Web.Platform.Data.OrgLevel.Province)
            .Select(o => o.Code).OrderBy(c => c).ToList()));
        rows.Select(r => r.GetProperty("provinceCode").GetString()).ShouldBe(provinces, ignoreOrder: false);
        var (products, online) = (0, 0);
        foreach (var row in rows)
        {
            var code = row.GetProperty("provinceCode").GetString();
            var own = await (await admin.GetAsync($"/api/v1/kpi/online-market/results?{Round}&province={code}")).JsonAsync();
            Figures(row).ShouldBe(Figures(own.GetProperty("total")), $"province {code}");
            row.GetProperty("districts").GetInt32().ShouldBe(own.GetProperty("rows").GetArrayLength());
            products += own.GetProperty("total").GetProperty("products").GetInt32();
            online += own.GetProperty("total").GetProperty("productsOnline").GetInt32();
        }
        var total = nation.GetProperty("total");
        total.GetProperty("products").GetInt32().ShouldBe(products);
        total.GetProperty("productsOnline").GetInt32().ShouldBe(online);
        // Sa Kaeo carries the demo's registry: the nation is not empty.
        rows.Single(r => r.GetProperty("provinceCode").GetString() == "27").GetProperty("products").GetInt32().ShouldBeGreaterThan(0);
        total.GetProperty("percent").GetDecimal().ShouldBe(Math.Round(online * 100m / products, 2, MidpointRounding.AwayFromZero));
    }

    [Fact]
    public async Task AProvinceAskingForTheNation_IsRefused403_WhileADepartmentViewerReadsIt()
    {
        var province = await app.ClientAsAsync("ProvinceOfficer", "27");
        var viewer = await app.ClientAsAsync("Viewer", "0");

        (await province.GetAsync($"/api/v1/kpi/online-market/results?{Round}&province=0")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await viewer.GetAsync($"/api/v1/kpi/online-market/results?{Round}&province=0")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TheProvinceRanking_OrdersDistrictsByScoreThenPercent_TiesShareARank_NoProductLastWithoutARank()
    {
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        var results = (await (await admin.GetAsync($"/api/v1/kpi/online-market/results?{Round}&province=27")).JsonAsync())
            .GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("districtCode").GetString()!, Figures);
        var officer = await app.SignedInAsync("ProvinceOfficer", "27");

        var rows = RowsOf(await officer.GetStringAsync($"/Rankings?indicator=online&{Round}"));

        rows.Select(r => r.Code).Order().ShouldBe(results.Keys.Order());
        var ranked = rows.TakeWhile(r => r.Rank is not null).ToList();
        rows.Skip(ranked.Count).ShouldAllBe(r => r.Rank == null && results[r.Code].Products == 0);
        ranked.ShouldAllBe(r => results[r.Code].Products > 0);
        ranked.Count.ShouldBeGreaterThan(1);
        foreach (var (row, i) in ranked.Select((r, i) => (r, i)))
        {
            var me = results[row.Code];
            // Competition ranking: one more than the number of districts strictly ahead.
            row.Rank.ShouldBe(1 + ranked.Count(o => results[o.Code].Score > me.Score || (results[o.Code].Score == me.Score && results[o.Code].Percent > me.Percent)), row.Code);
            if (i > 0)
            {
                var before = results[ranked[i - 1].Code];
                (before.Score > me.Score || (before.Score == me.Score && before.Percent >= me.Percent)).ShouldBeTrue($"{ranked[i - 1].Code} before {row.Code}");
            }
        }
    }

    [Fact]
    public async Task TheNationalRanking_RanksTheProvincesWithData_AndListsTheOthersLastWithoutARank()
    {
        var admin = await app.SignedInAsync("DepartmentAdmin", "0");
        var api = await app.ClientAsAsync("DepartmentAdmin", "0");
        var nation = (await (await api.GetAsync($"/api/v1/kpi/online-market/results?{Round}&province=0")).JsonAsync()).GetProperty("rows").EnumerateArray().ToList();

        var html = await admin.GetStringAsync($"/Rankings?indicator=online&{Round}");
        var rows = RowsOf(html);

        rows.Count.ShouldBe(nation.Count);
        var withData = nation.Where(r => r.GetProperty("products").GetInt32() > 0).Select(r => r.GetProperty("provinceCode").GetString()).ToList();
        rows.Where(r => r.Rank is not null).Select(r => r.Code).Order().ShouldBe(withData.Order());
        rows.Take(withData.Count).ShouldAllBe(r => r.Rank != null);
        rows.First().Code.ShouldBe("27");
        rows.First().Rank.ShouldBe(1);
        html.ShouldContain("ทั้งประเทศ");
    }

    [Fact]
    public async Task ADistrictSeesItsProvincesRanking_WithItsOwnRowMarked()
    {
        var district = await app.SignedInAsync("DistrictOfficer", "2701");

        var html = await district.GetStringAsync($"/Rankings?indicator=online&{Round}");
        var rows = RowsOf(html);

        rows.Count.ShouldBeGreaterThan(1);
        rows.ShouldAllBe(r => r.Code.StartsWith("27"));
        rows.Where(r => r.Mine).Select(r => r.Code).ShouldBe(["2701"]);
        html.ShouldContain("(หน่วยงานของท่าน)");
    }

    [Theory]
    [InlineData("ProvinceOfficer", "27", "11")]
    [InlineData("ProvinceOfficer", "27", "0")]
    [InlineData("DistrictOfficer", "2701", "11")]
    [InlineData("DistrictOfficer", "2701", "0")]
    public async Task AnotherProvincesRanking_OrTheNations_IsNotThereForAProvinceOrDistrict(string role, string unit, string province)
    {
        var client = await app.SignedInAsync(role, unit);

        var response = await client.GetAsync($"/Rankings?indicator=online&{Round}&province={province}");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheRevenueRanking_PutsUnscoredDistrictsLast_WithoutARank()
    {
        var officer = await app.SignedInAsync("ProvinceOfficer", "27");

        var rows = RowsOf(await officer.GetStringAsync("/Rankings?indicator=revenue&fiscalYear=2566&round=1"));

        rows.Count.ShouldBeGreaterThan(1);
        var firstUnranked = rows.FindIndex(r => r.Rank is null);
        if (firstUnranked >= 0) rows.Skip(firstUnranked).ShouldAllBe(r => r.Rank == null);
        rows.Where(r => r.Rank is not null).Select(r => r.Rank!.Value).ShouldBe(rows.Where(r => r.Rank is not null).Select(r => r.Rank!.Value).Order());
    }

    [Fact]
    public async Task AnUnknownIndicator_IsABadRequest_NotAServerError()
    {
        var officer = await app.SignedInAsync("ProvinceOfficer", "27");

        (await officer.GetAsync("/Rankings?indicator=nonsense")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}

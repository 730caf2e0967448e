using System.Net;
using System.Text.Json;
using Otop.Web.Tests.Infrastructure;

namespace Otop.Web.Tests.OnlineMarket;

/// <summary>Letter 1, enclosure 1 from the demo data, exactly as CONTRACT.md shows it.</summary>
public sealed class TargetsTests(DemoApp app) : IClassFixture<DemoApp>
{
    private const string Url = "/api/v1/kpi/online-market/targets?fiscalYear=2564&round=1&province=27";

    [Theory]
    [InlineData(0, "2701", "เมืองสระแก้ว", 140, 406, "24.4,28.4,32.5,36.5,40.6")]
    [InlineData(1, "2702", "คลองหาด", 65, 164, "9.8,11.5,13.1,14.8,16.4")]
    [InlineData(2, "2703", "ตาพระยา", 58, 152, "9.1,10.6,12.2,13.7,15.2")]
    [InlineData(3, "2704", "วังน้ำเย็น", 81, 270, "16.2,18.9,21.6,24.3,27.0")]
    [InlineData(4, "2705", "วัฒนานคร", 168, 303, "18.2,21.2,24.2,27.3,30.3")]
    [InlineData(5, "2706", "อรัญประเทศ", 77, 220, "13.2,15.4,17.6,19.8,22.0")]
    [InlineData(6, "2707", "เขาฉกรรจ์", 109, 198, "11.9,13.9,15.8,17.8,19.8")]
    [InlineData(7, "2708", "โคกสูง", 63, 86, "5.2,6.0,6.9,7.7,8.6")]
    [InlineData(8, "2709", "วังสมบูรณ์", 71, 147, "8.8,10.3,11.8,13.2,14.7")]
    public async Task Letter1Table_IsReproducedCellByCell(int index, string code, string name, int entrepreneurs, int products, string thresholds)
    {
        var client = await app.ClientAsAsync("ProvinceOfficer", "27");

        var row = (await (await client.GetAsync(Url)).JsonAsync()).GetProperty("rows")[index];

        row.GetProperty("districtCode").GetString().ShouldBe(code);
        row.GetProperty("districtName").GetString().ShouldBe(name);
        row.GetProperty("entrepreneurs").GetInt32().ShouldBe(entrepreneurs);
        row.GetProperty("products").GetInt32().ShouldBe(products);
        row.GetProperty("thresholds").EnumerateArray().Select(t => t.GetDecimal()).ShouldBe(thresholds.Split(',').Select(decimal.Parse));
    }

    [Fact]
    public async Task Targets_HaveTheContractsShape_AndLetter1sTotal()
    {
        var client = await app.ClientAsAsync("Viewer", "27");

        var body = await (await client.GetAsync(Url)).JsonAsync();

        body.GetProperty("fiscalYear").GetInt32().ShouldBe(2564);
        body.GetProperty("round").GetInt32().ShouldBe(1);
        body.GetProperty("province").GetString().ShouldBe("27");
        body.GetProperty("percents").GetRawText().ShouldBe("[6,7,8,9,10]");
        body.GetProperty("rows").GetArrayLength().ShouldBe(9);
        body.GetProperty("total").GetRawText().ShouldBe("""{"entrepreneurs":832,"products":1946}""");
        body.GetProperty("published").GetBoolean().ShouldBeFalse();
        body.GetProperty("rows")[0].TryGetProperty("currentProducts", out _).ShouldBeFalse("only present when a published count differs");
        var first = body.GetProperty("rows")[0];
        string.Join(",", first.EnumerateObject().Select(p => p.Name).Take(5)).ShouldBe("districtCode,districtName,entrepreneurs,products,thresholds");
    }

    [Fact]
    public async Task ADistrictOfficer_ReadsItsProvincesTargets_BecauseLetter1SendsThemToEveryDistrict()
    {
        var client = await app.ClientAsAsync("DistrictOfficer", "2702");

        var body = await (await client.GetAsync(Url)).JsonAsync();

        body.GetProperty("rows").GetArrayLength().ShouldBe(9);
    }

    [Theory]
    [InlineData("ProvinceOfficer", "27", "30")]
    [InlineData("Viewer", "27", "30")]
    [InlineData("DistrictOfficer", "2701", "30")]
    public async Task AnotherProvincesTargets_Are403(string role, string unit, string province)
    {
        var client = await app.ClientAsAsync(role, unit);

        await (await client.GetAsync($"/api/v1/kpi/online-market/targets?fiscalYear=2564&round=1&province={province}")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await client.GetAsync($"/api/v1/kpi/online-market/results?fiscalYear=2564&round=1&province={province}")).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("fiscalYear=2599&round=1&province=27")]
    [InlineData("fiscalYear=2566&round=1&province=27")]
    [InlineData("fiscalYear=2564&round=1&province=99")]
    public async Task AnUnknownIndicatorOrProvince_Is404(string query)
    {
        var client = await app.ClientAsAsync("DepartmentAdmin", "0");

        await (await client.GetAsync("/api/v1/kpi/online-market/targets?" + query)).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("round=1&province=27", "fiscalYear")]
    [InlineData("fiscalYear=abc&round=1&province=27", "fiscalYear")]
    [InlineData("fiscalYear=2564&province=27", "round")]
    [InlineData("fiscalYear=2564&round=3&province=27", "round")]
    [InlineData("fiscalYear=2564&round=1", "province")]
    [InlineData("fiscalYear=2564&round=1&province=Sakaeo", "province")]
    public async Task MissingOrInvalidParameters_Are422_NamingTheFieldInThai(string query, string field)
    {
        var client = await app.ClientAsAsync("DepartmentAdmin", "0");

        var problem = await (await client.GetAsync("/api/v1/kpi/online-market/results?" + query)).ProblemAsync((HttpStatusCode)422);

        var message = problem.GetProperty("errors").GetProperty(field)[0].GetString()!;
        message.ShouldContain(field);
        message.ShouldMatch(@"[\u0E00-\u0E7F]");
    }

    [Fact]
    public async Task ThaiDigits_AreAcceptedInTheQuery()
    {
        var client = await app.ClientAsAsync("DepartmentAdmin", "0");

        var body = await (await client.GetAsync("/api/v1/kpi/online-market/targets?fiscalYear=๒๕๖๔&round=๑&province=27")).JsonAsync();

        body.GetProperty("total").GetProperty("products").GetInt32().ShouldBe(1946);
    }

    [Fact]
    public async Task DemoResults_ScoreEveryDistrict_AndTheProvinceTotalIsTheSumOfTheRows()
    {
        var client = await app.ClientAsAsync("ProvinceOfficer", "27");

        var body = await (await client.GetAsync("/api/v1/kpi/online-market/results?fiscalYear=2564&round=1&province=27")).JsonAsync();

        var rows = body.GetProperty("rows").EnumerateArray().ToList();
        rows.Count.ShouldBe(9);
        string.Join(",", rows[0].EnumerateObject().Select(p => p.Name).Take(5)).ShouldBe("districtCode,products,productsOnline,percent,score");
        var total = body.GetProperty("total");
        total.GetProperty("products").GetInt32().ShouldBe(1946);
        total.GetProperty("productsOnline").GetInt32().ShouldBe(rows.Sum(r => r.GetProperty("productsOnline").GetInt32()));
        rows.ShouldAllBe(r => r.GetProperty("score").GetDecimal() >= 1 && r.GetProperty("score").GetDecimal() <= 5);
        var muang = rows[0];
        muang.GetProperty("percent").GetDecimal().ShouldBe(Math.Round(100m * muang.GetProperty("productsOnline").GetInt32() / 406, 2, MidpointRounding.AwayFromZero));
    }
}

using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Tests.Infrastructure;
using static Otop.Web.Tests.OnlineMarket.OnlineMarketData;

namespace Otop.Web.Tests.OnlineMarket;

/// <summary>Scores from registry rows: thresholds, step and linear scoring, rounding, the round's last day and the registration range.</summary>
public sealed class ResultsTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    private async Task<JsonElement> ResultsAsync(int fiscalYear, string province, int round = 1)
    {
        var client = await app.ClientAsAsync("DepartmentAdmin", "0");
        return await (await client.GetAsync($"/api/v1/kpi/online-market/results?fiscalYear={fiscalYear}&round={round}&province={province}")).JsonAsync();
    }

    private static JsonElement Row(JsonElement body, string district) =>
        body.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("districtCode").GetString() == district);

    // 300 products: 21 online is exactly 7.00 %, 20 is 6.67 % (just below), and so on for each band of letter 1.
    [Theory]
    [InlineData(2601, "11", 0, 0.00, 1)]
    [InlineData(2602, "12", 18, 6.00, 1)]
    [InlineData(2603, "13", 20, 6.67, 1)]
    [InlineData(2604, "14", 21, 7.00, 2)]
    [InlineData(2605, "15", 23, 7.67, 2)]
    [InlineData(2606, "16", 24, 8.00, 3)]
    [InlineData(2607, "17", 26, 8.67, 3)]
    [InlineData(2608, "18", 27, 9.00, 4)]
    [InlineData(2609, "19", 29, 9.67, 4)]
    [InlineData(2610, "20", 30, 10.00, 5)]
    [InlineData(2611, "21", 45, 15.00, 5)]
    public async Task StepScore_ReachesABandExactlyAtItsThreshold_AndNotJustBelow(int fiscalYear, string province, int online, double percent, int score)
    {
        await IndicatorAsync(app, fiscalYear);
        await ProductsAsync(app, province + "01", 300, online, entrepreneurs: 40);

        var row = Row(await ResultsAsync(fiscalYear, province), province + "01");

        row.GetProperty("products").GetInt32().ShouldBe(300);
        row.GetProperty("productsOnline").GetInt32().ShouldBe(online);
        row.GetProperty("percent").GetDecimal().ShouldBe((decimal)percent);
        row.GetProperty("score").GetDecimal().ShouldBe(score);
    }

    [Fact]
    public async Task LinearScoring_Interpolates_8Point5PercentIs3Point5()
    {
        await IndicatorAsync(app, 2620, ScoringMethod.Linear);
        await ProductsAsync(app, "2201", 200, online: 17);

        var body = await ResultsAsync(2620, "22");

        Row(body, "2201").GetProperty("percent").GetDecimal().ShouldBe(8.5m);
        Row(body, "2201").GetProperty("score").GetDecimal().ShouldBe(3.5m);
        body.GetProperty("scoringMethod").GetString().ShouldBe("linear");
    }

    [Fact]
    public async Task Thresholds_RoundHalfAwayFromZero_OnValuesEndingIn5()
    {
        await IndicatorAsync(app, 2621);
        await ProductsAsync(app, "2301", 25);
        var client = await app.ClientAsAsync("DepartmentAdmin", "0");

        var body = await (await client.GetAsync("/api/v1/kpi/online-market/targets?fiscalYear=2621&round=1&province=23")).JsonAsync();

        // 25 × 7 % = 1.75 → 1.8 and 25 × 9 % = 2.25 → 2.3 (banker's rounding would give 2.2).
        Row(body, "2301").GetProperty("thresholds").EnumerateArray().Select(t => t.GetDecimal()).ShouldBe([1.5m, 1.8m, 2.0m, 2.3m, 2.5m]);
    }

    [Fact]
    public async Task AchievedPercent_RoundsHalfAwayFromZero_3Point125Is3Point13()
    {
        await IndicatorAsync(app, 2622);
        await ProductsAsync(app, "2401", 32, online: 1);

        Row(await ResultsAsync(2622, "24"), "2401").GetProperty("percent").GetDecimal().ShouldBe(3.13m);
    }

    [Fact]
    public async Task AListingSinceTheRoundsLastDay_Counts_TheDayAfterDoesNot()
    {
        await IndicatorAsync(app, 2564);
        await ProductsAsync(app, "2501", 10, online: 1, listedSince: new DateOnly(2021, 3, 31));
        await ProductsAsync(app, "2501", 10, online: 1, listedSince: new DateOnly(2021, 4, 1));

        var round1 = Row(await ResultsAsync(2564, "25"), "2501");
        var round2 = Row(await ResultsAsync(2564, "25", round: 2), "2501");

        round1.GetProperty("productsOnline").GetInt32().ShouldBe(1);
        round2.GetProperty("productsOnline").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task OnlyProductsOfTheRegistrationRange_AreCounted_AndEntrepreneursWithAtLeastOne()
    {
        await IndicatorAsync(app, 2623, registeredFrom: 2557, registeredTo: 2563);
        await ProductsAsync(app, "2601", 6, online: 6, entrepreneurs: 3, registeredYear: 2557);
        await ProductsAsync(app, "2601", 4, online: 4, entrepreneurs: 2, registeredYear: 2563);
        await ProductsAsync(app, "2601", 5, online: 5, entrepreneurs: 5, registeredYear: 2556);
        await ProductsAsync(app, "2601", 5, online: 5, entrepreneurs: 5, registeredYear: 2564);
        var client = await app.ClientAsAsync("DepartmentAdmin", "0");

        var targets = await (await client.GetAsync("/api/v1/kpi/online-market/targets?fiscalYear=2623&round=1&province=26")).JsonAsync();
        var results = await ResultsAsync(2623, "26");

        Row(targets, "2601").GetProperty("products").GetInt32().ShouldBe(10);
        Row(targets, "2601").GetProperty("entrepreneurs").GetInt32().ShouldBe(5);
        Row(results, "2601").GetProperty("productsOnline").GetInt32().ShouldBe(10);
        targets.GetProperty("total").GetProperty("products").GetInt32().ShouldBe(10);
    }

    [Fact]
    public async Task TheProvinceTotal_IsScoredFromTheSumOfItsDistricts()
    {
        await IndicatorAsync(app, 2624);
        await ProductsAsync(app, "3001", 100, online: 12);
        await ProductsAsync(app, "3002", 100, online: 4);

        var total = (await ResultsAsync(2624, "30")).GetProperty("total");

        total.GetProperty("products").GetInt32().ShouldBe(200);
        total.GetProperty("productsOnline").GetInt32().ShouldBe(16);
        total.GetProperty("percent").GetDecimal().ShouldBe(8m);
        total.GetProperty("score").GetDecimal().ShouldBe(3m);
    }

    [Fact]
    public async Task EachDistrict_IsToldWhatIsMissingForTheNextScore()
    {
        await IndicatorAsync(app, 2625);
        await ProductsAsync(app, "3101", 406, online: 27);

        var row = Row(await ResultsAsync(2625, "31"), "3101");

        // 27/406 = 6.65 % scores 1; 7 % of 406 needs 29 products (28.42 rounded up), so 2 more give 2 points.
        row.GetProperty("score").GetDecimal().ShouldBe(1m);
        row.GetProperty("nextScore").GetInt32().ShouldBe(2);
        row.GetProperty("missingForNextScore").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task PublishedTargets_KeepTheirCounts_AndShowTheRegistryDifference()
    {
        await IndicatorAsync(app, 2626);
        await ProductsAsync(app, "3201", 100, online: 8, entrepreneurs: 10);
        var officer = await app.ClientAsAsync("ProvinceOfficer", "32");

        var published = await (await officer.PostJsonAsync("/api/v1/kpi/online-market/targets/publish", new { fiscalYear = "2626", round = "1", province = "32" })).JsonAsync();
        await ProductsAsync(app, "3201", 20, entrepreneurs: 2);
        var targets = await (await officer.GetAsync("/api/v1/kpi/online-market/targets?fiscalYear=2626&round=1&province=32")).JsonAsync();
        var results = await (await officer.GetAsync("/api/v1/kpi/online-market/results?fiscalYear=2626&round=1&province=32")).JsonAsync();

        published.GetProperty("published").GetBoolean().ShouldBeTrue();
        var row = Row(targets, "3201");
        row.GetProperty("products").GetInt32().ShouldBe(100);
        row.GetProperty("entrepreneurs").GetInt32().ShouldBe(10);
        row.GetProperty("thresholds")[4].GetDecimal().ShouldBe(10m);
        row.GetProperty("currentProducts").GetInt32().ShouldBe(120);
        row.GetProperty("currentEntrepreneurs").GetInt32().ShouldBe(12);
        targets.GetProperty("total").GetProperty("products").GetInt32().ShouldBe(100);
        Row(results, "3201").GetProperty("percent").GetDecimal().ShouldBe(8m, "the denominator is the published count");
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Entity == "online-market-targets" && a.Key == "2626/1/32").ToListAsync());
        audit.ShouldHaveSingleItem().Action.ShouldBe("publish");
    }

    [Fact]
    public async Task PublishingTwice_Is409_UnlessRepublishIsAsked()
    {
        await IndicatorAsync(app, 2627);
        await ProductsAsync(app, "3301", 50);
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        var request = new { fiscalYear = "2627", round = "1", province = "33" };

        await (await admin.PostJsonAsync("/api/v1/kpi/online-market/targets/publish", request)).JsonAsync();
        await ProductsAsync(app, "3301", 10);
        await (await admin.PostJsonAsync("/api/v1/kpi/online-market/targets/publish", request)).ProblemAsync(HttpStatusCode.Conflict);
        var again = await (await admin.PostJsonAsync("/api/v1/kpi/online-market/targets/publish", new { fiscalYear = 2627, round = 1, province = "33", republish = true })).JsonAsync();

        Row(again, "3301").GetProperty("products").GetInt32().ShouldBe(60);
    }

    [Theory]
    [InlineData(2628, "DistrictOfficer", "3401")]
    [InlineData(2629, "Viewer", "34")]
    [InlineData(2630, "ProvinceOfficer", "35")]
    public async Task OnlyTheProvinceOrTheDepartment_Publishes(int fiscalYear, string role, string unit)
    {
        await IndicatorAsync(app, fiscalYear);
        var client = await app.ClientAsAsync(role, unit);

        var response = await client.PostJsonAsync("/api/v1/kpi/online-market/targets/publish", new { fiscalYear = fiscalYear.ToString(), round = "1", province = "34" });

        await response.ProblemAsync(HttpStatusCode.Forbidden);
    }
}

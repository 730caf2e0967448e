using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Otop.Web.Features.Notifications;
using Otop.Web.Features.Revenue;
using Otop.Web.Tests.Infrastructure;
using static Otop.Web.Tests.Revenue.RevenueTestData;

namespace Otop.Web.Tests.Revenue;

/// <summary>
/// Issue 17, item 6: the round-end forecast (GET /api/v1/kpi/revenue/forecast) and its early warning. FY 2570's round 1
/// (Oct 2026 – Mar 2027) is projected from its months so far and the same months of FY 2569 and FY 2568, loaded through
/// the history import; the bands are 2, 4, 6, 8 and 10 % (scores 1 to 5), so "at risk" is below 10 %.
/// </summary>
public sealed class RevenueForecastTests : IDisposable
{
    private readonly OtopApp _app = new(now: Bangkok(2027, 1, 20), settings: new Dictionary<string, string?> { ["Reminders:Enabled"] = "false" });

    public void Dispose() => _app.Dispose();

    private static string Query(string province) => $"fiscalYear=2570&round=1&province={province}";

    private static JsonElement RowOf(JsonElement result, string district) =>
        result.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("districtCode").GetString() == district);

    /// <summary>A row's observed, projected, low, high, baseline and projected increase.</summary>
    private static decimal[] Money(JsonElement row) =>
        [.. new[] { "observed", "projected", "low", "high", "baseline", "projectedIncreasePercent" }.Select(p => row.GetProperty(p).GetDecimal())];

    private static (string, string, decimal)[] Round(string producer, int roundStartYear, params decimal[] amounts) =>
        [.. amounts.Select((a, i) => (producer, new Otop.Domain.YearMonth(roundStartYear, 10).AddMonths(i).ToString(), a))];

    /// <summary>
    /// 3601 grows (FY 2569 flat at 100, FY 2568 half in Oct–Dec), 3602 falls 5 % below FY 2569, 3603 has no earlier year.
    /// <paramref name="months"/>: how many of FY 2570's first months to load.
    /// </summary>
    private async Task SeedAsync(int months)
    {
        await _app.SeedRevenueIndicatorAsync(2570);
        var growing = (await _app.ProducersAsync("3601", 1))[0];
        var falling = (await _app.ProducersAsync("3602", 1))[0];
        var newcomer = (await _app.ProducersAsync("3603", 1))[0];
        var admin = await _app.ClientAsAsync("DepartmentAdmin", "0");
        await admin.ImportHistoryAsync([
            .. Round(growing, 2024, 50, 50, 50, 100, 100, 100),
            .. Round(growing, 2025, 100, 100, 100, 100, 100, 100),
            .. Round(growing, 2026, 110m, 110m, 110.33m).Take(months),
            .. Round(falling, 2025, 100, 100, 100, 100, 100, 100),
            .. Round(falling, 2026, 95, 95, 95).Take(months),
            .. Round(newcomer, 2026, 50),
        ]);
    }

    [Fact]
    public async Task TheForecast_ExtendsEachDistrictsMonthsByEarlierYears_WithAnInterval_TheScoreItPointsTo_AndWhoIsAtRisk()
    {
        await SeedAsync(3);
        var province = await _app.ClientAsAsync("ProvinceOfficer", "36");

        var result = await (await province.GetAsync($"/api/v1/kpi/revenue/forecast?{Query("36")}")).JsonAsync();

        result.GetProperty("monthsObserved").EnumerateArray().Select(m => m.GetString()).ShouldBe(["2026-10", "2026-11", "2026-12"]);
        // 3601: observed 330.33; r = 300/300 = 1 (FY 2569) and 300/150 = 2 (FY 2568); median 1.5 → 330.33 × 2.5 = 825.825 → 825.83;
        // interval 330.33 × 2 … × 3; baseline FY 2569's round 600 → (825.83 − 600) / 600 = 37.64 % → score 5.
        var growing = RowOf(result, "3601");
        Money(growing).ShouldBe([330.33m, 825.83m, 660.66m, 990.99m, 600m, 37.64m]);
        growing.GetProperty("monthsObserved").GetInt32().ShouldBe(3);
        growing.GetProperty("projectedScore").GetDecimal().ShouldBe(5m);
        growing.GetProperty("atRisk").GetBoolean().ShouldBeFalse();
        growing.GetProperty("yearsUsed").GetInt32().ShouldBe(2);
        // 3602: 285 × (1 + 300/300) = 570 against 600: −5 % → score 1, at risk.
        var falling = RowOf(result, "3602");
        falling.GetProperty("projected").GetDecimal().ShouldBe(570m);
        falling.GetProperty("projectedIncreasePercent").GetDecimal().ShouldBe(-5m);
        falling.GetProperty("projectedScore").GetDecimal().ShouldBe(1m);
        falling.GetProperty("atRisk").GetBoolean().ShouldBeTrue();
        // 3603: a month this year, none before: no forecast, and why.
        var newcomer = RowOf(result, "3603");
        newcomer.GetProperty("observed").GetDecimal().ShouldBe(50m);
        newcomer.GetProperty("projected").ValueKind.ShouldBe(JsonValueKind.Null);
        newcomer.GetProperty("atRisk").ValueKind.ShouldBe(JsonValueKind.Null);
        newcomer.GetProperty("reason").GetString().ShouldBe("no-history");
        // The total projects the districts that have a forecast: 825.83 + 570 against 1200 → 16.32 % → score 5.
        var total = result.GetProperty("total");
        Money(total).ShouldBe([615.33m, 1395.83m, 1230.66m, 1560.99m, 1200m, 16.32m]);
        total.GetProperty("atRisk").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task TheForecast_HasTheResultsScope_AnotherProvinceIs403_ADistrictSeesItsOwnRow_AndABadYearIs422InThai()
    {
        await SeedAsync(3);
        var other = await _app.ClientAsAsync("ProvinceOfficer", "27");
        var district = await _app.ClientAsAsync("DistrictOfficer", "3602");

        var refused = await other.GetAsync($"/api/v1/kpi/revenue/forecast?{Query("36")}");
        var own = await (await district.GetAsync($"/api/v1/kpi/revenue/forecast?{Query("36")}")).JsonAsync();
        var badYear = await other.GetAsync("/api/v1/kpi/revenue/forecast?fiscalYear=2023&round=1&province=27");

        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        own.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("districtCode").GetString()).ShouldBe(["3602"]);
        badYear.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await badYear.Content.ReadAsStringAsync()).ShouldContain("ปีงบประมาณ");
    }

    [Fact]
    public async Task TheDashboard_ShowsTheForecast_AndNamesTheAtRiskDistrictsInWords()
    {
        await SeedAsync(3);
        var province = await _app.SignedInAsync("ProvinceOfficer", "36");
        var names = await _app.WithDbAsync(db => db.OrgUnits.Where(o => o.Code == "3601" || o.Code == "3602").ToDictionaryAsync(o => o.Code, o => o.NameTh));

        var response = await province.GetAsync("/Revenue/Dashboard?unit=36&fiscalYear=2570");
        var html = System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("คาดการณ์ปลายรอบ");
        html.ShouldContain("825.83");
        var warning = html[html.IndexOf("data-testid=\"forecast-at-risk\"", StringComparison.Ordinal)..];
        warning = warning[..warning.IndexOf("</p>", StringComparison.Ordinal)];
        warning.ShouldContain("อำเภอ" + names["3602"]);
        warning.ShouldNotContain(names["3601"]);
        html.ShouldContain("⚠ เสี่ยง");
    }

    private async Task<int> WarnAsync(DateTimeOffset now)
    {
        _app.Clock.Now = now;
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RevenueForecastWarnings>().RunOnceAsync();
    }

    private Task<List<(string Recipient, string Key, string Title)>> WarningsAsync() => _app.WithDbAsync(async db =>
        (await db.Notices.Where(n => n.Kind == RevenueForecastWarnings.Kind).OrderBy(n => n.Id).Select(n => new { n.Recipient, n.Key, n.Title }).ToListAsync())
        .Select(n => (n.Recipient, n.Key, n.Title)).ToList());

    [Fact]
    public async Task TheEarlyWarning_TellsTheProvinceFromTheRoundsThirdMonth_OncePerDistrictAndRound()
    {
        _app.Clock.Now = Bangkok(2026, 11, 20);
        await SeedAsync(2);
        var officer = await _app.CreateUserAsync("ProvinceOfficer", "36");
        var elsewhere = await _app.CreateUserAsync("ProvinceOfficer", "27");

        var inSecondMonth = await WarnAsync(Bangkok(2026, 11, 30, 23, 59)); // November: the round's second month
        var inThirdMonth = await WarnAsync(Bangkok(2026, 12, 1, 0, 5));     // Oct and Nov ended: 190 × 3 = 570 < 600 for 3602
        var again = await WarnAsync(Bangkok(2026, 12, 1, 0, 6));
        var nextMonth = await WarnAsync(Bangkok(2027, 1, 20));             // still at risk, already told this round

        inSecondMonth.ShouldBe(0);
        inThirdMonth.ShouldBe(1);
        again.ShouldBe(0);
        nextMonth.ShouldBe(0);
        var warnings = await WarningsAsync();
        warnings.Count.ShouldBe(1);
        warnings[0].Recipient.ShouldBe(officer);
        warnings[0].Key.ShouldBe(RevenueForecastWarnings.KeyOf(2570, 1, "3602"));
        warnings[0].Title.ShouldContain("เสี่ยง");
        warnings.ShouldNotContain(w => w.Recipient == elsewhere);
    }

    [Fact]
    public async Task TheEarlyWarning_FromTheNationsForecast_LinksEachProvinceToItsOwnDashboard_AndWarnsNoOtherProvince()
    {
        await SeedAsync(3);
        var officer = await _app.CreateUserAsync("ProvinceOfficer", "36");
        var elsewhere = await _app.CreateUserAsync("ProvinceOfficer", "27");

        var added = await WarnAsync(Bangkok(2027, 1, 20));

        var notices = await _app.WithDbAsync(db => db.Notices.Where(n => n.Kind == RevenueForecastWarnings.Kind)
            .Select(n => new { n.Recipient, n.Key, n.Link }).ToListAsync());
        added.ShouldBe(notices.Count);
        notices.ShouldNotBeEmpty();
        notices.ShouldAllBe(n => n.Recipient == officer && n.Key.StartsWith(RevenueForecastWarnings.KeyOf(2570, 1, "36"), StringComparison.Ordinal));
        notices.ShouldAllBe(n => n.Link == "/Revenue/Dashboard?unit=36&fiscalYear=2570");
        notices.ShouldNotContain(n => n.Recipient == elsewhere);
    }
}

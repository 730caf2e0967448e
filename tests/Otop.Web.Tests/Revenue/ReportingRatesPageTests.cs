using System.Net;
using System.Text.RegularExpressions;
using Otop.Domain;
using Otop.Web.Features.Revenue;
using Otop.Web.Tests.Infrastructure;
using static Otop.Web.Tests.Revenue.RevenueTestData;

namespace Otop.Web.Tests.Revenue;

/// <summary>
/// The reporting rates of issue 17 (item 4) through the page, on Ranong's five districts in fiscal year 2566 seen on
/// 20 March 2023: October to January confirmed on time everywhere (seeded), February through the real workflow: 8501 on
/// time, 8502 late, 8503 never sent, 8504 confirmed on time then returned by the province and confirmed again after the
/// deadline (not late, issue 15 item 6), 8505 confirmed late then unlocked and confirmed again (still late, with the
/// unlock's reason beside it). March is not due until 3 April.
/// </summary>
public sealed class ReportingRatesPageTests(ReportingRatesPageTests.RanongApp app) : IClassFixture<ReportingRatesPageTests.RanongApp>
{
    public sealed class RanongApp : OtopApp
    {
        public const string UnlockReason = "กลุ่มทอผ้าแจ้งยอดขายงานกาชาดเพิ่ม";
        public const string ReturnReason = "ยอดของกลุ่มที่ 1 พิมพ์เกินหนึ่งหลัก";
        private Task? _seeded;

        public Task SeedAsync() => _seeded ??= SeedOnceAsync();

        private async Task SeedOnceAsync()
        {
            await WithDbAsync(async db =>
            {
                foreach (var district in new[] { "8501", "8502", "8503", "8504", "8505" })
                {
                    foreach (var month in new[] { "2022-10", "2022-11", "2022-12", "2023-01" })
                    {
                        YearMonth.TryParse(month, out var ym);
                        var confirmed = Bangkok(ym.Next().Year, ym.Next().Month, 2).ToUniversalTime(); // PostgreSQL stores UTC instants only
                        var row = RevenueMonth.New(district, ym);
                        row.Status = RevenueStatus.Confirmed;
                        row.Version = 1;
                        row.ConfirmedAt = row.FirstConfirmedAt = row.UpdatedAt = confirmed;
                        row.ConfirmedBy = row.UpdatedBy = "seed";
                        db.RevenueMonths.Add(row);
                    }
                }
                return await db.SaveChangesAsync();
            });

            Clock.Now = Bangkok(2023, 3, 2);
            await ConfirmAsync("8501");
            await ConfirmAsync("8504");
            Clock.Now = Bangkok(2023, 3, 4);
            await ConfirmAsync("8502");
            var province = await ClientAsAsync("ProvinceOfficer", "85");
            await (await province.ActAsync("8504", "2023-02", "return", ReturnReason)).JsonAsync();
            Clock.Now = Bangkok(2023, 3, 5, 9);
            await ConfirmAsync("8504", 2);
            await ConfirmAsync("8505");
            province = await ClientAsAsync("ProvinceOfficer", "85"); // a token lives shorter than the clock moved
            await (await province.ActAsync("8505", "2023-02", "unlock", UnlockReason)).JsonAsync();
            Clock.Now = Bangkok(2023, 3, 5, 15);
            await ConfirmAsync("8505", 3);
            Clock.Now = Bangkok(2023, 3, 20);
        }

        private async Task ConfirmAsync(string district, decimal amount = 1)
        {
            var codes = await this.ProducersAsync(district, 1);
            var officer = await ClientAsAsync("DistrictOfficer", district);
            var head = await ClientAsAsync("DistrictHead", district);
            var read = await (await officer.GetAsync($"/api/v1/revenue/{district}/2023-02")).JsonAsync();
            var version = read.GetProperty("version").GetInt32();
            var existing = read.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("entrepreneurCode").GetString()!).ToArray();
            var all = existing.Concat(codes).ToArray();
            await (await officer.PutMonthAsync(district, "2023-02", Entries(all, all.Select(_ => 100m * amount).ToArray()), version)).JsonAsync();
            await (await head.ActAsync(district, "2023-02", "certify")).JsonAsync();
            await (await head.ActAsync(district, "2023-02", "confirm")).JsonAsync();
        }
    }

    private sealed record RowRates(string Html, string ReportingRate, string OnTimeRate)
    {
        public string StateOf(string month) => Regex.Match(Html, $"data-month=\"{month}\" data-state=\"([a-z-]+)\"").Groups[1].Value;
    }

    private static Dictionary<string, RowRates> Rows(string page) =>
        Regex.Matches(page, "<tr data-unit=\"(\\d+)\" data-reporting-rate=\"([^\"]*)\" data-on-time-rate=\"([^\"]*)\">(.*?)</tr>", RegexOptions.Singleline)
            .ToDictionary(m => m.Groups[1].Value, m => new RowRates(m.Groups[4].Value, m.Groups[2].Value, m.Groups[3].Value));

    private static string ColumnRate(string page, string testId, string month) =>
        Regex.Match(Regex.Match(page, $"data-testid=\"{testId}\">(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value,
            $"data-month=\"{month}\" data-rate=\"([^\"]*)\"").Groups[1].Value;

    private async Task<string> ProvincePageAsync(string query = "unit=85&fiscalYear=2566")
    {
        await app.SeedAsync();
        var province = await app.SignedInAsync("ProvinceOfficer", "85");
        var response = await province.GetAsync($"/Revenue/ReportingRates?{query}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task EachDistrictsRow_GivesItsReportingAndOnTimeRates_OverTheMonthsThatAreDue()
    {
        var rows = Rows(await ProvincePageAsync());

        rows.Keys.Order().ShouldBe(["8501", "8502", "8503", "8504", "8505"]);
        (rows["8501"].ReportingRate, rows["8501"].OnTimeRate).ShouldBe(("100.00", "100.00"));
        (rows["8502"].ReportingRate, rows["8502"].OnTimeRate).ShouldBe(("100.00", "80.00"));
        (rows["8503"].ReportingRate, rows["8503"].OnTimeRate).ShouldBe(("80.00", "80.00"));
        (rows["8504"].ReportingRate, rows["8504"].OnTimeRate).ShouldBe(("100.00", "100.00"));
        (rows["8505"].ReportingRate, rows["8505"].OnTimeRate).ShouldBe(("100.00", "80.00"));
    }

    [Fact]
    public async Task FebruarysCells_AreOnTimeLateAndNotReported_AndAReturnedMonthConfirmedAgainIsNotLate()
    {
        var rows = Rows(await ProvincePageAsync());

        rows["8501"].StateOf("2023-02").ShouldBe("on-time");
        rows["8502"].StateOf("2023-02").ShouldBe("late");
        rows["8503"].StateOf("2023-02").ShouldBe("not-reported");
        rows["8504"].StateOf("2023-02").ShouldBe("on-time");
        rows["8505"].StateOf("2023-02").ShouldBe("late");
        rows.Values.ShouldAllBe(r => r.StateOf("2023-03") == "not-yet-due");
        rows.Values.ShouldAllBe(r => r.StateOf("2022-10") == "on-time");
    }

    [Fact]
    public async Task TheColumnsAndTheTotal_CountOnlyTheMonthsWhoseDeadlineHasPassed()
    {
        var page = await ProvincePageAsync();
        var summary = Regex.Match(page, "data-testid=\"rr-summary\" data-reporting-rate=\"([^\"]*)\" data-on-time-rate=\"([^\"]*)\"");

        ColumnRate(page, "rr-column-reporting", "2023-02").ShouldBe("80.00");
        ColumnRate(page, "rr-column-on-time", "2023-02").ShouldBe("40.00");
        ColumnRate(page, "rr-column-reporting", "2023-01").ShouldBe("100.00");
        ColumnRate(page, "rr-column-reporting", "2023-03").ShouldBe("", "March is not due until 3 April");
        (summary.Groups[1].Value, summary.Groups[2].Value).ShouldBe(("96.00", "88.00"));
        page.ShouldContain("ได้รับ 24 จากที่ถึงกำหนด 25 รายงาน");
        Regex.Match(page, "data-rates-chart=\"[^\"]*?reporting&quot;:(\\[[^\\]]*\\])").Groups[1].Value.ShouldBe("[100,100,100,100,80,null,null,null,null,null,null,null]", "the chart draws the footer's rates, the months not due empty");
    }

    [Fact]
    public async Task ALateMonthThatWasUnlocked_ShowsTheUnlocksReasonBesideItsFlag()
    {
        var page = await ProvincePageAsync();
        var rows = Rows(page);

        rows["8505"].Html.ShouldContain("href=\"#rr-note-1\"");
        Regex.Match(page, "id=\"rr-note-1\">(.*?)</li>").Groups[1].Value.ShouldContain(RanongApp.UnlockReason);
        rows["8502"].Html.ShouldNotContain("rr-note");
    }

    [Fact]
    public async Task TheDepartment_SeesOneRowPerProvince_WithRanongsRates()
    {
        await app.SeedAsync();
        var admin = await app.SignedInAsync("DepartmentAdmin", "0");

        var page = await admin.GetStringAsync("/Revenue/ReportingRates?fiscalYear=2566");
        var rows = Rows(page);

        rows.Keys.ShouldContain("85");
        rows.Keys.ShouldAllBe(k => k.Length == 2);
        (rows["85"].ReportingRate, rows["85"].OnTimeRate).ShouldBe(("96.00", "88.00"));
        rows["85"].Html.ShouldContain("href=\"/Revenue/ReportingRates?unit=85&fiscalYear=2566\"");
        rows["26"].ReportingRate.ShouldBe("0.00", "Nakhon Nayok reported nothing");
    }

    [Fact]
    public async Task EachMonthOfAProvincesNationalRow_IsTheSameTallyAsTheProvincesOwnPage()
    {
        var provincePage = await ProvincePageAsync();
        var admin = await app.SignedInAsync("DepartmentAdmin", "0");
        var ranong = Rows(await admin.GetStringAsync("/Revenue/ReportingRates?fiscalYear=2566"))["85"];

        string Counts(string html, string month) => string.Join(" ", Regex.Matches(
            Regex.Match(html, $"data-month=\"{month}\" data-reporting-rate=\"[^\"]*\">(.*?)</td>", RegexOptions.Singleline).Groups[1].Value,
            "rr-cell rr-[a-z]+\">[✓!✗] (\\d+)").Select(m => m.Groups[1].Value));
        foreach (var month in new FiscalYear(2566).Months.Select(m => m.ToString()).Where(m => string.CompareOrdinal(m, "2023-03") < 0))
        {
            Regex.Match(ranong.Html, $"data-month=\"{month}\" data-reporting-rate=\"([^\"]*)\"").Groups[1].Value
                .ShouldBe(ColumnRate(provincePage, "rr-column-reporting", month), $"{month}: the nation's cell for Ranong is Ranong's column");
        }
        Counts(ranong.Html, "2023-02").ShouldBe("2 2 1", "February: 8501 and 8504 on time, 8502 and 8505 late, 8503 not sent");
        Counts(ranong.Html, "2022-10").ShouldBe("5 0 0");
        ranong.Html.ShouldContain("data-month=\"2023-03\"");
        ranong.Html.ShouldNotContain("data-month=\"2023-03\" data-reporting-rate", Case.Sensitive, "March is not due: no rate yet");
    }

    [Fact]
    public async Task ADistrictsHistory_ShowsItsDeadlineConfirmationsLateDaysAndReasons()
    {
        await app.SeedAsync();
        var head = await app.SignedInAsync("DistrictHead", "8504");
        var province = await app.SignedInAsync("ProvinceOfficer", "85");

        var own = await head.GetStringAsync("/Revenue/ReportingRates?fiscalYear=2566");
        var late = await province.GetStringAsync("/Revenue/ReportingRates?unit=8502&fiscalYear=2566");
        var missing = await province.GetStringAsync("/Revenue/ReportingRates?unit=8503&fiscalYear=2566");
        string HistoryRow(string page, string month) => Regex.Match(page, $"<tr data-month=\"{month}\"(.*?)</tr>", RegexOptions.Singleline).Value;

        HistoryRow(own, "2023-02").ShouldContain("data-state=\"on-time\" data-late-days=\"0\"");
        HistoryRow(own, "2023-02").ShouldContain("3 มี.ค. 66");
        HistoryRow(own, "2023-02").ShouldContain("2 มี.ค. 2566 10:00 น.", Case.Sensitive, "the first confirmation, on time");
        HistoryRow(own, "2023-02").ShouldContain(RanongApp.ReturnReason);
        HistoryRow(late, "2023-02").ShouldContain("data-state=\"late\" data-late-days=\"1\"");
        HistoryRow(missing, "2023-02").ShouldContain("data-state=\"not-reported\" data-late-days=\"17\"");
        Rows(own).Keys.ShouldBe(["8504"]);
    }

    [Theory]
    [InlineData("ProvinceOfficer", "85", "unit=26")]
    [InlineData("ProvinceOfficer", "85", "unit=2601")]
    [InlineData("DistrictOfficer", "8501", "unit=8502")]
    [InlineData("DistrictOfficer", "8501", "unit=85")]
    [InlineData("Viewer", "85", "unit=9999")]
    public async Task AUnitOutsideTheCallersScope_IsNotThere(string role, string unit, string query)
    {
        var client = await app.SignedInAsync(role, unit);

        var response = await client.GetAsync($"/Revenue/ReportingRates?{query}&fiscalYear=2566");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("2023")]
    [InlineData("๒๕๖๖")]
    [InlineData("พ.ศ. 2566")]
    public async Task TheFiscalYear_IsReadInBuddhistOrCommonEraOrThaiDigits(string year)
    {
        var rows = Rows(await ProvincePageAsync($"unit=85&fiscalYear={Uri.EscapeDataString(year)}"));

        rows["8502"].OnTimeRate.ShouldBe("80.00");
    }

    [Fact]
    public async Task WithoutAYear_TheCurrentFiscalYearIsShown_AndAProvinceDefaultsToItself()
    {
        var page = await ProvincePageAsync("");

        page.ShouldContain("ปีงบประมาณ 2566");
        Rows(page)["8503"].ReportingRate.ShouldBe("80.00");
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("3000")]
    [InlineData("2566x")]
    public async Task AnUnreadableYear_IsAThaiMessage_NotAServerError(string year)
    {
        var province = await app.SignedInAsync("ProvinceOfficer", "85");

        var response = await province.GetAsync($"/Revenue/ReportingRates?unit=85&fiscalYear={year}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("ต้องเป็นปี พ.ศ. ระหว่าง 2400 ถึง 2700");
    }
}

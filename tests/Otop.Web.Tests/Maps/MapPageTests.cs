using System.Net;
using System.Text.RegularExpressions;
using Otop.Domain;
using Otop.Web.Features.Revenue;
using Otop.Web.Platform.Data;
using Otop.Web.Tests.Infrastructure;
using static Otop.Web.Tests.Revenue.RevenueTestData;

namespace Otop.Web.Tests.Maps;

/// <summary>Issue 17 item 3: the choropleths of /Maps, drawn on the server, their colours, their table and who sees which.</summary>
public sealed partial class MapPageTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    private sealed record Shape(string Code, int Class, string Fill, string? Href, string Title);

    [GeneratedRegex("""<(?:a href="(?<href>[^"]*)" aria-label="[^"]*"|g) data-testid="region" data-code="(?<code>\d+)" data-class="(?<cls>\d)"><title>(?<title>[^<]*)</title><path d="M[^"]+Z" fill="(?<fill>[^"]+)" />""")]
    private static partial Regex ShapePattern();

    private static List<Shape> Shapes(string html) =>
        [.. ShapePattern().Matches(html).Select(m => new Shape(m.Groups["code"].Value, int.Parse(m.Groups["cls"].Value), m.Groups["fill"].Value,
            m.Groups["href"].Success ? WebUtility.HtmlDecode(m.Groups["href"].Value) : null, WebUtility.HtmlDecode(m.Groups["title"].Value)))];

    private static string FillOf(int cls) => cls == ChoroplethClasses.NoData ? "url(#map-nodata)" : ChoroplethClasses.Colours[cls];

    [Fact]
    public async Task TheNationalMap_DrawsAll77Provinces_EachColouredByTheClassOfItsRevenueIncrease()
    {
        app.Clock.Now = Bangkok(2022, 12, 15); // round 1 of FY 2566: October and November have ended
        await app.SeedRevenueIndicatorAsync(2566);
        var siSaKet = await app.ProducersAsync("3301", 1);
        var korat = await app.ProducersAsync("3002", 1);
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        await admin.ImportHistoryAsync((siSaKet[0], "2021-10", 1000m), (siSaKet[0], "2022-10", 1125m),
            (korat[0], "2021-11", 2000m), (korat[0], "2022-11", 1950m));
        var department = await app.SignedInAsync("DepartmentAdmin", "0");

        var html = await department.GetStringAsync("/Maps?measure=revenue&fiscalYear=2566&round=1");

        var shapes = Shapes(html);
        shapes.Count.ShouldBe(77);
        shapes.Select(s => s.Code).Distinct().Count().ShouldBe(77);
        var expected33 = ChoroplethClasses.Of(ScoreTable.IncreasePercent(1125m, 1000m), ChoroplethClasses.IncreaseBreaks);
        var expected30 = ChoroplethClasses.Of(ScoreTable.IncreasePercent(1950m, 2000m), ChoroplethClasses.IncreaseBreaks);
        expected33.ShouldNotBe(expected30);
        shapes.Single(s => s.Code == "33").ShouldSatisfyAllConditions(
            s => s.Class.ShouldBe(expected33), s => s.Fill.ShouldBe(FillOf(expected33)), s => s.Href!.ShouldStartWith("/Maps?province=33&measure=revenue"),
            s => s.Title.ShouldContain("ศรีสะเกษ"), s => s.Title.ShouldContain(ScoreTable.IncreasePercent(1125m, 1000m).ToString("0.00")));
        shapes.Single(s => s.Code == "30").ShouldSatisfyAllConditions(s => s.Class.ShouldBe(expected30), s => s.Fill.ShouldBe(FillOf(expected30)));
        // Every other province has no figure this round, Bangkok included (on the map, but not a unit of this work: no link).
        shapes.Where(s => s.Code is not ("33" or "30")).ShouldAllBe(s => s.Class == ChoroplethClasses.NoData && s.Fill == FillOf(ChoroplethClasses.NoData));
        shapes.Single(s => s.Code == "10").Href.ShouldBeNull();
        // The table carries the same figures and the credit sits under the map.
        html.ShouldContain($"<tr data-code=\"33\" data-class=\"{expected33}\">");
        html.ShouldContain("OCHA / Royal Thai Survey Department (CC BY-IGO)");
        html.ShouldContain("piyayut-ch/mapthai (MIT)");
    }

    [Fact]
    public async Task TheCompletenessMap_ColoursAProvinceByTheShareOfItsDistrictsThatConfirmedTheMonth()
    {
        var districts = app.WithDb(db => db.OrgUnits.Where(o => o.ParentCode == "40" && o.Level == OrgLevel.District).OrderBy(o => o.Code).Select(o => o.Code).ToList());
        await app.WithDbAsync(db =>
        {
            foreach (var (code, i) in districts.Take(districts.Count / 2).Select((c, i) => (c, i)))
            {
                db.RevenueMonths.Add(new RevenueMonth
                {
                    DistrictCode = code, ProvinceCode = "40", Month = "2022-09", Status = i == 0 ? RevenueStatus.Approved : RevenueStatus.Confirmed,
                    Late = i == 1, Version = 1, UpdatedAt = app.Clock.GetUtcNow(),
                });
            }
            db.RevenueMonths.Add(new RevenueMonth { DistrictCode = districts[^1], ProvinceCode = "40", Month = "2022-09", Status = RevenueStatus.Draft, Version = 1, UpdatedAt = app.Clock.GetUtcNow() });
            return db.SaveChangesAsync();
        });
        var department = await app.SignedInAsync("DepartmentAdmin", "0");

        var html = await department.GetStringAsync("/Maps?measure=completeness&month=2022-09");

        var percent = Math.Round(districts.Count / 2 * 100m / districts.Count, 2, MidpointRounding.AwayFromZero);
        var expected = ChoroplethClasses.Of(percent, ChoroplethClasses.CompletenessBreaks);
        var khonKaen = Shapes(html).Single(s => s.Code == "40");
        khonKaen.Class.ShouldBe(expected);
        khonKaen.Fill.ShouldBe(FillOf(expected));
        khonKaen.Title.ShouldContain($"ยืนยันแล้ว {districts.Count / 2} จาก {districts.Count} อำเภอ");
        html.ShouldContain($"<tr data-code=\"40\" data-class=\"{expected}\">");
        html.ShouldContain("ความครบถ้วนของการรายงานรายได้เดือนกันยายน 2565");
    }

    [Fact]
    public async Task SaKaeosDistrictMap_DrawsOnlyItsNineDistricts_EachLinkedToItsDashboard()
    {
        var department = await app.SignedInAsync("DepartmentAdmin", "0");

        var response = await department.GetAsync("/Maps?province=27&fiscalYear=2566&round=1");
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var shapes = Shapes(html);
        var saKaeo = app.WithDb(db => db.OrgUnits.Where(o => o.ParentCode == "27").OrderBy(o => o.Code).Select(o => o.Code).ToList());
        saKaeo.Count.ShouldBe(9);
        shapes.Select(s => s.Code).ShouldBe(saKaeo);
        shapes.ShouldAllBe(s => s.Href == $"/Revenue/Dashboard?unit={s.Code}&fiscalYear=2566");
        // A phone gets the province's slice, not the 913 KB of every district.
        html.Length.ShouldBeLessThan(100_000);
    }

    [Fact]
    public async Task AProvinceOfficer_SeesItsOwnDistrictMap_AndAnotherProvinceIs404()
    {
        var province = await app.SignedInAsync("ProvinceOfficer", "27");

        var own = Shapes(await province.GetStringAsync("/Maps?measure=completeness"));
        own.Count.ShouldBe(9);
        own.ShouldAllBe(s => s.Code.StartsWith("27"));
        (await province.GetAsync("/Maps?province=30")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await province.GetAsync("/Maps?province=2701")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ADistrictOfficer_IsRefused_AndBadInputIsAThai400()
    {
        var district = await app.SignedInAsync("DistrictOfficer", "2701");
        var refused = await district.GetAsync("/Maps");
        refused.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        refused.Headers.Location!.OriginalString.ShouldContain("/Account/Denied");

        var viewer = await app.SignedInAsync("Viewer", "0");
        (await viewer.GetAsync("/Maps")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var badMeasure = await viewer.GetAsync("/Maps?measure=score");
        badMeasure.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badMeasure.Content.ReadAsStringAsync()).ShouldContain("ค่าที่จะแสดงบนแผนที่ (measure)");
        var badMonth = await viewer.GetAsync("/Maps?month=2566-13");
        badMonth.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badMonth.Content.ReadAsStringAsync()).ShouldContain("เดือน (month)");
        (await viewer.GetAsync("/Maps?round=3")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await viewer.GetAsync("/Maps?province=10")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/Maps?month=2566-01")]
    [InlineData("/Maps?measure=completeness&month=0001-01")]
    [InlineData("/Maps?province=27&measure=completeness&month=9999-12")]
    public async Task AMonthOutsideTheCeYearsTheSystemKeeps_IsRefusedInThai_NotDrawnForAnotherCentury(string url)
    {
        var viewer = await app.SignedInAsync("Viewer", "0");

        var response = await viewer.GetAsync(url);

        response.StatusCode.ShouldBe((HttpStatusCode)422);
        (await response.Content.ReadAsStringAsync()).ShouldContain("ใช้ปีไม่ถูกต้อง");
    }
}

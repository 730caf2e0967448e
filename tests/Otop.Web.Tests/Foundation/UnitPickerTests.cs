using System.Net;
using System.Text.Json;
using Otop.Web.Tests.Infrastructure;

namespace Otop.Web.Tests.Foundation;

/// <summary>
/// The shared unit picker (issue 17 item 2) through HTTP on the demo data: its search <c>GET /Org/Units</c> answers only
/// the caller's scope, and every page that chooses a unit takes what the picker sends (a code, "code name", or a Thai
/// name in any spelling), saying in Thai when a name named no unit or several.
/// </summary>
public sealed class UnitPickerTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static async Task<List<JsonElement>> SearchAsync(HttpClient client, string query, string levels = "All", int limit = 20)
    {
        var response = await client.GetAsync($"/Org/Units?levels={levels}&limit={limit}&q={Uri.EscapeDataString(query)}");
        return (await response.JsonAsync()).GetProperty("results").EnumerateArray().ToList();
    }

    private static string Codes(IEnumerable<JsonElement> results) => string.Join(" ", results.Select(r => r.GetProperty("code").GetString()));

    [Fact]
    public async Task AProvinceOfficer_NeverSeesAnotherProvincesDistricts()
    {
        var province = await app.SignedInAsync("ProvinceOfficer", "27");

        var mueang = await SearchAsync(province, "เมือง");
        var everything = await SearchAsync(province, "", limit: 50);

        Codes(mueang).ShouldBe("2701"); // 75 other provinces have a เมือง… district
        Codes(everything).ShouldBe("27 2701 2702 2703 2704 2705 2706 2707 2708 2709");
        (await SearchAsync(province, "เฉลิมพระเกียรติ")).ShouldBeEmpty();
        (await SearchAsync(province, "3032")).ShouldBeEmpty();
        (await SearchAsync(province, "0")).ShouldBeEmpty();
    }

    [Fact]
    public async Task ADistrictOfficer_SeesOnlyTheirOwnDistrict()
    {
        var district = await app.SignedInAsync("DistrictOfficer", "2704");

        Codes(await SearchAsync(district, "")).ShouldBe("2704");
        Codes(await SearchAsync(district, "สระแก้ว")).ShouldBe("");
        Codes(await SearchAsync(district, "วัง")).ShouldBe("2704"); // not วังสมบูรณ์, a sibling
        Codes(await SearchAsync(district, "27")).ShouldBe("2704");
    }

    [Fact]
    public async Task TheDepartment_FindsThaiSpellingVariants_GroupedUnderTheirProvince()
    {
        var department = await app.SignedInAsync("DepartmentAdmin", "0");

        var wangNamYen = await SearchAsync(department, "วังนํ้าเย็น"); // nikhahit + sara aa
        var chaloem = await SearchAsync(department, "เฉลิมพระเกียรติ", levels: "District");

        Codes(wangNamYen).ShouldBe("2704");
        wangNamYen[0].GetProperty("label").GetString().ShouldBe("อำเภอวังน้ำเย็น");
        wangNamYen[0].GetProperty("groupLabel").GetString().ShouldBe("จังหวัดสระแก้ว");
        chaloem.Count.ShouldBeGreaterThan(1);
        chaloem.Select(r => r.GetProperty("group").GetString()).ShouldBe(chaloem.Select(r => r.GetProperty("code").GetString()![..2]));
        chaloem.Select(r => r.GetProperty("groupLabel").GetString()).ShouldAllBe(l => l!.StartsWith("จังหวัด"));
    }

    [Fact]
    public async Task TheSearch_AnswersAtMostTheLimit_AndSaysWhenThereIsMore()
    {
        var department = await app.SignedInAsync("DepartmentAdmin", "0");

        var answer = await (await department.GetAsync($"/Org/Units?levels=Province&limit=5&q={Uri.EscapeDataString("จังหวัด")}")).JsonAsync();

        answer.GetProperty("results").GetArrayLength().ShouldBe(5);
        answer.GetProperty("more").GetBoolean().ShouldBeTrue();
        answer.GetProperty("results").EnumerateArray().ShouldAllBe(r => r.GetProperty("code").GetString()!.Length == 2);
    }

    [Fact]
    public async Task UnknownLevels_AreRefusedInThai()
    {
        var department = await app.SignedInAsync("DepartmentAdmin", "0");

        var response = await department.GetAsync("/Org/Units?levels=Village&q=1");

        var problem = await response.JsonAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("detail").GetString().ShouldBe("ระดับหน่วยงาน (levels) ต้องเป็น Nation, Province หรือ District ไม่ใช่ 'Village'");
    }

    [Theory]
    [InlineData("/Revenue/Dashboard?fiscalYear=2566&unit=")]
    [InlineData("/Revenue/Trends?fiscalYear=2566&unit=")]
    [InlineData("/Revenue/ReportingRates?fiscalYear=2566&unit=")]
    [InlineData("/Calendar?fiscalYear=2566&unit=")]
    public async Task EachUnitPage_TakesWhatThePickerSends(string page)
    {
        var province = await app.SignedInAsync("ProvinceOfficer", "27");

        foreach (var typed in new[] { "2704", "2704 อำเภอวังน้ำเย็น", "วังนํ้าเย็น", "อ.วังน้ำเย็น" })
        {
            var response = await province.GetAsync(page + Uri.EscapeDataString(typed));

            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            response.StatusCode.ShouldBe(HttpStatusCode.OK, typed);
            html.ShouldContain("name=\"unit\" value=\"2704 อำเภอวังน้ำเย็น\"", Case.Sensitive, typed);
            html.ShouldNotContain("data-testid=\"unit-picker-error\"", Case.Sensitive, typed);
        }
    }

    [Fact]
    public async Task ANameOfSeveralUnits_ShowsTheDefaultUnitWithTheMessageAndLinksToEach()
    {
        var department = await app.SignedInAsync("DepartmentAdmin", "0");

        var response = await department.GetAsync("/Revenue/Trends?fiscalYear=2566&years=2&unit=" + Uri.EscapeDataString("เฉลิมพระเกียรติ"));

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("แนวโน้มรายได้ OTOP · ทั้งประเทศ");
        html.ShouldContain("\"เฉลิมพระเกียรติ\" ตรงกับ");
        html.ShouldContain("name=\"unit\" value=\"เฉลิมพระเกียรติ\"");
        html.ShouldContain("aria-invalid=\"true\"");
        html.ShouldContain("href=\"/Revenue/Trends?fiscalYear=2566&years=2&unit=3032\"");
    }

    [Fact]
    public async Task AnotherProvincesDistrict_IsNotFoundByName_AndNotThereByCode()
    {
        var province = await app.SignedInAsync("ProvinceOfficer", "27");

        var byName = WebUtility.HtmlDecode(await province.GetStringAsync("/Revenue/Trends?fiscalYear=2566&unit=" + Uri.EscapeDataString("เฉลิมพระเกียรติ")));
        var byCode = await province.GetAsync("/Revenue/Trends?fiscalYear=2566&unit=3032");

        byName.ShouldContain("หน่วยงาน: ไม่พบ \"เฉลิมพระเกียรติ\" ในหน่วยงานที่ท่านดูได้");
        byName.ShouldContain("แนวโน้มรายได้ OTOP · จังหวัดสระแก้ว");
        byCode.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/Rankings?indicator=online&fiscalYear=2564&round=1&province=", "นครราชสีมา", "อันดับอำเภอ จังหวัดนครราชสีมา")]
    [InlineData("/Rankings?indicator=online&fiscalYear=2564&round=1&province=", "0 ทั้งประเทศ", "อันดับจังหวัดทั้งประเทศ")]
    [InlineData("/OnlineMarket/Results?fiscalYear=2564&round=1&province=", "จ.สระแก้ว", "name=\"province\" value=\"27 จังหวัดสระแก้ว\"")]
    public async Task TheDepartmentsProvincePickers_TakeANameOrCode(string page, string typed, string shown)
    {
        var department = await app.SignedInAsync("DepartmentAdmin", "0");

        var response = await department.GetAsync(page + Uri.EscapeDataString(typed));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()).ShouldContain(shown);
    }

    [Fact]
    public async Task TheDepartmentsDashboard_NoLongerCarriesEveryUnitOfTheNation()
    {
        var department = await app.SignedInAsync("DepartmentAdmin", "0");

        var html = await department.GetStringAsync("/Revenue/Dashboard?fiscalYear=2566&unit=27");

        html.ShouldContain("data-source=\"/Org/Units?levels=Province%2C%20District\"");
        html.ShouldNotContain("<option value=\"3032\"");
        html.ShouldNotContain("เฉลิมพระเกียรติ");
    }
}

using System.Net;
using System.Text.Json;
using Otop.Web.Tests.Infrastructure;

namespace Otop.Web.Tests.Foundation;

public sealed class OrgTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    [Fact]
    public async Task Provinces_Are76_InCodeOrder_WithoutBangkok()
    {
        var client = await app.ClientAsAsync("DistrictOfficer", "2701");

        var provinces = (await (await client.GetAsync("/api/v1/org/provinces")).JsonAsync()).EnumerateArray().ToList();

        provinces.Count.ShouldBe(76);
        provinces.Select(p => p.GetProperty("code").GetString()).ShouldBe(provinces.Select(p => p.GetProperty("code").GetString()).Order(StringComparer.Ordinal));
        provinces.ShouldNotContain(p => p.GetProperty("code").GetString() == "10");
        var sakaeo = provinces.Single(p => p.GetProperty("code").GetString() == "27");
        sakaeo.GetProperty("nameTh").GetString().ShouldBe("สระแก้ว");
        sakaeo.GetProperty("nameEn").GetString().ShouldBe("Sa Kaeo");
    }

    [Fact]
    public async Task SaKaeoDistricts_AreItsNine_InCodeOrder()
    {
        var client = await app.ClientAsAsync("Viewer", "0");

        var districts = (await (await client.GetAsync("/api/v1/org/provinces/27/districts")).JsonAsync()).EnumerateArray()
            .Select(d => $"{d.GetProperty("code").GetString()} {d.GetProperty("nameTh").GetString()}").ToList();

        districts.ShouldBe([
            "2701 เมืองสระแก้ว", "2702 คลองหาด", "2703 ตาพระยา", "2704 วังน้ำเย็น", "2705 วัฒนานคร",
            "2706 อรัญประเทศ", "2707 เขาฉกรรจ์", "2708 โคกสูง", "2709 วังสมบูรณ์",
        ]);
    }

    [Fact]
    public async Task AllProvincesTogether_Have878Districts()
    {
        var client = await app.ClientAsAsync("Viewer", "0");
        var provinces = (await (await client.GetAsync("/api/v1/org/provinces")).JsonAsync()).EnumerateArray()
            .Select(p => p.GetProperty("code").GetString()!).ToList();

        var total = 0;
        foreach (var code in provinces)
        {
            var districts = await (await client.GetAsync($"/api/v1/org/provinces/{code}/districts")).JsonAsync();
            districts.ValueKind.ShouldBe(JsonValueKind.Array);
            total += districts.GetArrayLength();
        }

        total.ShouldBe(878);
    }

    [Theory]
    [InlineData("10")]
    [InlineData("99")]
    [InlineData("2701")]
    public async Task DistrictsOfSomethingThatIsNotAProvince_Are404(string code)
    {
        var client = await app.ClientAsAsync("Viewer", "0");

        var response = await client.GetAsync($"/api/v1/org/provinces/{code}/districts");

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }
}

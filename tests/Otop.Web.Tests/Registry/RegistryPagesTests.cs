using System.Net;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Tests.Infrastructure;
using Otop.Web.Features.Registry;

namespace Otop.Web.Tests.Registry;

/// <summary>The registry pages through HTTP with a signed-in cookie: scope, Thai validation that keeps input, checks, quality.</summary>
public sealed class RegistryPagesTests(DemoApp app) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task TheSearchPage_ShowsOnlyTheOfficersDistrict()
    {
        var client = await app.SignedInAsync("DistrictOfficer", "2702");

        var html = await client.GetStringAsync("/Registry?Filter.RegisteredFrom=2557&Filter.RegisteredTo=2563");

        html.ShouldContain("พบ 164 ผลิตภัณฑ์");
        html.ShouldNotContain("/Registry/Producer/2701");
        html.ShouldContain("/Registry/Producer/2702");
    }

    [Fact]
    public async Task AnotherDistrictsProducerPage_Is404()
    {
        var client = await app.SignedInAsync("DistrictOfficer", "2701");

        (await client.GetAsync("/Registry/Producer/27020001")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync("/Registry/Producer/27010001")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task CreatingAProducerWithBadInput_ShowsThaiMessages_AndKeepsWhatWasTyped()
    {
        var client = await app.SignedInAsync("DistrictOfficer", "2701");
        var token = Antiforgery.TokenFrom(await client.GetStringAsync("/Registry/Edit"));

        var response = await client.PostAsync("/Registry/Edit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Code"] = "27019900", ["Input.Name"] = "กลุ่มทอผ้าบ้านใหม่", ["Input.Type"] = "group", ["Input.Members"] = "สิบสอง",
            ["Input.Phone"] = "๐๘๑-๒๓๔-๕๖๗๘", ["Input.Version"] = "0", ["__RequestVerificationToken"] = token,
        }));

        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("จำนวนสมาชิกต้องเป็นจำนวนเต็ม");
        html.ShouldContain("value=\"สิบสอง\"");
        html.ShouldContain("value=\"กลุ่มทอผ้าบ้านใหม่\"");
        // The shared error summary links the message to its field, which says it is invalid and what is wrong (issue 15, item 4).
        html.ShouldContain("data-error-summary");
        System.Text.RegularExpressions.Regex.IsMatch(html, "<a href=\"#members\" data-error-link>จำนวนสมาชิกต้องเป็นจำนวนเต็ม").ShouldBeTrue();
        html.ShouldContain("id=\"members\" aria-invalid=\"true\" aria-describedby=\"members-error\"");
        html.ShouldContain("<div class=\"invalid-feedback\" id=\"members-error\">จำนวนสมาชิกต้องเป็นจำนวนเต็ม");
        html.ShouldNotContain("id=\"name\" aria-invalid");
        (await app.WithDbAsync(db => db.Entrepreneurs.AnyAsync(e => e.Code == "27019900"))).ShouldBeFalse();
    }

    [Fact]
    public async Task CreatingAProducer_WithThaiDigits_SavesItInTheOfficersDistrict()
    {
        var client = await app.SignedInAsync("DistrictOfficer", "2701");
        var token = Antiforgery.TokenFrom(await client.GetStringAsync("/Registry/Edit"));

        var response = await client.PostAsync("/Registry/Edit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Code"] = "๒๗๐๑๙๙๐๑", ["Input.Name"] = "กลุ่มสมุนไพรบ้านโนนสูง", ["Input.Type"] = "group", ["Input.Members"] = "๑๒",
            ["Input.DistrictCode"] = "2702", ["Input.Version"] = "0", ["__RequestVerificationToken"] = token,
        }));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var saved = await app.WithDbAsync(db => db.Entrepreneurs.SingleAsync(e => e.Code == "27019901"));
        saved.Members.ShouldBe(12);
        saved.DistrictCode.ShouldBe("2701", "a district officer writes only its own district");
    }

    [Fact]
    public async Task TheQualityPage_ListsLikelyDuplicatesInADistrict()
    {
        await app.WithDbAsync(async db =>
        {
            db.Entrepreneurs.AddRange(
                new Otop.Web.Features.Registry.Entrepreneur { Code = "27089801", Name = "กลุ่ม ทอผ้า บ้านหนองแวงพิเศษ", DistrictCode = "2708", ProvinceCode = "27" },
                new Otop.Web.Features.Registry.Entrepreneur { Code = "27089802", Name = "วิสาหกิจชุมชนทอผ้าบ้านหนองแวงพิเศษ", DistrictCode = "2708", ProvinceCode = "27" });
            return await db.SaveChangesAsync();
        });
        var client = await app.SignedInAsync("ProvinceOfficer", "27");

        var html = await client.GetStringAsync("/Registry/Quality");

        html.ShouldContain("27089801");
        html.ShouldContain("27089802");
    }

    [Fact]
    public async Task AViewer_CannotOpenTheImportPage()
    {
        var client = await app.SignedInAsync("Viewer", "27");

        (await client.GetAsync("/Registry/Import")).StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect);
    }
}

using System.Net;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Tests.Infrastructure;
using Otop.Web.Features.Circulars;
using Otop.Web.Features.Revenue;
using Otop.Web.Platform.Auth;

namespace Otop.Web.Tests.Foundation;

/// <summary>Nobody sees or writes outside their org unit: the shared scope filter on real rows.</summary>
public sealed class ScopeTests(DemoApp app) : IClassFixture<DemoApp>
{
    [Theory]
    [InlineData("2701", 24, "2701")]
    [InlineData("27", 216, null)]
    [InlineData("0", 216, null)]
    [InlineData("30", 0, null)]
    public async Task VisibleTo_ReturnsOnlyRowsOfTheUnitAndBelow(string unit, int expectedMonths, string? onlyDistrict)
    {
        var rows = await app.WithDbAsync(db => db.RevenueMonths.AsNoTracking().VisibleTo(new OrgScope(unit))
            .Select(m => m.DistrictCode).ToListAsync());

        rows.Count.ShouldBe(expectedMonths);
        if (onlyDistrict is not null) rows.ShouldAllBe(d => d == onlyDistrict);
    }

    [Theory]
    [InlineData("0", "2701", true)]
    [InlineData("27", "27", true)]
    [InlineData("27", "2709", true)]
    [InlineData("27", "2801", false)]
    [InlineData("27", "0", false)]
    [InlineData("2701", "2701", true)]
    [InlineData("2701", "2702", false)]
    [InlineData("2701", "27", false)]
    public void Covers_FollowsTheDopaHierarchy(string scope, string unit, bool covered)
    {
        new OrgScope(scope).Covers(unit).ShouldBe(covered);
    }

    [Theory]
    [InlineData("0", null, null)]
    [InlineData("27", "27", null)]
    [InlineData("2701", null, "2701")]
    [InlineData("-", null, "-")]
    public void Filter_IsThePairOfCodesVisibleToFiltersBy(string scope, string? province, string? district)
    {
        new OrgScope(scope).Filter().ShouldBe((province, district));
    }

    [Fact]
    public async Task AHomePage_ShowsOnlyTheDistrictsOfTheOfficersProvince()
    {
        var client = app.CreateClient();
        var user = await app.CreateUserAsync("ProvinceOfficer", "27");
        var token = Antiforgery.TokenFrom(await client.GetStringAsync("/Account/Login"));
        var home = await (await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Username"] = user, ["Input.Password"] = OtopApp.Password, ["__RequestVerificationToken"] = token,
        }))).Content.ReadAsStringAsync();

        home.ShouldContain("วังสมบูรณ์");
        home.ShouldNotContain("2801");
    }

    [Fact]
    public async Task ADistrictOfficer_CannotListUsers_403()
    {
        var client = await app.ClientAsAsync("DistrictOfficer", "2701");

        (await client.GetAsync("/api/v1/users")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}

using System.Net;
using System.Text.RegularExpressions;
using Otop.Web.Tests.Infrastructure;

namespace Otop.Web.Tests.Users;

/// <summary>The <c>/Users</c> pages: list and filters, disable with the concurrency stamp, reset showing the link once.</summary>
public sealed partial class AccountPagesTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    [Fact]
    public async Task TheList_FindsByNameAndRole_AndShowsTheLastSignInInBuddhistEra()
    {
        var name = await app.CreateUserAsync("DistrictOfficer", "2706", "searchable.officer");
        await app.WithDbAsync(async db =>
        {
            var u = db.Users.Single(x => x.UserName == name);
            u.LastSignInAt = new DateTimeOffset(2023, 2, 19, 8, 30, 0, TimeSpan.FromHours(7)).ToUniversalTime();
            return await db.SaveChangesAsync();
        });
        var admin = await app.SignedInAsync("DepartmentAdmin", "0");

        var found = await admin.GetStringAsync("/Users?q=SEARCHABLE&unit=27&role=DistrictOfficer");
        var otherRole = await admin.GetStringAsync("/Users?q=searchable&role=Viewer");

        found.ShouldContain("searchable.officer");
        found.ShouldContain("19 ก.พ. 2566 08:30 น.");
        otherRole.ShouldNotContain("searchable.officer");
    }

    [Fact]
    public async Task DisablingOnThePage_NeedsTheCurrentStamp_AndAStalePageChangesNothing()
    {
        var name = await app.CreateUserAsync("Viewer", "27");
        var province = await app.SignedInAsync("ProvinceOfficer", "27");
        var page = await province.GetStringAsync($"/Users/Edit/{name}");
        var stamp = StampPattern().Match(page).Groups[1].Value;
        var token = Antiforgery.TokenFrom(page);
        FormUrlEncodedContent Form(string s) => new(new Dictionary<string, string> { ["Stamp"] = s, ["__RequestVerificationToken"] = token });

        var disabled = await province.PostAsync($"/Users/Edit/{name}?handler=Disable", Form(stamp));
        var stale = await app.ChangesNothingAsync(() => province.PostAsync($"/Users/Edit/{name}?handler=Enable", Form(stamp)));

        (await disabled.Content.ReadAsStringAsync()).ShouldContain("ระงับบัญชีแล้ว");
        (await app.UserAsync(name)).DisabledAt.ShouldNotBeNull();
        (await stale.Content.ReadAsStringAsync()).ShouldContain("ถูกแก้ไขโดยผู้อื่น");
    }

    [Fact]
    public async Task AResetOnThePage_ShowsTheLinkOnce_AndTheOldPasswordStops()
    {
        var name = await app.CreateUserAsync("DistrictOfficer", "2701");
        var admin = await app.SignedInAsync("DepartmentAdmin", "0");
        var page = await admin.GetStringAsync($"/Users/Edit/{name}");

        var reset = await admin.PostAsync($"/Users/Edit/{name}?handler=Reset", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Stamp"] = StampPattern().Match(page).Groups[1].Value, ["__RequestVerificationToken"] = Antiforgery.TokenFrom(page),
        }));
        var html = await reset.Content.ReadAsStringAsync();
        var again = await admin.GetStringAsync($"/Users/Edit/{name}");

        html.ShouldContain("แสดงครั้งเดียวเท่านั้น");
        html.ShouldContain("/Account/SetPassword?user=");
        again.ShouldNotContain("/Account/SetPassword?user=");
        (await app.CreateClient().PostJsonAsync("/api/v1/auth/token", new { username = name, password = OtopApp.Password })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AProvinceOfficer_SeesADistrictHeadReadOnly_AndItsFormOffersOnlyTheRolesItMayGive()
    {
        var head = await app.CreateUserAsync("DistrictHead", "2701");
        var province = await app.SignedInAsync("ProvinceOfficer", "27");

        var page = await province.GetStringAsync($"/Users/Edit/{head}");
        var create = await province.GetStringAsync("/Users/Create");

        page.ShouldContain("สร้างและจัดการได้เฉพาะโดยกรม");
        page.ShouldNotContain("handler=Disable");
        create.ShouldContain("value=\"DistrictOfficer\"");
        create.ShouldContain("value=\"Viewer\"");
        create.ShouldNotContain("value=\"DistrictHead\"");
    }

    [Fact]
    public async Task CreatingAnAccountWithoutAUsername_ShowsTheErrorSummaryLinkedToTheField_WhichIsAriaInvalid()
    {
        var province = await app.SignedInAsync("ProvinceOfficer", "27");
        var form = await province.GetStringAsync("/Users/Create");

        var response = await province.PostAsync("/Users/Create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Username"] = "", ["DisplayName"] = "สมชาย ใจดี", ["Role"] = "DistrictOfficer", ["OrgUnit"] = "2701",
            ["__RequestVerificationToken"] = Antiforgery.TokenFrom(form),
        }));
        var html = await response.Content.ReadAsStringAsync();

        html.ShouldContain("data-error-summary");
        html.ShouldContain("<a href=\"#username\" data-error-link>");
        html.ShouldContain("id=\"username\" aria-invalid=\"true\" aria-describedby=\"username-error\"");
        html.ShouldContain("id=\"username-error\"");
        html.ShouldNotContain("id=\"displayName\" aria-invalid");
    }

    [Fact]
    public async Task ALockedOutAccount_IsShownLocked_AndUnlockingOnThePageLetsItSignInAtOnce()
    {
        var name = await app.CreateUserAsync("DistrictOfficer", "2701");
        await app.WithDbAsync(async db =>
        {
            var u = db.Users.Single(x => x.UserName == name);
            (u.LockoutEnd, u.AccessFailedCount) = (DateTimeOffset.UtcNow.AddYears(10), 5); // locked whichever clock Identity reads
            return await db.SaveChangesAsync();
        });
        var province = await app.SignedInAsync("ProvinceOfficer", "27");
        var page = await province.GetStringAsync($"/Users/Edit/{name}");
        (await app.CreateClient().PostJsonAsync("/api/v1/auth/token", new { username = name, password = OtopApp.Password })).IsSuccessStatusCode.ShouldBeFalse();

        var unlocked = await province.PostAsync($"/Users/Edit/{name}?handler=Unlock", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Stamp"] = StampPattern().Match(page).Groups[1].Value, ["__RequestVerificationToken"] = Antiforgery.TokenFrom(page),
        }));

        page.ShouldContain("ล็อกชั่วคราวถึง");
        (await unlocked.Content.ReadAsStringAsync()).ShouldContain("ปลดล็อกบัญชีแล้ว");
        (await app.UserAsync(name)).AccessFailedCount.ShouldBe(0);
        (await app.CreateClient().PostJsonAsync("/api/v1/auth/token", new { username = name, password = OtopApp.Password })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [GeneratedRegex("name=\"Stamp\" value=\"([^\"]+)\"")]
    private static partial Regex StampPattern();
}

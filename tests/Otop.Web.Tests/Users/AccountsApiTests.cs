using System.Net;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Tests.Infrastructure;

namespace Otop.Web.Tests.Users;

/// <summary>CONTRACT.md "Roles and scope": the list, PATCH and password reset of <c>/api/v1/users</c>.</summary>
public sealed class AccountsApiTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    private static readonly string[] ContractFields = ["username", "displayName", "role", "orgUnit", "email", "disabled", "lastSignInAt"];

    [Fact]
    public async Task TheList_AnswersExactlyTheContractsFields_ForTheUnitAndEverythingBelowIt()
    {
        var district = await app.CreateUserAsync("DistrictOfficer", "2701");
        var province = await app.CreateUserAsync("Viewer", "27");
        var elsewhere = await app.CreateUserAsync("DistrictOfficer", "3001");
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");

        var list = (await (await admin.GetAsync("/api/v1/users?orgUnit=27")).JsonAsync()).EnumerateArray().ToList();

        list.ShouldContain(u => u.GetProperty("username").GetString() == district);
        list.ShouldContain(u => u.GetProperty("username").GetString() == province);
        list.ShouldNotContain(u => u.GetProperty("username").GetString() == elsewhere);
        list.ShouldAllBe(u => u.GetProperty("orgUnit").GetString()!.StartsWith("27"));
        foreach (var u in list) u.EnumerateObject().Select(p => p.Name).Order().ShouldBe(ContractFields.Order());
        var one = list.Single(u => u.GetProperty("username").GetString() == district);
        one.GetProperty("role").GetString().ShouldBe("DistrictOfficer");
        one.GetProperty("disabled").GetBoolean().ShouldBeFalse();
        one.GetProperty("email").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task AProvinceOfficer_ListsItsOwnProvinceByDefault_AndAnotherProvinceOrTheDepartmentIs403()
    {
        var mine = await app.CreateUserAsync("DistrictOfficer", "2705");
        var province = await app.ClientAsAsync("ProvinceOfficer", "27");

        var byDefault = (await (await province.GetAsync("/api/v1/users")).JsonAsync()).EnumerateArray().ToList();
        var district = (await (await province.GetAsync("/api/v1/users?orgUnit=2705")).JsonAsync()).EnumerateArray().ToList();

        byDefault.ShouldContain(u => u.GetProperty("username").GetString() == mine);
        district.ShouldAllBe(u => u.GetProperty("orgUnit").GetString() == "2705");
        await (await province.GetAsync("/api/v1/users?orgUnit=30")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await province.GetAsync("/api/v1/users?orgUnit=0")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await (await app.ClientAsAsync("DistrictHead", "2701")).GetAsync("/api/v1/users")).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Patch_ChangesEveryField_AnswersTheAccount_ChangesTheStamp_AndIsAudited()
    {
        var name = await app.CreateUserAsync("DistrictOfficer", "2701");
        var before = await app.UserAsync(name);
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");

        var body = await (await admin.PatchJsonAsync($"/api/v1/users/{name}",
            """{"displayName":"นายย้าย หน่วยงาน","email":"moved@example.go.th","role":"DistrictHead","orgUnit":"3001"}""")).JsonAsync();

        body.EnumerateObject().Select(p => p.Name).Order().ShouldBe(ContractFields.Order());
        body.GetProperty("displayName").GetString().ShouldBe("นายย้าย หน่วยงาน");
        body.GetProperty("email").GetString().ShouldBe("moved@example.go.th");
        body.GetProperty("role").GetString().ShouldBe("DistrictHead");
        body.GetProperty("orgUnit").GetString().ShouldBe("3001");
        var after = await app.UserAsync(name);
        after.SecurityStamp.ShouldNotBe(before.SecurityStamp, "a role or unit change revokes every token and cookie");
        (await app.RoleOfAsync(name)).ShouldBe("DistrictHead");
        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Entity == "user" && a.Key == name && a.Action == "move").ToListAsync());
        audit.Count.ShouldBe(2, "one entry in the province it left, one in the one it joined");
        audit[0].OldValue!.ShouldContain("DistrictOfficer");
        audit[0].NewValue!.ShouldContain("DistrictHead");
        audit[0].NewValue!.ShouldNotContain("Passw0rd");
    }

    [Fact]
    public async Task DisablingAnAccount_SetsDisabledAt_ChangesTheStamp_AndEnablingClearsIt()
    {
        var name = await app.CreateUserAsync("Viewer", "27");
        var before = await app.UserAsync(name);
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");

        var disabled = await (await admin.PatchJsonAsync($"/api/v1/users/{name}", """{"disabled":true}""")).JsonAsync();
        var stored = await app.UserAsync(name);
        var enabled = await (await admin.PatchJsonAsync($"/api/v1/users/{name}", """{"disabled":false}""")).JsonAsync();

        disabled.GetProperty("disabled").GetBoolean().ShouldBeTrue();
        stored.DisabledAt.ShouldBe(app.Clock.GetUtcNow());
        stored.SecurityStamp.ShouldNotBe(before.SecurityStamp);
        enabled.GetProperty("disabled").GetBoolean().ShouldBeFalse();
        (await app.UserAsync(name)).DisabledAt.ShouldBeNull();
    }

    [Fact]
    public async Task APatchWithAStaleIfMatch_Is409_AndChangesNothing()
    {
        var name = await app.CreateUserAsync("Viewer", "27");
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        var read = await admin.GetAsync($"/api/v1/users/{name}");
        var etag = read.Headers.ETag!.Tag;
        (await admin.PatchJsonAsync($"/api/v1/users/{name}", """{"displayName":"คนแรก แก้ก่อน"}""", etag)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var stale = await app.ChangesNothingAsync(() => admin.PatchJsonAsync($"/api/v1/users/{name}", """{"displayName":"คนที่สอง แก้ทับ"}""", etag));

        await stale.ProblemAsync(HttpStatusCode.Conflict);
        (await app.UserAsync(name)).DisplayName.ShouldBe("คนแรก แก้ก่อน");
    }

    [Theory]
    [InlineData("""{"role":"Mayor"}""", "role")]
    [InlineData("""{"role":"ProvinceOfficer"}""", "role")]
    [InlineData("""{"orgUnit":"9999"}""", "orgUnit")]
    [InlineData("""{"email":"not an address"}""", "email")]
    [InlineData("""{"displayName":""}""", "displayName")]
    [InlineData("""{"disabled":"yes"}""", "disabled")]
    [InlineData("""{"password":"Sneaky12345"}""", "password")]
    public async Task AnInvalidPatch_Is422NamingTheField_AndChangesNothing(string json, string field)
    {
        var name = await app.CreateUserAsync("DistrictOfficer", "2701");
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");

        var response = await app.ChangesNothingAsync(() => admin.PatchJsonAsync($"/api/v1/users/{name}", json));

        var problem = await response.ProblemAsync((HttpStatusCode)422);
        problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
    }

    [Fact]
    public async Task APasswordReset_Is204_ChangesTheStamp_AndTheNewPasswordSignsIn()
    {
        var name = await app.CreateUserAsync("DistrictOfficer", "2701");
        var before = await app.UserAsync(name);
        var province = await app.ClientAsAsync("ProvinceOfficer", "27");

        var reset = await province.PostJsonAsync($"/api/v1/users/{name}/password", new { password = "NewSecret2566" });

        reset.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await app.UserAsync(name)).SecurityStamp.ShouldNotBe(before.SecurityStamp);
        (await app.CreateClient().PostJsonAsync("/api/v1/auth/token", new { username = name, password = "NewSecret2566" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.CreateClient().PostJsonAsync("/api/v1/auth/token", new { username = name, password = OtopApp.Password })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Entity == "user" && a.Key == name && a.Action == "password-reset"));
        (audit.NewValue ?? "").ShouldNotContain("NewSecret2566");
    }

    [Fact]
    public async Task AWeakResetPassword_Is422InThai_AndChangesNothing()
    {
        var name = await app.CreateUserAsync("DistrictOfficer", "2701");
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");

        var response = await app.ChangesNothingAsync(() => admin.PostJsonAsync($"/api/v1/users/{name}/password", new { password = "short" }));

        var problem = await response.ProblemAsync((HttpStatusCode)422);
        problem.GetProperty("errors").GetProperty("password")[0].GetString()!.ShouldContain("รหัสผ่าน");
    }

    [Fact]
    public async Task AnAccountOfAnotherProvince_DoesNotExistForAProvinceOfficer()
    {
        var other = await app.CreateUserAsync("DistrictOfficer", "3001");
        var province = await app.ClientAsAsync("ProvinceOfficer", "27");

        await (await province.GetAsync($"/api/v1/users/{other}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await app.ChangesNothingAsync(() => province.PatchJsonAsync($"/api/v1/users/{other}", """{"disabled":true}"""))).ProblemAsync(HttpStatusCode.NotFound);
        await (await province.PostJsonAsync($"/api/v1/users/{other}/password", new { password = "NewSecret2566" })).ProblemAsync(HttpStatusCode.NotFound);
    }
}

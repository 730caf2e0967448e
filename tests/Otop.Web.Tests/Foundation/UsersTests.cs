using System.Net;
using Otop.Web.Tests.Infrastructure;

namespace Otop.Web.Tests.Foundation;

public sealed class UsersTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    private static object NewUser(string role, string orgUnit, string? username = null, string password = "Sakaeo2566") => new
    {
        username = username ?? $"u{Guid.NewGuid():N}"[..12],
        password,
        displayName = "นางสาวทดสอบ ระบบงาน",
        role,
        orgUnit,
    };

    [Theory]
    [InlineData("DepartmentAdmin", "0")]
    [InlineData("ProvinceOfficer", "30")]
    [InlineData("DistrictHead", "3001")]
    [InlineData("Viewer", "0")]
    public async Task ADepartmentAdmin_CreatesAnyUser_WhoCanThenSignIn(string role, string orgUnit)
    {
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        var username = $"new{Guid.NewGuid():N}"[..14];

        var created = await (await admin.PostJsonAsync("/api/v1/users", NewUser(role, orgUnit, username))).JsonAsync(HttpStatusCode.Created);

        created.GetProperty("role").GetString().ShouldBe(role);
        created.GetProperty("orgUnit").GetString().ShouldBe(orgUnit);
        var token = await app.CreateClient().PostJsonAsync("/api/v1/auth/token", new { username, password = "Sakaeo2566" });
        token.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("DistrictOfficer", "2703")]
    [InlineData("Viewer", "27")]
    public async Task AProvinceOfficer_CreatesUsersInItsProvince(string role, string orgUnit)
    {
        var province = await app.ClientAsAsync("ProvinceOfficer", "27");

        var response = await province.PostJsonAsync("/api/v1/users", NewUser(role, orgUnit));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("DistrictOfficer", "3001")]
    [InlineData("ProvinceOfficer", "27")]
    [InlineData("DistrictHead", "2701")]
    [InlineData("ProvinceOfficer", "30")]
    [InlineData("Viewer", "0")]
    [InlineData("DepartmentAdmin", "0")]
    public async Task AProvinceOfficer_CannotCreateUsersOutsideItsProvince_NorAnyThatCheckItsWork(string role, string orgUnit)
    {
        var province = await app.ClientAsAsync("ProvinceOfficer", "27");

        var response = await province.PostJsonAsync("/api/v1/users", NewUser(role, orgUnit));

        await response.ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("DistrictOfficer", "2701")]
    [InlineData("DistrictHead", "2701")]
    [InlineData("Viewer", "0")]
    public async Task DistrictStaffAndViewers_CannotCreateUsers(string role, string orgUnit)
    {
        var client = await app.ClientAsAsync(role, orgUnit);

        var response = await client.PostJsonAsync("/api/v1/users", NewUser("Viewer", "2701"));

        await response.ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ATakenUserName_IsA409()
    {
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        (await admin.PostJsonAsync("/api/v1/users", NewUser("Viewer", "27", "same.name"))).StatusCode.ShouldBe(HttpStatusCode.Created);

        var again = await admin.PostJsonAsync("/api/v1/users", NewUser("Viewer", "27", "same.name"));

        await again.ProblemAsync(HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("Mayor", "27", "role")]
    [InlineData("DistrictOfficer", "27", "role")]
    [InlineData("ProvinceOfficer", "2701", "role")]
    [InlineData("DepartmentAdmin", "27", "role")]
    [InlineData("Viewer", "1001", "orgUnit")]
    [InlineData("Viewer", "", "orgUnit")]
    public async Task InvalidRoleOrUnit_IsA422_NamingTheField(string role, string orgUnit, string field)
    {
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");

        var response = await admin.PostJsonAsync("/api/v1/users", NewUser(role, orgUnit));

        var problem = await response.ProblemAsync((HttpStatusCode)422);
        problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
    }

    [Theory]
    [InlineData("short1")]
    [InlineData("nodigitsatall")]
    public async Task AWeakPassword_IsA422_InThai(string password)
    {
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");

        var response = await admin.PostJsonAsync("/api/v1/users", NewUser("Viewer", "27", password: password));

        var problem = await response.ProblemAsync((HttpStatusCode)422);
        problem.GetProperty("errors").GetProperty("password")[0].GetString()!.ShouldContain("รหัสผ่าน");
    }

    [Fact]
    public async Task AProvinceOfficer_ListsOnlyUsersOfItsProvince()
    {
        await app.CreateUserAsync("DistrictOfficer", "3001");
        var mine = await app.CreateUserAsync("DistrictOfficer", "2705");
        var province = await app.ClientAsAsync("ProvinceOfficer", "27");

        var users = (await (await province.GetAsync("/api/v1/users")).JsonAsync()).EnumerateArray().ToList();

        users.ShouldContain(u => u.GetProperty("username").GetString() == mine);
        users.ShouldAllBe(u => u.GetProperty("orgUnit").GetString()!.StartsWith("27"));
    }
}

using System.Net;
using Otop.Web.Tests.Infrastructure;
using static Otop.Web.Tests.Users.AccountsTestData;

namespace Otop.Web.Tests.Users;

/// <summary>
/// Issue 14's attack: a ProvinceOfficer created a DistrictHead named like the real head, then certified and approved alone.
/// A province manages only DistrictOfficer and Viewer accounts of its own province; nobody changes their own role, unit or
/// disabled flag. Every refusal changes nothing.
/// </summary>
public sealed class SeparationOfDutiesTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    [Fact]
    public async Task TheAttack_AProvinceOfficerCreatingADistrictHeadNamedLikeTheRealHead_IsRefusedAtTheAccountStep()
    {
        var realHead = await app.CreateUserAsync("DistrictHead", "2701", "real.head");
        var province = await app.ClientAsAsync("ProvinceOfficer", "27");

        var viaApi = await app.ChangesNothingAsync(() => province.PostJsonAsync("/api/v1/users",
            NewAccount("DistrictHead", "2701", "reaI.head", displayName: $"ผู้ทดสอบ {realHead}")));
        var viaImport = await app.ChangesNothingAsync(() => province.ImportAsync(Header + $"reaI.head,ผู้ทดสอบ {realHead},DistrictHead,2701,,Sakaeo25660\n"));
        var promoted = await app.CreateUserAsync("DistrictOfficer", "2701");
        var viaPromotion = await app.ChangesNothingAsync(() => province.PatchJsonAsync($"/api/v1/users/{promoted}", """{"role":"DistrictHead"}"""));

        (await viaApi.ProblemAsync(HttpStatusCode.Forbidden)).GetProperty("detail").GetString()!.ShouldContain("โดยกรม");
        var rejected = (await viaImport.ProblemAsync((HttpStatusCode)422)).GetProperty("rejected");
        rejected[0].GetProperty("row").GetInt32().ShouldBe(2);
        rejected[0].GetProperty("errors")[0].GetString()!.ShouldContain("โดยกรม");
        await viaPromotion.ProblemAsync(HttpStatusCode.Forbidden);
    }

    public static TheoryData<string, string> ProvinceMayNotCreate => new()
    {
        { "DistrictHead", "2701" },
        { "ProvinceOfficer", "27" },
        { "DepartmentAdmin", "0" },
        { "DistrictOfficer", "3001" },
        { "Viewer", "30" },
    };

    [Theory]
    [MemberData(nameof(ProvinceMayNotCreate))]
    public async Task AProvinceOfficer_CreatesNoAccountThatChecksItsWork_NorAnyOutsideItsProvince(string role, string unit)
    {
        var province = await app.ClientAsAsync("ProvinceOfficer", "27");

        var response = await app.ChangesNothingAsync(() => province.PostJsonAsync("/api/v1/users", NewAccount(role, unit)));

        await response.ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("DistrictOfficer", "2703")]
    [InlineData("Viewer", "27")]
    [InlineData("Viewer", "2709")]
    public async Task AProvinceOfficer_CreatesMovesAndDisablesDistrictOfficersAndViewersOfItsProvince(string role, string unit)
    {
        var province = await app.ClientAsAsync("ProvinceOfficer", "27");
        var name = NewName();

        (await province.PostJsonAsync("/api/v1/users", NewAccount(role, unit, name))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var moved = await (await province.PatchJsonAsync($"/api/v1/users/{name}", """{"orgUnit":"2704"}""")).JsonAsync();
        var disabled = await (await province.PatchJsonAsync($"/api/v1/users/{name}", """{"disabled":true}""")).JsonAsync();

        moved.GetProperty("orgUnit").GetString().ShouldBe("2704");
        disabled.GetProperty("disabled").GetBoolean().ShouldBeTrue();
    }

    [Theory]
    [InlineData("""{"displayName":"แก้ชื่อ พัฒนาการ"}""")]
    [InlineData("""{"disabled":true}""")]
    [InlineData("""{"role":"DistrictOfficer"}""")]
    [InlineData("""{"orgUnit":"2702"}""")]
    public async Task AProvinceOfficer_TouchesNoDistrictHeadAccount(string json)
    {
        var head = await app.CreateUserAsync("DistrictHead", "2701");
        var province = await app.ClientAsAsync("ProvinceOfficer", "27");

        var patch = await app.ChangesNothingAsync(() => province.PatchJsonAsync($"/api/v1/users/{head}", json));
        var reset = await app.ChangesNothingAsync(() => province.PostJsonAsync($"/api/v1/users/{head}/password", new { password = "Takeover2566" }));

        await patch.ProblemAsync(HttpStatusCode.Forbidden);
        await reset.ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AProvinceOfficer_CannotMoveItsOfficerToAnotherProvince_NorTouchAnotherProvinceOfficer()
    {
        var officer = await app.CreateUserAsync("DistrictOfficer", "2701");
        var colleague = await app.CreateUserAsync("ProvinceOfficer", "27");
        var province = await app.ClientAsAsync("ProvinceOfficer", "27");

        var move = await app.ChangesNothingAsync(() => province.PatchJsonAsync($"/api/v1/users/{officer}", """{"orgUnit":"3001"}"""));
        var disable = await app.ChangesNothingAsync(() => province.PatchJsonAsync($"/api/v1/users/{colleague}", """{"disabled":true}"""));

        await move.ProblemAsync(HttpStatusCode.Forbidden);
        await disable.ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("""{"role":"Viewer"}""")]
    [InlineData("""{"orgUnit":"27"}""")]
    [InlineData("""{"disabled":true}""")]
    public async Task Nobody_ChangesTheirOwnRoleUnitOrDisabledFlag(string json)
    {
        var self = await app.CreateUserAsync("DepartmentAdmin", "0");
        var admin = await app.ClientForAsync(self);

        var response = await app.ChangesNothingAsync(() => admin.PatchJsonAsync($"/api/v1/users/{self}", json));

        (await response.ProblemAsync(HttpStatusCode.Forbidden)).GetProperty("detail").GetString()!.ShouldContain("ของตนเอง");
    }

    [Fact]
    public async Task OnesOwnDisplayNameAndEmail_MayChange()
    {
        var self = await app.CreateUserAsync("DepartmentAdmin", "0");
        var admin = await app.ClientForAsync(self);

        var body = await (await admin.PatchJsonAsync($"/api/v1/users/{self}", """{"displayName":"ผู้ดูแล ชื่อใหม่","email":"me@example.go.th"}""")).JsonAsync();

        body.GetProperty("displayName").GetString().ShouldBe("ผู้ดูแล ชื่อใหม่");
    }

    [Theory]
    [InlineData("DistrictOfficer", "2701")]
    [InlineData("DistrictHead", "2701")]
    [InlineData("Viewer", "27")]
    public async Task DistrictStaffAndViewers_ManageNoAccount(string role, string unit)
    {
        var target = await app.CreateUserAsync("DistrictOfficer", "2701");
        var client = await app.ClientAsAsync(role, unit);

        await (await client.GetAsync("/api/v1/users")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await app.ChangesNothingAsync(() => client.PatchJsonAsync($"/api/v1/users/{target}", """{"disabled":true}"""))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await client.PostJsonAsync($"/api/v1/users/{target}/password", new { password = "Takeover2566" })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await client.ImportAsync(Header + "x.y,ชื่อ,Viewer,2701,,\n")).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("DistrictHead", "27")]
    [InlineData("ProvinceOfficer", "2701")]
    [InlineData("DepartmentAdmin", "27")]
    public async Task ARoleMustFitItsUnitsLevel(string role, string unit)
    {
        var name = await app.CreateUserAsync("Viewer", "27");
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");

        var response = await app.ChangesNothingAsync(() => admin.PatchJsonAsync($"/api/v1/users/{name}", $$"""{"role":"{{role}}","orgUnit":"{{unit}}"}"""));

        (await response.ProblemAsync((HttpStatusCode)422)).GetProperty("errors").TryGetProperty("role", out _).ShouldBeTrue();
    }
}

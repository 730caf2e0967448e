using System.Net;
using Otop.Web.Tests.Infrastructure;

namespace Otop.Web.Tests.Foundation;

public sealed class AuditTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    [Fact]
    public async Task CreatingAUser_IsAudited_WithWhoWhenAndTheNewValues()
    {
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        await admin.PostJsonAsync("/api/v1/users", new { username = "audited.user", password = "Sakaeo2566", displayName = "นางสาวบันทึก ตรวจสอบ", role = "DistrictOfficer", orgUnit = "2704" });

        var entries = (await (await admin.GetAsync("/api/v1/audit?entity=user&key=audited.user")).JsonAsync()).EnumerateArray().ToList();

        var entry = entries.ShouldHaveSingleItem();
        entry.GetProperty("action").GetString().ShouldBe("create");
        entry.GetProperty("user").GetString()!.ShouldStartWith("departmentadmin.0.");
        entry.GetProperty("newValue").GetProperty("orgUnit").GetString().ShouldBe("2704");
        entry.GetProperty("newValue").GetProperty("displayName").GetString().ShouldBe("นางสาวบันทึก ตรวจสอบ");
    }

    [Fact]
    public async Task AProvinceOfficer_ReadsOnlyItsProvincesAudit()
    {
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        await admin.PostJsonAsync("/api/v1/users", new { username = "in.27", password = "Sakaeo2566", displayName = "ก", role = "Viewer", orgUnit = "2701" });
        await admin.PostJsonAsync("/api/v1/users", new { username = "in.30", password = "Sakaeo2566", displayName = "ข", role = "Viewer", orgUnit = "3001" });
        var province = await app.ClientAsAsync("ProvinceOfficer", "27");

        var keys = (await (await province.GetAsync("/api/v1/audit?entity=user")).JsonAsync()).EnumerateArray()
            .Select(e => e.GetProperty("key").GetString()).ToList();

        keys.ShouldContain("in.27");
        keys.ShouldNotContain("in.30");
    }

    [Theory]
    [InlineData("DistrictOfficer", "2701")]
    [InlineData("DistrictHead", "2701")]
    [InlineData("Viewer", "0")]
    public async Task DistrictStaffAndViewers_CannotReadTheAudit(string role, string unit)
    {
        var client = await app.ClientAsAsync(role, unit);

        await (await client.GetAsync("/api/v1/audit")).ProblemAsync(HttpStatusCode.Forbidden);
    }
}

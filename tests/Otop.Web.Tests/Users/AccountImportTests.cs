using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Otop.Web.Tests.Infrastructure;
using static Otop.Web.Tests.Users.AccountsTestData;

namespace Otop.Web.Tests.Users;

/// <summary><c>POST /api/v1/users/import</c>: all-or-nothing, every bad row named in Thai, links for accounts without a password.</summary>
public sealed class AccountImportTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    [Fact]
    public async Task AGoodFile_CreatesAndUpdatesAccounts_AndANewAccountWithoutPasswordGetsAOneTimeLink()
    {
        var existing = await app.CreateUserAsync("DistrictOfficer", "2701");
        var (withPassword, withoutPassword) = (NewName("imp"), NewName("imp"));
        var province = await app.ClientAsAsync("ProvinceOfficer", "27");

        var body = await (await province.ImportAsync(Header +
            $"{withPassword},นายหนึ่ง นำเข้า,DistrictOfficer,2702,one@example.go.th,Sakaeo25660\n" +
            $"{withoutPassword},นางสองนำเข้า,Viewer,๒๗,,\n" +
            $"{existing},นายเดิม ย้ายอำเภอ,DistrictOfficer,2703,,\n")).JsonAsync();

        body.GetProperty("created").GetInt32().ShouldBe(2);
        body.GetProperty("updated").GetInt32().ShouldBe(1);
        body.GetProperty("rejected").GetArrayLength().ShouldBe(0);
        var link = body.GetProperty("links").EnumerateArray().Single();
        link.GetProperty("username").GetString().ShouldBe(withoutPassword);
        link.GetProperty("url").GetString()!.ShouldContain("/Account/SetPassword?user=");
        (await app.UserAsync(existing)).OrgUnitCode.ShouldBe("2703");
        (await app.UserAsync(withoutPassword)).PasswordHash.ShouldBeNull();
        (await app.RoleOfAsync(withPassword)).ShouldBe("DistrictOfficer");
        (await app.CreateClient().PostJsonAsync("/api/v1/auth/token", new { username = withPassword, password = "Sakaeo25660" })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TheSameFileTwice_UpdatesNothingTheSecondTime()
    {
        var name = NewName("twice");
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        var csv = Header + $"{name},นายซ้ำ สองครั้ง,DistrictHead,2701,,Sakaeo25660\n";
        (await admin.ImportAsync(csv)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var again = await (await admin.ImportAsync(csv.Replace("Sakaeo25660", ""))).JsonAsync();

        again.GetProperty("created").GetInt32().ShouldBe(0);
        again.GetProperty("updated").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task OneBadRow_WritesNothing_AndEveryBadRowIsNamedInThai()
    {
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        var good = NewName("good");
        var csv = Header +
            $"{good},นายดี ถูกต้อง,DistrictOfficer,2701,,Sakaeo25660\n" +
            "bad name!,นายชื่อ ผิด,DistrictOfficer,2701,,\n" +
            $"{good},นายซ้ำ ชื่อ,Viewer,27,,\n" +
            $"{NewName()},,Mayor,9999,not-an-email,short\n" +
            $"{NewName()},นายระดับ ผิด,ProvinceOfficer,2701,,\n";

        var response = await app.ChangesNothingAsync(() => admin.ImportAsync(csv));

        var problem = await response.ProblemAsync((HttpStatusCode)422);
        var rejected = problem.GetProperty("rejected").EnumerateArray().ToList();
        rejected.Select(r => r.GetProperty("row").GetInt32()).ShouldBe([3, 4, 5, 6]);
        rejected.ShouldAllBe(r => Regex.IsMatch(r.GetProperty("errors")[0].GetString()!, @"[\u0E00-\u0E7F]"));
        string Errors(int row) => string.Join(" ", rejected.Single(r => r.GetProperty("row").GetInt32() == row).GetProperty("errors").EnumerateArray().Select(e => e.GetString()));
        Errors(3).ShouldContain("username");
        Errors(4).ShouldContain("ซ้ำกับแถว 2");
        Errors(5).ShouldContain("display_name");
        Errors(5).ShouldContain("org_unit");
        Errors(5).ShouldContain("email");
        Errors(5).ShouldContain("รหัสผ่าน");
        Errors(6).ShouldContain("role");
        problem.GetProperty("created").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task AHeaderWithoutTheColumns_IsRow1_AndAFileThatIsNoTable_Is415()
    {
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");

        var header = await (await admin.ImportAsync("user,name\nx,y\n")).ProblemAsync((HttpStatusCode)422);
        var pdf = await admin.ImportAsync("%PDF-1.7 not a table");

        header.GetProperty("rejected")[0].GetProperty("row").GetInt32().ShouldBe(1);
        await pdf.ProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task ALinkSetsThePasswordOnce_ThenSaysInThaiThatItIsUsed()
    {
        var name = NewName("link");
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        var body = await (await admin.ImportAsync(Header + $"{name},นางลิงก์ ครั้งเดียว,DistrictOfficer,2701,,\n")).JsonAsync();
        var path = new Uri(body.GetProperty("links")[0].GetProperty("url").GetString()!).PathAndQuery;
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await browser.GetStringAsync(path);
        var query = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + path).Query);
        var form = new Dictionary<string, string>
        {
            ["user"] = query["user"]!, ["Token"] = query["token"]!, ["NewPassword"] = "FreshStart2566", ["ConfirmPassword"] = "FreshStart2566",
            ["__RequestVerificationToken"] = Antiforgery.TokenFrom(page),
        };

        var mismatch = await browser.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>(form) { ["ConfirmPassword"] = "Different2566" }));
        var first = await browser.PostAsync(path, new FormUrlEncodedContent(form));
        var second = await browser.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>(form) { ["NewPassword"] = "Again2566xx", ["ConfirmPassword"] = "Again2566xx" }));

        (await mismatch.Content.ReadAsStringAsync()).ShouldContain("ไม่ตรงกัน");
        (await first.Content.ReadAsStringAsync()).ShouldContain("ตั้งรหัสผ่านเรียบร้อยแล้ว");
        (await second.Content.ReadAsStringAsync()).ShouldContain("ลิงก์นี้ใช้ไม่ได้แล้ว");
        (await app.CreateClient().PostJsonAsync("/api/v1/auth/token", new { username = name, password = "FreshStart2566" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.CreateClient().PostJsonAsync("/api/v1/auth/token", new { username = name, password = "Again2566xx" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ATamperedLink_ChangesNothing()
    {
        var name = await app.CreateUserAsync("DistrictOfficer", "2701");
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await browser.GetStringAsync($"/Account/SetPassword?user={name}&token=forged");

        var token = Antiforgery.TokenFrom(await browser.GetStringAsync("/Account/Login"));
        var post = await app.ChangesNothingAsync(() => browser.PostAsync("/Account/SetPassword", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["user"] = name, ["Token"] = "forged", ["NewPassword"] = "Hijacked2566", ["ConfirmPassword"] = "Hijacked2566",
            ["__RequestVerificationToken"] = token,
        })));

        page.ShouldContain("ลิงก์นี้ใช้ไม่ได้แล้ว");
        (await post.Content.ReadAsStringAsync()).ShouldContain("ลิงก์นี้ใช้ไม่ได้แล้ว");
    }
}

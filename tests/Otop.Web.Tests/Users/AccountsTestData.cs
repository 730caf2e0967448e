using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Otop.Web.Platform.Auth;
using Otop.Web.Tests.Infrastructure;

namespace Otop.Web.Tests.Users;

public static class AccountsTestData
{
    public static string NewName(string prefix = "acct") => $"{prefix}.{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    public static object NewAccount(string role, string orgUnit, string? username = null, string password = "Sakaeo25660", string displayName = "นางสาวทดสอบ ระบบงาน") =>
        new { username = username ?? NewName(), password, displayName, role, orgUnit };

    public static Task<HttpResponseMessage> PatchJsonAsync(this HttpClient client, string url, string json, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> ImportAsync(this HttpClient client, string csv, string name = "accounts.csv")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", name);
        return client.PostAsync("/api/v1/users/import", form);
    }

    public const string Header = "username,display_name,role,org_unit,email,password\n";

    public static Task<AppUser> UserAsync(this OtopApp app, string userName) => app.WithDbAsync(db =>
        db.Users.AsNoTracking().SingleAsync(u => u.NormalizedUserName == userName.ToUpperInvariant()));

    public static async Task<string> RoleOfAsync(this OtopApp app, string userName)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return (await users.GetRolesAsync((await users.FindByNameAsync(userName))!)).Single();
    }
}

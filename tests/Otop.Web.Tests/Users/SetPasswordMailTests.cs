using System.Net;
using Otop.Web.Tests.Infrastructure;
using Otop.Web.Tests.Reminders;
using static Otop.Web.Tests.Users.AccountsTestData;

namespace Otop.Web.Tests.Users;

/// <summary>With SMTP set, the one-time link of an account with an e-mail goes to its mailbox and nowhere else.</summary>
public sealed class SetPasswordMailTests : IDisposable
{
    private readonly SmtpSink _sink = new();
    private readonly OtopApp _app;

    public SetPasswordMailTests()
    {
        _app = new OtopApp(settings: new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = _sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:From"] = "otop@example.go.th", ["Reminders:Enabled"] = "false", ["Hosting:PublicBaseUrl"] = "https://otop.example.go.th",
        });
    }

    [Fact]
    public async Task AnImportedAccountWithAnEmail_GetsItsLinkByMail_OnThePublicAddress_AndTheAnswerHoldsNoLink()
    {
        var name = NewName("mail");
        var admin = await _app.ClientAsAsync("DepartmentAdmin", "0");

        var body = await (await admin.ImportAsync(Header + $"{name},นางอีเมล ถึงมือ,DistrictOfficer,2701,{name}@example.go.th,\n")).JsonAsync();

        var link = body.GetProperty("links")[0];
        link.GetProperty("mailedTo").GetString().ShouldBe($"{name}@example.go.th");
        link.GetProperty("url").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        var mail = _sink.Take().ShouldHaveSingleItem();
        mail.To.ShouldBe([$"{name}@example.go.th"]);
        BodyOf(mail.Data).ShouldContain($"https://otop.example.go.th/Account/SetPassword?user={name}&token=");
    }

    /// <summary>The message body as the officer reads it: base64 or quoted-printable undone.</summary>
    private static string BodyOf(string data)
    {
        var text = data.Replace("\r\n", "\n", StringComparison.Ordinal);
        var split = text.IndexOf("\n\n", StringComparison.Ordinal);
        var (headers, body) = (text[..split], text[(split + 2)..]);
        if (headers.Contains("Content-Transfer-Encoding: base64", StringComparison.OrdinalIgnoreCase))
        {
            return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(body.Split('\n').Select(l => l.Trim()))));
        }
        return body.Replace("=\n", "", StringComparison.Ordinal).Replace("=3D", "=", StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _app.Dispose();
        _sink.Dispose();
    }
}

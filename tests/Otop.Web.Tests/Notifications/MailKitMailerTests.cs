using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Otop.Web.Platform.Mail;
using Otop.Web.Tests.Reminders;

namespace Otop.Web.Tests.Notifications;

/// <summary>The MailKit mailer against a real socket: the local SMTP sink receives the message as a relay would.</summary>
public sealed class MailKitMailerTests : IDisposable
{
    private readonly SmtpSink _sink = new();

    private static SmtpMailer Mailer(int port, TimeSpan? timeout = null) => new(Options.Create(new SmtpOptions
    {
        Host = "127.0.0.1", Port = port, From = "otop@example.go.th", Timeout = timeout ?? TimeSpan.FromSeconds(10),
    }));

    [Fact]
    public async Task AThaiSubjectAndBody_ArriveIntactInUtf8_FromTheConfiguredSender()
    {
        await Mailer(_sink.Port).SendAsync("officer@example.go.th", "จังหวัดส่งคืนเดือนพฤศจิกายน 2569", "เหตุผล: ยอดของผู้ผลิต 27010002 ไม่ตรงกับใบเสร็จ\nเปิดในระบบ: https://otop.example.go.th/Revenue/Entry", default);

        var mail = _sink.Take().ShouldHaveSingleItem();
        mail.From.ShouldBe("otop@example.go.th");
        mail.To.ShouldBe(["officer@example.go.th"]);
        mail.Subject.ShouldBe("จังหวัดส่งคืนเดือนพฤศจิกายน 2569");
        MailBody.Of(mail.Data).ShouldContain("เหตุผล: ยอดของผู้ผลิต 27010002 ไม่ตรงกับใบเสร็จ");
        mail.Data.ShouldContain("charset=utf-8", Case.Insensitive);
    }

    [Fact]
    public async Task ARecipientWithALineBreak_IsRefusedBeforeAnyConnection()
    {
        await Should.ThrowAsync<FormatException>(() => Mailer(_sink.Port).SendAsync("a@example.go.th\r\nRCPT TO:<b@example.com>", "x", "y", default));
        _sink.Messages.ShouldBeEmpty();
    }

    [Fact]
    public async Task AServerThatNeverAnswers_FailsWithinTheTimeout_InsteadOfHangingThePass()
    {
        var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        try
        {
            var started = DateTime.UtcNow;
            await Should.ThrowAsync<Exception>(() => Mailer(((IPEndPoint)silent.LocalEndpoint).Port, TimeSpan.FromSeconds(1)).SendAsync("a@example.go.th", "x", "y", default));
            (DateTime.UtcNow - started).ShouldBeLessThan(TimeSpan.FromSeconds(15));
        }
        finally { silent.Stop(); }
    }

    public void Dispose() => _sink.Dispose();
}

/// <summary>A message body as the reader sees it: base64 or quoted-printable undone.</summary>
public static class MailBody
{
    public static string Of(string data)
    {
        var text = data.Replace("\r\n", "\n", StringComparison.Ordinal);
        var split = text.IndexOf("\n\n", StringComparison.Ordinal);
        var (headers, body) = (text[..split], text[(split + 2)..]);
        if (headers.Contains("Content-Transfer-Encoding: base64", StringComparison.OrdinalIgnoreCase))
        {
            return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(body.Split('\n').Select(l => l.Trim()))));
        }
        if (headers.Contains("Content-Transfer-Encoding: quoted-printable", StringComparison.OrdinalIgnoreCase))
        {
            var joined = body.Replace("=\n", "", StringComparison.Ordinal);
            var bytes = new List<byte>();
            for (var i = 0; i < joined.Length; i++)
            {
                if (joined[i] == '=' && i + 2 < joined.Length && Uri.IsHexDigit(joined[i + 1]) && Uri.IsHexDigit(joined[i + 2]))
                {
                    bytes.Add(Convert.ToByte(joined.Substring(i + 1, 2), 16));
                    i += 2;
                }
                else bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(joined[i].ToString()));
            }
            return System.Text.Encoding.UTF8.GetString(bytes.ToArray());
        }
        return body;
    }
}

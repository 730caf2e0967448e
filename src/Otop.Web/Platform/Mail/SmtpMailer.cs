using System.Net;
using System.Net.Mail;
using System.Text;
using Microsoft.Extensions.Options;

namespace Otop.Web.Platform.Mail;

/// <summary>
/// Sends one plain-text message through the configured SMTP server. MailKit is not on the package mirror (STACK.md), so
/// this uses System.Net.Mail, which is enough for plain text to one recipient on a relay.
/// </summary>
public sealed class SmtpMailer(IOptions<SmtpOptions> options)
{
    public bool Enabled => options.Value.Enabled;

    public async Task SendAsync(string to, string subject, string body, CancellationToken ct)
    {
        var o = options.Value;
        using var message = new MailMessage(o.From, to, subject, body)
        {
            SubjectEncoding = Encoding.UTF8,
            BodyEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
        };
        // SmtpClient is "not recommended for new development" (no modern auth), but it is in the box and MailKit is not
        // available here; a relay with plain SMTP or STARTTLS is what government mail servers offer.
#pragma warning disable SYSLIB0014, CS0618
        using var client = new SmtpClient(o.Host, o.Port)
        {
            EnableSsl = o.EnableSsl,
            DeliveryMethod = SmtpDeliveryMethod.Network,
            Timeout = 30_000,
        };
#pragma warning restore SYSLIB0014, CS0618
        if (!string.IsNullOrEmpty(o.UserName)) client.Credentials = new NetworkCredential(o.UserName, o.Password);
        await client.SendMailAsync(message, ct);
    }
}

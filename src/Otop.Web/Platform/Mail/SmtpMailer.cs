using System.Net;
using System.Net.Mail;
using System.Text;
using Microsoft.Extensions.Options;
using Otop.Domain;

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
        // The recipient comes from an account's data: one the mail library cannot read is this message's failure
        // (FormatException), answered before a connection is opened, and never a header of its own.
        if (!MailAddress.TryCreate(to, out var recipient) || to.Any(char.IsControl))
        {
            throw new FormatException("The recipient is not an e-mail address");
        }
        using var message = new MailMessage(new MailAddress(o.From), recipient)
        {
            Subject = PlainText.SingleLine(subject, 200),
            Body = body,
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

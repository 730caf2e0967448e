using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Text;
using Otop.Domain;

namespace Otop.Web.Platform.Mail;

/// <summary>
/// Sends one plain-text message through the configured SMTP server with MailKit: STARTTLS or TLS on connect
/// (<c>Smtp__Security</c>), a login when <c>Smtp__UserName</c> is set, a timeout for the connection and each command, and a
/// UTF-8 subject and body (Thai survives any relay: the subject as RFC 2047 words, the body base64 or 8-bit).
/// </summary>
public sealed class SmtpMailer(IOptions<SmtpOptions> options)
{
    public bool Enabled => options.Value.Enabled;

    public async Task SendAsync(string to, string subject, string body, CancellationToken ct)
    {
        var o = options.Value;
        // The recipient comes from an account's data: one the mail library cannot read is this message's failure
        // (FormatException), answered before a connection is opened, and never a header of its own.
        if (to.Any(char.IsControl) || !MailboxAddress.TryParse(to, out var recipient) || recipient.Address.Contains(',', StringComparison.Ordinal)
            || !System.Net.Mail.MailAddress.TryCreate(to, out _))
        {
            throw new FormatException("The recipient is not an e-mail address");
        }
        using var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(o.From));
        message.To.Add(recipient);
        message.Subject = PlainText.SingleLine(subject, 200);
        message.Date = DateTimeOffset.UtcNow;
        var text = new TextPart(TextFormat.Plain);
        text.SetText("utf-8", body);
        message.Body = text;

        using var client = new SmtpClient { Timeout = (int)o.Timeout.TotalMilliseconds };
        await client.ConnectAsync(o.Host!, o.Port, SocketOptions(o), ct);
        if (!string.IsNullOrEmpty(o.UserName)) await client.AuthenticateAsync(o.UserName, o.Password ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
    }

    public static SecureSocketOptions SocketOptions(SmtpOptions o) => o.Security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => o.EnableSsl ? SecureSocketOptions.StartTls : SecureSocketOptions.StartTlsWhenAvailable,
    };
}

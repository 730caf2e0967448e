using System.ComponentModel.DataAnnotations;
using System.Net.Mail;

namespace Otop.Web.Platform.Mail;

/// <summary>How the connection to the SMTP server is protected (<c>Smtp__Security</c>).</summary>
public enum SmtpSecurity
{
    /// <summary>STARTTLS when <c>Smtp__EnableSsl</c> is true, otherwise STARTTLS if the server offers it.</summary>
    Auto,
    /// <summary>Plain SMTP (a relay on the same network).</summary>
    None,
    /// <summary>STARTTLS required (port 587).</summary>
    StartTls,
    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,
}

/// <summary>Outgoing mail (<c>Smtp__Host</c> …). An empty host means nothing is e-mailed: reminders stay in the app, set-password links are shown once on screen.</summary>
public sealed class SmtpOptions : IConfiguredOptions, IValidatableObject
{
    public static string Section => "Smtp";

    public string? Host { get; set; }
    [Range(1, 65_535, ErrorMessage = ConfiguredOptions.WholeNumber)]
    public int Port { get; set; } = 25;
    public string From { get; set; } = "otop-noreply@example.go.th";
    public string? UserName { get; set; }
    public string? Password { get; set; }
    /// <summary>Kept from the System.Net.Mail days: true means STARTTLS is required (as <see cref="SmtpSecurity.StartTls"/>).</summary>
    public bool EnableSsl { get; set; }
    [EnumDataType(typeof(SmtpSecurity), ErrorMessage = "must be Auto, None, StartTls or SslOnConnect")]
    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;
    /// <summary>For connecting, and for each command of the conversation.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = ConfiguredOptions.Duration)]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Otherwise every reminder e-mail would fail at send time, one log line at a time.
        if (!MailAddress.TryCreate(From, out _)) yield return new ValidationResult("must be an e-mail address", [nameof(From)]);
    }
}

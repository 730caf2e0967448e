using System.ComponentModel.DataAnnotations;
using System.Net.Mail;

namespace Otop.Web.Platform.Mail;

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
    public bool EnableSsl { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Otherwise every reminder e-mail would fail at send time, one log line at a time.
        if (!MailAddress.TryCreate(From, out _)) yield return new ValidationResult("must be an e-mail address", [nameof(From)]);
    }
}

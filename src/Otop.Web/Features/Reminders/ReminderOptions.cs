using System.ComponentModel.DataAnnotations;

namespace Otop.Web.Features.Reminders;

/// <summary>When reminders go out (decision 007): <c>Reminders__LeadDays__0=3</c>, <c>Reminders__EscalateAfterDays</c>, <c>Reminders__Period</c>.</summary>
public sealed class ReminderOptions : IValidatableObject
{
    /// <summary>Days before a due date on which the responsible officers are reminded (at 08:00 Bangkok); empty: 3 and 1.</summary>
    /// <remarks>No initial value: the configuration binder appends to an array it finds, so a default here would stay.</remarks>
    public int[] LeadDays { get; set; } = [];

    public IReadOnlyList<int> EffectiveLeadDays => LeadDays.Length == 0 ? [3, 1] : LeadDays;
    /// <summary>Days after the due instant after which the province is told who has still not sent.</summary>
    public int EscalateAfterDays { get; set; } = 2;
    /// <summary>How often the dispatcher runs.</summary>
    public TimeSpan Period { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>Off only for tests that run the dispatcher themselves.</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>The site's public address for links in e-mails (e.g. https://otop.cdd.go.th); empty: paths only.</summary>
    public string BaseUrl { get; set; } = "";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (EffectiveLeadDays.Any(d => d is < 1 or > 60)) yield return new ValidationResult("Reminders:LeadDays must be between 1 and 60.");
        if (EscalateAfterDays is < 0 or > 60) yield return new ValidationResult("Reminders:EscalateAfterDays must be between 0 and 60.");
        if (Period < TimeSpan.FromSeconds(1)) yield return new ValidationResult("Reminders:Period must be at least one second.");
    }
}

/// <summary>Outgoing mail (<c>Smtp__Host</c> …). An empty host means reminders stay in the app.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public string From { get; set; } = "otop-noreply@example.go.th";
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public bool EnableSsl { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}

using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Otop.Web.Platform;

namespace Otop.Web.Features.Reminders;

/// <summary>When reminders go out (decision 007): <c>Reminders__LeadDays__0=3</c>, <c>Reminders__EscalateAfterDays</c>, <c>Reminders__Period</c>.</summary>
public sealed class ReminderOptions : IConfiguredOptions, IValidatableObject
{
    public static string Section => "Reminders";

    /// <summary>Days before a due date on which the responsible officers are reminded (at 08:00 Bangkok); empty: 3 and 1.</summary>
    /// <remarks>No initial value: the configuration binder appends to an array it finds, so a default here would stay.</remarks>
    public int[] LeadDays { get; set; } = [];

    public IReadOnlyList<int> EffectiveLeadDays => LeadDays.Length == 0 ? [3, 1] : LeadDays;
    /// <summary>Days after the due instant after which the province is told who has still not sent.</summary>
    [Range(0, 60, ErrorMessage = ConfiguredOptions.WholeNumber)]
    public int EscalateAfterDays { get; set; } = 2;
    /// <summary>How often the dispatcher runs; at least daily, so no 08:00 reminder waits a day.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = ConfiguredOptions.Duration)]
    public TimeSpan Period { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>Off only for tests that run the dispatcher themselves.</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>The site's public address for links in e-mails (e.g. https://otop.cdd.go.th); empty: paths only.</summary>
    public string BaseUrl { get; set; } = "";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // The binder packs Reminders__LeadDays__N into an array whatever N is, so the message names the list.
        if (LeadDays.Any(d => d is < 1 or > 60))
        {
            yield return new ValidationResult(ConfiguredOptions.Refused("Reminders:LeadDays",
                string.Join(", ", LeadDays.Select(d => d.ToString(CultureInfo.InvariantCulture))), "each must be a whole number of days from 1 to 60"));
        }
        if (!string.IsNullOrWhiteSpace(BaseUrl) && !ConfiguredOptions.IsWebAddress(BaseUrl))
        {
            yield return new ValidationResult("must be an absolute http or https address, such as https://otop.cdd.go.th", [nameof(BaseUrl)]);
        }
    }
}

using System.ComponentModel.DataAnnotations;
using System.Globalization;
namespace Otop.Web.Platform;

/// <summary>
/// Real time shifted so that the app starts at <c>Clock__Now</c>: demos can be set at a month-end and time still moves.
/// </summary>
public sealed class ShiftedTimeProvider(DateTimeOffset startAt) : TimeProvider
{
    private readonly TimeSpan _shift = startAt.ToUniversalTime() - System.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _shift;
}

/// <summary><c>Clock__Now</c> (CONTRACT.md "Starting"): an ISO 8601 instant with offset taken as "now" when the app starts (demos, tests).</summary>
public sealed class ClockOptions : IConfiguredOptions, IValidatableObject
{
    public static string Section => "Clock";

    public string? Now { get; set; }

    public DateTimeOffset? ParsedNow =>
        DateTimeOffset.TryParse(Now, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) ? value : null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(Now) && ParsedNow is null)
        {
            yield return new ValidationResult("must be an ISO 8601 instant with offset, such as 2023-03-06T00:00:00+07:00", [nameof(Now)]);
        }
    }
}

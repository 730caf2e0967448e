using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Otop.Web.Platform;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>The public configuration of CONTRACT.md ("Starting"), bound and validated at start.</summary>
public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}

public sealed class AdminOptions
{
    public string? Username { get; set; }
    public string? Password { get; set; }
}

public sealed class ClockOptions : IValidatableObject
{
    /// <summary>An ISO 8601 instant with offset taken as "now" when the app starts (demos, tests).</summary>
    public string? Now { get; set; }

    public DateTimeOffset? ParsedNow =>
        DateTimeOffset.TryParse(Now, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) ? value : null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(Now) && ParsedNow is null)
        {
            yield return new ValidationResult($"Clock:Now '{Now}' is not an ISO 8601 instant with offset.", [nameof(Now)]);
        }
    }
}

using System.ComponentModel.DataAnnotations;
namespace Otop.Web.Platform.Http;

/// <summary>
/// <c>RateLimits__LoginPerMinute</c>, <c>RateLimits__ImportsPerMinute</c> (docs/operations.md "Hardening"): per node, per
/// address and user name for sign-ins, per user for imports.
/// </summary>
public sealed class RateLimitOptions : IConfiguredOptions
{
    public static string Section => "RateLimits";

    [Range(1, 100_000, ErrorMessage = ConfiguredOptions.WholeNumber)]
    public int LoginPerMinute { get; set; } = 10;

    /// <summary>Failed sign-ins one address may make in a minute, whatever user names it tries (an office behind one NAT signs in freely).</summary>
    [Range(1, 100_000, ErrorMessage = ConfiguredOptions.WholeNumber)]
    public int FailedLoginsPerAddressPerMinute { get; set; } = 30;

    [Range(1, 100_000, ErrorMessage = ConfiguredOptions.WholeNumber)]
    public int ImportsPerMinute { get; set; } = 6;
}

/// <summary>
/// <c>Hosting__ForwardedHeaders</c>: trust <c>X-Forwarded-*</c> from the reverse proxy in front of the app.
/// <c>Hosting__PublicBaseUrl</c>: the site's address as officers and the public reach it (<see cref="PublicAddress"/>).
/// </summary>
public sealed class HostingOptions : IConfiguredOptions, IValidatableObject
{
    public static string Section => "Hosting";

    public bool ForwardedHeaders { get; set; }

    /// <summary>An absolute http(s) address such as https://otop.cdd.go.th; empty: the address this node listens on.</summary>
    public string? PublicBaseUrl { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(PublicBaseUrl) && !ConfiguredOptions.IsWebAddress(PublicBaseUrl))
        {
            yield return new ValidationResult("must be an absolute http or https address, such as https://otop.cdd.go.th", [nameof(PublicBaseUrl)]);
        }
    }
}

/// <summary><c>Host__ShutdownTimeoutSeconds</c>: how long a stopping node lets requests in flight finish (docs/decisions/009).</summary>
public sealed class ShutdownOptions : IConfiguredOptions
{
    public static string Section => "Host";

    [Range(0, 3600, ErrorMessage = ConfiguredOptions.WholeNumber)]
    public int ShutdownTimeoutSeconds { get; set; } = 60;
}

using System.ComponentModel.DataAnnotations;
using Otop.Web.Platform;

namespace Otop.Web.Features.Notifications;

/// <summary>The outbox sender (<c>Notifications__Period</c>, <c>Notifications__Enabled</c>).</summary>
public sealed class NotificationOptions : IConfiguredOptions
{
    public static string Section => "Notifications";

    /// <summary>How often each node looks for e-mail and LINE messages to send.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = ConfiguredOptions.Duration)]
    public TimeSpan Period { get; set; } = TimeSpan.FromSeconds(15);
    /// <summary>Off only for tests that run the sender themselves.</summary>
    public bool Enabled { get; set; } = true;
}

/// <summary>
/// The LINE Messaging API (<c>Line__…</c>). Off unless both the channel access token and the channel secret are set; both
/// are secrets and come only from configuration (environment, a secrets file), never from the database.
/// </summary>
public sealed class LineOptions : IConfiguredOptions, IValidatableObject
{
    public static string Section => "Line";

    public string BaseUrl { get; set; } = "https://api.line.me";
    /// <summary>The long-lived channel access token (Bearer) for push messages.</summary>
    public string? ChannelAccessToken { get; set; }
    /// <summary>Verifies <c>X-Line-Signature</c> on the webhook.</summary>
    public string? ChannelSecret { get; set; }
    /// <summary>The official account's basic ID (e.g. @otop-cdd), shown on the profile page so the officer knows where to send the code.</summary>
    public string? AccountId { get; set; }
    [Range(typeof(TimeSpan), "00:00:01", "00:02:00", ErrorMessage = ConfiguredOptions.Duration)]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    public bool Enabled => !string.IsNullOrWhiteSpace(ChannelAccessToken) && !string.IsNullOrWhiteSpace(ChannelSecret);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!ConfiguredOptions.IsWebAddress(BaseUrl)) yield return new ValidationResult("must be an absolute http or https address, such as https://api.line.me", [nameof(BaseUrl)]);
    }
}

using System.ComponentModel.DataAnnotations;

namespace Otop.Web.Platform.Auth;

/// <summary>
/// <c>Auth__*</c>: how long a bearer token and a page session live, and how long a node may trust what it last read of an
/// account (docs/decisions/012-revocation-and-sessions.md).
/// </summary>
public sealed class AuthOptions : IConfiguredOptions
{
    public static string Section => "Auth";

    /// <summary>A bearer token's lifetime; a script asks for a new one when it runs out.</summary>
    [Range(5, 1440, ErrorMessage = ConfiguredOptions.WholeNumber)]
    public int TokenMinutes { get; set; } = 60;

    /// <summary>A page session ends this long after sign-in, however often its cookie was renewed.</summary>
    [Range(1, 72, ErrorMessage = ConfiguredOptions.WholeNumber)]
    public int SessionHours { get; set; } = 12;

    /// <summary>A page session nobody used for this long ends (the cookie's sliding expiry).</summary>
    [Range(5, 1440, ErrorMessage = ConfiguredOptions.WholeNumber)]
    public int IdleMinutes { get; set; } = 600;

    /// <summary>
    /// How long a node reuses what it read of an account and a session before reading it again: a disabled, reset or
    /// moved account and an ended session are refused at most this long after the change (0 reads on every request).
    /// </summary>
    [Range(0, 30, ErrorMessage = ConfiguredOptions.WholeNumber)]
    public int CheckCacheSeconds { get; set; } = 15;

    public TimeSpan TokenLifetime => TimeSpan.FromMinutes(TokenMinutes);
    public TimeSpan SessionLifetime => TimeSpan.FromHours(SessionHours);
}

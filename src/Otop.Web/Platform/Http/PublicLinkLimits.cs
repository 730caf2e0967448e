using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Otop.Web.Platform.Http;

/// <summary>
/// <c>RateLimits__VerifyPerMinute</c> (default 20) and <c>RateLimits__EnclosuresPerMinute</c> (default 60): what one client
/// address may ask per minute, per node, of the anonymous links printed on paper (document verification, circular
/// enclosures).
/// </summary>
public sealed class PublicLinkLimitOptions : IConfiguredOptions
{
    public static string Section => "RateLimits";

    [Range(1, 100_000, ErrorMessage = ConfiguredOptions.WholeNumber)]
    public int VerifyPerMinute { get; set; } = 20;

    [Range(1, 100_000, ErrorMessage = ConfiguredOptions.WholeNumber)]
    public int EnclosuresPerMinute { get; set; } = 60;
}

/// <summary>
/// The anonymous links (docs/hostile-input.md, "Limits and responses"; docs/decisions/006, "Codes"): a fixed window per
/// client address, the address as it stands after the forwarded headers (<c>Hosting__ForwardedHeaders</c>), an IPv6
/// client by its /64 (one host holds a whole /64). Over the limit: 429 with Retry-After, a Thai problem for the API and
/// the Thai error page for a page.
/// </summary>
public static class PublicLinkLimits
{
    /// <summary><c>/v/{code}</c> and <c>GET /api/v1/documents/{code}</c>.</summary>
    public const string Policy = "public-verify";
    /// <summary><c>/e/{token}</c>.</summary>
    public const string Enclosures = "public-enclosures";

    public static WebApplicationBuilder AddPublicLinkLimits(this WebApplicationBuilder builder)
    {
        var limits = builder.AddConfiguredOptions<PublicLinkLimitOptions>();
        builder.Services.Configure<RateLimiterOptions>(o =>
        {
            o.AddPolicy(Policy, new PerAddress("verify", limits.VerifyPerMinute, "ตรวจสอบเอกสาร"));
            o.AddPolicy(Enclosures, new PerAddress("enclosure", limits.EnclosuresPerMinute, "เปิดไฟล์แนบ"));
        });
        return builder;
    }

    /// <summary>The client's address as the limiter partitions it: IPv4 as is, IPv6 by its /64.</summary>
    public static string ClientKey(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private sealed class PerAddress(string prefix, int perMinute, string what) : IRateLimiterPolicy<string>
    {
        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (context, ct) =>
        {
            var http = context.HttpContext;
            var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)) : 60;
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            // A page gets the Thai error page (status code pages re-execute /Error?code=429); the API a Thai problem.
            if (WebSetup.IsApi(http))
            {
                await Problems.Status(429, $"{what}ถี่เกินไปจากเครื่องนี้ กรุณารอ {seconds} วินาทีแล้วลองใหม่").ExecuteAsync(http);
            }
        };

        public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
            RateLimitPartition.GetFixedWindowLimiter($"{prefix}:{ClientKey(httpContext.Connection.RemoteIpAddress)}",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
    }
}

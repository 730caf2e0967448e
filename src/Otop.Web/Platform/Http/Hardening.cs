using System.Globalization;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Otop.Web.Platform.Http;

/// <summary>
/// Security headers with a Content-Security-Policy that allows no inline script or style, HSTS over
/// HTTPS only, forwarded headers behind a proxy, antiforgery cookie flags, and rate limits on imports (sign-in limits: Auth.SignInGate; docs/operations.md).
/// </summary>
public static class Hardening
{
    /// <summary>
    /// The rate-limit policy of every import (registry, revenue history, accounts; API and page): each one reads and checks a
    /// whole file, so one user may start <c>RateLimits__ImportsPerMinute</c> a minute per node. Endpoints and pages opt in
    /// (<c>RequireRateLimiting</c>, <c>[EnableRateLimiting]</c>), so the platform names no feature's path.
    /// </summary>
    public const string ImportPolicy = "imports";

    public const string ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
        "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    public static WebApplicationBuilder AddOtopHardening(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var limits = builder.AddConfiguredOptions<RateLimitOptions>();
        builder.AddConfiguredOptions<HostingOptions>();
        services.AddSingleton<PublicAddress>();

        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            // The proxy is whatever sits in front of the app (container network); trust it explicitly by configuration.
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
        });
        services.AddHsts(o => { o.MaxAge = TimeSpan.FromDays(365); o.IncludeSubDomains = true; });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "otop.af";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        services.AddRateLimiter(o => o.AddPolicy(ImportPolicy, new ImportsPerUser(limits.ImportsPerMinute)));
        return builder;
    }

    // Sign-in limits are not here: they key on the user name the endpoint bound (Auth.SignInGate), not on a second
    // reading of the body that a differently spelled field could make disagree with the binder.
    /// <summary>Before the rate limiter: forwarded headers and the security headers.</summary>
    public static WebApplication UseOtopHardening(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<HostingOptions>>().Value.ForwardedHeaders) app.UseForwardedHeaders();
        // UseHsts only ever sends the header on HTTPS requests.
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.Use(async (ctx, next) =>
        {
            ctx.Response.OnStarting(() =>
            {
                var h = ctx.Response.Headers;
                h.ContentSecurityPolicy = ContentSecurityPolicy;
                h.XContentTypeOptions = "nosniff";
                h.XFrameOptions = "DENY";
                h["Referrer-Policy"] = "strict-origin-when-cross-origin";
                h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
                h["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            await next();
        });
        return app;
    }

    /// <summary>POSTs only (a page's GET shows the form), partitioned by the signed-in user, else the client address.</summary>
    private sealed class ImportsPerUser(int perMinute) : IRateLimiterPolicy<string>
    {
        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (context, ct) =>
        {
            var http = context.HttpContext;
            var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)) : 60;
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            // A page gets the Thai error page (status code pages re-execute /Error?code=429); the API a Thai problem.
            if (WebSetup.IsApi(http)) await Problems.Status(429, $"นำเข้าไฟล์ถี่เกินไป กรุณารอ {seconds} วินาทีแล้วลองใหม่").ExecuteAsync(http);
        };

        public RateLimitPartition<string> GetPartition(HttpContext http) => !HttpMethods.IsPost(http.Request.Method)
            ? RateLimitPartition.GetNoLimiter("import:read")
            : RateLimitPartition.GetFixedWindowLimiter($"import:{http.User.Identity?.Name ?? PublicLinkLimits.ClientKey(http.Connection.RemoteIpAddress)}",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
    }
}

using Otop.Web.Platform.Audit;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Documents;
using Otop.Web.Platform.Http;
using Otop.Web.Platform.Mail;
using Otop.Web.Platform.Secrets;
using Otop.Web.Platform.Telemetry;
using Otop.Web.Platform.Writes;

namespace Otop.Web.Platform;

/// <summary>What every feature stands on, registered and put in the pipeline in one place; it knows no feature.</summary>
public static class PlatformSetup
{
    /// <summary>The database and clock, Identity, Razor Pages and problem details, documents, outgoing mail, telemetry (OpenTelemetry), response compression, the hardening (limits, headers) and the district write guard.</summary>
    public static WebApplicationBuilder AddPlatform(this WebApplicationBuilder builder) => builder
        .AddTelemetry()
        .AddData()
        .AddOtopKeys()
        .AddAuditCheckpoints()
        .AddAuth()
        .AddOtopWeb()
        .AddOtopCompression()
        .AddDocuments()
        .AddMail()
        .AddOtopHardening()
        .AddPublicLinkLimits()
        .AddDistrictWriteGuard();

    /// <summary>The middleware in order, health, the metrics scrape (when on) and OpenAPI, the pages; returns <c>/api/v1</c> (bearer tokens only) for the features' endpoints.</summary>
    public static RouteGroupBuilder UsePlatform(this WebApplication app)
    {
        app.UseResponseCompression();
        app.UseOtopErrorHandling();
        app.UseOtopHardening();
        app.UseStaticFiles(Compression.StaticFiles());
        app.UseNoStore();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapHealthChecks("/healthz").AllowAnonymous();
        app.MapTelemetry();
        app.MapOpenApi().AllowAnonymous();
        app.MapRazorPages();
        return app.MapGroup("/api/v1").RequireAuthorization(AuthSetup.ApiPolicy).DisableAntiforgery();
    }
}

using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using ForwardedHeadersDefaults = Microsoft.AspNetCore.HttpOverrides.ForwardedHeadersDefaults;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Otop.Web.Platform.Telemetry;

/// <summary>
/// OpenTelemetry for operators (docs/operations.md "Telemetry"): metrics and traces of ASP.NET Core, HttpClient, EF Core,
/// Npgsql and the runtime, and the app's own <see cref="OtopMetrics"/>; a Prometheus scrape endpoint when
/// <c>Telemetry:Prometheus</c> is on, an OTLP exporter (metrics, traces, logs) when an endpoint is configured. Nothing is
/// collected when neither is on. Logs carry the trace and span ids of the request either way.
/// </summary>
public static class TelemetrySetup
{
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        var o = builder.AddConfiguredOptions<TelemetryOptions>();
        builder.Services.AddSingleton<OtopMetrics>();
        builder.Logging.Configure(l => l.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);

        var otlpEndpoint = !string.IsNullOrWhiteSpace(o.OtlpEndpoint) ? o.OtlpEndpoint : builder.Configuration[OtlpEndpointVariable];
        var otlp = !string.IsNullOrWhiteSpace(otlpEndpoint);
        if (!o.Prometheus && !otlp) return builder;

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(o.ServiceName, serviceInstanceId: Environment.MachineName))
            .WithMetrics(m =>
            {
                m.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation()
                    .AddPostgresMetrics().AddMeter(OtopMetrics.MeterName);
                // Every scrape collects afresh: the endpoint is guarded and read by one collector every few seconds, not by the public.
                if (o.Prometheus) m.AddPrometheusExporter(p => p.ScrapeResponseCacheDurationMilliseconds = 0);
            });
        if (otlp)
        {
            // Spans only when an exporter takes them: without one, recording a span for every request, EF command and
            // Npgsql command is CPU spent for nothing (at the month-end surge the node shares its cores with PostgreSQL).
            // The trace id on log records does not need them: ASP.NET Core starts the request's Activity for logging anyway.
            otel.WithTracing(t => t
                .AddAspNetCoreInstrumentation(a => a.Filter = http => !IsQuiet(http.Request.Path, o))
                .AddHttpClientInstrumentation().AddEntityFrameworkCoreInstrumentation().AddPostgresTraces());
            otel.WithLogging(_ => { }, l => { l.IncludeScopes = true; l.IncludeFormattedMessage = true; });
            if (!string.IsNullOrWhiteSpace(o.OtlpEndpoint)) otel.UseOtlpExporter(o.OtlpProtocol, new Uri(o.OtlpEndpoint));
            else otel.UseOtlpExporter();
        }
        return builder;
    }

    /// <summary>Creates the app's meter (and its gauges) and maps the scrape endpoint when it is on.</summary>
    public static void MapTelemetry(this WebApplication app)
    {
        app.Services.GetRequiredService<OtopMetrics>();
        var o = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        if (!o.Prometheus) return;
        var networks = o.PrometheusNetworks.Select(IPNetwork.Parse).ToList();
        app.MapPrometheusScrapingEndpoint(o.PrometheusPath, meterProvider: null,
                configureBranchedPipeline: branch => branch.Use(async (http, next) =>
                {
                    if (Refusal(http, o, networks) is { } status)
                    {
                        http.Response.StatusCode = status;
                        if (status == StatusCodes.Status401Unauthorized) http.Response.Headers.WWWAuthenticate = "Bearer";
                        return;
                    }
                    await next(http);
                }),
                optionsName: null)
            .AllowAnonymous();
    }

    /// <summary>
    /// Registers an observable gauge of the <c>Otop</c> meter that reads <typeparamref name="T"/> (a singleton) at each
    /// collection; how features show a queue or backlog without Platform knowing them.
    /// </summary>
    public static IServiceCollection AddOtopGauge<T>(this IServiceCollection services, string name, string unit, string description, Func<T, long> read)
        where T : notnull =>
        services.AddOtopGauge(name, unit, description, sp => read(sp.GetRequiredService<T>()));

    /// <summary>An observable gauge that reads what it needs from the app's services (singletons) at each collection.</summary>
    public static IServiceCollection AddOtopGauge(this IServiceCollection services, string name, string unit, string description, Func<IServiceProvider, long> read) =>
        services.AddSingleton(new OtopGauge(name, unit, description, read));

    /// <summary>
    /// Null when the scrape may be answered: the token, when one is set, must be the bearer; the address, when networks
    /// are set, must be in one; with neither set, only loopback. 401 without the token, 403 from elsewhere.
    /// The address is that of the connection itself: the app trusts X-Forwarded-For from any peer (Hosting:ForwardedHeaders
    /// names no proxy), so a forwarded address is whatever a caller who reaches the node wrote, and a proxy on the node
    /// makes every public request loopback. A scrape that came through a proxy, or says it did, is admitted by the token only.
    /// </summary>
    public static int? Refusal(HttpContext http, TelemetryOptions o, IReadOnlyList<IPNetwork> networks)
    {
        var address = http.Connection.RemoteIpAddress is { IsIPv4MappedToIPv6: true } mapped ? mapped.MapToIPv4() : http.Connection.RemoteIpAddress;
        if (!string.IsNullOrEmpty(o.PrometheusToken))
        {
            var header = http.Request.Headers.Authorization.ToString();
            var given = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : "";
            if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(o.PrometheusToken)))
            {
                return StatusCodes.Status401Unauthorized;
            }
            if (networks.Count == 0) return null;
        }
        if (address is null || CameThroughAProxy(http.Request.Headers)) return StatusCodes.Status403Forbidden;
        var allowed = networks.Count > 0 ? networks.Any(n => n.Contains(address)) : IPAddress.IsLoopback(address);
        return allowed ? null : StatusCodes.Status403Forbidden;
    }

    // X-Original-For is what UseForwardedHeaders leaves when it has replaced the connection's address.
    private static bool CameThroughAProxy(IHeaderDictionary headers) =>
        headers.ContainsKey(ForwardedHeadersDefaults.XForwardedForHeaderName) || headers.ContainsKey(ForwardedHeadersDefaults.XOriginalForHeaderName)
        || headers.ContainsKey("Forwarded");

    /// <summary>The scrape and the health check are not traced: a collector calling them every few seconds is no user request.</summary>
    private static bool IsQuiet(PathString path, TelemetryOptions o) =>
        path.StartsWithSegments(o.PrometheusPath, StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/healthz", StringComparison.OrdinalIgnoreCase);
}

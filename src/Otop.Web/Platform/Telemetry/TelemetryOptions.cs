using System.ComponentModel.DataAnnotations;
using System.Net;
using OpenTelemetry.Exporter;

namespace Otop.Web.Platform.Telemetry;

/// <summary>
/// <c>Telemetry__Prometheus</c> (off by default): the scrape endpoint at <c>Telemetry__PrometheusPath</c>, answered only to
/// <c>Telemetry__PrometheusNetworks__0</c>… (CIDR) and/or a <c>Authorization: Bearer</c> equal to <c>Telemetry__PrometheusToken</c>;
/// with neither set, only this machine (loopback) may scrape. <c>Telemetry__OtlpEndpoint</c> (or the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>): metrics, traces and logs are sent there (docs/operations.md "Telemetry").
/// </summary>
public sealed class TelemetryOptions : IConfiguredOptions, IValidatableObject
{
    public static string Section => "Telemetry";

    public bool Prometheus { get; set; }

    public string PrometheusPath { get; set; } = "/metrics";

    /// <summary>At least 16 characters; a scrape without it is refused with 401.</summary>
    public string? PrometheusToken { get; set; }

    /// <summary>Networks a scrape may come from, such as 10.20.0.0/16: the connection's own address (a scrape through a proxy needs the token).</summary>
    public string[] PrometheusNetworks { get; set; } = [];

    /// <summary>An absolute http(s) address of an OTLP collector, such as http://collector:4317; empty: OTEL_EXPORTER_OTLP_ENDPOINT or none.</summary>
    public string? OtlpEndpoint { get; set; }

    public OtlpExportProtocol OtlpProtocol { get; set; } = OtlpExportProtocol.Grpc;

    /// <summary>service.name of the resource (what the node is called in the collector and the scrape's target_info).</summary>
    [RegularExpression("^[A-Za-z0-9._-]{1,64}$", ErrorMessage = "must be 1 to 64 letters, digits, dots, dashes or underscores")]
    public string ServiceName { get; set; } = "otop-web";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!PrometheusPath.StartsWith('/') || PrometheusPath.Length < 2 || PrometheusPath.Contains('?'))
        {
            yield return new ValidationResult("must be a path such as /metrics", [nameof(PrometheusPath)]);
        }
        if (!string.IsNullOrEmpty(PrometheusToken) && PrometheusToken.Length < 16)
        {
            yield return new ValidationResult("must be at least 16 characters (or empty: no token)", [nameof(PrometheusToken)]);
        }
        foreach (var network in PrometheusNetworks)
        {
            if (!IPNetwork.TryParse(network, out _))
            {
                yield return new ValidationResult($"Telemetry__PrometheusNetworks='{network}' is refused: must be a network such as 10.20.0.0/16 or 127.0.0.1/32.");
            }
        }
        if (!string.IsNullOrWhiteSpace(OtlpEndpoint) && !ConfiguredOptions.IsWebAddress(OtlpEndpoint))
        {
            yield return new ValidationResult("must be an absolute http or https address, such as http://collector:4317", [nameof(OtlpEndpoint)]);
        }
    }
}

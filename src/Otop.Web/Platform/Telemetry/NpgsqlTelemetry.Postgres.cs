using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Otop.Web.Platform.Telemetry;

/// <summary>Npgsql's own meter and activity source (connection pool, commands): nothing is recorded on SQLite.</summary>
public static class NpgsqlTelemetry
{
    public static MeterProviderBuilder AddPostgresMetrics(this MeterProviderBuilder metrics) => metrics.AddNpgsqlInstrumentation();

    public static TracerProviderBuilder AddPostgresTraces(this TracerProviderBuilder traces) => traces.AddNpgsql();
}

using System.Diagnostics.Metrics;

namespace Otop.Web.Platform.Telemetry;

/// <summary>
/// The app's own meter, <c>Otop</c> (docs/operations.md "Telemetry"): one per app, from the host's meter factory. Features
/// create their instruments once from <see cref="Meter"/> and keep them in a singleton of their own (a counter or histogram
/// where something happens, recorded by the command that does it), and register observable gauges with <see cref="TelemetrySetup.AddOtopGauge{T}"/> for values that are read (queues).
/// </summary>
public sealed class OtopMetrics
{
    public const string MeterName = "Otop";

    public OtopMetrics(IMeterFactory factory, IEnumerable<OtopGauge> gauges, IServiceProvider services)
    {
        Meter = factory.Create(MeterName);
        foreach (var gauge in gauges)
        {
            var read = gauge.Read;
            Meter.CreateObservableGauge(gauge.Name, () => read(services), gauge.Unit, gauge.Description);
        }
    }

    public Meter Meter { get; }
}

/// <summary>An observable gauge of the <c>Otop</c> meter: read at each collection (a scrape, an OTLP export), never stored.</summary>
public sealed record OtopGauge(string Name, string Unit, string Description, Func<IServiceProvider, long> Read);

using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Otop.Web.Platform.Telemetry;

/// <summary>
/// The app's own meter, <c>Otop</c> (docs/operations.md "Telemetry"): one per app, from the host's meter factory. Features
/// create their instruments once (a counter or histogram where something happens, recorded by the command that does it) and
/// register observable gauges with <see cref="TelemetrySetup.AddOtopGauge{T}"/> for values that are read (queues).
/// </summary>
public sealed class OtopMetrics
{
    public const string MeterName = "Otop";

    private readonly ConcurrentDictionary<string, Instrument> _instruments = new(StringComparer.Ordinal);

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

    /// <summary>
    /// The histogram of that name, created on first use (the same instance after). A feature that records on a hot path
    /// creates its instruments once from <see cref="Meter"/> and keeps them in fields of its own singleton.
    /// </summary>
    public Histogram<double> Histogram(string name, string unit, string description) =>
        (Histogram<double>)_instruments.GetOrAdd(name, static (n, a) => a.Meter.CreateHistogram<double>(n, a.unit, a.description), (Meter, unit, description));
}

/// <summary>An observable gauge of the <c>Otop</c> meter: read at each collection (a scrape, an OTLP export), never stored.</summary>
public sealed record OtopGauge(string Name, string Unit, string Description, Func<IServiceProvider, long> Read);

using System.Diagnostics;
using System.Diagnostics.Metrics;
using Otop.Web.Platform.Telemetry;

namespace Otop.Web.Features.Compilation;

/// <summary>
/// The compilation's instrument of the <c>Otop</c> meter (docs/operations.md "Telemetry"), created once with the app (a
/// singleton), as <see cref="Revenue.RevenueMetrics"/> holds the revenue feature's.
/// </summary>
public sealed class CompilationMetrics(OtopMetrics otop)
{
    private readonly Histogram<double> _duration = otop.Meter.CreateHistogram<double>("otop.compilation.duration", "s",
        "How long a national compilation of a month took, read and write");

    /// <summary>Wall time of the machine since <paramref name="started"/> (<see cref="Stopwatch.GetTimestamp"/>), not the app's clock: it measures the work.</summary>
    public void Compiled(long started, string trigger, bool written) =>
        _duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new("trigger", trigger), new("written", written));
}

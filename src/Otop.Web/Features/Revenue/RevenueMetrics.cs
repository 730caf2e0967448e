using System.Diagnostics.Metrics;
using Otop.Web.Platform.Telemetry;

namespace Otop.Web.Features.Revenue;

/// <summary>
/// The revenue feature's instruments of the <c>Otop</c> meter (docs/operations.md "Telemetry"), created once with the app
/// (a singleton): a save only adds to a counter it already holds.
/// </summary>
public sealed class RevenueMetrics(OtopMetrics otop)
{
    private readonly Counter<long> _saves = otop.Meter.CreateCounter<long>("otop.revenue.saves", "{save}",
        "Revenue months saved (entries replaced and committed) by the API, the page or a file");

    /// <summary>One district month whose entries were replaced and committed (API, page or file); the rate is the surge's saves/s.</summary>
    public void Saved() => _saves.Add(1);
}

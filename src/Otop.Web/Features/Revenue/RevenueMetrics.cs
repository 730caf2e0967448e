using Otop.Web.Platform.Telemetry;

namespace Otop.Web.Features.Revenue;

/// <summary>The revenue feature's instruments of the <c>Otop</c> meter (docs/operations.md "Telemetry").</summary>
public static class RevenueMetrics
{
    /// <summary>One district month whose entries were replaced and committed (API, page or file); the rate is the surge's saves/s.</summary>
    public static void RevenueSaved(this OtopMetrics metrics) =>
        metrics.Counter("otop.revenue.saves", "{save}", "Revenue months saved (entries replaced and committed) by the API, the page or a file").Add(1);
}

using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Otop.Web.Features.Revenue;

/// <summary>
/// Issue 8, B2 (the month-end surge): at most <c>RateLimits:RevenueWritesConcurrent</c> revenue writes run at once per
/// node (default 8 × cores: the sweep in docs/benchmarks.md, "B2 round trips and the unnest insert"); the rest wait in a
/// first-come queue instead of all holding a pooled connection, change tracker and thread at the same time. Fewer writers
/// in flight keep memory flat and the latency predictable, and the per-province audit lock is not held by a writer that
/// the CPU has descheduled. Per node, so it is correct on any number.
/// </summary>
public static class RevenueWriteLimit
{
    public const string RevenueWrites = "revenue-writes";

    public static WebApplicationBuilder AddRevenueWriteLimit(this WebApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection("RateLimits");
        var concurrent = limits.GetValue("RevenueWritesConcurrent", 8 * Environment.ProcessorCount);
        var queue = limits.GetValue("RevenueWritesQueue", 5000);
        builder.Services.Configure<RateLimiterOptions>(o => o.AddConcurrencyLimiter(RevenueWrites, c =>
        {
            c.PermitLimit = Math.Max(1, concurrent);
            c.QueueLimit = Math.Max(0, queue);
            c.QueueProcessingOrder = QueueProcessingOrder.OldestFirst;
        }));
        return builder;
    }
}

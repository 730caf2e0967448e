using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Otop.Web.Platform;

namespace Otop.Web.Features.Revenue;

/// <summary>
/// The month-end surge (docs/benchmarks.md, B2): at most <c>RateLimits:RevenueWritesConcurrent</c> revenue writes run at
/// once per node (default 8 × cores: the sweep in docs/benchmarks.md, "B2 round trips and the unnest insert"); the rest
/// wait in a first-come queue instead of all holding a pooled connection, change tracker and thread at the same time.
/// Fewer writers in flight keep memory flat and the latency predictable, and the per-province audit lock is not held by
/// a writer that the CPU has descheduled. Per node, so it is correct on any number.
/// </summary>
public static class RevenueWriteLimit
{
    public const string RevenueWrites = "revenue-writes";

    public static WebApplicationBuilder AddRevenueWriteLimit(this WebApplicationBuilder builder)
    {
        var limits = builder.AddConfiguredOptions<RevenueWriteOptions>();
        builder.Services.Configure<RateLimiterOptions>(o => o.AddConcurrencyLimiter(RevenueWrites, c =>
        {
            c.PermitLimit = limits.Concurrent;
            c.QueueLimit = limits.RevenueWritesQueue;
            c.QueueProcessingOrder = QueueProcessingOrder.OldestFirst;
        }));
        return builder;
    }
}

/// <summary><c>RateLimits__RevenueWritesConcurrent</c> (empty: 8 × cores) and <c>RateLimits__RevenueWritesQueue</c>.</summary>
public sealed class RevenueWriteOptions : IConfiguredOptions
{
    public static string Section => "RateLimits";

    [Range(1, 100_000, ErrorMessage = ConfiguredOptions.WholeNumber)]
    public int? RevenueWritesConcurrent { get; set; }

    [Range(0, 1_000_000, ErrorMessage = ConfiguredOptions.WholeNumber)]
    public int RevenueWritesQueue { get; set; } = 5000;

    public int Concurrent => RevenueWritesConcurrent ?? 8 * Environment.ProcessorCount;
}

using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Otop.Domain;
using Otop.Web.Platform;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;
using Otop.Web.Platform.Telemetry;

namespace Otop.Web.Features.Revenue;

/// <summary>
/// The month-end surge (docs/benchmarks.md, B2): at most <c>RateLimits:RevenueWritesConcurrent</c> revenue writes run at
/// once per node (default 8 × cores: the sweep in docs/benchmarks.md, "B2 round trips and the unnest insert"); the rest
/// wait in a first-come queue instead of all holding a pooled connection, change tracker and thread at the same time.
/// Fewer writers in flight keep memory flat and the latency predictable, and the per-province audit lock is not held by
/// a writer that the CPU has descheduled. Per node, so it is correct on any number.
/// <para>
/// The permit is taken by the handler, after the body has been read and bound, and only by a caller whose role and
/// scope may make the write (docs/hostile-input.md, "Limits and responses"): a client trickling its body, or a Viewer,
/// holds no slot; and one user holds at most <c>RateLimits:RevenueWritesPerUser</c> slots, waiting or running.
/// </para>
/// </summary>
public sealed class RevenueWriteLimit : IDisposable
{
    public const int RetryAfterSeconds = 5;

    private readonly IOptions<RevenueWriteOptions> _options;
    private readonly int _concurrent;
    private readonly ConcurrencyLimiter _limiter;

    public RevenueWriteLimit(IOptions<RevenueWriteOptions> options, IOptions<DatabaseOptions> database)
    {
        _options = options;
        _concurrent = options.Value.ConcurrentOn(database.Value.Provider);
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = _concurrent,
            QueueLimit = options.Value.RevenueWritesQueue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }
    private readonly ConcurrentDictionary<string, int> _perUser = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether this caller's write could be allowed at all; a caller who may not write is refused by the command without a permit.</summary>
    public static bool MayWrite(CurrentUser me, string? districtCode, RevenueAction action) =>
        districtCode is not null && me.Scope.Covers(districtCode) && (action == RevenueAction.Edit
            ? me.IsDistrictStaff || me.IsDepartmentAdmin
            : RevenueMonthCommands.RoleRefusal(me, action) is null);

    /// <summary>
    /// A permit for the write (dispose it after the save), waiting in the node's queue if need be; an empty permit for a
    /// caller who may not write; a 429 refusal when the user already holds its share or the queue is full.
    /// </summary>
    public async Task<Permit> EnterAsync(CurrentUser me, string? districtCode, RevenueAction action, CancellationToken ct)
    {
        if (!MayWrite(me, districtCode, action)) return new Permit(null, null, null);
        var user = me.UserName;
        var mine = _perUser.AddOrUpdate(user, 1, (_, n) => n + 1);
        if (mine > _options.Value.RevenueWritesPerUser)
        {
            Leave(user);
            return new Permit(null, null, new Refusal(429,
                $"ท่านมีคำขอบันทึกรายได้ค้างอยู่ {mine - 1} รายการ กรุณารอให้เสร็จก่อน แล้วลองใหม่ในอีก {RetryAfterSeconds} วินาที"));
        }
        RateLimitLease lease;
        try
        {
            lease = await _limiter.AcquireAsync(1, ct);
        }
        catch
        {
            Leave(user);
            throw;
        }
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            Leave(user);
            return new Permit(null, null, new Refusal(429, $"มีผู้บันทึกรายได้พร้อมกันจำนวนมาก กรุณาลองใหม่ในอีก {RetryAfterSeconds} วินาที"));
        }
        return new Permit(lease, () => Leave(user), null);
    }

    /// <summary>Writes waiting in the node's queue for a slot now.</summary>
    public long Queued => _limiter.GetStatistics()?.CurrentQueuedCount ?? 0;

    /// <summary>Writes holding a slot now.</summary>
    public long Running => _concurrent - (_limiter.GetStatistics()?.CurrentAvailablePermits ?? _concurrent);

    private void Leave(string user)
    {
        if (_perUser.AddOrUpdate(user, 0, (_, n) => n - 1) <= 0) _perUser.TryRemove(new KeyValuePair<string, int>(user, 0));
    }

    public void Dispose() => _limiter.Dispose();

    /// <summary>A held slot (or none); <see cref="Refusal"/> when the write must be refused with 429.</summary>
    public sealed class Permit(RateLimitLease? lease, Action? leave, Refusal? refusal) : IDisposable
    {
        public Refusal? Refusal { get; } = refusal;

        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            lease?.Dispose();
            leave?.Invoke();
        }
    }
}

public static class RevenueWriteLimitSetup
{
    public static WebApplicationBuilder AddRevenueWriteLimit(this WebApplicationBuilder builder)
    {
        builder.AddConfiguredOptions<RevenueWriteOptions>();
        builder.Services.AddSingleton<RevenueWriteLimit>();
        builder.Services.AddOtopGauge<RevenueWriteLimit>("otop.revenue.write_queue", "{write}",
            "Revenue writes waiting for a slot of the node's write limit (RateLimits:RevenueWritesConcurrent)", l => l.Queued);
        builder.Services.AddOtopGauge<RevenueWriteLimit>("otop.revenue.writes_running", "{write}",
            "Revenue writes holding a slot of the node's write limit now", l => l.Running);
        return builder;
    }
}

/// <summary>
/// <c>RateLimits__RevenueWritesConcurrent</c> (empty: 8 × cores on PostgreSQL, 1 on SQLite), <c>RateLimits__RevenueWritesQueue</c> and
/// <c>RateLimits__RevenueWritesPerUser</c> (slots one user may hold, waiting or running; default 2).
/// </summary>
public sealed class RevenueWriteOptions : IConfiguredOptions
{
    public static string Section => "RateLimits";

    [Range(1, 100_000, ErrorMessage = ConfiguredOptions.WholeNumber)]
    public int? RevenueWritesConcurrent { get; set; }

    [Range(0, 1_000_000, ErrorMessage = ConfiguredOptions.WholeNumber)]
    public int RevenueWritesQueue { get; set; } = 5000;

    [Range(1, 1000, ErrorMessage = ConfiguredOptions.WholeNumber)]
    public int RevenueWritesPerUser { get; set; } = 2;

    /// <summary>
    /// The writes one node runs at once. SQLite lets one writer in at a time and makes the others poll its busy handler,
    /// which sleeps longer the longer it waits: with six officers saving at once a save took 4 to 11 ms in turn, with them
    /// queued here first 4 ms (ScaleTests, 2026-12-04). So on SQLite they wait in this node's first-come queue instead.
    /// </summary>
    public int ConcurrentOn(DatabaseProvider provider) =>
        RevenueWritesConcurrent ?? (provider == DatabaseProvider.Sqlite ? 1 : 8 * Environment.ProcessorCount);
}

using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Secrets;

namespace Otop.Web.Platform.Audit;

/// <summary><c>Audit__CheckpointEvery</c>: how often the heads of the audit chains are signed (00:00:00 = never; README).</summary>
public sealed class AuditOptions : IConfiguredOptions
{
    public static string Section => "Audit";

    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00", ErrorMessage = ConfiguredOptions.Duration)]
    public TimeSpan CheckpointEvery { get; set; } = TimeSpan.FromDays(1);
}

/// <summary>
/// Signs the chain heads (<see cref="AuditCheckpoints.Daily"/>) when the newest checkpoint is older than
/// <see cref="AuditOptions.CheckpointEvery"/>; it looks at most hourly. Several nodes may each look: a chain whose head has
/// not moved since its last checkpoint is not signed again.
/// </summary>
public sealed class AuditCheckpointService(IServiceScopeFactory scopes, IOptions<AuditOptions> options, TimeProvider clock,
    ILogger<AuditCheckpointService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = options.Value.CheckpointEvery;
        if (every <= TimeSpan.Zero) return;
        using var timer = new PeriodicTimer(every < TimeSpan.FromHours(1) ? every : TimeSpan.FromHours(1), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var newest = await db.AuditCheckpoints.Where(c => c.Kind != AuditCheckpoints.Legacy)
                    .OrderByDescending(c => c.Id).Select(c => (DateTimeOffset?)c.At).FirstOrDefaultAsync(stoppingToken);
                if (newest is { } at && clock.GetUtcNow() - at < every) continue;
                var written = await AuditCheckpoints.WriteAsync(db, scope.ServiceProvider.GetRequiredService<KeyRing>(), clock,
                    AuditCheckpoints.Daily, "system", stoppingToken);
                logger.LogInformation("Signed {Count} audit chain heads", written.Count);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Signing the audit chain heads failed; trying again at the next tick");
            }
        }
    }
}

public static class AuditCheckpointSetup
{
    public static WebApplicationBuilder AddAuditCheckpoints(this WebApplicationBuilder builder)
    {
        builder.AddConfiguredOptions<AuditOptions>();
        builder.Services.AddHostedService<AuditCheckpointService>();
        return builder;
    }
}

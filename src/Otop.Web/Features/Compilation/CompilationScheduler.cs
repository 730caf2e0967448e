using Microsoft.Extensions.Options;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Telemetry;

namespace Otop.Web.Features.Compilation;

/// <summary>
/// Compiles month M at 00:00 Bangkok on the close day of M+1 on the app's clock, and on start catches up with a month
/// whose close day has passed without its scheduled compilation. Safe on every node: the unique index on a month's
/// scheduled compilation lets exactly one node write it (<see cref="CompilationCommands.RunScheduleAsync"/>).
/// </summary>
public sealed class CompilationScheduler(IServiceScopeFactory scopes, TimeProvider clock, IOptions<CompilationOptions> options,
    CompilationMetrics metrics, ILogger<CompilationScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Scheduler) return;
        var poll = options.Value.Poll;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wake = clock.GetUtcNow() + poll;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var (month, compiled, next) = await CompilationCommands.RunScheduleAsync(db, clock, metrics, stoppingToken);
                if (compiled) logger.LogInformation("Compiled {Month} nationally (scheduled)", month);
                if (next < wake) wake = next;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A database that does not answer for a minute must not stop the compilations for good.
                logger.LogError(ex, "Scheduled compilation pass failed; the next pass tries again");
            }
            var wait = wake - clock.GetUtcNow();
            await Task.Delay(wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait, clock, stoppingToken);
        }
    }
}

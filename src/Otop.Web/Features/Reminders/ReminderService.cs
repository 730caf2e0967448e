using Microsoft.Extensions.Options;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Reminders;

/// <summary>Runs <see cref="ReminderDispatcher.RunOnceAsync"/> and the forecast warnings every <c>Reminders__Period</c> on the app's clock; safe on every node.</summary>
public sealed class ReminderService(IServiceScopeFactory scopes, TimeProvider clock, IOptions<ReminderOptions> options, ILogger<ReminderService> logger) : BackgroundService
{
    private static readonly TimeSpan ForecastPassEvery = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        using var timer = new PeriodicTimer(options.Value.Period, clock);
        var nextForecastPass = DateTimeOffset.MinValue;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ReminderDispatcher>().RunOnceAsync(stoppingToken);
                // The forecast's early warning (issue 17, item 6) rides on the same pass, at most hourly: it forecasts district's
                // round (the nation in one grouped read), and a month's figures move by the day, not by the minute.
                if (clock.GetUtcNow() >= nextForecastPass)
                {
                    await scope.ServiceProvider.GetRequiredService<Revenue.RevenueForecastWarnings>().RunOnceAsync(stoppingToken);
                    nextForecastPass = clock.GetUtcNow() + ForecastPassEvery;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A database that does not answer for a minute must not stop the reminders for good.
                logger.LogError(ex, "Reminder pass failed; the next pass tries again");
            }
        }
    }
}

/// <summary>The count of unread reminders for the nav badge.</summary>
public sealed class ReminderBadge(Otop.Web.Platform.Data.AppDbContext db, Otop.Web.Platform.Auth.CurrentUser me)
{
    public async Task<int> UnreadAsync()
    {
        if (!me.IsAuthenticated) return 0;
        var user = me.UserName;
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Reminders, r => r.Recipient == user && r.ReadAt == null);
    }
}

using Microsoft.Extensions.Options;

namespace Otop.Web.Features.Notifications;

/// <summary>Runs <see cref="NoticeOutbox.RunOnceAsync"/> every <c>Notifications__Period</c> on the app's clock; safe on every node.</summary>
public sealed class NotificationService(IServiceScopeFactory scopes, TimeProvider clock, IOptions<NotificationOptions> options, ILogger<NotificationService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        using var timer = new PeriodicTimer(options.Value.Period, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                // A full batch: there may be more, so go again at once.
                int sent;
                do
                {
                    await using var scope = scopes.CreateAsyncScope();
                    sent = await scope.ServiceProvider.GetRequiredService<NoticeOutbox>().RunOnceAsync(stoppingToken);
                } while (sent >= NoticeOutbox.Batch);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Notice outbox pass failed; the next pass tries again");
            }
        }
    }
}

/// <summary>The count of unread notices for the layout's bell.</summary>
public sealed class NoticeBadge(Otop.Web.Platform.Data.AppDbContext db, Otop.Web.Platform.Auth.CurrentUser me)
{
    public async Task<int> UnreadAsync()
    {
        if (!me.IsAuthenticated) return 0;
        var user = me.UserName;
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Notices, n => n.Recipient == user && n.ReadAt == null);
    }
}

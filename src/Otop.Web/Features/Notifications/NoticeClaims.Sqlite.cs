using Microsoft.EntityFrameworkCore;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Notifications;

public static partial class NoticeClaims
{
    /// <summary>
    /// SQLite (and any provider without SKIP LOCKED): read candidates, then claim each with a compare-and-set update that
    /// only succeeds while the row is still pending and unclaimed. SQLite runs one writer at a time, so of two nodes that
    /// read the same candidate, one update matches and the other's matches nothing.
    /// </summary>
    private sealed class Sqlite : INoticeClaims
    {
        public async Task<int> ClaimAsync(AppDbContext db, DateTimeOffset now, DateTimeOffset until, Guid token, int batch, CancellationToken ct)
        {
            var candidates = await db.NoticeDeliveries.AsNoTracking()
                .Where(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now && (d.ClaimedUntil == null || d.ClaimedUntil < now))
                .OrderBy(d => d.Id).Select(d => d.Id).Take(batch).ToListAsync(ct);
            var claimed = 0;
            foreach (var id in candidates)
            {
                claimed += await db.NoticeDeliveries
                    .Where(d => d.Id == id && d.Status == DeliveryStatus.Pending && (d.ClaimedUntil == null || d.ClaimedUntil < now))
                    .ExecuteUpdateAsync(s => s.SetProperty(d => d.ClaimedUntil, until).SetProperty(d => d.ClaimToken, token), ct);
            }
            return claimed;
        }
    }
}

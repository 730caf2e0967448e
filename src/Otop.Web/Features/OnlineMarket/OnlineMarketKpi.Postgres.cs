using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.OnlineMarket;

public static partial class OnlineMarketKpi
{
    /// <summary>
    /// On PostgreSQL the counts of one result share one snapshot (REPEATABLE READ); SQLite has no such level, and a caller's
    /// own transaction already decides the snapshot (a second one cannot be begun on the same connection): null then.
    /// </summary>
    private static async Task<IDbContextTransaction?> BeginSnapshotAsync(AppDbContext db, CancellationToken ct) =>
        db.IsSqlite || db.Database.CurrentTransaction is not null
            ? null
            : await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
}

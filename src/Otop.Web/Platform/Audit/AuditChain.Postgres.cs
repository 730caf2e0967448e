using Microsoft.EntityFrameworkCore;
using Otop.Web.Platform.Data;

namespace Otop.Web.Platform.Audit;

public static partial class AuditChain
{
    /// <summary>
    /// Writers of one chain take turns (docs/decisions/008-audit-chain.md): on PostgreSQL by an advisory transaction lock on
    /// the chain; SQLite's write transaction is exclusive already, so there is nothing to take.
    /// </summary>
    private static async Task LockChainAsync(AppDbContext db, string chain, CancellationToken ct)
    {
        if (db.IsSqlite) return;
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0}, {1})", [AdvisoryLockClass, LockKey(chain)], ct);
    }
}

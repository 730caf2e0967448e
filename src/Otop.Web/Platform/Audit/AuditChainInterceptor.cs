using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Secrets;

namespace Otop.Web.Platform.Audit;

/// <summary>
/// Links new audit entries into their chains inside the same transaction as the change (one is started when the caller
/// has none), and refuses any update or delete of an audit entry through EF Core.
/// </summary>
public sealed class AuditChainInterceptor(KeyRing keys) : SaveChangesInterceptor
{
    private static readonly AsyncLocal<bool> Sealing = new();
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, IDbContextTransaction> _owned = new();

    /// <summary>What entries are sealed with; also by writers that append by hand (<see cref="AuditChain.SealedInsert"/>).</summary>
    internal KeyRing Keys => keys;

    internal static IDisposable AllowSealing()
    {
        Sealing.Value = true;
        return new Reset();
    }

    private sealed class Reset : IDisposable
    {
        public void Dispose() => Sealing.Value = false;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
        InterceptionResult<int> result, CancellationToken ct = default)
    {
        if (eventData.Context is AppDbContext db) await PrepareAsync(db, ct);
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is AppDbContext db) PrepareAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    private async Task PrepareAsync(AppDbContext db, CancellationToken ct)
    {
        var tracked = db.ChangeTracker.Entries<AuditEntry>().ToList();
        if (!Sealing.Value && tracked.Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("The audit is append-only: an audit entry cannot be changed or deleted.");
        }
        var added = tracked.Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (added.Count == 0) return;

        foreach (var entry in added)
        {
            if (entry.Chain.Length == 0) entry.Chain = AuditChain.ChainOf(entry.ProvinceCode);
            entry.At = AuditChain.Normalize(entry.At);
        }
        if (db.Database.CurrentTransaction is null)
        {
            // On SQLite this is BEGIN IMMEDIATE: the write lock is held before the chain head is read.
            _owned.AddOrUpdate(db, await db.Database.BeginTransactionAsync(ct));
        }
        await AuditChain.LinkAsync(db, keys, added, ct);
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        if (eventData.Context is { } db && _owned.TryGetValue(db, out var tx))
        {
            _owned.Remove(db);
            await tx.CommitAsync(ct);
            await tx.DisposeAsync();
        }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } db && _owned.TryGetValue(db, out var tx))
        {
            _owned.Remove(db);
            tx.Commit();
            tx.Dispose();
        }
        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken ct = default)
    {
        if (eventData.Context is { } db && _owned.TryGetValue(db, out var tx))
        {
            _owned.Remove(db);
            await tx.RollbackAsync(CancellationToken.None);
            await tx.DisposeAsync();
            ResetLinks(db);
        }
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is { } db && _owned.TryGetValue(db, out var tx))
        {
            _owned.Remove(db);
            tx.Rollback();
            tx.Dispose();
            ResetLinks(db);
        }
    }

    /// <summary>A failed save keeps its entries Added; they are linked afresh on the next attempt.</summary>
    private static void ResetLinks(DbContext db)
    {
        foreach (var e in db.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added))
        {
            e.Entity.Hash = "";
            e.Entity.KeyId = "";
        }
    }
}

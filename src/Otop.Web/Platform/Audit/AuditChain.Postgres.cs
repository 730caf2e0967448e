using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using NpgsqlTypes;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Secrets;

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

    /// <summary>The first column of the chain head's result set in a caller's batch (<see cref="AddLockAndHead"/>).</summary>
    public const string HeadSequenceColumn = "ChainHeadSequence";

    /// <summary>
    /// Appending one entry by hand-written SQL on PostgreSQL, for a writer that sends its change in its own pipelined
    /// batches (the month-end save, docs/benchmarks.md B2) instead of EF's SaveChanges and <see cref="AuditChainInterceptor"/>:
    /// this adds the chain's advisory lock and then its head to the caller's batch, as two statements so that the head is
    /// read after the lock is held (READ COMMITTED takes a snapshot per statement). The caller reads the head's result set
    /// (first column <see cref="HeadSequenceColumn"/>; none for an empty chain) and passes it to <see cref="SealedInsert"/>.
    /// The lock is held from here to the caller's commit, as with <see cref="LinkAsync"/>.
    /// </summary>
    public static void AddLockAndHead(NpgsqlBatch batch, string chain)
    {
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock($1, $2)")
        {
            Parameters = { new NpgsqlParameter<int> { TypedValue = AdvisoryLockClass }, new NpgsqlParameter<int> { TypedValue = LockKey(chain) } },
        });
        // The head is the highest sequence whatever its hash, as in LinkAsync: a blanked head is reported, never overwritten.
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
            SELECT "Sequence" AS "{HeadSequenceColumn}", "Hash" FROM "AuditEntries" WHERE "Chain" = $1 ORDER BY "Sequence" DESC LIMIT 1
            """)
        {
            Parameters = { new NpgsqlParameter<string> { TypedValue = chain } },
        });
    }

    /// <summary>
    /// <paramref name="entry"/> numbered after the chain's head (null: the chain is empty), sealed under the key file's
    /// current key exactly as <see cref="LinkAsync"/> seals it, as an INSERT for the caller's last batch.
    /// </summary>
    public static NpgsqlBatchCommand SealedInsert(AppDbContext db, AuditEntry entry, (long Sequence, string Hash)? head)
    {
        if (entry.Chain.Length == 0) entry.Chain = ChainOf(entry.ProvinceCode);
        entry.At = Normalize(entry.At);
        entry.Sequence = (head?.Sequence ?? 0) + 1;
        entry.PreviousHash = head?.Hash ?? "";
        Seal(entry, KeysOf(db));
        return new NpgsqlBatchCommand("""
            INSERT INTO "AuditEntries" ("At", "UserName", "Entity", "Key", "Action", "OldValue", "NewValue", "Reason", "ProvinceCode",
                "Chain", "Sequence", "PreviousHash", "Hash", "KeyId")
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
            """)
        {
            Parameters =
            {
                new NpgsqlParameter<DateTimeOffset> { TypedValue = entry.At },
                new NpgsqlParameter<string> { TypedValue = entry.UserName },
                new NpgsqlParameter<string> { TypedValue = entry.Entity },
                new NpgsqlParameter<string> { TypedValue = entry.Key },
                new NpgsqlParameter<string> { TypedValue = entry.Action },
                Text(entry.OldValue), Text(entry.NewValue), Text(entry.Reason), Text(entry.ProvinceCode),
                new NpgsqlParameter<string> { TypedValue = entry.Chain },
                new NpgsqlParameter<long> { TypedValue = entry.Sequence },
                new NpgsqlParameter<string> { TypedValue = entry.PreviousHash },
                new NpgsqlParameter<string> { TypedValue = entry.Hash },
                new NpgsqlParameter<string> { TypedValue = entry.KeyId },
            },
        };
    }

    private static NpgsqlParameter Text(string? value) => new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };

    /// <summary>The key file the context's <see cref="AuditChainInterceptor"/> seals with (one per application).</summary>
    private static KeyRing KeysOf(AppDbContext db) =>
        db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?.OfType<AuditChainInterceptor>().FirstOrDefault()?.Keys
        ?? throw new InvalidOperationException("The audit chain's interceptor is not registered on this context.");
}

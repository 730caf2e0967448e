using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Otop.Web.Platform.Data;

namespace Otop.Web.Platform.Audit;

/// <summary>
/// The audit as hash chains (docs/decisions/008-audit-chain.md): one chain per province, "0" for department-level
/// entries. An entry's <see cref="AuditEntry.Hash"/> is SHA-256 over a canonical serialisation of its fields and the
/// previous entry's hash, so editing, deleting or reordering an entry breaks the chain from that point on.
/// </summary>
public static partial class AuditChain
{
    public const string DepartmentChain = "0";
    private const string Version = "otop-audit-v1";

    /// <summary>First argument of the two-key advisory lock: "OTAU", so no other lock of the app collides.</summary>
    internal const int AdvisoryLockClass = 0x4F544155;

    public static string ChainOf(string? provinceCode) => string.IsNullOrEmpty(provinceCode) ? DepartmentChain : provinceCode;

    /// <summary>Both databases keep microseconds (PostgreSQL's timestamptz precision), so the hash is taken over those.</summary>
    public static DateTimeOffset Normalize(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % 10, TimeSpan.Zero);
    }

    /// <summary>A JSON array in a fixed field order; invariant culture; the instant as UTC ISO 8601 with 6 decimals.</summary>
    public static string Canonical(AuditEntry e)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            w.WriteStringValue(Version);
            w.WriteStringValue(e.Chain);
            w.WriteNumberValue(e.Sequence);
            w.WriteStringValue(Normalize(e.At).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
            w.WriteStringValue(e.UserName);
            w.WriteStringValue(e.Entity);
            w.WriteStringValue(e.Key);
            w.WriteStringValue(e.Action);
            WriteNullable(w, e.OldValue);
            WriteNullable(w, e.NewValue);
            WriteNullable(w, e.Reason);
            WriteNullable(w, e.ProvinceCode);
            w.WriteStringValue(e.PreviousHash);
            w.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteNullable(Utf8JsonWriter w, string? value)
    {
        if (value is null) w.WriteNullValue();
        else w.WriteStringValue(value);
    }

    public static string ComputeHash(AuditEntry e) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(e))));

    /// <summary>
    /// Numbers and hashes the new entries of each chain after that chain's head. The caller holds the chain's lock (an
    /// advisory transaction lock on PostgreSQL; SQLite's write transaction is exclusive already).
    /// </summary>
    internal static async Task LinkAsync(AppDbContext db, IReadOnlyList<AuditEntry> added, CancellationToken ct)
    {
        foreach (var chain in added.GroupBy(e => e.Chain).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            await LockChainAsync(db, chain.Key, ct);
            var key = chain.Key;
            var head = await db.AuditEntries.AsNoTracking().Where(a => a.Chain == key && a.Hash != "")
                .OrderByDescending(a => a.Sequence).Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync(ct);
            var (sequence, previous) = head is null ? (0L, "") : (head.Sequence, head.Hash);
            foreach (var entry in chain)
            {
                entry.Sequence = ++sequence;
                entry.PreviousHash = previous;
                entry.Hash = ComputeHash(entry);
                previous = entry.Hash;
            }
        }
    }

    internal static int LockKey(string chain) =>
        int.TryParse(chain, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : StringComparer.Ordinal.GetHashCode(chain);

    /// <summary>
    /// Entries written before the chain existed (migration 008 numbered them in id order) are hashed once at start, under
    /// the startup lock. The PostgreSQL trigger lets an entry be updated only while it has no hash yet. The check runs at
    /// every start; it reads the partial index of unsealed entries (migration 011), which is empty once they are sealed.
    /// </summary>
    public static async Task<int> SealUnsealedAsync(AppDbContext db, CancellationToken ct = default)
    {
        if (!await db.AuditEntries.AnyAsync(a => a.Hash == "", ct)) return 0;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var sealedCount = 0;
        var chains = await db.AuditEntries.Where(a => a.Hash == "").Select(a => a.Chain).Distinct().ToListAsync(ct);
        foreach (var chain in chains)
        {
            var previous = "";
            var entries = await db.AuditEntries.Where(a => a.Chain == chain).OrderBy(a => a.Sequence).ToListAsync(ct);
            foreach (var entry in entries)
            {
                if (entry.Hash.Length == 0)
                {
                    entry.At = Normalize(entry.At);
                    entry.PreviousHash = previous;
                    entry.Hash = ComputeHash(entry);
                    sealedCount++;
                }
                previous = entry.Hash;
            }
        }
        db.Database.SetCommandTimeout(600);
        await SealingSaveAsync(db, ct);
        await tx.CommitAsync(ct);
        return sealedCount;
    }

    private static async Task SealingSaveAsync(AppDbContext db, CancellationToken ct)
    {
        using (AuditChainInterceptor.AllowSealing())
        {
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>Walks every chain in sequence order; the first entry that does not fit says what happened to it.</summary>
    public static async Task<List<ChainReport>> VerifyAsync(AppDbContext db, CancellationToken ct = default)
    {
        var reports = new List<ChainReport>();
        ChainReport? current = null;
        string previous = "";
        long expected = 0;
        var rows = db.AuditEntries.AsNoTracking().OrderBy(a => a.Chain).ThenBy(a => a.Sequence).AsAsyncEnumerable();
        await foreach (var e in rows.WithCancellation(ct))
        {
            if (current is null || current.Chain != e.Chain)
            {
                current = new ChainReport(e.Chain);
                reports.Add(current);
                previous = "";
                expected = 1;
            }
            current.Entries++;
            if (current.FirstBroken is not null) continue;

            if (e.Sequence != expected)
            {
                current.FirstBroken = new BrokenEntry(e.Id, e.Sequence, e.Sequence > expected ? "missing" : "out-of-order",
                    e.Sequence > expected
                        ? $"ลำดับที่ {expected.ToString(CultureInfo.InvariantCulture)} ถึง {(e.Sequence - 1).ToString(CultureInfo.InvariantCulture)} หายไป (ถูกลบ)"
                        : $"ลำดับที่ {e.Sequence.ToString(CultureInfo.InvariantCulture)} ซ้ำหรือผิดลำดับ");
            }
            else if (e.PreviousHash != previous)
            {
                current.FirstBroken = new BrokenEntry(e.Id, e.Sequence, "reordered",
                    $"ลำดับที่ {e.Sequence.ToString(CultureInfo.InvariantCulture)} ไม่ต่อจากรายการก่อนหน้า (ถูกสลับลำดับหรือแทรก)");
            }
            else if (ComputeHash(e) != e.Hash)
            {
                current.FirstBroken = new BrokenEntry(e.Id, e.Sequence, "edited",
                    $"ลำดับที่ {e.Sequence.ToString(CultureInfo.InvariantCulture)} ถูกแก้ไขหลังบันทึก (ค่าแฮชไม่ตรง)");
            }
            previous = e.Hash;
            expected = e.Sequence + 1;
        }
        return reports;
    }
}

public sealed class ChainReport(string chain)
{
    public string Chain { get; } = chain;
    public long Entries { get; set; }
    public bool Ok => FirstBroken is null;
    public BrokenEntry? FirstBroken { get; set; }
}

public sealed record BrokenEntry(long Id, long Sequence, string Problem, string Detail);

/// <summary>
/// Links new audit entries into their chains inside the same transaction as the change (one is started when the caller
/// has none), and refuses any update or delete of an audit entry through EF Core.
/// </summary>
public sealed class AuditChainInterceptor : SaveChangesInterceptor
{
    public static readonly AuditChainInterceptor Shared = new();
    private static readonly AsyncLocal<bool> Sealing = new();
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, IDbContextTransaction> _owned = new();

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
            entry.Chain = AuditChain.ChainOf(entry.ProvinceCode);
            entry.At = AuditChain.Normalize(entry.At);
        }
        if (db.Database.CurrentTransaction is null)
        {
            // On SQLite this is BEGIN IMMEDIATE: the write lock is held before the chain head is read.
            _owned.AddOrUpdate(db, await db.Database.BeginTransactionAsync(ct));
        }
        await AuditChain.LinkAsync(db, added, ct);
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
        foreach (var e in db.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added)) e.Entity.Hash = "";
    }
}

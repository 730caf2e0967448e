using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Secrets;

namespace Otop.Web.Platform.Audit;

/// <summary>
/// The audit as keyed hash chains (docs/decisions/013-audit-chain-v2.md, superseding 008): district staff's writes go to
/// their district's chain, a province's to its province's, the department's to "0", so the month-end saves of one
/// province's districts do not queue behind one lock. Each entry's <see cref="AuditEntry.Hash"/> is an HMAC over its
/// fields and the previous entry's hash, so editing, deleting, reordering or re-hashing an entry without the key file is
/// found by <see cref="VerifyAsync"/>; signed checkpoints of the heads (<see cref="AuditCheckpoints"/>) find truncation.
/// </summary>
public static partial class AuditChain
{
    public const string DepartmentChain = "0";

    /// <summary>First argument of the two-key advisory lock: "OTAU", so no other lock of the app collides.</summary>
    internal const int AdvisoryLockClass = 0x4F544155;

    public static string ChainOf(string? provinceCode) => string.IsNullOrEmpty(provinceCode) ? DepartmentChain : provinceCode;

    /// <summary>A district officer's or head's write about its own province goes to its district's chain; any other to the province's.</summary>
    public static string ChainOf(string? provinceCode, CurrentUser by) =>
        by.IsDistrictStaff && by.Scope.Code.Length == 4 && provinceCode is { Length: 2 } && by.Scope.Code.StartsWith(provinceCode, StringComparison.Ordinal)
            ? by.Scope.Code
            : ChainOf(provinceCode);

    /// <summary>The province a chain belongs to ("0" for the department's).</summary>
    public static string ProvinceOfChain(string chain) => chain.Length == 4 ? chain[..2] : chain;

    /// <summary>
    /// Numbers and seals the new entries of each chain after that chain's head. The caller holds the chain's lock (an
    /// advisory transaction lock on PostgreSQL; SQLite's write transaction is exclusive already). The head is the highest
    /// sequence whatever its hash: an entry whose hash was blanked stays where it is and is reported, never overwritten.
    /// </summary>
    internal static async Task LinkAsync(AppDbContext db, KeyRing keys, IReadOnlyList<AuditEntry> added, CancellationToken ct)
    {
        foreach (var chain in added.GroupBy(e => e.Chain).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            await LockChainAsync(db, chain.Key, ct);
            var key = chain.Key;
            var head = await db.AuditEntries.AsNoTracking().Where(a => a.Chain == key)
                .OrderByDescending(a => a.Sequence).Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync(ct);
            var (sequence, previous) = head is null ? (0L, "") : (head.Sequence, head.Hash);
            foreach (var entry in chain)
            {
                entry.Sequence = ++sequence;
                entry.PreviousHash = previous;
                Seal(entry, keys);
                previous = entry.Hash;
            }
        }
    }

    internal static int LockKey(string chain) =>
        int.TryParse(chain, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : StringComparer.Ordinal.GetHashCode(chain);

    /// <summary>
    /// Entries written before the chain existed (migration 008 numbered them in id order, with no hash and no previous
    /// hash) are sealed once, as v1, at the first start after the upgrade, and never again: once the legacy checkpoint
    /// (<see cref="AuditCheckpoints.EnsureLegacyAsync"/>) exists, which the same start writes, nothing is sealed at start.
    /// An entry whose hash was blanked later is therefore reported by the integrity check, not sealed afresh. Only the
    /// leading run of a chain's unsealed entries counts as legacy: the chain was appended after them.
    /// </summary>
    public static async Task<int> SealUnsealedAsync(AppDbContext db, CancellationToken ct = default)
    {
        if (await db.AuditCheckpoints.AnyAsync(ct)) return 0;
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
                if (entry.Hash.Length > 0 || entry.PreviousHash.Length > 0) break;
                entry.PreviousHash = previous;
                entry.Hash = ComputeHash(entry);
                previous = entry.Hash;
                sealedCount++;
            }
        }
        db.Database.SetCommandTimeout(600);
        using (AuditChainInterceptor.AllowSealing())
        {
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        return sealedCount;
    }
}

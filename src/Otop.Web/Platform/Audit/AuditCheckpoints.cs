using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Secrets;

namespace Otop.Web.Platform.Audit;

/// <summary>Writes and checks <see cref="AuditCheckpoint"/>s (docs/decisions/013-audit-chain-v2.md).</summary>
public static class AuditCheckpoints
{
    public const string Daily = "daily";
    public const string Manual = "manual";
    public const string Legacy = "legacy";
    public const string Purpose = "otop-audit-checkpoint";

    /// <summary>The chain of the legacy marker written on a database that had no audit entries at the upgrade.</summary>
    public const string NoChain = "*";

    /// <summary>
    /// Signs the head of every chain whose head moved since its last checkpoint (all of them for <see cref="Manual"/>);
    /// returns what it wrote.
    /// </summary>
    public static async Task<List<AuditCheckpoint>> WriteAsync(AppDbContext db, KeyRing keys, TimeProvider clock, string kind, string userName, CancellationToken ct = default)
    {
        var heads = await HeadsAsync(db, ct);
        var last = await LatestAsync(db, ct);
        var at = AuditChain.Normalize(clock.GetUtcNow());
        var written = new List<AuditCheckpoint>();
        foreach (var (chain, sequence, hash) in heads)
        {
            if (kind != Manual && last.TryGetValue(chain, out var previous) && previous.Sequence == sequence && previous.Hash == hash) continue;
            written.Add(Signed(keys, new AuditCheckpoint { Kind = kind, Chain = chain, Sequence = sequence, Hash = hash, At = at, UserName = userName }));
        }
        db.AuditCheckpoints.AddRange(written);
        await db.SaveChangesAsync(ct);
        return written;
    }

    /// <summary>
    /// Once, at the first start after migration 015 (under the startup lock): the v1 head of every chain, so that unkeyed
    /// entries are accepted only up to there. Its existence is also the mark that start-up sealing is over for good.
    /// </summary>
    public static async Task<int> EnsureLegacyAsync(AppDbContext db, KeyRing keys, TimeProvider clock, CancellationToken ct = default)
    {
        if (await db.AuditCheckpoints.AnyAsync(ct)) return 0;
        var at = AuditChain.Normalize(clock.GetUtcNow());
        var heads = await db.AuditEntries.AsNoTracking().Where(a => a.KeyId == "" && a.Hash != "")
            .GroupBy(a => a.Chain).Select(g => new { Chain = g.Key, Sequence = g.Max(a => a.Sequence) }).ToListAsync(ct);
        var rows = new List<AuditCheckpoint>();
        foreach (var head in heads)
        {
            var hash = await db.AuditEntries.AsNoTracking().Where(a => a.Chain == head.Chain && a.Sequence == head.Sequence).Select(a => a.Hash).FirstAsync(ct);
            rows.Add(Signed(keys, new AuditCheckpoint { Kind = Legacy, Chain = head.Chain, Sequence = head.Sequence, Hash = hash, At = at, UserName = "system" }));
        }
        if (rows.Count == 0) rows.Add(Signed(keys, new AuditCheckpoint { Kind = Legacy, Chain = NoChain, At = at, UserName = "system" }));
        db.AuditCheckpoints.AddRange(rows);
        await db.SaveChangesAsync(ct);
        return rows.Count;
    }

    /// <summary>Each chain's newest checkpoint (highest sequence, then newest), legacy markers aside.</summary>
    public static async Task<Dictionary<string, AuditCheckpoint>> LatestAsync(AppDbContext db, CancellationToken ct = default)
    {
        var rows = await db.AuditCheckpoints.AsNoTracking()
            .Where(c => c.Kind != Legacy && c.Id == db.Set<AuditCheckpoint>().Where(d => d.Chain == c.Chain && d.Kind != Legacy)
                .OrderByDescending(d => d.Sequence).ThenByDescending(d => d.Id).Select(d => d.Id).First())
            .ToListAsync(ct);
        return rows.ToDictionary(c => c.Chain, StringComparer.Ordinal);
    }

    public static Task<List<AuditCheckpoint>> LegacyAsync(AppDbContext db, CancellationToken ct = default) =>
        db.AuditCheckpoints.AsNoTracking().Where(c => c.Kind == Legacy).ToListAsync(ct);

    /// <summary>Whether the MAC is the one the fields give; null when its key is not in the key file.</summary>
    public static bool? IsGenuine(AuditCheckpoint c, KeyRing keys)
    {
        var key = keys.Subkey(c.KeyId, Purpose);
        if (key is null) return null;
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Mac(c, key)), Encoding.ASCII.GetBytes(c.Mac));
    }

    /// <summary>The canonical form a checkpoint's MAC covers; also what the printed checkpoint shows, so it can be re-checked by hand.</summary>
    public static string Canonical(AuditCheckpoint c)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            w.WriteStringValue("otop-checkpoint-v1");
            w.WriteStringValue(c.Kind);
            w.WriteStringValue(c.Chain);
            w.WriteNumberValue(c.Sequence);
            w.WriteStringValue(c.Hash);
            w.WriteStringValue(c.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            w.WriteStringValue(c.UserName);
            w.WriteStringValue(c.KeyId);
            w.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static AuditCheckpoint Signed(KeyRing keys, AuditCheckpoint c)
    {
        var (keyId, key) = keys.Current(Purpose);
        c.KeyId = keyId;
        c.Mac = Mac(c, key);
        return c;
    }

    private static string Mac(AuditCheckpoint c, byte[] key) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(Canonical(c))));

    private static async Task<List<(string Chain, long Sequence, string Hash)>> HeadsAsync(AppDbContext db, CancellationToken ct)
    {
        var rows = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Sequence == db.Set<AuditEntry>().Where(b => b.Chain == a.Chain).Max(b => b.Sequence))
            .Select(a => new { a.Chain, a.Sequence, a.Hash }).ToListAsync(ct);
        return rows.OrderBy(r => r.Chain, StringComparer.Ordinal).Select(r => (r.Chain, r.Sequence, r.Hash)).ToList();
    }
}

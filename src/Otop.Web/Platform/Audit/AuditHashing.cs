using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Otop.Web.Platform.Secrets;

namespace Otop.Web.Platform.Audit;

/// <summary>
/// What an audit entry's hash covers (docs/decisions/013-audit-chain-v2.md). v2: HMAC-SHA256 under the key file's key
/// <see cref="AuditEntry.KeyId"/> over <c>["otop-audit-v2", chain, sequence, at, user, entity, key, action, old, new,
/// reason, province, keyId, previousHash]</c>, the instant in whole milliseconds (what both databases store exactly).
/// v1 (decision 008, <c>KeyId</c> ""): SHA-256 over the same fields without the key id, the instant with 6 decimals.
/// </summary>
public static partial class AuditChain
{
    private const string V1 = "otop-audit-v1";
    private const string V2 = "otop-audit-v2";
    public const string Purpose = "otop-audit-chain";

    /// <summary>
    /// The instant as both databases keep it: SQLite stores a DateTimeOffset as ticks/1000 (EF's binary converter, 0.1 ms),
    /// PostgreSQL in microseconds; whole milliseconds survive both, so the value read back hashes as it was sealed.
    /// </summary>
    public static DateTimeOffset Normalize(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
    }

    public static bool IsKeyed(AuditEntry e) => e.KeyId.Length > 0;

    /// <summary>A JSON array in a fixed field order; invariant culture; the instant as UTC ISO 8601.</summary>
    public static string Canonical(AuditEntry e) => Encoding.UTF8.GetString(CanonicalUtf8(e, e.At));

    /// <summary>The canonical form as the UTF-8 bytes that are hashed (the writer's own output, not re-encoded from a string).</summary>
    private static byte[] CanonicalUtf8(AuditEntry e, DateTimeOffset at)
    {
        var keyed = IsKeyed(e);
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            w.WriteStringValue(keyed ? V2 : V1);
            w.WriteStringValue(e.Chain);
            w.WriteNumberValue(e.Sequence);
            w.WriteStringValue(at.UtcDateTime.ToString(keyed ? "yyyy-MM-dd'T'HH:mm:ss.fff'Z'" : "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
            w.WriteStringValue(e.UserName);
            w.WriteStringValue(e.Entity);
            w.WriteStringValue(e.Key);
            w.WriteStringValue(e.Action);
            WriteNullable(w, e.OldValue);
            WriteNullable(w, e.NewValue);
            WriteNullable(w, e.Reason);
            WriteNullable(w, e.ProvinceCode);
            if (keyed) w.WriteStringValue(e.KeyId);
            w.WriteStringValue(e.PreviousHash);
            w.WriteEndArray();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteNullable(Utf8JsonWriter w, string? value)
    {
        if (value is null) w.WriteNullValue();
        else w.WriteStringValue(value);
    }

    /// <summary>The v1 hash (decision 008): SHA-256 of the canonical form, no key. Only legacy entries carry it.</summary>
    public static string ComputeHash(AuditEntry e) => ComputeHash(e, e.At);

    private static string ComputeHash(AuditEntry e, DateTimeOffset at) =>
        Convert.ToHexStringLower(SHA256.HashData(CanonicalUtf8(e, at)));

    /// <summary>Seals <paramref name="e"/> (v2) under the key file's current key.</summary>
    internal static void Seal(AuditEntry e, KeyRing keys)
    {
        var (keyId, key) = keys.Current(Purpose);
        e.KeyId = keyId;
        e.Hash = Mac(e, key);
    }

    private static string Mac(AuditEntry e, byte[] key) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, CanonicalUtf8(e, e.At)));

    /// <summary>Whether the stored hash is the one the entry's fields give; null when the key it names is not in the key file.</summary>
    internal static bool? HashMatches(AuditEntry e, KeyRing keys)
    {
        if (IsKeyed(e))
        {
            var key = keys.Subkey(e.KeyId, Purpose);
            return key is null ? null : CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Mac(e, key)), Encoding.ASCII.GetBytes(e.Hash));
        }
        if (ComputeHash(e) == e.Hash) return true;
        // A v1 entry sealed with microseconds that SQLite's storage (0.1 ms) then dropped: the lost digits are one of 100
        // values (v1 sealed whole microseconds), so try them rather than call every legacy SQLite entry edited.
        if (e.At.UtcTicks % 1000 != 0) return false;
        for (var lost = 10; lost < 1000; lost += 10)
        {
            if (ComputeHash(e, e.At.AddTicks(lost)) == e.Hash) return true;
        }
        return false;
    }
}

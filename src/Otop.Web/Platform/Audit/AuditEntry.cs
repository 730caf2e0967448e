using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;
namespace Otop.Web.Platform.Audit;

/// <summary>Append-only record of a change: who, when, what, old and new values, and why.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string UserName { get; set; } = "";
    public required string Entity { get; set; }
    public required string Key { get; set; }
    public required string Action { get; set; }
    public string? OldValue { get; set; }
    public string? NewValue { get; set; }
    public string? Reason { get; set; }
    /// <summary>Province of the changed row, so a province officer can read its own audit.</summary>
    public string? ProvinceCode { get; set; }

    // The hash chain (docs/decisions/013-audit-chain-v2.md): one chain per district for district staff's writes, per
    // province for the province's and "0" for the department's, numbered from 1; each entry's Hash covers its fields and
    // the PreviousHash, set when the entry is saved: an HMAC under the key file's key KeyId (v2), or, for entries sealed
    // before the key file existed, a bare SHA-256 (v1, KeyId "").
    public string Chain { get; set; } = "";
    public long Sequence { get; set; }
    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";
    public string KeyId { get; set; } = "";
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> e)
    {
        e.Property(x => x.UserName).HasMaxLength(256);
        e.Property(x => x.Entity).HasMaxLength(50);
        e.Property(x => x.Key).HasMaxLength(200);
        e.Property(x => x.Action).HasMaxLength(50);
        e.Property(x => x.Reason).HasMaxLength(2000);
        e.Property(x => x.ProvinceCode).HasMaxLength(2);
        e.HasIndex(x => new { x.Entity, x.Key, x.Id });
        e.Property(x => x.Chain).HasMaxLength(4);
        e.Property(x => x.KeyId).HasMaxLength(40);
        e.Property(x => x.PreviousHash).HasMaxLength(64);
        e.Property(x => x.Hash).HasMaxLength(64);
        e.HasIndex(x => new { x.Chain, x.Sequence }).IsUnique();
        // 011: only the entries still awaiting their hash, so the check at every start reads an (empty) index.
        e.HasIndex(x => new { x.Chain, x.Sequence }, "IX_AuditEntries_Unsealed").HasFilter("\"Hash\" = ''");
    }
}

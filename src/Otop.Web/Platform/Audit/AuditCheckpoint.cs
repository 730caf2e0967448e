using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Otop.Web.Platform.Audit;

/// <summary>
/// A signed statement of one chain's head at one instant (docs/decisions/013-audit-chain-v2.md): "chain 2701 had N
/// entries, the last hashed H". Written daily, on demand by the department, and once as the legacy boundary
/// (<see cref="AuditCheckpoints.Legacy"/>: up to which sequence a chain may hold unkeyed v1 entries). Verification then
/// finds a chain cut short after a checkpoint, or rewritten before it. Append-only like the audit itself.
/// </summary>
public sealed class AuditCheckpoint
{
    public long Id { get; set; }
    /// <summary><c>daily</c>, <c>manual</c> or <c>legacy</c>.</summary>
    public string Kind { get; set; } = "";
    public string Chain { get; set; } = "";
    public long Sequence { get; set; }
    public string Hash { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public string UserName { get; set; } = "";
    public string KeyId { get; set; } = "";
    /// <summary>HMAC-SHA256 under the key file's key <see cref="KeyId"/> over the fields above.</summary>
    public string Mac { get; set; } = "";
}

internal sealed class AuditCheckpointConfiguration : IEntityTypeConfiguration<AuditCheckpoint>
{
    public void Configure(EntityTypeBuilder<AuditCheckpoint> e)
    {
        e.ToTable("AuditCheckpoints");
        e.Property(x => x.Kind).HasMaxLength(10);
        e.Property(x => x.Chain).HasMaxLength(4);
        e.Property(x => x.Hash).HasMaxLength(64);
        e.Property(x => x.UserName).HasMaxLength(256);
        e.Property(x => x.KeyId).HasMaxLength(40);
        e.Property(x => x.Mac).HasMaxLength(64);
        e.HasIndex(x => new { x.Chain, x.Sequence });
    }
}

using Otop.Web.Infrastructure.Security;

namespace Otop.Web.Data;

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

    // The hash chain (docs/decisions/008-audit-chain.md): one chain per province ("0" for department-level entries),
    // numbered from 1; each entry's Hash covers its fields and the PreviousHash, set when the entry is saved.
    public string Chain { get; set; } = AuditChain.DepartmentChain;
    public long Sequence { get; set; }
    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";
}

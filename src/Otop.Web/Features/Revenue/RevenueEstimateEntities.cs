using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Otop.Web.Features.Registry;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Revenue;

/// <summary>Draft, sent to the province (locked), or returned by the province with a reason (editable again until sent).</summary>
public enum RevenueEstimateStatus { Draft = 0, Sent = 1, Returned = 2 }

/// <summary>
/// แบบประมาณการรายได้ (letter 2, clause 2 and enclosure 4): one district's estimated revenue for a fiscal year, per producer
/// and month, certified by the district OTOP committee (นตผ. อำเภอ) and sent to the province by its due date.
/// </summary>
public sealed class RevenueEstimate : IDistrictOwned
{
    public int Id { get; set; }
    public required string DistrictCode { get; set; }
    public required string ProvinceCode { get; set; }
    public int FiscalYear { get; set; }
    public RevenueEstimateStatus Status { get; set; }
    public int Version { get; set; }
    public decimal Total { get; set; }
    public DateOnly? CommitteeMeetingDate { get; set; }
    public string? CommitteeMeetingReference { get; set; }
    public string? CommitteeChairName { get; set; }
    public int? MinutesFileId { get; set; }
    public string? SentBy { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    /// <summary>Sent after the fiscal year's estimate due date (Bangkok end of day); stored at sending so reports need no recomputation.</summary>
    public bool Late { get; set; }
    /// <summary>The province's reason when it returned the sent estimate (migration 016); kept until sent again.</summary>
    public string? ReturnReason { get; set; }
    public string? ReturnedBy { get; set; }
    public DateTimeOffset? ReturnedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Late when sent at or after the start (Bangkok) of the day after the due date; no due date, never late.</summary>
    public static bool IsLate(DateTimeOffset sentAt, DateOnly? dueDate) =>
        dueDate is { } due && sentAt >= Otop.Domain.Bangkok.StartOfDay(due.AddDays(1));

    public List<RevenueEstimateLine> Lines { get; set; } = [];
}

/// <summary>One producer's estimated revenue for one month ("YYYY-MM") of the estimate's fiscal year.</summary>
public sealed class RevenueEstimateLine
{
    public int RevenueEstimateId { get; set; }
    public RevenueEstimate RevenueEstimate { get; set; } = null!;
    public int EntrepreneurId { get; set; }
    public Entrepreneur Entrepreneur { get; set; } = null!;
    public required string Month { get; set; }
    public decimal Amount { get; set; }
}

public enum RevenueFilePurpose { Evidence = 0, SignedRt2 = 1, CommitteeMinutes = 2 }

/// <summary>
/// An uploaded file kept in the database so every node serves it: evidence for one figure (letter 2, clause 5), the
/// signed รต.2 scan of a month (clause 3), or the committee's minutes for an estimate (clause 2). PDF, PNG or JPEG, ≤ 5 MB.
/// </summary>
public sealed class RevenueFile : IDistrictOwned
{
    public const int MaxBytes = 5 * 1024 * 1024;

    public int Id { get; set; }
    public required string DistrictCode { get; set; }
    public required string ProvinceCode { get; set; }
    public RevenueFilePurpose Purpose { get; set; }
    /// <summary>"YYYY-MM" for evidence and รต.2 scans; null for minutes.</summary>
    public string? Month { get; set; }
    public int? EntrepreneurId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public int Size { get; set; }
    public byte[] Content { get; set; } = [];
    public string UploadedBy { get; set; } = "";
    public DateTimeOffset UploadedAt { get; set; }
}

internal sealed class RevenueEstimateConfiguration : IEntityTypeConfiguration<RevenueEstimate>
{
    public void Configure(EntityTypeBuilder<RevenueEstimate> e)
    {
        e.ToTable("RevenueEstimates");
        e.Property(x => x.DistrictCode).HasMaxLength(4);
        e.Property(x => x.ProvinceCode).HasMaxLength(2);
        e.Property(x => x.CommitteeMeetingReference).HasMaxLength(200);
        e.Property(x => x.CommitteeChairName).HasMaxLength(200);
        e.Property(x => x.SentBy).HasMaxLength(256);
        e.Property(x => x.ReturnReason).HasMaxLength(2000);
        e.Property(x => x.ReturnedBy).HasMaxLength(256);
        e.Property(x => x.UpdatedBy).HasMaxLength(256);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasIndex(x => new { x.DistrictCode, x.FiscalYear }).IsUnique();
        e.HasIndex(x => new { x.ProvinceCode, x.FiscalYear });
        e.HasMany(x => x.Lines).WithOne(x => x.RevenueEstimate).HasForeignKey(x => x.RevenueEstimateId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RevenueEstimateLineConfiguration : IEntityTypeConfiguration<RevenueEstimateLine>
{
    public void Configure(EntityTypeBuilder<RevenueEstimateLine> e)
    {
        e.ToTable("RevenueEstimateLines");
        e.Property(x => x.Month).HasMaxLength(7);
        e.HasKey(x => new { x.RevenueEstimateId, x.EntrepreneurId, x.Month });
        e.HasOne(x => x.Entrepreneur).WithMany().HasForeignKey(x => x.EntrepreneurId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.EntrepreneurId);
    }
}

internal sealed class RevenueFileConfiguration : IEntityTypeConfiguration<RevenueFile>
{
    public void Configure(EntityTypeBuilder<RevenueFile> e)
    {
        e.ToTable("RevenueFiles");
        e.Property(x => x.DistrictCode).HasMaxLength(4);
        e.Property(x => x.ProvinceCode).HasMaxLength(2);
        e.Property(x => x.Month).HasMaxLength(7);
        e.Property(x => x.FileName).HasMaxLength(260);
        e.Property(x => x.ContentType).HasMaxLength(100);
        e.Property(x => x.UploadedBy).HasMaxLength(256);
        e.HasIndex(x => new { x.DistrictCode, x.Month, x.Purpose });
    }
}

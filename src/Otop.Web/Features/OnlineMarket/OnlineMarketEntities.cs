using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Otop.Web.Features.Kpi;
using Otop.Web.Features.Registry;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.OnlineMarket;

/// <summary>
/// A district's target of one round as the province published it (letter 1, enclosure 1). The counts are frozen so that a
/// later registry change shows as a difference instead of silently moving a target the districts were already told.
/// </summary>
public sealed class PublishedTarget : IDistrictOwned
{
    public int Id { get; set; }
    public int IndicatorId { get; set; }
    public int Round { get; set; }
    public required string DistrictCode { get; set; }
    public required string ProvinceCode { get; set; }
    public int Entrepreneurs { get; set; }
    public int Products { get; set; }
    public string PublishedBy { get; set; } = "";
    public DateTimeOffset PublishedAt { get; set; }
}

public enum SurveyStatus { Draft = 0, Sent = 1 }

/// <summary>What a producer lacks to sell online (letter 1, enclosure 3). Flags, so one answer can name several.</summary>
[Flags]
public enum ReadinessLack
{
    None = 0,
    Internet = 1,
    Device = 2,
    Skills = 4,
    Packaging = 8,
    Delivery = 16,
    Payment = 32,
}

/// <summary>The readiness survey (แบบสำรวจความพร้อม, letter 1 enclosure 3) of one district for one round.</summary>
public sealed class ReadinessSurvey : IDistrictOwned
{
    public int Id { get; set; }
    public int IndicatorId { get; set; }
    public int Round { get; set; }
    public required string DistrictCode { get; set; }
    public required string ProvinceCode { get; set; }
    public SurveyStatus Status { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? SentBy { get; set; }
    public bool Late { get; set; }
    public int Version { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";

    public List<ReadinessAnswer> Answers { get; set; } = [];
}

/// <summary>One producer's answer: ready to sell online or not, what it lacks, which channels it plans.</summary>
public sealed class ReadinessAnswer
{
    public int Id { get; set; }
    public int ReadinessSurveyId { get; set; }
    public int EntrepreneurId { get; set; }
    public bool Ready { get; set; }
    public ReadinessLack Lacks { get; set; }
    /// <summary>Sales-channel codes, comma separated (shopee,facebook).</summary>
    public string PlannedChannels { get; set; } = "";
    public string? Note { get; set; }
}

/// <summary>A screenshot proving a listing (letter 1, enclosure 4: evidence). Kept in the database so every node serves it.</summary>
public sealed class ListingEvidence
{
    public const int MaxBytes = 5 * 1024 * 1024;

    public int Id { get; set; }
    public int OnlineListingId { get; set; }
    public required string ContentType { get; set; }
    public required string FileName { get; set; }
    public int Size { get; set; }
    public required byte[] Content { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public string UploadedBy { get; set; } = "";
}

internal sealed class PublishedTargetConfiguration : IEntityTypeConfiguration<PublishedTarget>
{
    public void Configure(EntityTypeBuilder<PublishedTarget> e)
    {
        e.ToTable("PublishedTargets");
        e.Property(x => x.DistrictCode).HasMaxLength(4);
        e.Property(x => x.ProvinceCode).HasMaxLength(2);
        e.Property(x => x.PublishedBy).HasMaxLength(256);
        e.HasOne<Indicator>().WithMany().HasForeignKey(x => x.IndicatorId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.IndicatorId, x.Round, x.DistrictCode }).IsUnique();
        e.HasIndex(x => new { x.IndicatorId, x.Round, x.ProvinceCode });
    }
}

internal sealed class ReadinessSurveyConfiguration : IEntityTypeConfiguration<ReadinessSurvey>
{
    public void Configure(EntityTypeBuilder<ReadinessSurvey> e)
    {
        e.ToTable("ReadinessSurveys");
        e.Property(x => x.DistrictCode).HasMaxLength(4);
        e.Property(x => x.ProvinceCode).HasMaxLength(2);
        e.Property(x => x.SentBy).HasMaxLength(256);
        e.Property(x => x.UpdatedBy).HasMaxLength(256);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasOne<Indicator>().WithMany().HasForeignKey(x => x.IndicatorId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.IndicatorId, x.Round, x.DistrictCode }).IsUnique();
        e.HasIndex(x => new { x.IndicatorId, x.Round, x.ProvinceCode });
        e.HasMany(x => x.Answers).WithOne().HasForeignKey(x => x.ReadinessSurveyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReadinessAnswerConfiguration : IEntityTypeConfiguration<ReadinessAnswer>
{
    public void Configure(EntityTypeBuilder<ReadinessAnswer> e)
    {
        e.ToTable("ReadinessAnswers");
        e.Property(x => x.PlannedChannels).HasMaxLength(300);
        e.Property(x => x.Note).HasMaxLength(1000);
        e.HasOne<Entrepreneur>().WithMany().HasForeignKey(x => x.EntrepreneurId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.ReadinessSurveyId, x.EntrepreneurId }).IsUnique();
        e.HasIndex(x => x.EntrepreneurId);
    }
}

internal sealed class ListingEvidenceConfiguration : IEntityTypeConfiguration<ListingEvidence>
{
    public void Configure(EntityTypeBuilder<ListingEvidence> e)
    {
        e.ToTable("ListingEvidence");
        e.Property(x => x.ContentType).HasMaxLength(50);
        e.Property(x => x.FileName).HasMaxLength(260);
        e.Property(x => x.UploadedBy).HasMaxLength(256);
        e.HasOne<OnlineListing>().WithMany().HasForeignKey(x => x.OnlineListingId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => x.OnlineListingId).IsUnique();
    }
}

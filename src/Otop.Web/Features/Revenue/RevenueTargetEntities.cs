using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Otop.Web.Features.Kpi;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Revenue;

/// <summary>
/// A province's publication of a round's revenue targets (letter 2, enclosures 1 and 2): who published, when. Publishing
/// again is a new publication (asked for explicitly, audited) that replaces the frozen baselines; without the ask it is 409.
/// </summary>
public sealed class RevenueTargetPublication
{
    public int Id { get; set; }
    public int IndicatorId { get; set; }
    public int Round { get; set; }
    public required string ProvinceCode { get; set; }
    /// <summary>1 for the first publication of this round and province, then 2, 3 … for each republication.</summary>
    public int Number { get; set; }
    public string PublishedBy { get; set; } = "";
    public DateTimeOffset PublishedAt { get; set; }
    public List<PublishedBaseline> Baselines { get; set; } = [];
}

/// <summary>
/// A district's baseline month as published: the figure the round's targets were computed from, frozen so that a later
/// history re-import shows as <c>currentBaseline</c> instead of moving a score (issue 16: the 5 → 1 story).
/// </summary>
public sealed class PublishedBaseline : IDistrictOwned
{
    public int Id { get; set; }
    public int PublicationId { get; set; }
    public required string DistrictCode { get; set; }
    public required string ProvinceCode { get; set; }
    /// <summary>The baseline month ("YYYY-MM"): a month of the previous fiscal year, or of the round itself for an estimate baseline.</summary>
    public required string Month { get; set; }
    public decimal Amount { get; set; }
}

internal sealed class RevenueTargetPublicationConfiguration : IEntityTypeConfiguration<RevenueTargetPublication>
{
    public void Configure(EntityTypeBuilder<RevenueTargetPublication> e)
    {
        e.ToTable("RevenueTargetPublications");
        e.Property(x => x.ProvinceCode).HasMaxLength(2);
        e.Property(x => x.PublishedBy).HasMaxLength(256);
        e.HasOne<Indicator>().WithMany().HasForeignKey(x => x.IndicatorId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.IndicatorId, x.Round, x.ProvinceCode }).IsUnique();
        e.HasMany(x => x.Baselines).WithOne().HasForeignKey(x => x.PublicationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PublishedBaselineConfiguration : IEntityTypeConfiguration<PublishedBaseline>
{
    public void Configure(EntityTypeBuilder<PublishedBaseline> e)
    {
        e.ToTable("PublishedBaselines");
        e.Property(x => x.DistrictCode).HasMaxLength(4);
        e.Property(x => x.ProvinceCode).HasMaxLength(2);
        e.Property(x => x.Month).HasMaxLength(7);
        e.HasIndex(x => new { x.PublicationId, x.DistrictCode, x.Month }).IsUnique();
    }
}

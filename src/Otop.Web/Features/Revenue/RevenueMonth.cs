using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Registry;
using Otop.Web.Platform.Data;
namespace Otop.Web.Features.Revenue;

/// <summary>One district's revenue report for one month (รต.1 figures, รต.2 certification, confirmation by the 3rd).</summary>
public sealed class RevenueMonth : IDistrictOwned
{
    public int Id { get; set; }
    public required string DistrictCode { get; set; }
    public required string ProvinceCode { get; set; }
    /// <summary>Gregorian "YYYY-MM", as in the API.</summary>
    public required string Month { get; set; }
    public RevenueStatus Status { get; set; }
    public int Version { get; set; }
    public bool Late { get; set; }
    public decimal Total { get; set; }
    public string? CertifiedBy { get; set; }
    public DateTimeOffset? CertifiedAt { get; set; }
    /// <summary>SHA-256 of the month's รต.2 figures when the district head certified them (issue 6, item 2).</summary>
    public string? CertifiedFiguresHash { get; set; }
    public string? ConfirmedBy { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }
    public string? ReturnReason { get; set; }
    /// <summary>Set by a province unlock: the month stays writable outside the close until confirmed again.</summary>
    public bool Unlocked { get; set; }
    public string UpdatedBy { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }

    public List<RevenueEntry> Entries { get; set; } = [];
}

/// <summary>One producer's revenue in one month (รต.1), in baht with satang.</summary>
public sealed class RevenueEntry
{
    public int RevenueMonthId { get; set; }
    public RevenueMonth RevenueMonth { get; set; } = null!;
    public int EntrepreneurId { get; set; }
    public Entrepreneur Entrepreneur { get; set; } = null!;
    public decimal Amount { get; set; }
    /// <summary>Why a figure far from the producer's history or estimate is right (data-quality guard before certifying).</summary>
    public string? Explanation { get; set; }
}

internal sealed class RevenueMonthConfiguration : IEntityTypeConfiguration<RevenueMonth>
{
    public void Configure(EntityTypeBuilder<RevenueMonth> e)
    {
        e.ToTable("RevenueMonths");
        e.Property(x => x.DistrictCode).HasMaxLength(4);
        e.Property(x => x.ProvinceCode).HasMaxLength(2);
        e.Property(x => x.Month).HasMaxLength(7);
        e.Property(x => x.CertifiedBy).HasMaxLength(256);
        e.Property(x => x.CertifiedFiguresHash).HasMaxLength(64);
        e.Property(x => x.ConfirmedBy).HasMaxLength(256);
        e.Property(x => x.ReturnReason).HasMaxLength(2000);
        e.Property(x => x.UpdatedBy).HasMaxLength(256);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasIndex(x => new { x.DistrictCode, x.Month }).IsUnique();
        e.HasIndex(x => new { x.ProvinceCode, x.Month });
        e.HasIndex(x => x.Month); // 010: the national KPI and summaries read a set of months across every district
        e.HasMany(x => x.Entries).WithOne(x => x.RevenueMonth).HasForeignKey(x => x.RevenueMonthId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RevenueEntryConfiguration : IEntityTypeConfiguration<RevenueEntry>
{
    public void Configure(EntityTypeBuilder<RevenueEntry> e)
    {
        e.ToTable("RevenueEntries");
        e.HasKey(x => new { x.RevenueMonthId, x.EntrepreneurId });
        e.Property(x => x.Explanation).HasMaxLength(1000);
        e.HasOne(x => x.Entrepreneur).WithMany().HasForeignKey(x => x.EntrepreneurId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.EntrepreneurId);
    }
}

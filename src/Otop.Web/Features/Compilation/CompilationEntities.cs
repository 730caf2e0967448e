using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Otop.Domain;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Compilation;

/// <summary>
/// One national compilation of a month (CONTRACT.md "National compilation"): who compiled it, when, and whether the
/// scheduler did (<see cref="ScheduleTrigger"/>, at most one per month) or the department asked for it again.
/// </summary>
public sealed class NationalCompilation
{
    public const string ScheduleTrigger = "schedule";
    public const string ManualTrigger = "manual";
    /// <summary>The name the scheduler compiles and audits under.</summary>
    public const string SchedulerName = "system";

    public int Id { get; set; }
    /// <summary>Gregorian "YYYY-MM", as in the API.</summary>
    public required string Month { get; set; }
    public DateTimeOffset CompiledAt { get; set; }
    public required string CompiledBy { get; set; }
    public required string Trigger { get; set; }
    public List<CompiledDistrict> Districts { get; set; } = [];
}

/// <summary>A district's month as it stood when compiled: frozen, whatever changes later (see the changes endpoint).</summary>
public sealed class CompiledDistrict : IDistrictOwned
{
    public int Id { get; set; }
    public int CompilationId { get; set; }
    public required string DistrictCode { get; set; }
    public required string ProvinceCode { get; set; }
    public RevenueStatus Status { get; set; }
    public decimal Total { get; set; }
    /// <summary>Confirmed (or approved), and its first confirmation came after the confirm-by day.</summary>
    public bool Late { get; set; }
    /// <summary>Not confirmed (nor approved) when compiled, never written included.</summary>
    public bool Missing { get; set; }
}

internal sealed class NationalCompilationConfiguration : IEntityTypeConfiguration<NationalCompilation>
{
    public void Configure(EntityTypeBuilder<NationalCompilation> e)
    {
        e.ToTable("Compilations");
        e.Property(x => x.Month).HasMaxLength(7);
        e.Property(x => x.CompiledBy).HasMaxLength(256);
        e.Property(x => x.Trigger).HasMaxLength(16);
        e.HasIndex(x => new { x.Month, x.CompiledAt });
        // 025: one scheduled compilation per month, whichever node gets there first.
        e.HasIndex(x => x.Month, "IX_Compilations_Month_Scheduled").IsUnique().HasFilter("\"Trigger\" = 'schedule'");
        e.HasMany(x => x.Districts).WithOne().HasForeignKey(x => x.CompilationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CompiledDistrictConfiguration : IEntityTypeConfiguration<CompiledDistrict>
{
    public void Configure(EntityTypeBuilder<CompiledDistrict> e)
    {
        e.ToTable("CompiledDistricts");
        e.Property(x => x.DistrictCode).HasMaxLength(4);
        e.Property(x => x.ProvinceCode).HasMaxLength(2);
        e.HasIndex(x => new { x.CompilationId, x.DistrictCode }).IsUnique();
    }
}

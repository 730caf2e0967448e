using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Registry;

/// <summary>
/// A district's statement that its registry is "checked and current" for a fiscal year (letter 1, task 1: every district
/// checks its part of the 2557–2563 registry and makes it correct and current). The province sees who has done so.
/// </summary>
public sealed class RegistryCheck : IDistrictOwned
{
    public int Id { get; set; }
    public required string DistrictCode { get; set; }
    public required string ProvinceCode { get; set; }
    public int FiscalYear { get; set; }
    public required string CheckedBy { get; set; }
    public DateTimeOffset CheckedAt { get; set; }
}

internal sealed class RegistryCheckConfiguration : IEntityTypeConfiguration<RegistryCheck>
{
    public void Configure(EntityTypeBuilder<RegistryCheck> e)
    {
        e.ToTable("RegistryChecks");
        e.Property(x => x.DistrictCode).HasMaxLength(4);
        e.Property(x => x.ProvinceCode).HasMaxLength(2);
        e.Property(x => x.CheckedBy).HasMaxLength(256);
        e.HasIndex(x => new { x.DistrictCode, x.FiscalYear }).IsUnique();
        e.HasIndex(x => new { x.ProvinceCode, x.FiscalYear });
    }
}

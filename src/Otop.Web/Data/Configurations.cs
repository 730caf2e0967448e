using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Otop.Web.Data;

internal sealed class OrgUnitConfiguration : IEntityTypeConfiguration<OrgUnit>
{
    public void Configure(EntityTypeBuilder<OrgUnit> e)
    {
        e.HasKey(x => x.Code);
        e.Property(x => x.Code).HasMaxLength(4);
        e.Property(x => x.ParentCode).HasMaxLength(4);
        e.Property(x => x.NameTh).HasMaxLength(100);
        e.Property(x => x.NameEn).HasMaxLength(100);
        e.HasIndex(x => x.ParentCode);
    }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> e)
    {
        e.Property(x => x.DisplayName).HasMaxLength(200);
        e.Property(x => x.OrgUnitCode).HasMaxLength(4);
        e.HasIndex(x => x.OrgUnitCode);
    }
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> e)
    {
        e.Property(x => x.FriendlyName).HasMaxLength(200);
    }
}

internal sealed class EntrepreneurConfiguration : IEntityTypeConfiguration<Entrepreneur>
{
    public void Configure(EntityTypeBuilder<Entrepreneur> e)
    {
        e.Property(x => x.Code).HasMaxLength(40);
        e.HasIndex(x => x.Code).IsUnique();
        e.Property(x => x.Name).HasMaxLength(300);
        e.Property(x => x.DistrictCode).HasMaxLength(4);
        e.Property(x => x.ProvinceCode).HasMaxLength(2);
        e.Property(x => x.SubdistrictCode).HasMaxLength(6);
        e.Property(x => x.Address).HasMaxLength(500);
        e.Property(x => x.Phone).HasMaxLength(40);
        e.Property(x => x.UpdatedBy).HasMaxLength(256);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasIndex(x => new { x.DistrictCode, x.Name });
        e.HasIndex(x => x.ProvinceCode);
    }
}

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> e)
    {
        e.Property(x => x.Code).HasMaxLength(40);
        e.HasIndex(x => x.Code).IsUnique();
        e.Property(x => x.Name).HasMaxLength(300);
        e.Property(x => x.Standards).HasMaxLength(500);
        e.Property(x => x.UpdatedBy).HasMaxLength(256);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasOne(x => x.Entrepreneur).WithMany(x => x.Products).HasForeignKey(x => x.EntrepreneurId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.EntrepreneurId, x.RegisteredYear });
    }
}

internal sealed class SalesChannelConfiguration : IEntityTypeConfiguration<SalesChannel>
{
    public void Configure(EntityTypeBuilder<SalesChannel> e)
    {
        e.HasKey(x => x.Code);
        e.Property(x => x.Code).HasMaxLength(30);
        e.Property(x => x.NameTh).HasMaxLength(100);
        e.Property(x => x.NameEn).HasMaxLength(100);
    }
}

internal sealed class OnlineListingConfiguration : IEntityTypeConfiguration<OnlineListing>
{
    public void Configure(EntityTypeBuilder<OnlineListing> e)
    {
        e.Property(x => x.ChannelCode).HasMaxLength(30);
        e.Property(x => x.Url).HasMaxLength(1000);
        e.Property(x => x.RecordedBy).HasMaxLength(256);
        e.HasOne(x => x.Product).WithMany(x => x.Listings).HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<SalesChannel>().WithMany().HasForeignKey(x => x.ChannelCode).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.ProductId, x.Since });
    }
}

internal sealed class IndicatorConfiguration : IEntityTypeConfiguration<Indicator>
{
    public void Configure(EntityTypeBuilder<Indicator> e)
    {
        e.Property(x => x.Code).HasMaxLength(40);
        e.Property(x => x.NameTh).HasMaxLength(500);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasIndex(x => new { x.FiscalYear, x.Code }).IsUnique();
        e.HasMany(x => x.Rounds).WithOne(x => x.Indicator).HasForeignKey(x => x.IndicatorId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class IndicatorRoundConfiguration : IEntityTypeConfiguration<IndicatorRound>
{
    public void Configure(EntityTypeBuilder<IndicatorRound> e)
    {
        e.HasIndex(x => new { x.IndicatorId, x.Round }).IsUnique();
        e.HasMany(x => x.Bands).WithOne().HasForeignKey(x => x.IndicatorRoundId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class IndicatorBandConfiguration : IEntityTypeConfiguration<IndicatorBand>
{
    public void Configure(EntityTypeBuilder<IndicatorBand> e)
    {
        e.Property(x => x.Percent).HasPrecision(7, 2);
        e.HasIndex(x => new { x.IndicatorRoundId, x.Score }).IsUnique();
    }
}

internal sealed class FiscalYearSettingConfiguration : IEntityTypeConfiguration<FiscalYearSetting>
{
    public void Configure(EntityTypeBuilder<FiscalYearSetting> e)
    {
        e.HasKey(x => x.FiscalYear);
        e.Property(x => x.FiscalYear).ValueGeneratedNever();
        e.Property(x => x.Version).IsConcurrencyToken();
    }
}

internal sealed class RevenueMonthConfiguration : IEntityTypeConfiguration<RevenueMonth>
{
    public void Configure(EntityTypeBuilder<RevenueMonth> e)
    {
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
        e.HasKey(x => new { x.RevenueMonthId, x.EntrepreneurId });
        e.Property(x => x.Explanation).HasMaxLength(1000);
        e.HasOne(x => x.Entrepreneur).WithMany().HasForeignKey(x => x.EntrepreneurId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.EntrepreneurId);
    }
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
        e.Property(x => x.Chain).HasMaxLength(2);
        e.Property(x => x.PreviousHash).HasMaxLength(64);
        e.Property(x => x.Hash).HasMaxLength(64);
        e.HasIndex(x => new { x.Chain, x.Sequence }).IsUnique();
        // 011: only the entries still awaiting their hash, so the check at every start reads an (empty) index.
        e.HasIndex(x => new { x.Chain, x.Sequence }, "IX_AuditEntries_Unsealed").HasFilter("\"Hash\" = ''");
    }
}

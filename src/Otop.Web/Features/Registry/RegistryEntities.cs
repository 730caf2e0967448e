using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Registry;

/// <summary>Merged: a likely duplicate merged into another producer (issue 16, item 9), kept so old references resolve.</summary>
public enum RegistryStatus { Active = 0, Ceased = 1, Merged = 2 }

/// <summary>ผู้ประกอบการ OTOP: a producer group, a single-owner producer or an SME, registered in one district.</summary>
public sealed class Entrepreneur : IDistrictOwned
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    /// <summary>The name as the search compares it (ThaiSearch.Key, migration 024): follows the name on every EF write.</summary>
    public string SearchKey { get => ThaiSearch.Key(Name); private set { } }
    public EntrepreneurType Type { get; set; }
    public required string DistrictCode { get; set; }
    public required string ProvinceCode { get; set; }
    public string? SubdistrictCode { get; set; }
    public string? Address { get; set; }
    public string? Phone { get; set; }
    public int? Members { get; set; }
    public RegistryStatus Status { get; set; }
    /// <summary>The producer this one was merged into (<see cref="RegistryStatus.Merged"/>, migration 026), or null.</summary>
    public string? MergedIntoCode { get; set; }
    public int Version { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";

    public List<Product> Products { get; set; } = [];
}

/// <summary>ผลิตภัณฑ์ OTOP, registered in a Buddhist-era year (letter 1 counts those of 2557–2563).</summary>
public sealed class Product
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public int EntrepreneurId { get; set; }
    public Entrepreneur Entrepreneur { get; set; } = null!;
    public required string Name { get; set; }
    /// <summary>The name as the search compares it (ThaiSearch.Key, migration 024): follows the name on every EF write.</summary>
    public string SearchKey { get => ThaiSearch.Key(Name); private set { } }
    public ProductCategory Category { get; set; }
    public int RegisteredYear { get; set; }
    public int? StarLevel { get; set; }
    public int? StarYear { get; set; }
    public string? Standards { get; set; }
    public RegistryStatus Status { get; set; }
    public int Version { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";

    public List<OnlineListing> Listings { get; set; } = [];
}

/// <summary>A sales channel (Shopee, Lazada, …): a lookup table because new platforms appear often.</summary>
public sealed class SalesChannel
{
    public required string Code { get; set; }
    public required string NameTh { get; set; }
    public required string NameEn { get; set; }
    public int SortOrder { get; set; }
}

/// <summary>Where a product is sold online, and since when (letter 1, enclosure 4).</summary>
public sealed class OnlineListing
{
    public int Id { get; set; }
    public int ProductId { get; set; }
    public Product Product { get; set; } = null!;
    public required string ChannelCode { get; set; }
    public required string Url { get; set; }
    public DateOnly Since { get; set; }
    /// <summary>The last day it was sold there (issue 16, item 8); null while it still is. A round counts it only if active in it.</summary>
    public DateOnly? EndedOn { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    /// <summary>The Bangkok day of <see cref="RecordedAt"/>: a round counts the listing only when recorded by its results cut-off day (migration 016).</summary>
    public DateOnly RecordedOn { get; set; }
    public string RecordedBy { get; set; } = "";

    /// <summary>A listing recorded now: every writer stamps RecordedAt and RecordedOn together through this.</summary>
    public static OnlineListing Recorded(int productId, string channel, string url, DateOnly since, DateTimeOffset now, string by) => new()
    {
        ProductId = productId, ChannelCode = channel, Url = url, Since = since, RecordedAt = now,
        RecordedOn = Otop.Domain.ListingRecording.RecordedOn(now), RecordedBy = by,
    };

    /// <summary>A since more than 90 days before the recording: shown to the province as possibly back-dated.</summary>
    public bool Backdated => Otop.Domain.ListingRecording.IsBackdated(Since, RecordedOn);
}

internal sealed class EntrepreneurConfiguration : IEntityTypeConfiguration<Entrepreneur>
{
    public void Configure(EntityTypeBuilder<Entrepreneur> e)
    {
        e.ToTable("Entrepreneurs");
        e.Property(x => x.Code).HasMaxLength(40);
        e.HasIndex(x => x.Code).IsUnique();
        e.Property(x => x.Name).HasMaxLength(300).IsThaiSorted();
        e.Property(x => x.DistrictCode).HasMaxLength(4);
        e.Property(x => x.ProvinceCode).HasMaxLength(2);
        e.Property(x => x.SubdistrictCode).HasMaxLength(6);
        e.Property(x => x.Address).HasMaxLength(500);
        e.Property(x => x.Phone).HasMaxLength(40);
        e.Property(x => x.MergedIntoCode).HasMaxLength(40);
        e.Property(x => x.SearchKey).HasMaxLength(600);
        e.HasIndex(x => x.SearchKey);
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
        e.ToTable("Products");
        e.Property(x => x.Code).HasMaxLength(40);
        e.HasIndex(x => x.Code).IsUnique();
        e.Property(x => x.Name).HasMaxLength(300).IsThaiSorted();
        e.Property(x => x.Standards).HasMaxLength(500);
        e.Property(x => x.SearchKey).HasMaxLength(600);
        e.HasIndex(x => x.SearchKey);
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
        e.ToTable("SalesChannels");
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
        e.ToTable("OnlineListings");
        e.Property(x => x.ChannelCode).HasMaxLength(30);
        e.Property(x => x.Url).HasMaxLength(1000);
        e.Property(x => x.RecordedBy).HasMaxLength(256);
        e.HasOne(x => x.Product).WithMany(x => x.Listings).HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<SalesChannel>().WithMany().HasForeignKey(x => x.ChannelCode).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.ProductId, x.Since });
    }
}

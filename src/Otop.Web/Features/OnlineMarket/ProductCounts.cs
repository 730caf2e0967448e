using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.OnlineMarket;

/// <summary>
/// How many products of a district share a registration year and the day of their first online listing (null: never
/// listed). docs/decisions/010-stored-product-counts.md: the online-market results sum these few thousand rows instead of the quarter of a million
/// products. A product sits in exactly one row, so any registration range and any "listed by" day is an exact sum.
/// Written only by <c>ProductCountRefresher</c>; trusted only while the district's <see cref="ProductCountState"/> is fresh.
/// </summary>
public sealed class ProductCount : IDistrictOwned
{
    public int Id { get; set; }
    public required string DistrictCode { get; set; }
    public required string ProvinceCode { get; set; }
    public int RegisteredYear { get; set; }
    /// <summary>
    /// The first round last day for which one of the product's listings counts under the default cut-off: the earliest,
    /// over its listings, of the later of since and the recording day (ListingRecording.CountsFrom, migration 016).
    /// </summary>
    public DateOnly? FirstListedOn { get; set; }
    /// <summary>The last day one of its listings counts (the latest end); null while one is still open (issue 16, item 8).</summary>
    public DateOnly? ListedUntil { get; set; }
    /// <summary>Its listings leave a whole round uncovered between two of them: the district is then counted from its rows.</summary>
    public bool Gapped { get; set; }
    public int Products { get; set; }
}

/// <summary>
/// Per district: <see cref="Changes"/> is bumped by database triggers (migration 012) in the same transaction as any
/// write that can move a product between counts (products, listings, a producer's district), whoever writes it;
/// <see cref="Refreshed"/> is the value of <see cref="Changes"/> the stored counts were computed at. Equal means exact.
/// </summary>
public sealed class ProductCountState
{
    public required string DistrictCode { get; set; }
    public long Changes { get; set; }
    public long Refreshed { get; set; }
}

internal sealed class ProductCountConfiguration : IEntityTypeConfiguration<ProductCount>
{
    public void Configure(EntityTypeBuilder<ProductCount> e)
    {
        e.ToTable("ProductCounts");
        e.Property(x => x.DistrictCode).HasMaxLength(4);
        e.Property(x => x.ProvinceCode).HasMaxLength(2);
        e.HasIndex(x => new { x.DistrictCode, x.RegisteredYear });
    }
}

internal sealed class ProductCountStateConfiguration : IEntityTypeConfiguration<ProductCountState>
{
    public void Configure(EntityTypeBuilder<ProductCountState> e)
    {
        e.ToTable("ProductCountStates");
        e.HasKey(x => x.DistrictCode);
        e.Property(x => x.DistrictCode).HasMaxLength(4);
    }
}

using Otop.Domain;

namespace Otop.Web.Data;

public enum RegistryStatus { Active = 0, Ceased = 1 }

/// <summary>ผู้ประกอบการ OTOP: a producer group, a single-owner producer or an SME, registered in one district.</summary>
public sealed class Entrepreneur : IDistrictOwned
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public EntrepreneurType Type { get; set; }
    public required string DistrictCode { get; set; }
    public required string ProvinceCode { get; set; }
    public string? SubdistrictCode { get; set; }
    public string? Address { get; set; }
    public string? Phone { get; set; }
    public int? Members { get; set; }
    public RegistryStatus Status { get; set; }
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
    public DateTimeOffset RecordedAt { get; set; }
    public string RecordedBy { get; set; } = "";
}

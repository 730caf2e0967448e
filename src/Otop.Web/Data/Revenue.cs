using Otop.Domain;

namespace Otop.Web.Data;

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

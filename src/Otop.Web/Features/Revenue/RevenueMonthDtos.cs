using System.Text.Json.Serialization;
using Otop.Domain;
namespace Otop.Web.Features.Revenue;

/// <summary>
/// One figure of a PUT (CONTRACT.md "Revenue"), as sent: validated row by row before anything is written. The optional
/// <c>noSales</c> (issue 16, item 6) marks "no sales this month": the amount may then be left out (it is 0).
/// </summary>
public sealed record EntryInput(string? EntrepreneurCode, decimal? Amount, string? Explanation = null, bool? NoSales = null)
{
    /// <summary>The amount stored: the one sent, or 0 for a producer marked "no sales" without one.</summary>
    public decimal? EffectiveAmount => NoSales == true ? Amount ?? 0m : Amount;
}

/// <summary>A stored figure; <c>noSales</c> is written only when set, so CONTRACT's entry shape is unchanged otherwise.</summary>
public sealed record RevenueEntryDto(string EntrepreneurCode, decimal Amount, string? Explanation,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool NoSales = false);

/// <summary>The contract's month shape (CONTRACT.md "Revenue"), plus what the pages show beside it.</summary>
public sealed record RevenueMonthDto(string DistrictCode, string Month, string Status, int Version, bool Late,
    List<RevenueEntryDto> Entries, decimal Total, string? ReturnReason, bool Unlocked,
    string? UpdatedBy, DateTimeOffset? UpdatedAt, string? CertifiedBy, DateTimeOffset? CertifiedAt,
    string? ConfirmedBy, DateTimeOffset? ConfirmedAt)
{
    /// <summary>A month never written reads as status "draft", version 0, no entries, total 0 (docs/decisions/005).</summary>
    public static RevenueMonthDto NeverWritten(string districtCode, YearMonth month) =>
        new(districtCode, month.ToString(), RevenueWorkflow.StatusName(RevenueStatus.Draft), 0, false, [], 0m, null, false,
            null, null, null, null, null, null);

    /// <summary>The stored month with its entries (and their producers) loaded, entries in code order.</summary>
    public static RevenueMonthDto Of(RevenueMonth m) => new(m.DistrictCode, m.Month, RevenueWorkflow.StatusName(m.Status), m.Version, m.Late,
        m.Entries.OrderBy(e => e.Entrepreneur.Code, StringComparer.Ordinal)
            .Select(e => new RevenueEntryDto(e.Entrepreneur.Code, e.Amount, e.Explanation, e.NoSales)).ToList(),
        m.Total, m.ReturnReason, m.Unlocked, m.UpdatedBy, m.UpdatedAt, m.CertifiedBy, m.CertifiedAt, m.ConfirmedBy, m.ConfirmedAt);
}

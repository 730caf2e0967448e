using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Revenue;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Home;

/// <summary>
/// The province's queue (issue 15, item 5): every month its districts have confirmed and the province has still to check,
/// with what the check needs in one place (the figures the district flagged and its explanations in full, whether the
/// signed รต.2 scan is there, the late flag and the unlock's reason), so that it approves or returns from the list instead
/// of opening 9 × 12 cells. Two queries whatever the number of districts and months (a province has up to 30 districts).
/// </summary>
public static class ProvinceQueue
{
    public sealed record Flag(string Code, string Name, decimal Amount, string Explanation);

    public sealed record Item(string DistrictCode, string DistrictName, YearMonth Month, int Version, decimal Total, bool Late,
        string? UnlockReason, DateTimeOffset? ConfirmedAt, string? ConfirmedBy, bool HasScan, List<Flag> Flags);

    public static async Task<List<Item>> ReadAsync(AppDbContext db, OrgScope scope, IReadOnlyCollection<string> monthKeys, CancellationToken ct)
    {
        var months = await db.RevenueMonths.AsNoTracking().VisibleTo(scope)
            .Where(m => m.Status == RevenueStatus.Confirmed && monthKeys.Contains(m.Month))
            .OrderBy(m => m.Month).ThenBy(m => m.DistrictCode)
            .Select(m => new
            {
                m.Id, m.DistrictCode, m.Month, m.Version, m.Total, m.Late, m.UnlockReason, m.ConfirmedAt, m.ConfirmedBy,
                DistrictName = db.OrgUnits.Where(o => o.Code == m.DistrictCode).Select(o => o.NameTh).FirstOrDefault(),
                HasScan = db.Set<RevenueFile>().Any(f => f.DistrictCode == m.DistrictCode && f.Month == m.Month && f.Purpose == RevenueFilePurpose.SignedRt2),
            })
            .Take(500)
            .ToListAsync(ct);
        if (months.Count == 0) return [];

        // The explained figures of those months, in one query: certifying refuses a flagged figure without an explanation,
        // so these are the figures the district itself flagged and justified.
        var ids = months.Select(m => m.Id).ToList();
        var flags = (await db.RevenueEntries.AsNoTracking()
                .Where(e => ids.Contains(e.RevenueMonthId) && e.Explanation != null)
                .Select(e => new { e.RevenueMonthId, e.Entrepreneur.Code, e.Entrepreneur.Name, e.Amount, e.Explanation })
                .ToListAsync(ct))
            .GroupBy(e => e.RevenueMonthId)
            .ToDictionary(g => g.Key, g => g.OrderBy(e => e.Code, StringComparer.Ordinal).Select(e => new Flag(e.Code, e.Name, e.Amount, e.Explanation!)).ToList());

        return months.Select(m => new Item(m.DistrictCode, m.DistrictName ?? m.DistrictCode,
                YearMonth.TryParse(m.Month, out var ym) ? ym : throw new InvalidOperationException($"RevenueMonths.Month '{m.Month}' is not YYYY-MM"),
                m.Version, m.Total, m.Late, m.UnlockReason, m.ConfirmedAt, m.ConfirmedBy, m.HasScan, flags.GetValueOrDefault(m.Id) ?? []))
            .ToList();
    }
}

using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Revenue;

/// <summary>
/// Where each district of a province stands in a report month: confirmed (or approved), confirmed late, or missing
/// (nothing, or not confirmed yet). The dashboard's completeness list and the district map read the same rows.
/// </summary>
public static class MonthReporting
{
    public const string Confirmed = "confirmed";
    public const string Late = "late";
    public const string Missing = "missing";

    public sealed record District(string DistrictCode, string DistrictName, string State, bool Late)
    {
        public bool HasConfirmed => State != Missing;
    }

    /// <summary>The province's districts the caller sees (only <paramref name="onlyDistrict"/> when given), in code order.</summary>
    public static async Task<List<District>> DistrictsAsync(AppDbContext db, OrgScope scope, string province, string? onlyDistrict,
        YearMonth month, CancellationToken ct)
    {
        var key = month.ToString();
        var statuses = await db.RevenueMonths.AsNoTracking().VisibleTo(scope)
            .Where(m => m.ProvinceCode == province && m.Month == key)
            .Select(m => new { m.DistrictCode, m.Status, m.Late })
            .ToListAsync(ct);
        var districts = await db.OrgUnits.AsNoTracking().VisibleTo(scope)
            .Where(o => o.Level == OrgLevel.District && o.ParentCode == province && (onlyDistrict == null || o.Code == onlyDistrict))
            .OrderBy(o => o.Code).Select(o => new { o.Code, o.NameTh }).ToListAsync(ct);
        return [.. districts.Select(d =>
        {
            var s = statuses.FirstOrDefault(x => x.DistrictCode == d.Code);
            var state = s is null ? Missing : s.Status is RevenueStatus.Confirmed or RevenueStatus.Approved ? (s.Late ? Late : Confirmed) : Missing;
            return new District(d.Code, d.NameTh, state, s?.Late ?? false);
        })];
    }
}

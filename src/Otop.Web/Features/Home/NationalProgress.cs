using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Revenue;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Home;

/// <summary>
/// The department's view of a month (issue 15, item 5): per province, how many districts have confirmed (or been
/// approved), how many of those were late, and how many have not confirmed yet. Two grouped queries for 76 provinces.
/// </summary>
public static class NationalProgress
{
    public sealed record Row(string ProvinceCode, string ProvinceName, int Districts, int Confirmed, int Late, int Missing);

    public static async Task<(List<Row> Rows, Row Total)> ReadAsync(AppDbContext db, YearMonth month, CancellationToken ct)
    {
        var key = month.ToString();
        var provinces = await db.OrgUnits.AsNoTracking().Where(o => o.Level == OrgLevel.Province)
            .Select(p => new { p.Code, p.NameTh, Districts = db.OrgUnits.Count(d => d.ParentCode == p.Code && d.Level == OrgLevel.District) })
            .ToListAsync(ct);
        var counts = (await db.RevenueMonths.AsNoTracking()
                .Where(m => m.Month == key && (m.Status == RevenueStatus.Confirmed || m.Status == RevenueStatus.Approved))
                .GroupBy(m => m.ProvinceCode)
                .Select(g => new { Province = g.Key, Confirmed = g.Count(), Late = g.Count(m => m.Late) })
                .ToListAsync(ct))
            .ToDictionary(c => c.Province);
        var rows = provinces.Where(p => p.Districts > 0).OrderBy(p => p.Code, StringComparer.Ordinal).Select(p =>
        {
            var c = counts.GetValueOrDefault(p.Code);
            var confirmed = c?.Confirmed ?? 0;
            return new Row(p.Code, p.NameTh, p.Districts, confirmed, c?.Late ?? 0, p.Districts - confirmed);
        }).ToList();
        return (rows, new Row("0", "รวมทั้งประเทศ", rows.Sum(r => r.Districts), rows.Sum(r => r.Confirmed), rows.Sum(r => r.Late), rows.Sum(r => r.Missing)));
    }
}

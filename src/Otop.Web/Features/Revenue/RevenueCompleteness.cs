using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Registry;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.Revenue;

/// <summary>
/// Complete months (issue 16, item 6): a blank figure is not a zero. A producer has reported a month when the month has
/// an entry for it (any amount, 0 included, or the "no sales this month" mark); an active producer without one has not
/// reported, and the month cannot be certified until every active producer has. Certification opens when the month has
/// ended (<see cref="RevenueOptions.CertifyFromDay"/>).
/// </summary>
public static class RevenueCompleteness
{
    /// <summary>At most this many codes are named in a refusal; the count is always exact.</summary>
    public const int NamedInRefusal = 100;

    public static Refusal? NotYetCertifiable(YearMonth month, DateTimeOffset now, int certifyFromDay) =>
        CompleteMonth.MayCertify(month, now, certifyFromDay) ? null : new Refusal(423,
            $"ยังรับรองเดือน{RevenueMonth.ThaiMonth(month)}ไม่ได้ เพราะเดือนยังไม่สิ้นสุด รับรองได้ตั้งแต่วันที่ {ThaiDates.FormatLong(CompleteMonth.CertifyOpensOn(month, certifyFromDay))}",
            Extensions: new Dictionary<string, object?> { ["certifyFrom"] = CompleteMonth.CertifyOpensOn(month, certifyFromDay).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });

    /// <summary>409 naming how many producers lack a figure (and up to <see cref="NamedInRefusal"/> of their codes), or null.</summary>
    public static async Task<Refusal?> IncompleteAsync(AppDbContext db, string districtCode, YearMonth month, CancellationToken ct)
    {
        var missing = await NotReportedAsync(db, districtCode, month, ct);
        if (missing.Count == 0) return null;
        return new Refusal(409,
            $"ยังรับรองไม่ได้: ผู้ประกอบการ {missing.Count:N0} รายยังไม่มียอดรายได้เดือน{RevenueMonth.ThaiMonth(month)} กรุณากรอกยอด (0 ได้) หรือทำเครื่องหมาย \"ไม่มียอดขายเดือนนี้\" ให้ครบทุกราย",
            Extensions: new Dictionary<string, object?>
            {
                ["notReported"] = missing.Count,
                ["notReportedCodes"] = missing.Take(NamedInRefusal).Select(p => p.Code).ToList(),
            });
    }

    /// <summary>The district's active producers with no entry in the month, in code order.</summary>
    public static async Task<List<(string Code, string Name)>> NotReportedAsync(AppDbContext db, string districtCode, YearMonth month, CancellationToken ct)
    {
        var key = month.ToString();
        var rows = await db.Entrepreneurs.AsNoTracking()
            .Where(e => e.DistrictCode == districtCode && e.Status == RegistryStatus.Active
                && !db.Set<RevenueEntry>().Any(r => r.EntrepreneurId == e.Id && r.RevenueMonth.Month == key && r.RevenueMonth.DistrictCode == districtCode))
            .OrderBy(e => e.Code).Select(e => new { e.Code, e.Name }).ToListAsync(ct);
        return rows.Select(r => (r.Code, r.Name)).ToList();
    }

    /// <summary>Per district of the province, how many active producers have no entry in the month (districts with none left out).</summary>
    public static async Task<Dictionary<string, int>> NotReportedCountsAsync(AppDbContext db, string provinceCode, YearMonth month, CancellationToken ct)
    {
        var key = month.ToString();
        return await db.Entrepreneurs.AsNoTracking()
            .Where(e => e.ProvinceCode == provinceCode && e.Status == RegistryStatus.Active
                && !db.Set<RevenueEntry>().Any(r => r.EntrepreneurId == e.Id && r.RevenueMonth.Month == key && r.RevenueMonth.DistrictCode == e.DistrictCode))
            .GroupBy(e => e.DistrictCode).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
    }
}

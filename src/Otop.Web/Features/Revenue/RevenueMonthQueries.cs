using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.Revenue;

/// <summary>
/// Reading a district month (CONTRACT.md "Revenue", GET): what the URL names (the district, the month) and what is stored,
/// for the API, the pages and the รต.1/รต.2 documents alike.
/// </summary>
public static class RevenueMonthQueries
{
    public static Refusal? ParseMonth(string? text, out YearMonth month)
    {
        if (!YearMonth.TryParse(text, out month))
        {
            return new Refusal(400, $"เดือน '{text}' ไม่ถูกต้อง ต้องอยู่ในรูปแบบ YYYY-MM (ค.ศ.) เช่น 2023-01");
        }
        // "2566-01" is a Buddhist-era year typed where the contract wants CE: refuse it rather than open a month 543 years ahead.
        if (month.Year is < 1900 or > 2200)
        {
            return new Refusal(422, $"เดือน '{text}' ใช้ปีไม่ถูกต้อง เดือนใน API เป็นปี ค.ศ. (เช่น พ.ศ. 2566 เดือนมกราคม คือ 2023-01)",
                new Dictionary<string, string[]> { ["month"] = [$"ปี {month.Year} ไม่ใช่ปี ค.ศ. ที่ระบบรองรับ (1900–2200) หากเป็นปี พ.ศ. ให้ลบ 543"] });
        }
        return null;
    }

    public static async Task<(RevenueMonthDto? Month, Refusal? Refusal)> ReadAsync(AppDbContext db, CurrentUser me,
        string districtCode, string monthText, CancellationToken ct)
    {
        var (_, refusal) = await ScopedDistricts.FindAsync(db, me, districtCode, ct);
        if (refusal is not null) return (null, refusal);
        if (ParseMonth(monthText, out var month) is { } bad) return (null, bad);

        var key = month.ToString();
        var row = await db.RevenueMonths.AsNoTracking().VisibleTo(me.Scope)
            .Where(m => m.DistrictCode == districtCode && m.Month == key)
            .Include(m => m.Entries).ThenInclude(e => e.Entrepreneur)
            .FirstOrDefaultAsync(ct);
        return (row is null ? RevenueMonthDto.NeverWritten(districtCode, month) : RevenueMonthDto.Of(row), null);
    }

    /// <summary>The same month last year and the estimate for each producer of the district, beside each figure.</summary>
    public static async Task<Dictionary<int, (decimal? LastYear, decimal? Estimate)>> ReferenceFiguresAsync(AppDbContext db,
        string districtCode, YearMonth month, CancellationToken ct)
    {
        var lastYearKey = month.AddMonths(-12).ToString();
        var key = month.ToString();
        var fy = month.FiscalYear;
        var lastYear = await db.RevenueEntries.AsNoTracking()
            .Where(e => e.RevenueMonth.DistrictCode == districtCode && e.RevenueMonth.Month == lastYearKey)
            .Select(e => new { e.EntrepreneurId, e.Amount })
            .ToListAsync(ct);
        var estimate = await db.RevenueEstimateLines.AsNoTracking()
            .Where(l => l.RevenueEstimate.DistrictCode == districtCode && l.RevenueEstimate.FiscalYear == fy && l.Month == key)
            .Select(l => new { l.EntrepreneurId, l.Amount })
            .ToListAsync(ct);
        var result = new Dictionary<int, (decimal?, decimal?)>();
        foreach (var e in lastYear) result[e.EntrepreneurId] = (e.Amount, null);
        foreach (var e in estimate) result[e.EntrepreneurId] = (result.GetValueOrDefault(e.EntrepreneurId).Item1, e.Amount);
        return result;
    }
}

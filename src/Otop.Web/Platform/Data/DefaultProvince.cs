using Microsoft.EntityFrameworkCore;
namespace Otop.Web.Platform.Data;

/// <summary>
/// The province a department-wide page shows when the URL names none: the first by code that has the page's data, else
/// the first by code. No province is written in code; on the demo, whose data is Sa Kaeo's, that is Sa Kaeo.
/// </summary>
public static class DefaultProvince
{
    /// <summary>The first province by code among <paramref name="rows"/> (the page's data), else the first province.</summary>
    public static async Task<string?> FirstWithDataAsync<T>(AppDbContext db, IQueryable<T> rows, CancellationToken ct)
        where T : class, IDistrictOwned =>
        await rows.Select(r => r.ProvinceCode).OrderBy(c => c).FirstOrDefaultAsync(ct)
        ?? await db.OrgUnits.AsNoTracking().Where(o => o.Level == OrgLevel.Province)
            .OrderBy(o => o.Code).Select(o => o.Code).FirstOrDefaultAsync(ct);
}

using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Revenue;

/// <summary>A unit a revenue page shows (the nation, a province or a district), with the name the pages give it.</summary>
public sealed record RevenueUnit(string Code, string NameTh, OrgLevel Level)
{
    /// <summary>"ทั้งประเทศ", "จังหวัด…" or "อำเภอ…".</summary>
    public string Label => RevenueUnits.Label(Level, NameTh);

    /// <summary>The unit and everything under it, as a scope: its months are <c>VisibleTo(unit.Scope)</c>.</summary>
    public OrgScope Scope => new(Code);
}

/// <summary>
/// The <c>?unit=</c> of the revenue pages (dashboard, reporting rates, trends): read the typed code (trimmed, Thai digits
/// as Arabic), find it among the units the caller sees (outside the scope: not there), and name it.
/// </summary>
public static class RevenueUnits
{
    /// <summary>The typed code, trimmed and with Thai digits read as Arabic; null when none was typed.</summary>
    public static string? Typed(string? unit) => unit is null ? null : ThaiDigits.ToArabic(unit.Trim());

    /// <summary>"ทั้งประเทศ", "จังหวัด…" or "อำเภอ…": a unit as the revenue pages name it.</summary>
    public static string Label(OrgLevel level, string name) => level switch
    {
        OrgLevel.Department => "ทั้งประเทศ",
        OrgLevel.Province => "จังหวัด" + name,
        _ => "อำเภอ" + name,
    };

    /// <summary>The units the caller sees, in code order (a page's picker); the department itself only when asked for.</summary>
    public static async Task<List<RevenueUnit>> VisibleAsync(AppDbContext db, OrgScope scope, bool withDepartment, CancellationToken ct)
    {
        var units = db.OrgUnits.AsNoTracking().VisibleTo(scope);
        if (!withDepartment) units = units.Where(o => o.Level != OrgLevel.Department);
        return await units.OrderBy(o => o.Code).Select(o => new RevenueUnit(o.Code, o.NameTh, o.Level)).Take(1000).ToListAsync(ct);
    }

    /// <summary>The unit of <paramref name="code"/> when the caller sees it, else null (the page answers 404).</summary>
    public static Task<RevenueUnit?> FindAsync(AppDbContext db, OrgScope scope, string code, CancellationToken ct) =>
        db.OrgUnits.AsNoTracking().VisibleTo(scope).Where(o => o.Code == code)
            .Select(o => new RevenueUnit(o.Code, o.NameTh, o.Level)).FirstOrDefaultAsync(ct);
}

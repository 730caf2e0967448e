using Microsoft.EntityFrameworkCore;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;

namespace Otop.Web.Platform.Auth;

/// <summary>
/// A district named in a URL or a query, for every feature that addresses one (the revenue months and forms, letter 1's
/// district forms): outside the caller's scope → 403; not a district → 404, with the same Thai messages everywhere.
/// </summary>
public static class ScopedDistricts
{
    public static async Task<(OrgUnit? District, Refusal? Refusal)> FindAsync(AppDbContext db, CurrentUser me, string code, CancellationToken ct)
    {
        if (!me.Scope.Covers(code)) return (null, OutOfScope(code));
        var district = await db.OrgUnits.AsNoTracking().VisibleTo(me.Scope)
            .FirstOrDefaultAsync(o => o.Code == code && o.Level == OrgLevel.District, ct);
        return district is null ? (null, NoSuchDistrict(code)) : (district, null);
    }

    public static Refusal OutOfScope(string code) => new(403, $"อำเภอรหัส {code} อยู่นอกหน่วยงานของท่าน");

    public static Refusal NoSuchDistrict(string code) => new(404, $"ไม่พบอำเภอรหัส {code}");
}

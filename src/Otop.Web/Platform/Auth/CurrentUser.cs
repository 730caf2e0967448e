using System.Security.Claims;
using Otop.Web.Platform.Audit;
using Otop.Web.Platform.Data;

namespace Otop.Web.Platform.Auth;

/// <summary>The signed-in user as the features see it: name, role and the org unit that bounds everything they do.</summary>
public sealed record CurrentUser(string UserName, string DisplayName, string Role, OrgScope Scope)
{
    public bool IsAuthenticated => UserName.Length > 0;
    public bool IsDepartmentAdmin => Role == Roles.DepartmentAdmin;
    public bool IsProvinceOfficer => Role == Roles.ProvinceOfficer;
    public bool IsDistrictStaff => Role is Roles.DistrictOfficer or Roles.DistrictHead;
    public bool IsDistrictHead => Role == Roles.DistrictHead;
    public bool CanWrite => Role != Roles.Viewer;

    public static CurrentUser From(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true)
        {
            return new CurrentUser("", "", "", OrgScope.Nothing);
        }
        var org = principal.FindFirstValue(OtopClaims.OrgUnit) ?? "";
        var role = principal.FindFirstValue(ClaimTypes.Role) ?? "";
        return new CurrentUser(
            principal.Identity.Name ?? "",
            principal.FindFirstValue(OtopClaims.DisplayName) ?? principal.Identity.Name ?? "",
            role,
            org.Length == 0 ? OrgScope.Nothing : new OrgScope(org));
    }
}

/// <summary>
/// An org unit and everything under it. The department sees all; a province its districts; a district itself.
/// Codes are DOPA codes, so a district belongs to the province that prefixes it.
/// </summary>
public sealed record OrgScope(string Code)
{
    public static readonly OrgScope Nothing = new("-");

    public OrgLevel Level => Code == "-" ? OrgLevel.District : OrgUnit.LevelOfCode(Code);

    public bool IsDepartment => Code == OrgUnit.DepartmentCode;

    /// <summary>True when <paramref name="orgCode"/> (province or district) is this unit or under it.</summary>
    public bool Covers(string orgCode) => Level switch
    {
        OrgLevel.Department => Code == OrgUnit.DepartmentCode,
        OrgLevel.Province => orgCode == Code || (orgCode.Length == 4 && orgCode.StartsWith(Code, StringComparison.Ordinal)),
        _ => orgCode == Code,
    };

    /// <summary>The province this scope lies in, or null for the department.</summary>
    public string? ProvinceCode => Level switch
    {
        OrgLevel.Department => null,
        _ => Code[..2],
    };
}

public static class ScopeQueries
{
    /// <summary>Rows of districts inside the scope. Written out in every query so a reviewer sees the filter.</summary>
    public static IQueryable<T> VisibleTo<T>(this IQueryable<T> query, OrgScope scope) where T : class, IDistrictOwned =>
        scope.Filter() switch
        {
            ({ } province, _) => query.Where(x => x.ProvinceCode == province),
            (_, { } district) => query.Where(x => x.DistrictCode == district),
            _ => query,
        };

    /// <summary>
    /// The scope as the two codes a row is filtered by, for a query that takes them as parameters (a compiled query): the
    /// department (null, null) sees every row, a province (code, null) its districts' rows, a district (null, code) its own.
    /// <see cref="VisibleTo{T}"/> applies the same pair.
    /// </summary>
    public static (string? Province, string? District) Filter(this OrgScope scope) => scope.Level switch
    {
        OrgLevel.Department when scope.IsDepartment => (null, null),
        OrgLevel.Province => (scope.Code, null),
        _ => (null, scope.Code),
    };

    /// <summary>
    /// Audit entries the scope reads (decision 008): the department every chain, a province its own. Who may read the
    /// audit at all is <see cref="AuditLog.MayRead"/>.
    /// </summary>
    public static IQueryable<AuditEntry> VisibleTo(this IQueryable<AuditEntry> query, OrgScope scope) =>
        scope.IsDepartment ? query : query.Where(a => a.ProvinceCode == scope.Code);

    public static IQueryable<OrgUnit> VisibleTo(this IQueryable<OrgUnit> query, OrgScope scope) =>
        scope.Filter() switch
        {
            ({ } province, _) => query.Where(o => o.Code == province || o.ParentCode == province),
            (_, { } district) => query.Where(o => o.Code == district),
            _ => query,
        };
}

using Microsoft.EntityFrameworkCore;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Users;

/// <summary>An account as CONTRACT.md "Roles and scope" lists it (<c>GET /api/v1/users</c>, <c>PATCH</c>'s answer).</summary>
public sealed record AccountDto(string Username, string DisplayName, string Role, string OrgUnit, string? Email, bool Disabled,
    DateTimeOffset? LastSignInAt);

/// <summary>An account as the pages show it: the contract's fields, and its lockout and concurrency stamp.</summary>
public sealed record AccountRow(string Username, string DisplayName, string Role, string OrgUnit, string? Email,
    DateTimeOffset? DisabledAt, DateTimeOffset? LastSignInAt, DateTimeOffset? LockoutEnd, string? ConcurrencyStamp)
{
    public bool Disabled => DisabledAt is not null;

    public bool LockedOutAt(DateTimeOffset now) => LockoutEnd is { } end && end > now;

    public AccountDto ToDto() => new(Username, DisplayName, Role, OrgUnit, Email, Disabled, LastSignInAt);
}

/// <summary>What the accounts list is filtered by: a unit (and everything under it), a role, a name, a status.</summary>
public sealed record AccountFilter(string Unit, string? Role = null, string? Search = null, bool? Disabled = null);

public static class AccountQueries
{
    public const int PageSize = 50;

    /// <summary>The accounts under the filter's unit, in unit then user-name order; <paramref name="take"/> null: all of them.</summary>
    public static async Task<(List<AccountRow> Rows, int Total)> ListAsync(AppDbContext db, AccountFilter filter, int skip, int? take,
        CancellationToken ct)
    {
        var query = Under(db, filter.Unit);
        if (filter.Disabled is { } disabled) query = disabled ? query.Where(u => u.DisabledAt != null) : query.Where(u => u.DisabledAt == null);
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            // Provider-neutral: user names are matched on Identity's upper-cased copy, Thai names as typed (Thai has no case).
            var text = filter.Search.Trim();
            var upper = text.ToUpperInvariant();
            query = query.Where(u => u.NormalizedUserName!.Contains(upper) || u.DisplayName.Contains(text));
        }
        var rows = from u in query
                   from ur in db.UserRoles.Where(ur => ur.UserId == u.Id).DefaultIfEmpty()
                   from r in db.Roles.Where(r => r.Id == ur!.RoleId).DefaultIfEmpty()
                   select new { u, Role = r == null ? "" : r.Name! };
        if (!string.IsNullOrWhiteSpace(filter.Role)) rows = rows.Where(x => x.Role == filter.Role);

        var total = await rows.CountAsync(ct);
        var ordered = rows.OrderBy(x => x.u.OrgUnitCode).ThenBy(x => x.u.UserName).Skip(skip);
        if (take is { } n) ordered = ordered.Take(n);
        var list = await ordered
            .Select(x => new AccountRow(x.u.UserName!, x.u.DisplayName, x.Role, x.u.OrgUnitCode, x.u.Email, x.u.DisabledAt,
                x.u.LastSignInAt, x.u.LockoutEnd, x.u.ConcurrencyStamp))
            .ToListAsync(ct);
        return (list, total);
    }

    /// <summary>One account by user name (Identity's normalised form), or null.</summary>
    public static Task<AccountRow?> FindAsync(AppDbContext db, string userName, CancellationToken ct)
    {
        var normalized = userName.Trim().ToUpperInvariant();
        return (from u in db.Users.AsNoTracking().Where(u => u.NormalizedUserName == normalized)
                from ur in db.UserRoles.Where(ur => ur.UserId == u.Id).DefaultIfEmpty()
                from r in db.Roles.Where(r => r.Id == ur!.RoleId).DefaultIfEmpty()
                select new AccountRow(u.UserName!, u.DisplayName, r == null ? "" : r.Name!, u.OrgUnitCode, u.Email, u.DisabledAt,
                    u.LastSignInAt, u.LockoutEnd, u.ConcurrencyStamp)).FirstOrDefaultAsync(ct);
    }

    /// <summary>The accounts whose unit is <paramref name="unit"/> or under it (the department: every account).</summary>
    public static IQueryable<AppUser> Under(AppDbContext db, string unit)
    {
        var users = db.Users.AsNoTracking();
        return OrgUnit.LevelOfCode(unit) switch
        {
            OrgLevel.Department => users,
            OrgLevel.Province => users.Where(u => u.OrgUnitCode == unit || (u.OrgUnitCode.Length == 4 && u.OrgUnitCode.StartsWith(unit))),
            _ => users.Where(u => u.OrgUnitCode == unit),
        };
    }
}

/// <summary>A unit a manager may pick (filters, create, move): code and Thai name.</summary>
public sealed record UnitChoice(string Code, string Name)
{
    public string Label => Code == OrgUnit.DepartmentCode ? Name : $"{Name} ({Code})";
}

public static class UnitChoices
{
    /// <summary>The units under the caller's scope, in code order: the department sees every one, a province itself and its districts.</summary>
    public static Task<List<UnitChoice>> InScopeAsync(AppDbContext db, CurrentUser me, CancellationToken ct) =>
        db.OrgUnits.AsNoTracking().VisibleTo(me.Scope).OrderBy(o => o.Code.Length == 1 ? 0 : 1).ThenBy(o => o.Code)
            .Select(o => new UnitChoice(o.Code, o.Level == OrgLevel.Department ? o.NameTh
                : o.Level == OrgLevel.Province ? "จังหวัด" + o.NameTh : "อำเภอ" + o.NameTh))
            .ToListAsync(ct);
}

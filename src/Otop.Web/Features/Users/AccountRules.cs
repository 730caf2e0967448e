using Otop.Domain;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.Users;

/// <summary>
/// <see cref="AccountPolicy"/> (the pure table of who may manage whom) applied to the signed-in caller: its role, and where
/// an account's unit lies from the caller's scope. Every account change of the API and the pages asks here, for the
/// account as it is and as it would be.
/// </summary>
public static class AccountRules
{
    public static bool IsManager(CurrentUser me) => me.IsDepartmentAdmin || me.IsProvinceOfficer;

    /// <summary>Null when <paramref name="me"/> may manage an account of <paramref name="role"/> at <paramref name="orgUnit"/>; else a 403.</summary>
    public static Refusal? MayManage(CurrentUser me, string role, string orgUnit)
    {
        if (!AccountPolicy.TryParse(me.Role, out var actor)) return Forbidden(AccountDecision.NotAnAccountManager);
        // An account with no known role is treated as the most guarded one: only the department touches it.
        var target = AccountPolicy.TryParse(role, out var parsed) ? parsed : AccountRole.DepartmentAdmin;
        var relation = me.Scope.Covers(orgUnit) ? UnitRelation.Within : UnitRelation.Outside;
        var decision = AccountPolicy.Manage(actor, target, relation);
        return decision == AccountDecision.Allowed ? null : Forbidden(decision);
    }

    /// <summary>Null unless <paramref name="field"/> is one a caller never changes on its own account.</summary>
    public static Refusal? MayChangeOwn(AccountField field) =>
        AccountPolicy.ChangeOwn(field) is var d && d == AccountDecision.Allowed ? null : Forbidden(d);

    /// <summary>The roles the caller may give, in CONTRACT.md's order.</summary>
    public static IReadOnlyList<string> Grantable(CurrentUser me) =>
        AccountPolicy.TryParse(me.Role, out var actor) ? AccountPolicy.Grantable(actor).Select(r => r.ToString()).ToList() : [];

    /// <summary>May the caller see this account at all? Outside its scope an account does not exist (404).</summary>
    public static bool Sees(CurrentUser me, string orgUnit) => IsManager(me) && me.Scope.Covers(orgUnit);

    private static Refusal Forbidden(AccountDecision decision) => new(403, AccountPolicy.ThaiReason(decision));
}

using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Platform.Audit;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.Users;

/// <summary>The fields of an account change; null: unchanged. <paramref name="EmailGiven"/> tells "clear the e-mail" from "leave it".</summary>
public sealed record AccountPatch(string? DisplayName = null, string? Role = null, string? OrgUnit = null, string? Email = null,
    bool EmailGiven = false, bool? Disabled = null);

/// <summary>A new account (the API's <c>POST</c>, the create page).</summary>
public sealed record NewAccount(string? Username, string? DisplayName, string? Role, string? OrgUnit, string? Email, string? Password);

/// <summary>
/// Every change to an account, for the API and the pages alike: create, edit (name, e-mail, role, unit, disabled), password
/// reset, set-password link, unlock. Each one asks <see cref="AccountRules"/> about the account as it is and as it will be,
/// refuses a stale <c>ConcurrencyStamp</c> (409), is audited (entity "user", never a password or token), and a change that
/// must revoke access (disable, role, unit, a password set by someone else) changes the security stamp in the same save,
/// which makes every token and cookie of the account stop (docs/decisions/012, helper "auth").
/// </summary>
public sealed class AccountCommands(AppDbContext db, UserManager<AppUser> users, CurrentUser me, TimeProvider clock, SetPasswordLinks links)
{
    public const int UserNameMaxLength = 100;
    public const int DisplayNameMaxLength = 200;

    public async Task<(AccountDto? Account, SetPasswordLink? Link, Refusal? Refusal)> CreateAsync(NewAccount input, bool passwordRequired, CancellationToken ct)
    {
        if (!AccountRules.IsManager(me)) return (null, null, AccountRules.MayManage(me, input.Role ?? "", input.OrgUnit ?? ""));
        var errors = new Dictionary<string, string[]>();
        var username = input.Username?.Trim() ?? "";
        if (username.Length == 0) errors["username"] = ["กรุณาระบุชื่อผู้ใช้"];
        else if (username.Length > UserNameMaxLength) errors["username"] = [$"ชื่อผู้ใช้ยาวได้ไม่เกิน {UserNameMaxLength} ตัวอักษร"];
        if (passwordRequired && string.IsNullOrEmpty(input.Password)) errors["password"] = ["กรุณาระบุรหัสผ่าน"];
        var unit = await UnitAsync(input.OrgUnit, ct);
        CheckFields(input.DisplayName, input.Role, input.OrgUnit, unit, input.Email, errors);
        if (errors.Count > 0) return (null, null, Refusal.Invalid(errors));
        if (AccountRules.MayManage(me, input.Role!, unit!.Code) is { } forbidden) return (null, null, forbidden);
        if (await users.FindByNameAsync(username) is not null) return (null, null, new Refusal(409, $"ชื่อผู้ใช้ '{username}' มีอยู่แล้ว"));

        var user = new AppUser
        {
            UserName = username,
            DisplayName = input.DisplayName!.Trim(),
            OrgUnitCode = unit.Code,
            CreatedAt = clock.GetUtcNow(),
            Email = EmailOrNull(input.Email),
        };
        SetPasswordLink? link = null;
        var refusal = await InTransactionAsync(async () =>
        {
            var created = string.IsNullOrEmpty(input.Password) ? await users.CreateAsync(user) : await users.CreateAsync(user, input.Password);
            if (!created.Succeeded) return IdentityRefusal(created);
            var role = await users.AddToRoleAsync(user, input.Role!);
            if (!role.Succeeded) return IdentityRefusal(role);
            AuditLog.Record(db, me, clock, "user", user.UserName, "create", newValue: Snapshot(user, input.Role!),
                provinceCode: ProvinceOf(user.OrgUnitCode));
            await db.SaveChangesAsync(ct);
            return null;
        }, ct);
        if (refusal is not null) return (null, null, refusal);
        if (string.IsNullOrEmpty(input.Password)) link = await links.IssueAsync(user, ct);
        return (Dto(user, input.Role!), link, null);
    }

    public async Task<(AccountDto? Account, Refusal? Refusal)> UpdateAsync(string username, AccountPatch patch, string? expectedStamp, CancellationToken ct)
    {
        var (user, role, refusal) = await LoadManagedAsync(username, expectedStamp);
        if (refusal is not null) return (null, refusal);

        var newRole = patch.Role ?? role;
        var unitText = patch.OrgUnit ?? user!.OrgUnitCode;
        var roleChanged = newRole != role;
        var unitChanged = ThaiDigits.ToArabic(unitText.Trim()) != user!.OrgUnitCode;
        var disabledChanged = patch.Disabled is { } d && d != (user.DisabledAt is not null);
        // One's own role, unit or disabled flag is refused whatever the new value: no self-escalation, no self-lockout.
        if (IsSelf(user))
        {
            if (roleChanged && AccountRules.MayChangeOwn(AccountField.Role) is { } r) return (null, r);
            if (unitChanged && AccountRules.MayChangeOwn(AccountField.OrgUnit) is { } u) return (null, u);
            if (disabledChanged && AccountRules.MayChangeOwn(AccountField.Disabled) is { } x) return (null, x);
        }
        var unit = await UnitAsync(unitText, ct);
        var errors = new Dictionary<string, string[]>();
        CheckFields(patch.DisplayName ?? user.DisplayName, newRole, unitText, unit, patch.EmailGiven ? patch.Email : user.Email, errors);
        if (errors.Count > 0) return (null, Refusal.Invalid(errors));
        if (AccountRules.MayManage(me, newRole, unit!.Code) is { } forbidden) return (null, forbidden);

        var before = Snapshot(user, role);
        var oldProvince = ProvinceOf(user.OrgUnitCode);
        user.DisplayName = (patch.DisplayName ?? user.DisplayName).Trim();
        if (patch.EmailGiven) user.Email = EmailOrNull(patch.Email);
        user.OrgUnitCode = unit.Code;
        if (disabledChanged) user.DisabledAt = patch.Disabled!.Value ? clock.GetUtcNow() : null;
        var after = Snapshot(user, newRole);
        refusal = await InTransactionAsync(async () =>
        {
            if (roleChanged)
            {
                if (role.Length > 0 && await users.RemoveFromRoleAsync(user, role) is { Succeeded: false } removed) return IdentityRefusal(removed);
                if (await users.AddToRoleAsync(user, newRole) is { Succeeded: false } added) return IdentityRefusal(added);
            }
            // Disable, role and unit are what the principal carries: a new stamp ends every token and cookie at once.
            var saved = roleChanged || unitChanged || disabledChanged ? await users.UpdateSecurityStampAsync(user) : await users.UpdateAsync(user);
            if (!saved.Succeeded) return IdentityRefusal(saved);
            var action = disabledChanged ? (user.DisabledAt is null ? "enable" : "disable") : unitChanged || roleChanged ? "move" : "update";
            Audit(user, action, before, after, oldProvince);
            await db.SaveChangesAsync(ct);
            return null;
        }, ct);
        return refusal is null ? (Dto(user, newRole), null) : (null, refusal);
    }

    /// <summary><c>POST /api/v1/users/{username}/password</c>: a new password set by a manager; the account's earlier tokens stop.</summary>
    public async Task<Refusal?> SetPasswordAsync(string username, string? password, string? expectedStamp, CancellationToken ct)
    {
        var (user, _, refusal) = await LoadManagedAsync(username, expectedStamp);
        if (refusal is not null) return refusal;
        if (string.IsNullOrEmpty(password)) return Refusal.Invalid("password", "กรุณาระบุรหัสผ่าน");
        return await InTransactionAsync(async () =>
        {
            // ResetPasswordAsync checks the password policy, stores the hash and changes the security stamp.
            var token = await users.GeneratePasswordResetTokenAsync(user!);
            var reset = await users.ResetPasswordAsync(user!, token, password);
            if (!reset.Succeeded) return IdentityRefusal(reset);
            Audit(user!, "password-reset", null, new { set = "by-manager" }, null);
            await db.SaveChangesAsync(ct);
            return null;
        }, ct);
    }

    /// <summary>
    /// The page's reset: the password is removed (every token and cookie stops, the old password no longer signs in) and a
    /// one-time set-password link is made, e-mailed when SMTP is set, otherwise shown once to the manager.
    /// </summary>
    public async Task<(SetPasswordLink? Link, Refusal? Refusal)> ResetAsync(string username, string? expectedStamp, CancellationToken ct)
    {
        var (user, _, refusal) = await LoadManagedAsync(username, expectedStamp);
        if (refusal is not null) return (null, refusal);
        refusal = await InTransactionAsync(async () =>
        {
            if (await users.HasPasswordAsync(user!) && await users.RemovePasswordAsync(user!) is { Succeeded: false } removed) return IdentityRefusal(removed);
            if (await users.UpdateSecurityStampAsync(user!) is { Succeeded: false } stamped) return IdentityRefusal(stamped);
            Audit(user!, "password-reset", null, new { set = "link" }, null);
            await db.SaveChangesAsync(ct);
            return null;
        }, ct);
        return refusal is null ? (await links.IssueAsync(user!, ct), null) : (null, refusal);
    }

    /// <summary>Ends a lockout after too many wrong passwords (Identity's 15 minutes), before it runs out.</summary>
    public async Task<Refusal?> UnlockAsync(string username, string? expectedStamp, CancellationToken ct)
    {
        var (user, _, refusal) = await LoadManagedAsync(username, expectedStamp);
        if (refusal is not null) return refusal;
        return await InTransactionAsync(async () =>
        {
            var was = new { lockoutEnd = user!.LockoutEnd, failed = user.AccessFailedCount };
            if (await users.SetLockoutEndDateAsync(user, null) is { Succeeded: false } unlocked) return IdentityRefusal(unlocked);
            if (await users.ResetAccessFailedCountAsync(user) is { Succeeded: false } reset) return IdentityRefusal(reset);
            Audit(user, "unlock", was, new { lockoutEnd = (DateTimeOffset?)null, failed = 0 }, null);
            await db.SaveChangesAsync(ct);
            return null;
        }, ct);
    }

    /// <summary>The account (tracked) and its role when the caller may manage it; 404 outside its scope, 403, or 409 when stale.</summary>
    private async Task<(AppUser? User, string Role, Refusal? Refusal)> LoadManagedAsync(string username, string? expectedStamp)
    {
        var user = await users.FindByNameAsync(username.Trim());
        if (user is null || !AccountRules.Sees(me, user.OrgUnitCode))
        {
            return (null, "", AccountRules.IsManager(me) ? new Refusal(404, $"ไม่พบบัญชีผู้ใช้ '{username}' ในหน่วยงานของท่าน")
                : AccountRules.MayManage(me, "", ""));
        }
        var role = (await users.GetRolesAsync(user)).FirstOrDefault() ?? "";
        if (AccountRules.MayManage(me, role, user.OrgUnitCode) is { } forbidden) return (null, role, forbidden);
        if (expectedStamp is not null && expectedStamp != user.ConcurrencyStamp) return (null, role, Stale);
        return (user, role, null);
    }

    private static readonly Refusal Stale = new(409, "บัญชีนี้ถูกแก้ไขโดยผู้อื่นหลังจากที่ท่านเปิดดู กรุณาโหลดข้อมูลใหม่แล้วแก้ไขอีกครั้ง");

    /// <summary>The display name, role, unit and e-mail of a create or an edit, as field errors in Thai.</summary>
    internal static void CheckFields(string? displayName, string? role, string? unitText, OrgUnit? unit, string? email, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(displayName)) errors["displayName"] = ["กรุณาระบุชื่อที่แสดง"];
        else if (displayName.Trim().Length > DisplayNameMaxLength) errors["displayName"] = [$"ชื่อที่แสดงยาวได้ไม่เกิน {DisplayNameMaxLength} ตัวอักษร"];
        if (!AccountPolicy.TryParse(role, out _)) errors["role"] = [$"บทบาทต้องเป็นหนึ่งใน {string.Join(", ", Roles.All)}"];
        if (unit is null) errors["orgUnit"] = [$"ไม่พบหน่วยงานรหัส '{unitText?.Trim()}' (ใช้ \"0\" สำหรับกรม หรือรหัสจังหวัด/อำเภอ)"];
        else if (!errors.ContainsKey("role") && !Roles.FitsLevel(role!, unit.Level))
        {
            errors["role"] = [$"บทบาท {role} ({Roles.ThaiName(role!)}) ใช้กับหน่วยงานระดับนี้ไม่ได้: {LevelRule(role!)}"];
        }
        var e = EmailOrNull(email);
        if (e is not null && (e.Length > 256 || !System.Net.Mail.MailAddress.TryCreate(e, out var parsed) || parsed.Address != e))
        {
            errors["email"] = [$"อีเมล '{e}' ไม่ถูกต้อง"];
        }
    }

    private static string LevelRule(string role) => role switch
    {
        Roles.DepartmentAdmin => "ผู้ดูแลระบบอยู่ที่กรม (0)",
        Roles.ProvinceOfficer => "เจ้าหน้าที่จังหวัดอยู่ที่จังหวัด (รหัส 2 หลัก)",
        _ => "พัฒนากรและพัฒนาการอำเภออยู่ที่อำเภอ (รหัส 4 หลัก)",
    };

    internal static string? EmailOrNull(string? email) => string.IsNullOrWhiteSpace(email) ? null : email.Trim();

    internal static string? ProvinceOf(string unit) => unit.Length >= 2 ? unit[..2] : null;

    private async Task<OrgUnit?> UnitAsync(string? code, CancellationToken ct)
    {
        var c = ThaiDigits.ToArabic(code?.Trim() ?? "");
        return c.Length is 0 or > 4 ? null : await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(o => o.Code == c, ct);
    }

    private bool IsSelf(AppUser user) => string.Equals(user.UserName, me.UserName, StringComparison.OrdinalIgnoreCase);

    internal static object Snapshot(AppUser user, string role) =>
        new { user.UserName, user.DisplayName, role, orgUnit = user.OrgUnitCode, email = user.Email, disabled = user.DisabledAt is not null };

    /// <summary>One entry in the account's province; a move between provinces leaves one in the province it left, too.</summary>
    private void Audit(AppUser user, string action, object? before, object? after, string? oldProvince)
    {
        var province = ProvinceOf(user.OrgUnitCode);
        AuditLog.Record(db, me, clock, "user", user.UserName!, action, before, after, provinceCode: province);
        if (oldProvince is not null && oldProvince != province)
        {
            AuditLog.Record(db, me, clock, "user", user.UserName!, action, before, after, provinceCode: oldProvince);
        }
    }

    internal static AccountDto Dto(AppUser user, string role) =>
        new(user.UserName!, user.DisplayName, role, user.OrgUnitCode, user.Email, user.DisabledAt is not null, user.LastSignInAt);

    internal static Refusal IdentityRefusal(IdentityResult result)
    {
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure))) return Stale;
        var field = result.Errors.Any(e => e.Code.StartsWith("Password", StringComparison.Ordinal)) ? "password" : "username";
        return Refusal.Invalid(field, string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    /// <summary>Identity saves after each of its calls: one transaction makes the role, the stamp and the audit one change.</summary>
    private async Task<Refusal?> InTransactionAsync(Func<Task<Refusal?>> work, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var refusal = await work();
            if (refusal is null) await tx.CommitAsync(ct);
            else
            {
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
            }
            return refusal;
        });
    }
}

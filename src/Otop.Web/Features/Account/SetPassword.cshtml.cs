using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Otop.Web.Platform.Audit;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Account;

/// <summary>
/// <c>/Account/SetPassword?user=…&amp;token=…</c>: the one-time link a manager's reset or an import without a password gives
/// (Features/Users, SetPasswordLinks). The token is Identity's password-reset token: it carries the account's security
/// stamp, so it works once (setting the password changes the stamp), stops when the account is reset, moved or disabled
/// again, and expires after three days. Anonymous, antiforgery on the POST; the new password twice, Thai errors.
/// </summary>
[AllowAnonymous]
public sealed class SetPasswordModel(UserManager<AppUser> users, AppDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")] public string? UserName { get; set; }
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    [BindProperty] public string NewPassword { get; set; } = "";
    [BindProperty] public string ConfirmPassword { get; set; } = "";

    public Dictionary<string, string> Errors { get; } = [];
    public bool LinkUnusable { get; private set; }
    public bool Done { get; private set; }

    public const string UnusableLink =
        "ลิงก์นี้ใช้ไม่ได้แล้ว อาจใช้ไปแล้ว หมดอายุ (ลิงก์ใช้ได้ 3 วัน) หรือผู้ดูแลได้รีเซ็ตบัญชีอีกครั้ง กรุณาขอลิงก์ใหม่จากผู้ดูแลระบบของหน่วยงาน";

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await AccountAsync();
        if (user is null || !await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider,
                UserManager<AppUser>.ResetPasswordTokenPurpose, Token!))
        {
            LinkUnusable = true;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await AccountAsync();
        if (user is null)
        {
            LinkUnusable = true;
            return Page();
        }
        if (string.IsNullOrEmpty(NewPassword)) Errors[nameof(NewPassword)] = "กรุณากรอกรหัสผ่านใหม่";
        else if (NewPassword != ConfirmPassword) Errors[nameof(ConfirmPassword)] = "รหัสผ่านทั้งสองช่องไม่ตรงกัน กรุณากรอกให้เหมือนกัน";
        if (Errors.Count > 0) return Clear();

        var result = await users.ResetPasswordAsync(user, Token!, NewPassword);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken))) LinkUnusable = true;
            else Errors[nameof(NewPassword)] = string.Join(" ", result.Errors.Select(e => e.Description));
            return Clear();
        }
        // The officer proved the link: a lockout from earlier wrong guesses ends with it.
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        var role = (await users.GetRolesAsync(user)).FirstOrDefault() ?? "";
        var by = new CurrentUser(user.UserName!, user.DisplayName, role, new OrgScope(user.OrgUnitCode));
        AuditLog.Record(db, by, clock, "user", user.UserName!, "password-set", newValue: new { set = "by-link" },
            provinceCode: user.OrgUnitCode.Length >= 2 ? user.OrgUnitCode[..2] : null);
        await db.SaveChangesAsync();
        Done = true;
        return Clear();
    }

    private PageResult Clear()
    {
        NewPassword = "";
        ConfirmPassword = "";
        return Page();
    }

    private async Task<AppUser?> AccountAsync()
    {
        if (string.IsNullOrWhiteSpace(UserName) || string.IsNullOrWhiteSpace(Token) || Token.Length > 2000) return null;
        var user = await users.FindByNameAsync(UserName.Trim());
        return user is null || user.DisabledAt is not null ? null : user;
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.Users;

/// <summary>
/// <c>/Users/Edit/{username}</c>: one account. Save (name, e-mail, role, unit), disable or enable, reset (a one-time
/// set-password link, e-mailed or shown once), unlock after a lockout. Every POST carries the account's concurrency stamp:
/// an edit made on a stale page, or a POST without it, changes nothing and says so in Thai.
/// </summary>
public sealed class EditModel(AppDbContext db, CurrentUser me, AccountCommands accounts, TimeProvider clock) : PageModel
{
    [BindProperty] public string? DisplayName { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Role { get; set; }
    [BindProperty] public string? OrgUnit { get; set; }
    [BindProperty] public string? Stamp { get; set; }

    public AccountRow? Account { get; private set; }
    public IReadOnlyList<string> RoleChoices { get; private set; } = [];
    public List<UnitChoice> Units { get; private set; } = [];
    public Dictionary<string, string> Errors { get; } = [];
    public string? Message { get; private set; }
    public string? Done { get; private set; }
    public SetPasswordLink? Link { get; private set; }
    public bool IsSelf => Account is not null && string.Equals(Account.Username, me.UserName, StringComparison.OrdinalIgnoreCase);
    public bool MayManage { get; private set; }
    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task<IActionResult> OnGetAsync(string username, CancellationToken ct)
    {
        if (!AccountRules.IsManager(me)) return Forbid();
        if (!await LoadAsync(username, fillForm: true, ct)) return NotFound();
        return Page();
    }

    public Task<IActionResult> OnPostAsync(string username, CancellationToken ct) => ActAsync(username, async stamp =>
    {
        var (_, refusal) = await accounts.UpdateAsync(username, new AccountPatch(DisplayName ?? "", Role, OrgUnit, Email, EmailGiven: true), stamp, ct);
        return (refusal, "บันทึกการแก้ไขแล้ว");
    }, ct);

    public Task<IActionResult> OnPostDisableAsync(string username, CancellationToken ct) => ActAsync(username, async stamp =>
        ((await accounts.UpdateAsync(username, new AccountPatch(Disabled: true), stamp, ct)).Refusal,
            "ระงับบัญชีแล้ว บัญชีนี้เข้าระบบไม่ได้ และทุกการเข้าระบบที่ค้างอยู่สิ้นสุดทันที"), ct, keepForm: false);

    public Task<IActionResult> OnPostEnableAsync(string username, CancellationToken ct) => ActAsync(username, async stamp =>
        ((await accounts.UpdateAsync(username, new AccountPatch(Disabled: false), stamp, ct)).Refusal, "เปิดใช้บัญชีแล้ว"), ct, keepForm: false);

    public Task<IActionResult> OnPostResetAsync(string username, CancellationToken ct) => ActAsync(username, async stamp =>
    {
        var (link, refusal) = await accounts.ResetAsync(username, stamp, ct);
        Link = link;
        return (refusal, "รีเซ็ตรหัสผ่านแล้ว รหัสผ่านเดิมใช้ไม่ได้ และทุกการเข้าระบบที่ค้างอยู่สิ้นสุดทันที");
    }, ct, keepForm: false);

    public Task<IActionResult> OnPostUnlockAsync(string username, CancellationToken ct) => ActAsync(username, async stamp =>
        (await accounts.UnlockAsync(username, stamp, ct), "ปลดล็อกบัญชีแล้ว เจ้าของบัญชีเข้าระบบได้ทันที"), ct, keepForm: false);

    public string Invalid(string field) => Errors.ContainsKey(field) ? "is-invalid" : "";

    private async Task<IActionResult> ActAsync(string username, Func<string, Task<(Refusal? Refusal, string Done)>> act, CancellationToken ct, bool keepForm = true)
    {
        if (!AccountRules.IsManager(me)) return Forbid();
        Refusal? refusal;
        string done;
        if (string.IsNullOrEmpty(Stamp))
        {
            (refusal, done) = (new Refusal(409, "ไม่พบรุ่นของข้อมูลบัญชีในแบบฟอร์ม กรุณาเปิดหน้านี้ใหม่แล้วลองอีกครั้ง"), "");
        }
        else
        {
            (refusal, done) = await act(Stamp);
        }
        if (refusal is { Status: 404 }) return NotFound();
        if (refusal is null)
        {
            Done = done;
            await LoadAsync(username, fillForm: true, ct);
            return Page();
        }
        foreach (var (field, messages) in refusal.Errors ?? new Dictionary<string, string[]>()) Errors[field] = string.Join(" ", messages);
        if (refusal.Errors is null) Message = refusal.Detail;
        // What the officer typed stays; the stamp stays too, so a stale page keeps answering "reload" until reloaded.
        var typed = Stamp;
        if (!await LoadAsync(username, fillForm: !keepForm, ct)) return NotFound();
        Stamp = typed;
        return Page();
    }

    private async Task<bool> LoadAsync(string username, bool fillForm, CancellationToken ct)
    {
        Account = await AccountQueries.FindAsync(db, username, ct);
        if (Account is null || !AccountRules.Sees(me, Account.OrgUnit)) return false;
        MayManage = AccountRules.MayManage(me, Account.Role, Account.OrgUnit) is null;
        RoleChoices = AccountRules.Grantable(me);
        Units = await UnitChoices.InScopeAsync(db, me, ct);
        if (fillForm)
        {
            DisplayName = Account.DisplayName;
            Email = Account.Email;
            Role = Account.Role;
            OrgUnit = Account.OrgUnit;
            Stamp = Account.ConcurrencyStamp;
        }
        return true;
    }
}

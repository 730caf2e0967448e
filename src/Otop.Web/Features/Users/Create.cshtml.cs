using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Users;

/// <summary>
/// <c>/Users/Create</c>: one account. The roles offered are those the caller may give (a province: DistrictOfficer and
/// Viewer), the units those under it; an empty password gives a one-time set-password link (e-mailed, or shown once).
/// </summary>
public sealed class CreateModel(AppDbContext db, CurrentUser me, AccountCommands accounts) : PageModel
{
    [BindProperty] public string? Username { get; set; }
    [BindProperty] public string? DisplayName { get; set; }
    [BindProperty] public string? Role { get; set; }
    [BindProperty] public string? OrgUnit { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }

    public IReadOnlyList<string> RoleChoices { get; private set; } = [];
    public List<UnitChoice> Units { get; private set; } = [];
    public Dictionary<string, string> Errors { get; } = [];
    public string? Refused { get; private set; }
    public AccountDto? Created { get; private set; }
    public SetPasswordLink? Link { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!AccountRules.IsManager(me)) return Forbid();
        await ChoicesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!AccountRules.IsManager(me)) return Forbid();
        await ChoicesAsync(ct);
        var (account, link, refusal) = await accounts.CreateAsync(new NewAccount(Username, DisplayName, Role, OrgUnit, Email, Password), passwordRequired: false, ct);
        Password = null;
        if (refusal is not null)
        {
            foreach (var (field, messages) in refusal.Errors ?? new Dictionary<string, string[]>()) Errors[field] = string.Join(" ", messages);
            if (refusal.Status == 409) Errors["username"] = refusal.Detail;
            else if (refusal.Errors is null) Refused = refusal.Detail;
            return Page();
        }
        Created = account;
        Link = link;
        return Page();
    }

    public string Invalid(string field) => Errors.ContainsKey(field) ? "is-invalid" : "";

    private async Task ChoicesAsync(CancellationToken ct)
    {
        RoleChoices = AccountRules.Grantable(me);
        Units = await UnitChoices.InScopeAsync(db, me, ct);
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Otop.Domain;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Users;

/// <summary>
/// <c>/Users</c>: the accounts of the caller's unit and below, for the department and for provinces: search by name or
/// user name, filter by unit, role and status, 50 a page; each with its last sign-in (BE, Bangkok time) and lockout.
/// </summary>
public sealed class IndexModel(AppDbContext db, CurrentUser me, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public string? Role { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public string? PageText { get; set; }

    public List<AccountRow> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public int Pages => Math.Max(1, (Total + AccountQueries.PageSize - 1) / AccountQueries.PageSize);
    public List<UnitChoice> Units { get; private set; } = [];
    public Dictionary<string, string> UnitNames { get; private set; } = [];
    public DateTimeOffset Now => clock.GetUtcNow();
    public CurrentUser Me => me;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!AccountRules.IsManager(me)) return Forbid();
        Units = await UnitChoices.InScopeAsync(db, me, ct);
        UnitNames = Units.ToDictionary(u => u.Code, u => u.Label);
        var unit = ThaiDigits.ToArabic(Unit?.Trim() ?? "");
        if (unit.Length == 0 || !UnitNames.ContainsKey(unit)) unit = me.Scope.Code;
        var role = Roles.All.Contains(Role) ? Role : null;
        bool? disabled = Status switch { "disabled" => true, "active" => false, _ => null };
        // A page number is whatever was typed: anything not a whole number from 1 reads as page 1, past the end as the last.
        PageNumber = int.TryParse(ThaiDigits.ToArabic(PageText ?? ""), out var p) && p > 0 ? p : 1;
        var filter = new AccountFilter(unit, role, Q, disabled);
        (_, Total) = await AccountQueries.ListAsync(db, filter, 0, 0, ct);
        PageNumber = Math.Min(PageNumber, Pages);
        (Rows, _) = await AccountQueries.ListAsync(db, filter, (PageNumber - 1) * AccountQueries.PageSize, AccountQueries.PageSize, ct);
        return Page();
    }

    public string PageLink(int page) =>
        "/Users?" + string.Join("&", new[] { ("q", Q), ("unit", Unit), ("role", Role), ("status", Status), ("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture)) }
            .Where(x => !string.IsNullOrEmpty(x.Item2)).Select(x => $"{x.Item1}={Uri.EscapeDataString(x.Item2!)}"));
}

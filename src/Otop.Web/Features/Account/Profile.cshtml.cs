using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Otop.Web.Features.Notifications;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Account;

/// <summary>The signed-in user's own page: who they are, where notices go (e-mail, LINE), and linking or unlinking LINE with a one-time code.</summary>
public sealed class ProfileModel(AppDbContext db, CurrentUser me, TimeProvider clock, IOptions<LineOptions> line) : PageModel
{
    public string? Email { get; private set; }
    public string UnitName { get; private set; } = "";
    public LineLink? Link { get; private set; }
    public bool LineEnabled => line.Value.Enabled;
    public string? LineAccount => line.Value.AccountId;
    /// <summary>The code just made: shown once, never stored in the clear.</summary>
    public string? Code { get; private set; }
    public DateTimeOffset? CodeExpires { get; private set; }
    public string? Error { get; private set; }
    [TempData] public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCodeAsync(CancellationToken ct)
    {
        if (!LineEnabled)
        {
            Error = "ระบบยังไม่ได้ตั้งค่า LINE จึงยังเชื่อมบัญชีไม่ได้";
            Response.StatusCode = 409;
        }
        else
        {
            var (code, refusal) = await LineLinking.NewCodeAsync(db, me, clock, ct);
            if (refusal is not null)
            {
                Error = refusal.Message;
                Response.StatusCode = refusal.Status;
            }
            else
            {
                Code = code;
                CodeExpires = clock.GetUtcNow() + LineLinking.Lifetime;
            }
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostUnlinkAsync(CancellationToken ct)
    {
        await LineLinking.UnlinkAsync(db, me, clock, ct);
        Message = "ยกเลิกการเชื่อมบัญชี LINE แล้ว";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var user = me.UserName;
        var row = await db.Users.AsNoTracking().Where(u => u.UserName == user).Select(u => new { u.Email, u.OrgUnitCode }).FirstOrDefaultAsync(ct);
        Email = row?.Email;
        UnitName = row is null ? "" : await db.OrgUnits.AsNoTracking().Where(o => o.Code == row.OrgUnitCode).Select(o => o.NameTh).FirstOrDefaultAsync(ct) ?? row.OrgUnitCode;
        Link = await db.LineLinks.AsNoTracking().FirstOrDefaultAsync(l => l.UserName == user, ct);
    }
}

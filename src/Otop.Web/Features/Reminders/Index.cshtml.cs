using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Reminders;

/// <summary>The user's reminders in the app (the same ones that are e-mailed when SMTP is configured), newest first.</summary>
public sealed class IndexModel(AppDbContext db, CurrentUser me, TimeProvider clock) : PageModel
{
    public List<Reminder> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var user = me.UserName;
        Rows = await db.Reminders.AsNoTracking().Where(r => r.Recipient == user)
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Take(200).ToListAsync(ct);
    }

    public async Task<IActionResult> OnPostReadAsync(CancellationToken ct)
    {
        var user = me.UserName;
        var now = clock.GetUtcNow();
        await db.Reminders.Where(r => r.Recipient == user && r.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(r => r.ReadAt, now), ct);
        return RedirectToPage();
    }

    public static string KindName(string kind) => kind switch
    {
        "missed" => "เลยกำหนดแล้ว",
        "escalated" => "ยังไม่ส่ง (แจ้งจังหวัด)",
        _ when kind.StartsWith("before-", StringComparison.Ordinal) => $"อีก {kind[7..]} วันครบกำหนด",
        _ => kind,
    };
}

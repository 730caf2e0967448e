using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Notifications;

/// <summary>The bell: the user's notices, newest first, unread highlighted; read one (opening it) or all, by POST.</summary>
public sealed class IndexModel(AppDbContext db, CurrentUser me, TimeProvider clock) : PageModel
{
    public List<Notice> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var user = me.UserName;
        Rows = await db.Notices.AsNoTracking().Include(n => n.Deliveries).Where(n => n.Recipient == user)
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(200).ToListAsync(ct);
    }

    /// <summary>All read.</summary>
    public async Task<IActionResult> OnPostReadAsync(CancellationToken ct)
    {
        var user = me.UserName;
        var now = clock.GetUtcNow();
        await db.Notices.Where(n => n.Recipient == user && n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
        return RedirectToPage();
    }

    /// <summary>One notice read, then its page: only the user's own, and only a link inside the site.</summary>
    public async Task<IActionResult> OnPostOpenAsync(int id, CancellationToken ct)
    {
        var user = me.UserName;
        var now = clock.GetUtcNow();
        var link = await db.Notices.Where(n => n.Id == id && n.Recipient == user).Select(n => n.Link).FirstOrDefaultAsync(ct);
        if (link is null) return NotFound();
        await db.Notices.Where(n => n.Id == id && n.Recipient == user && n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
        return LocalRedirect(Url.IsLocalUrl(link) ? link : "/Notifications");
    }

    public static string KindName(string kind) => kind switch
    {
        "month-returned" => "ส่งคืนแก้ไข",
        "month-unlocked" => "ปลดล็อก",
        "estimate-returned" => "ส่งคืนประมาณการ",
        "reminder" => "เตือนกำหนดส่ง",
        "revenue-forecast" => "เสี่ยงไม่ถึงเป้า",
        "line-linked" => "LINE",
        _ => "แจ้งเตือน",
    };

    public static string Channels(Notice n) => string.Join(" · ", n.Deliveries.Where(d => d.Status == DeliveryStatus.Sent)
        .Select(d => d.Channel == NoticeChannel.Email ? "ส่งอีเมลแล้ว" : "ส่ง LINE แล้ว"));
}

using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Notifications;

/// <summary>What a notice says: the title (one line), the body (the province's reason…) and a link inside the site.</summary>
public sealed record NoticeText(string Kind, string Key, string Title, string Body, string Link);

/// <summary>
/// Adds notices for the other features, inside their own unit of work: the caller's SaveChanges writes the change, the
/// bell notice and the outbox rows together, so a month is never returned without its notice, nor noticed without being
/// returned. Channels per user: the bell always, e-mail when the account has an address, LINE when it is linked.
/// </summary>
public static class Notices
{
    public const int TitleMax = 300, BodyMax = 2400;

    /// <summary>The district's officers and its head: "month returned", "month unlocked", "estimate returned".</summary>
    public static async Task AddForDistrictAsync(AppDbContext db, TimeProvider clock, string districtCode, NoticeText text, CancellationToken ct)
    {
        var users = await (from u in db.Users
                           join ur in db.UserRoles on u.Id equals ur.UserId
                           join r in db.Roles on ur.RoleId equals r.Id
                           where u.OrgUnitCode == districtCode && (r.Name == Roles.DistrictOfficer || r.Name == Roles.DistrictHead)
                           select u.UserName!).Distinct().ToListAsync(ct);
        await AddAsync(db, clock, users, text, email: true, ct);
    }

    /// <summary>
    /// Notices for the given users, skipping any who already have one with this key. <paramref name="email"/> false: the
    /// caller e-mails on its own (the reminders keep their own e-mail claim), so only the bell and LINE.
    /// </summary>
    public static async Task AddAsync(AppDbContext db, TimeProvider clock, IReadOnlyCollection<string> userNames, NoticeText text, bool email, CancellationToken ct)
    {
        if (userNames.Count == 0) return;
        var now = clock.GetUtcNow();
        var key = Cut(text.Key, 150);
        var already = await db.Notices.Where(n => n.Key == key && userNames.Contains(n.Recipient)).Select(n => n.Recipient).ToListAsync(ct);
        var people = await db.Users.Where(u => userNames.Contains(u.UserName!) && !already.Contains(u.UserName!))
            .Select(u => new { UserName = u.UserName!, u.Email, Line = db.Set<LineLink>().Where(l => l.UserName == u.UserName).Select(l => l.LineUserId).FirstOrDefault() })
            .ToListAsync(ct);
        foreach (var p in people)
        {
            var notice = new Notice
            {
                Recipient = p.UserName, Kind = text.Kind, Key = key, Title = PlainText.SingleLine(text.Title, TitleMax), Body = Cut(text.Body, BodyMax),
                Link = Cut(text.Link, 300), CreatedAt = now,
            };
            if (email && !string.IsNullOrWhiteSpace(p.Email)) notice.Deliveries.Add(Delivery(NoticeChannel.Email, p.Email, now));
            if (!string.IsNullOrEmpty(p.Line)) notice.Deliveries.Add(Delivery(NoticeChannel.Line, p.Line, now));
            db.Notices.Add(notice);
        }
    }

    private static NoticeDelivery Delivery(NoticeChannel channel, string address, DateTimeOffset now) =>
        new() { Channel = channel, Address = Cut(address, 256), Status = DeliveryStatus.Pending, NextAttemptAt = now };

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..max];
}

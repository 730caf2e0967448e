using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Platform.Audit;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.Notifications;

/// <summary>
/// Linking an Otop account to LINE: the officer asks for a one-time code on the profile page (8 characters from an
/// alphabet without look-alikes, 15 minutes, only its SHA-256 stored, a new one replaces the old, at most
/// <see cref="PerHour"/> an hour) and sends it to the official account; the webhook links the sender's LINE userId.
/// </summary>
public static partial class LineLinking
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);
    public const int PerHour = 5;
    public const int Length = 8;
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static async Task<(string? Code, Refusal? Refusal)> NewCodeAsync(AppDbContext db, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var hourAgo = now.AddHours(-1);
        var user = me.UserName;
        if (await db.LineLinkCodes.CountAsync(c => c.UserName == user && c.CreatedAt > hourAgo, ct) >= PerHour)
        {
            return (null, new Refusal(429, $"ขอรหัสได้ไม่เกิน {PerHour} ครั้งต่อชั่วโมง กรุณาลองใหม่ภายหลัง"));
        }
        // Only the newest code works: the earlier ones end now.
        await db.LineLinkCodes.Where(c => c.UserName == user && c.UsedAt == null && c.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ExpiresAt, now), ct);
        var code = RandomNumberGenerator.GetString(Alphabet, Length);
        db.LineLinkCodes.Add(new LineLinkCode { UserName = user, CodeHash = Hash(code), CreatedAt = now, ExpiresAt = now + Lifetime });
        AuditLog.Record(db, me, clock, "line-link", user, "code", reason: "ขอรหัสเชื่อมบัญชี LINE", provinceCode: ProvinceOf(me.Scope.Code));
        await db.SaveChangesAsync(ct);
        return (code, null);
    }

    /// <summary>A code in a LINE message as people type it: any case, spaces or a dash in the middle ("abcd-2345").</summary>
    public static string? CodeIn(string text)
    {
        var compact = Regex.Replace(text.ToUpperInvariant(), @"[\s\-]", "");
        var m = CodePattern().Match(compact);
        return m.Success ? m.Value : null;
    }

    /// <summary>Links the LINE user who sent a valid code; false when the code is unknown, used or expired.</summary>
    public static async Task<bool> LinkAsync(AppDbContext db, TimeProvider clock, string code, string lineUserId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var hash = Hash(code);
        var found = await db.LineLinkCodes.FirstOrDefaultAsync(c => c.CodeHash == hash && c.UsedAt == null && c.ExpiresAt > now, ct);
        if (found is null) return false;
        var user = await (from u in db.Users
                          join ur in db.UserRoles on u.Id equals ur.UserId
                          join r in db.Roles on ur.RoleId equals r.Id
                          where u.UserName == found.UserName && u.DisabledAt == null
                          select new { u.UserName, u.DisplayName, Role = r.Name, u.OrgUnitCode }).FirstOrDefaultAsync(ct);
        if (user is null) return false;
        found.UsedAt = now;
        var link = await db.LineLinks.FirstOrDefaultAsync(l => l.UserName == found.UserName, ct);
        var old = link is null ? null : new { lineUserId = Mask(link.LineUserId) };
        if (link is null) db.LineLinks.Add(link = new LineLink { UserName = found.UserName, LineUserId = lineUserId, LinkedAt = now });
        else { link.LineUserId = lineUserId; link.LinkedAt = now; }
        var by = new CurrentUser(user.UserName!, user.DisplayName, user.Role!, new OrgScope(user.OrgUnitCode));
        AuditLog.Record(db, by, clock, "line-link", found.UserName, "link", old, new { lineUserId = Mask(lineUserId) }, "เชื่อมบัญชี LINE ด้วยรหัสครั้งเดียว", ProvinceOf(user.OrgUnitCode));
        await db.SaveChangesAsync(ct);
        // A confirmation by LINE itself, now that the link is stored (the notice reads the user's channels from the database).
        await Notices.AddAsync(db, clock, [found.UserName], new NoticeText("line-linked", $"line-linked/{now.ToUnixTimeMilliseconds()}",
            "เชื่อมบัญชี LINE กับระบบ OTOP แล้ว", "จากนี้ระบบจะแจ้งเตือนกำหนดส่งและการส่งคืนข้อมูลทาง LINE ด้วย", "/Account/Profile"), email: false, ct);
        await db.SaveChangesAsync(ct);
        return true;
    }

    public static async Task UnlinkAsync(AppDbContext db, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var user = me.UserName;
        var link = await db.LineLinks.FirstOrDefaultAsync(l => l.UserName == user, ct);
        if (link is null) return;
        db.LineLinks.Remove(link);
        // What was queued for that LINE account is not sent to it any more.
        await db.NoticeDeliveries.Where(d => d.Channel == NoticeChannel.Line && d.Status == DeliveryStatus.Pending && d.Notice.Recipient == user)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Skipped).SetProperty(d => d.LastError, "unlinked"), ct);
        AuditLog.Record(db, me, clock, "line-link", user, "unlink", new { lineUserId = Mask(link.LineUserId) }, null, "ยกเลิกการเชื่อมบัญชี LINE", ProvinceOf(me.Scope.Code));
        await db.SaveChangesAsync(ct);
    }

    public static string Hash(string code) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code)));

    /// <summary>The audit shows which LINE account, not the whole id: "U1234…cdef".</summary>
    public static string Mask(string lineUserId) => lineUserId.Length <= 9 ? "…" : $"{lineUserId[..5]}…{lineUserId[^4..]}";

    private static string? ProvinceOf(string unit) => unit.Length >= 2 && unit != "-" && unit != "0" ? unit[..2] : null;

    [GeneratedRegex("[A-HJ-NP-Z2-9]{8}")]
    private static partial Regex CodePattern();
}

using Microsoft.EntityFrameworkCore;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Registry;

/// <summary>The sales channels a listing names (letter 1: the online markets counted); inserts only what is missing.</summary>
public sealed class SalesChannelReference : IDatabaseStartupStep
{
    public static readonly SalesChannel[] Channels =
    [
        new() { Code = "shopee", NameTh = "ช้อปปี้ (Shopee)", NameEn = "Shopee", SortOrder = 1 },
        new() { Code = "lazada", NameTh = "ลาซาด้า (Lazada)", NameEn = "Lazada", SortOrder = 2 },
        new() { Code = "facebook", NameTh = "เฟซบุ๊ก (Facebook)", NameEn = "Facebook", SortOrder = 3 },
        new() { Code = "line", NameTh = "ไลน์ (LINE / LINE Shopping)", NameEn = "LINE", SortOrder = 4 },
        new() { Code = "tiktok", NameTh = "ติ๊กต็อก (TikTok Shop)", NameEn = "TikTok", SortOrder = 5 },
        new() { Code = "instagram", NameTh = "อินสตาแกรม (Instagram)", NameEn = "Instagram", SortOrder = 6 },
        new() { Code = "website", NameTh = "เว็บไซต์ของผู้ประกอบการ", NameEn = "Own website", SortOrder = 7 },
        new() { Code = "other", NameTh = "อื่น ๆ", NameEn = "Other", SortOrder = 99 },
    ];

    public int Order => 0;

    public async Task RunAsync(IServiceProvider services, AppDbContext db, CancellationToken ct)
    {
        var channels = (await db.SalesChannels.Select(c => c.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        db.SalesChannels.AddRange(Channels.Where(c => !channels.Contains(c.Code))
            .Select(c => new SalesChannel { Code = c.Code, NameTh = c.NameTh, NameEn = c.NameEn, SortOrder = c.SortOrder }));
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }
}

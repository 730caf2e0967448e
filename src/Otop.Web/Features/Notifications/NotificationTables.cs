using Microsoft.EntityFrameworkCore;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Notifications;

/// <summary>The tables of this feature, read as <c>db.X</c> like the platform's own (the context itself knows no feature).</summary>
public static class NotificationTables
{
    extension(AppDbContext db)
    {
        public DbSet<Notice> Notices => db.Set<Notice>();
        public DbSet<NoticeDelivery> NoticeDeliveries => db.Set<NoticeDelivery>();
        public DbSet<LineLink> LineLinks => db.Set<LineLink>();
        public DbSet<LineLinkCode> LineLinkCodes => db.Set<LineLinkCode>();
        public DbSet<LineWebhookEvent> LineWebhookEvents => db.Set<LineWebhookEvent>();
    }
}

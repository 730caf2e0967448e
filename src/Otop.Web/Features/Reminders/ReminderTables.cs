using Microsoft.EntityFrameworkCore;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Reminders;

/// <summary>The tables of this feature, read as <c>db.X</c> like the platform's own (the context itself knows no feature).</summary>
public static class ReminderTables
{
    extension(AppDbContext db)
    {
        public DbSet<Reminder> Reminders => db.Set<Reminder>();
    }
}

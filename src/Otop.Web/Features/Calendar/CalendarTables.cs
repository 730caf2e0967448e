using Microsoft.EntityFrameworkCore;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Calendar;

/// <summary>The tables of this feature, read as <c>db.X</c> like the platform's own (the context itself knows no feature).</summary>
public static class CalendarTables
{
    extension(AppDbContext db)
    {
        public DbSet<CalendarFeedToken> CalendarFeedTokens => db.Set<CalendarFeedToken>();
    }
}

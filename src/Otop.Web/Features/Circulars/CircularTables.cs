using Microsoft.EntityFrameworkCore;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Circulars;

/// <summary>The tables of this feature, read as <c>db.X</c> like the platform's own (the context itself knows no feature).</summary>
public static class CircularTables
{
    extension(AppDbContext db)
    {
        public DbSet<Circular> Circulars => db.Set<Circular>();
        public DbSet<CircularRecipient> CircularRecipients => db.Set<CircularRecipient>();
        public DbSet<CircularEnclosure> CircularEnclosures => db.Set<CircularEnclosure>();
        public DbSet<CircularTask> CircularTasks => db.Set<CircularTask>();
        public DbSet<TaskAssignment> TaskAssignments => db.Set<TaskAssignment>();
        public DbSet<CircularCorrection> CircularCorrections => db.Set<CircularCorrection>();
    }
}

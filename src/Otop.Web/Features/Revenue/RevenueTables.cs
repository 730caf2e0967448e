using Microsoft.EntityFrameworkCore;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Revenue;

/// <summary>The tables of this feature, read as <c>db.X</c> like the platform's own (the context itself knows no feature).</summary>
public static class RevenueTables
{
    extension(AppDbContext db)
    {
        public DbSet<FiscalYearSetting> FiscalYearSettings => db.Set<FiscalYearSetting>();
        public DbSet<RevenueMonth> RevenueMonths => db.Set<RevenueMonth>();
        public DbSet<RevenueEntry> RevenueEntries => db.Set<RevenueEntry>();
        public DbSet<RevenueEstimate> RevenueEstimates => db.Set<RevenueEstimate>();
        public DbSet<RevenueEstimateLine> RevenueEstimateLines => db.Set<RevenueEstimateLine>();
        public DbSet<RevenueFile> RevenueFiles => db.Set<RevenueFile>();
        public DbSet<RevenueTargetPublication> RevenueTargetPublications => db.Set<RevenueTargetPublication>();
        public DbSet<PublishedBaseline> PublishedBaselines => db.Set<PublishedBaseline>();
    }
}

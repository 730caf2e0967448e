using Microsoft.EntityFrameworkCore;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.OnlineMarket;

/// <summary>The tables of this feature, read as <c>db.X</c> like the platform's own (the context itself knows no feature).</summary>
public static class OnlineMarketTables
{
    extension(AppDbContext db)
    {
        public DbSet<PublishedTarget> PublishedTargets => db.Set<PublishedTarget>();
        public DbSet<ReadinessSurvey> ReadinessSurveys => db.Set<ReadinessSurvey>();
        public DbSet<ReadinessAnswer> ReadinessAnswers => db.Set<ReadinessAnswer>();
        public DbSet<ListingEvidence> ListingEvidence => db.Set<ListingEvidence>();
        public DbSet<ProductCount> ProductCounts => db.Set<ProductCount>();
        public DbSet<ProductCountState> ProductCountStates => db.Set<ProductCountState>();
        public DbSet<ResultReportSubmission> ResultReportSubmissions => db.Set<ResultReportSubmission>();
    }
}

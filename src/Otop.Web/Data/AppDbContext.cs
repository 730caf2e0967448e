using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Otop.Web.Data;

public sealed class AppDbContext(DbContextOptions<AppDbContext> options) : IdentityDbContext<AppUser>(options)
{
    public DbSet<OrgUnit> OrgUnits => Set<OrgUnit>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Entrepreneur> Entrepreneurs => Set<Entrepreneur>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<SalesChannel> SalesChannels => Set<SalesChannel>();
    public DbSet<OnlineListing> OnlineListings => Set<OnlineListing>();
    public DbSet<Indicator> Indicators => Set<Indicator>();
    public DbSet<IndicatorRound> IndicatorRounds => Set<IndicatorRound>();
    public DbSet<IndicatorBand> IndicatorBands => Set<IndicatorBand>();
    public DbSet<FiscalYearSetting> FiscalYearSettings => Set<FiscalYearSetting>();
    public DbSet<RevenueMonth> RevenueMonths => Set<RevenueMonth>();
    public DbSet<RevenueEntry> RevenueEntries => Set<RevenueEntry>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<RegistryCheck> RegistryChecks => Set<RegistryCheck>();
    public DbSet<PublishedTarget> PublishedTargets => Set<PublishedTarget>();
    public DbSet<ReadinessSurvey> ReadinessSurveys => Set<ReadinessSurvey>();
    public DbSet<ReadinessAnswer> ReadinessAnswers => Set<ReadinessAnswer>();
    public DbSet<ListingEvidence> ListingEvidence => Set<ListingEvidence>();
    public DbSet<RevenueEstimate> RevenueEstimates => Set<RevenueEstimate>();
    public DbSet<RevenueEstimateLine> RevenueEstimateLines => Set<RevenueEstimateLine>();
    public DbSet<RevenueFile> RevenueFiles => Set<RevenueFile>();
    public DbSet<IssuedDocument> IssuedDocuments => Set<IssuedDocument>();
    public DbSet<Circular> Circulars => Set<Circular>();
    public DbSet<CircularRecipient> CircularRecipients => Set<CircularRecipient>();
    public DbSet<CircularEnclosure> CircularEnclosures => Set<CircularEnclosure>();
    public DbSet<CircularTask> CircularTasks => Set<CircularTask>();
    public DbSet<TaskAssignment> TaskAssignments => Set<TaskAssignment>();
    public DbSet<CircularCorrection> CircularCorrections => Set<CircularCorrection>();
    public DbSet<Reminder> Reminders => Set<Reminder>();
    public DbSet<CalendarFeedToken> CalendarFeedTokens => Set<CalendarFeedToken>();
    public DbSet<ProductCount> ProductCounts => Set<ProductCount>();
    public DbSet<ProductCountState> ProductCountStates => Set<ProductCountState>();

    public bool IsSqlite => Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite";

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare or order DateTimeOffset stored as text; binary ticks keep order and are exact.
        if (IsSqlite)
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
        configurationBuilder.Properties<decimal>().HavePrecision(14, 2);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

        if (!IsSqlite)
        {
            // Thai names sort in Thai order on PostgreSQL (ICU); SQLite sorts by code point.
            builder.HasCollation("th_icu", locale: "th-TH-u-kn-true", provider: "icu", deterministic: true);
            foreach (var (entity, property) in ThaiSortedColumns)
            {
                builder.Entity(entity).Property(property).UseCollation("th_icu");
            }
        }
    }

    private static readonly (Type Entity, string Property)[] ThaiSortedColumns =
    [
        (typeof(Entrepreneur), nameof(Entrepreneur.Name)),
        (typeof(Product), nameof(Product.Name)),
    ];
}

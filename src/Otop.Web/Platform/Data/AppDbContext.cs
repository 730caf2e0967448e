using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Otop.Web.Platform.Audit;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Documents;

namespace Otop.Web.Platform.Data;

public sealed class AppDbContext(DbContextOptions<AppDbContext> options) : IdentityDbContext<AppUser>(options)
{
    public DbSet<OrgUnit> OrgUnits => Set<OrgUnit>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AuditCheckpoint> AuditCheckpoints => Set<AuditCheckpoint>();
    public DbSet<IssuedDocument> IssuedDocuments => Set<IssuedDocument>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();

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
            foreach (var property in builder.Model.GetEntityTypes().SelectMany(t => t.GetDeclaredProperties())
                         .Where(p => p.FindAnnotation(ThaiSorted.Annotation) is not null))
            {
                property.SetCollation("th_icu");
            }
        }
    }

}

/// <summary>A text column that lists sort by in Thai order (PostgreSQL's ICU collation; SQLite sorts by code point).</summary>
public static class ThaiSorted
{
    public const string Annotation = "Otop:ThaiSorted";

    public static PropertyBuilder<string> IsThaiSorted(this PropertyBuilder<string> property) =>
        property.HasAnnotation(Annotation, true);
}

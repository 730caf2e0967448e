using Microsoft.EntityFrameworkCore;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Registry;

/// <summary>The tables of this feature, read as <c>db.X</c> like the platform's own (the context itself knows no feature).</summary>
public static class RegistryTables
{
    extension(AppDbContext db)
    {
        public DbSet<Entrepreneur> Entrepreneurs => db.Set<Entrepreneur>();
        public DbSet<Product> Products => db.Set<Product>();
        public DbSet<SalesChannel> SalesChannels => db.Set<SalesChannel>();
        public DbSet<OnlineListing> OnlineListings => db.Set<OnlineListing>();
        public DbSet<RegistryCheck> RegistryChecks => db.Set<RegistryCheck>();
    }
}

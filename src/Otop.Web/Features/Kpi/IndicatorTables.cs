using Microsoft.EntityFrameworkCore;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Kpi;

/// <summary>The tables of this feature, read as <c>db.X</c> like the platform's own (the context itself knows no feature).</summary>
public static class IndicatorTables
{
    extension(AppDbContext db)
    {
        public DbSet<Indicator> Indicators => db.Set<Indicator>();
        public DbSet<IndicatorRound> IndicatorRounds => db.Set<IndicatorRound>();
        public DbSet<IndicatorBand> IndicatorBands => db.Set<IndicatorBand>();
    }
}

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

        /// <summary>The latest fiscal year with an indicator of this kind: the year a page opens on when none is asked for.</summary>
        public Task<int?> LatestFiscalYearAsync(IndicatorKind kind, CancellationToken ct) =>
            db.Indicators.AsNoTracking().Where(i => i.Kind == kind)
                .OrderByDescending(i => i.FiscalYear).Select(i => (int?)i.FiscalYear).FirstOrDefaultAsync(ct);
    }
}

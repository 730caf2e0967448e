using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Revenue;

public static class MonthlyCycles
{
    /// <summary>The month cycle of the fiscal year that contains <paramref name="month"/>; letter 2's days when none is configured.</summary>
    public static async Task<MonthlyCycle> CycleForAsync(this AppDbContext db, YearMonth month, CancellationToken ct)
    {
        var fiscalYear = month.FiscalYear;
        var setting = await db.FiscalYearSettings.AsNoTracking().FirstOrDefaultAsync(s => s.FiscalYear == fiscalYear, ct);
        return Of(setting);
    }

    /// <summary>A fiscal year's configured cycle, or letter 2's days when it has none.</summary>
    public static MonthlyCycle Of(FiscalYearSetting? setting) => setting?.ToCycle() ?? MonthlyCycle.Default;

    /// <summary>The month being finished: the previous one until the close of its cycle, then the current one (Bangkok).</summary>
    public static async Task<YearMonth> ReportMonthAsync(this AppDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var today = Bangkok.Today(now);
        var current = YearMonth.Of(today);
        var cycle = await db.CycleForAsync(current.Previous(), ct);
        return today.Day < cycle.CloseFromDay ? current.Previous() : current;
    }
}

using Otop.Domain;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Writes;

namespace Otop.Web.Features.Revenue;

/// <summary>The close days of the fiscal year of the month being compiled (the close of the 6th compiles the month before).</summary>
internal sealed class FiscalYearCloseCalendar(AppDbContext db) : ICloseCalendar
{
    public Task<MonthlyCycle> CycleAtAsync(DateTimeOffset now, CancellationToken ct) =>
        db.CycleForAsync(DistrictWriteRule.CompiledMonth(now), ct);
}

using Microsoft.EntityFrameworkCore;
using Otop.Web.Features.Kpi;
using Otop.Web.Platform.Audit;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Revenue;

/// <summary>
/// A new fiscal year takes the month cycle days (confirm by, close from, reopen: DOMAIN.md, "configuration per fiscal
/// year") and the estimate's due date (letter 2, clause 2) of the year it is copied from, the date moved by the years
/// between; edited afterwards on <c>/Revenue/Calendar</c>. A year that already has its own days keeps them.
/// </summary>
public sealed class FiscalYearSettingCopy : IFiscalYearCopyStep
{
    public async Task<string?> CopyAsync(AppDbContext db, CurrentUser me, TimeProvider clock, int from, int to, CancellationToken ct)
    {
        var source = await db.FiscalYearSettings.AsNoTracking().FirstOrDefaultAsync(s => s.FiscalYear == from, ct);
        if (source is null || await db.FiscalYearSettings.AnyAsync(s => s.FiscalYear == to, ct)) return null;
        var copy = new FiscalYearSetting
        {
            FiscalYear = to, ConfirmByDay = source.ConfirmByDay, CloseFromDay = source.CloseFromDay, ReopenDay = source.ReopenDay,
            EstimateDueDate = source.EstimateDueDate?.AddYears(to - from), Version = 1,
        };
        db.FiscalYearSettings.Add(copy);
        AuditLog.Record(db, me, clock, "fiscal-year-setting", to.ToString(System.Globalization.CultureInfo.InvariantCulture), "copy", null,
            new { from, copy.ConfirmByDay, copy.CloseFromDay, copy.ReopenDay, copy.EstimateDueDate, copy.Version });
        return "วันยืนยัน ปิด และเปิดระบบของแต่ละเดือน" + (copy.EstimateDueDate is null ? "" : " และกำหนดส่งประมาณการรายได้");
    }
}

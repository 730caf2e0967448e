using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Kpi;

/// <summary>The department's indicators per fiscal year: data, not code, since they change every year.</summary>
public sealed class IndicatorsModel(AppDbContext db, CurrentUser me) : PageModel
{
    public List<Indicator> Indicators { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!me.IsDepartmentAdmin) return Forbid();
        Indicators = await db.Indicators.AsNoTracking().Include(i => i.Rounds).ThenInclude(r => r.Bands)
            .OrderByDescending(i => i.FiscalYear).ThenBy(i => i.Code).ToListAsync(ct);
        return Page();
    }

    public static string KindName(IndicatorKind kind) => kind switch
    {
        IndicatorKind.OnlineMarketShare => "สัดส่วนผลิตภัณฑ์ที่จำหน่ายในตลาดออนไลน์",
        IndicatorKind.RevenueIncrease => "ร้อยละที่เพิ่มขึ้นของรายได้",
        _ => kind.ToString(),
    };
}

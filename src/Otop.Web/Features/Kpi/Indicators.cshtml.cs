using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Kpi;

/// <summary>The department's indicators per fiscal year: data, not code, since they change every year.</summary>
public sealed class IndicatorsModel(AppDbContext db, CurrentUser me, TimeProvider clock, IEnumerable<IFiscalYearCopyStep> copySteps) : PageModel
{
    public List<Indicator> Indicators { get; private set; } = [];
    public string? CopyError { get; private set; }
    public string? CopyMessage { get; private set; }
    [BindProperty] public string? FromYear { get; set; }
    [BindProperty] public string? ToYear { get; set; }

    /// <summary>Issue 16, item 1: a new fiscal year starts as a copy of another's indicators (bands, scoring, rounds, due dates moved by the years between), then is edited.</summary>
    public async Task<IActionResult> OnPostCopyAsync(CancellationToken ct)
    {
        if (!me.IsDepartmentAdmin) return Forbid();
        var from = int.TryParse(Otop.Domain.ThaiDigits.ToArabic(FromYear ?? ""), out var f) ? f : 0;
        var to = int.TryParse(Otop.Domain.ThaiDigits.ToArabic(ToYear ?? ""), out var t) ? t : 0;
        var (copied, alsoCopied, refusal) = await IndicatorCopy.CopyAsync(db, me, clock, from, to, copySteps, ct);
        if (refusal is not null)
        {
            Response.StatusCode = refusal.Status;
            CopyError = refusal.Message;
        }
        else CopyMessage = $"คัดลอกตัวชี้วัด {copied} รายการจากปี {from} ไปปี {to} แล้ว"
            + string.Concat(alsoCopied.Select(a => $" พร้อม{a}"))
            + " แก้ไขเกณฑ์และวันกำหนดส่งได้ในแต่ละตัวชี้วัด";
        return await OnGetAsync(ct);
    }

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

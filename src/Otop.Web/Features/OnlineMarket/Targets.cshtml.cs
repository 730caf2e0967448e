using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Otop.Web.Features.Kpi;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.OnlineMarket;

/// <summary>
/// Letter 1, enclosure 1: the district target table in the letter's layout (print view), downloads, and publishing; for the
/// department also the nation (province 0: every district of the country, the API's national table, issue 17 item 7).
/// </summary>
public sealed class TargetsModel(AppDbContext db, CurrentUser me, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, BinderType = typeof(FiscalYearBinder))] public int? FiscalYear { get; set; }
    [BindProperty(SupportsGet = true)] public int? Round { get; set; }
    [BindProperty(SupportsGet = true)] public string? Province { get; set; }

    public OnlineMarketRound? Om { get; private set; }
    public TargetTable? Table { get; private set; }
    public string ProvinceName { get; private set; } = "";
    public string? Error { get; private set; }
    public string? Message { get; private set; }
    public bool CanPublish { get; private set; }
    public CurrentUser Me => me;
    public bool IsNational => Province == OrgUnit.DepartmentCode;
    /// <summary>The department's province picker, "ทั้งประเทศ" first.</summary>
    public List<(string Code, string NameTh)> Provinces { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnGetFileAsync(string format, CancellationToken ct)
    {
        var (om, province, _) = await OnlineMarketSelection.ResolveAsync(db, me, FiscalYear, Round, Province, ct, nation: true);
        if (om is null) return NotFound();
        // One code path for every report file: the reports feature's download (docs/decisions/006-documents.md).
        return Redirect($"/Reports/Download/online-market-targets?fiscalYear={om.Indicator.FiscalYear}&round={om.Round.Round}&province={province}&format={(format == "xlsx" ? "xlsx" : "csv")}");
    }

    public async Task<IActionResult> OnPostPublishAsync(bool republish, CancellationToken ct)
    {
        var (om, province, refusal) = await OnlineMarketSelection.ResolveAsync(db, me, FiscalYear, Round, Province, ct);
        if (!OnlineMarketKpi.CanPublish(me, province)) return Forbid();
        var error = refusal?.Message;
        if (om is not null)
        {
            error = (await OnlineMarketApi.PublishAsync(db, me, clock, om, province, republish, ct))?.Message;
            Message = error is null ? "ประกาศค่าเป้าหมายแล้ว ตัวเลขผลิตภัณฑ์ถูกบันทึกไว้ ณ เวลานี้" : null;
        }
        else error ??= "ท่านไม่มีสิทธิ์ประกาศค่าเป้าหมายของจังหวัดนี้";
        await LoadAsync(ct);
        Error ??= error;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var (om, province, refusal) = await OnlineMarketSelection.ResolveAsync(db, me, FiscalYear, Round, Province, ct, nation: true);
        Error = refusal?.Message;
        Om = om;
        Province = province;
        if (me.Scope.IsDepartment) Provinces = await db.ProvincesAsync(ct);
        if (om is null) return;
        FiscalYear = om.Indicator.FiscalYear;
        Round = om.Round.Round;
        Table = await OnlineMarketKpi.TargetsAsync(db, om, province, ct);
        // The nation is read, not published: each province publishes its own districts.
        ProvinceName = IsNational ? "ทั้งประเทศ" : await OnlineMarketSelection.ProvinceNameAsync(db, province, ct);
        CanPublish = !IsNational && OnlineMarketKpi.CanPublish(me, province);
    }
}

using Otop.Web.Platform.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Kpi;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Revenue;

/// <summary>
/// Letter 2, enclosures 1 and 2: a province's revenue target table for a round, in the letter's layout (print view),
/// downloads, and publishing; for the department also the nation's table, one row per province (province 0, issue 17 item 7).
/// </summary>
public sealed class TargetsModel(AppDbContext db, CurrentUser me, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, BinderType = typeof(FiscalYearBinder))] public int? FiscalYear { get; set; }
    [BindProperty(SupportsGet = true)] public int? Round { get; set; }
    [BindProperty(SupportsGet = true)] public string? Province { get; set; }

    public RevenueTargetsResult? Table { get; private set; }
    /// <summary>The nation's table (province 0): one row per province, no publishing.</summary>
    public NationalRevenueTargets? National { get; private set; }
    /// <summary>The department's province picker, "ทั้งประเทศ" first.</summary>
    public List<(string Code, string NameTh)> Provinces { get; private set; } = [];
    public string ProvinceName { get; private set; } = "";
    public string? Error { get; private set; }
    public string? Message { get; private set; }
    public bool CanPublish { get; private set; }
    /// <summary>The rounds the year's revenue indicator has (issue 16, item 1: rounds come from the indicator, not the page).</summary>
    public List<int> Rounds { get; private set; } = [];
    public CurrentUser Me => me;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostPublishAsync(bool republish, CancellationToken ct)
    {
        await DefaultsAsync(ct);
        if (!RevenuePublications.CanPublish(me, Province ?? "")) return Forbid();
        var province = Province;
        var refusal = RevenueRound.CheckQuery(me, FiscalYear, Round, ref province);
        if (refusal is null)
        {
            var (plan, missing) = await RevenueRound.FindAsync(db, FiscalYear!.Value, Round!.Value, ct);
            refusal = plan is null ? missing : await RevenuePublications.PublishAsync(db, me, clock, plan, province!, republish, ct);
        }
        await LoadAsync(ct);
        if (refusal is not null) Error = refusal.Message;
        else Message = "ประกาศค่าเป้าหมายแล้ว รายได้ฐานของทุกอำเภอถูกบันทึกไว้ ณ เวลานี้ ผลการประเมินรอบนี้จะเทียบกับฐานที่ประกาศ";
        return Page();
    }

    private async Task DefaultsAsync(CancellationToken ct)
    {
        Province = !string.IsNullOrWhiteSpace(Province) ? Province.Trim()
            : me.Scope.ProvinceCode ?? await DefaultProvince.FirstWithDataAsync(db, db.RevenueMonths.AsNoTracking(), ct) ?? "";
        FiscalYear ??= await db.LatestFiscalYearAsync(IndicatorKind.RevenueIncrease, ct);
        Rounds = FiscalYear is { } fy
            ? await db.IndicatorRounds.AsNoTracking().Where(r => r.Indicator.FiscalYear == fy && r.Indicator.Kind == IndicatorKind.RevenueIncrease)
                .Select(r => r.Round).OrderBy(r => r).ToListAsync(ct)
            : [];
        Round ??= Rounds.FirstOrDefault(1);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        await DefaultsAsync(ct);
        if (FiscalYear is null)
        {
            Error = "ยังไม่มีตัวชี้วัดรายได้ในระบบ";
            return;
        }
        var province = Province;
        if (RevenueRound.CheckQuery(me, FiscalYear, Round, ref province) is { } bad)
        {
            Error = bad.Errors?.Values.SelectMany(v => v).FirstOrDefault() ?? bad.Message;
            return;
        }
        if (me.Scope.IsDepartment) Provinces = await db.ProvincesAsync(ct);
        if (province == OrgUnit.DepartmentCode)
        {
            var (nation, why) = await RevenueTargetTable.ByProvinceAsync(db, me, FiscalYear.Value, Round!.Value, ct);
            (National, Error, ProvinceName) = (nation, why?.Message, "ทั้งประเทศ");
            return;
        }
        var (table, refusal) = await RevenueTargetTable.ComputeAsync(db, me, FiscalYear.Value, Round!.Value, province!, ct);
        (Table, Error) = (table, refusal?.Message);
        ProvinceName = await db.OrgUnits.AsNoTracking().Where(o => o.Code == province).Select(o => o.NameTh).FirstOrDefaultAsync(ct) ?? province!;
        CanPublish = RevenuePublications.CanPublish(me, province!);
    }

    public static string Money(decimal d) => d.ToString("#,##0.00", System.Globalization.CultureInfo.InvariantCulture);

    public static string Thai(string month) => YearMonth.TryParse(month, out var m) ? RevenueMonth.ThaiMonth(m) : month;
}

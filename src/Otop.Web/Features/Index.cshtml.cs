using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Compilation;
using Otop.Web.Features.Home;
using Otop.Web.Features.Revenue;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features;

/// <summary>
/// Home: who I am, my unit, what is due (letter 2's month cycle, in Bangkok time, in deadline order) and each role's next
/// step (issue 15, item 5): a district its months, scans and tasks; a province its queue of confirmed months, approved
/// or returned from here through the same commands as the API (RevenueMonthCommands); the department national progress.
/// </summary>
public sealed class IndexModel(AppDbContext db, CurrentUser me, TimeProvider clock, CompilationMetrics metrics) : PageModel
{
    public CurrentUser Me => me;
    public string UnitName { get; private set; } = "";
    public string? ParentName { get; private set; }
    public DateTimeOffset Now { get; private set; }
    public YearMonth CurrentMonth { get; private set; }
    public YearMonth ReportMonth { get; private set; }
    public bool CompilationClosed { get; private set; }
    public List<DueItem> Due { get; } = [];
    public List<MonthProgress> Progress { get; } = [];
    public List<DistrictSteps.Step> Steps { get; private set; } = [];
    public List<QueueRow> Queue { get; } = [];
    public List<NationalProgress.Row> National { get; private set; } = [];
    public NationalProgress.Row? NationalTotal { get; private set; }
    /// <summary>The department's: the report month's latest compilation, or when the scheduler compiles it (00:00 on the close day).</summary>
    public NationalCompilation? Compiled { get; private set; }
    public DateTimeOffset CompileDueAt { get; private set; }
    public string? Message { get; private set; }

    /// <summary>A queue item, with the Thai reason its actions are not offered now (the close), and the refusal of a failed post.</summary>
    public sealed record QueueRow(ProvinceQueue.Item Item, string? Blocked, string? Error, string? TypedReason);

    /// <summary>The queue's forms: which month, the version the province read, and the reason of a return.</summary>
    [BindProperty] public string? District { get; set; }
    [BindProperty] public string? Month { get; set; }
    [BindProperty] public int Version { get; set; }
    [BindProperty] public string? Reason { get; set; }

    /// <summary>Something due by <paramref name="By"/> (exclusive: 00:00 Bangkok of the day after the last day).</summary>
    public sealed record DueItem(string What, DateTimeOffset By, bool Missed, bool Done, string? When = null)
    {
        public DateOnly LastDay => Bangkok.Today(By.AddTicks(-1));
    }

    public sealed record MonthProgress(string DistrictCode, string DistrictName, string Status, bool Late);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Message = TempData["HomeMessage"] as string;
        await LoadAsync(null, ct);
    }

    public Task<IActionResult> OnPostApproveAsync(CancellationToken ct) => ActAsync(RevenueAction.Approve, ct);

    public Task<IActionResult> OnPostReturnAsync(CancellationToken ct) => ActAsync(RevenueAction.Return, ct);

    /// <summary>"รวบรวมอีกครั้ง": the department compiles the month again through the API's own command; earlier compilations stay.</summary>
    public async Task<IActionResult> OnPostCompileAsync(CancellationToken ct)
    {
        var (compilation, refusal) = await CompilationCommands.CompileOnDemandAsync(db, me, clock, metrics, Month, ct);
        if (refusal is { Status: 403 }) return Forbid();
        if (refusal is not null) return this.Refuse(refusal.Status, refusal.Detail);
        TempData["HomeMessage"] = $"รวบรวมผลเดือน{ThaiDates.FormatMonth(int.Parse(compilation!.Month[..4]), int.Parse(compilation.Month[5..]))} ระดับประเทศแล้ว เมื่อ {ThaiDates.FormatDateTime(compilation.CompiledAt)}";
        return RedirectToPage();
    }

    private async Task<IActionResult> ActAsync(RevenueAction action, CancellationToken ct)
    {
        var (_, refusal) = await RevenueMonthCommands.TransitionAsync(db, me, clock, District ?? "", Month ?? "", action, Reason, ct, expectedVersion: Version);
        if (refusal is { Status: 403 }) return Forbid();
        if (refusal is { Status: 404 or 400 }) return this.Refuse(refusal.Status, refusal.Detail);
        if (refusal is null)
        {
            var month = YearMonth.TryParse(Month, out var ym) ? RevenueMonth.ThaiMonth(ym) : Month;
            // The district by its name, as the queue shows it (the code alone means nothing to a reader).
            var name = await db.OrgUnits.AsNoTracking().Where(o => o.Code == District).Select(o => o.NameTh).FirstOrDefaultAsync(ct) ?? District;
            TempData["HomeMessage"] = $"{RevenueWorkflow.ThaiActionName(action)}ข้อมูลเดือน{month} ของอำเภอ{name} แล้ว";
            return RedirectToPage();
        }
        // The refusal beside its month, the reason as typed; the page answers with the refusal's status (409, 422, 423).
        Response.StatusCode = refusal.Status;
        await LoadAsync((District!, Month!, refusal.Message, Reason), ct);
        return Page();
    }

    private async Task LoadAsync((string District, string Month, string Error, string? Reason)? failed, CancellationToken ct)
    {
        Now = clock.GetUtcNow();
        var today = Bangkok.Today(Now);
        CurrentMonth = YearMonth.Of(today);
        // Until the close on the 6th the previous month is still being finished; after it, this month is the one to fill.
        ReportMonth = await db.ReportMonthAsync(Now, ct);

        var unit = await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(o => o.Code == me.Scope.Code, ct);
        UnitName = unit?.NameTh ?? me.Scope.Code;
        if (unit?.ParentCode is { } parent && unit.Level == OrgLevel.District)
        {
            ParentName = await db.OrgUnits.AsNoTracking().Where(o => o.Code == parent).Select(o => o.NameTh).FirstOrDefaultAsync(ct);
        }

        var cycle = await db.CycleForAsync(ReportMonth, ct);
        CompilationClosed = MonthWindow.IsCompilationClosure(Now, cycle);

        var reportMonthKey = ReportMonth.ToString();
        var months = await db.RevenueMonths.AsNoTracking().VisibleTo(me.Scope)
            .Where(m => m.Month == reportMonthKey)
            .Select(m => new { m.DistrictCode, m.Status, m.Late })
            .ToListAsync(ct);

        var confirmBy = MonthWindow.ConfirmDeadline(ReportMonth, cycle);
        var writeBy = MonthWindow.WriteDeadline(ReportMonth, cycle);
        var confirmedHere = me.Scope.Level == OrgLevel.District
            && months.Any(m => m.Status is RevenueStatus.Confirmed or RevenueStatus.Approved);
        Due.Add(new DueItem($"บันทึกรายได้ (รต.1) เดือน{ThaiDates.FormatMonth(ReportMonth.Year, ReportMonth.Month)} ให้ครบ และพัฒนาการอำเภอรับรอง (รต.2)",
            writeBy, Now >= writeBy, confirmedHere));
        Due.Add(new DueItem($"ยืนยันข้อมูลรายได้เดือน{ThaiDates.FormatMonth(ReportMonth.Year, ReportMonth.Month)} ในระบบ (ภายในวันที่ {cycle.ConfirmByDay})",
            confirmBy, Now >= confirmBy, confirmedHere));
        var closeFrom = MonthWindow.WriteDeadline(ReportMonth, cycle);
        var reopen = MonthWindow.ReopenAt(ReportMonth, cycle);
        Due.Add(new DueItem("กรมปิดระบบเพื่อรวบรวมข้อมูล 76 จังหวัด อำเภอและจังหวัดบันทึกข้อมูลไม่ได้",
            closeFrom, Missed: false, Done: Now >= reopen,
            When: $"ปิด {ThaiDates.FormatLong(Bangkok.Today(closeFrom))} – เปิดอีกครั้ง {ThaiDates.FormatLong(Bangkok.Today(reopen))}"));
        // One order of deadlines: confirm by the 3rd comes before write and certify by the 5th, then the close.
        Due.Sort((a, b) => a.By.CompareTo(b.By));

        // The current fiscal year and the one before: what a district may still be asked to correct or sign.
        var fiscalYear = new FiscalYear(ReportMonth.FiscalYear);
        var monthKeys = fiscalYear.Months.Concat(new FiscalYear(fiscalYear.BuddhistYear - 1).Months)
            .Where(m => m.CompareTo(CurrentMonth) <= 0).Select(m => m.ToString()).ToList();
        if (me.Scope.Level == OrgLevel.District && me.IsDistrictStaff)
        {
            Steps = await DistrictSteps.ReadAsync(db, me, clock, ReportMonth, monthKeys, ct);
        }
        if (me.IsProvinceOfficer && me.Scope.Level == OrgLevel.Province)
        {
            var cycles = new Dictionary<int, MonthlyCycle>();
            foreach (var item in await ProvinceQueue.ReadAsync(db, me.Scope, monthKeys, ct))
            {
                if (!cycles.TryGetValue(item.Month.FiscalYear, out var monthCycle))
                {
                    cycles[item.Month.FiscalYear] = monthCycle = await db.CycleForAsync(item.Month, ct);
                }
                // The province is offered only what it can do now: during the close the window's own refusal says why.
                var blocked = RevenueWindow.RefusalFor(me, item.Month, Now, monthCycle, false, RevenueAction.Approve)?.Detail;
                var mine = failed is { } f && f.District == item.DistrictCode && f.Month == item.Month.ToString() ? f : default;
                Queue.Add(new QueueRow(item, blocked, mine.Error, mine.Reason));
            }
        }
        if (me.Scope.IsDepartment)
        {
            (National, NationalTotal) = await NationalProgress.ReadAsync(db, ReportMonth, ct);
            Compiled = await CompilationQueries.FindAsync(db, ReportMonth, null, ct);
            CompileDueAt = closeFrom; // the scheduler compiles the month as its writes close
        }

        if (me.Scope.Level != OrgLevel.District)
        {
            var districts = await db.OrgUnits.AsNoTracking().VisibleTo(me.Scope)
                .Where(o => o.Level == OrgLevel.District)
                .OrderBy(o => o.Code)
                .Select(o => new { o.Code, o.NameTh })
                .Take(me.Scope.IsDepartment ? 0 : 100)
                .ToListAsync(ct);
            foreach (var d in districts)
            {
                var m = months.FirstOrDefault(x => x.DistrictCode == d.Code);
                Progress.Add(new MonthProgress(d.Code, d.NameTh, m is null ? "ยังไม่บันทึก" : RevenueWorkflow.ThaiName(m.Status), m?.Late ?? false));
            }
        }
    }
}

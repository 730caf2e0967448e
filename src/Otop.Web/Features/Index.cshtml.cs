using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Circulars;
using Otop.Web.Features.Revenue;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features;

/// <summary>Home: who I am, my unit, and what is due (letter 2's month cycle, in Bangkok time).</summary>
public sealed class IndexModel(AppDbContext db, CurrentUser me, TimeProvider clock) : PageModel
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

    /// <summary>Something due by <paramref name="By"/> (exclusive: 00:00 Bangkok of the day after the last day).</summary>
    public sealed record DueItem(string What, DateTimeOffset By, bool Missed, bool Done, string? When = null)
    {
        public DateOnly LastDay => Bangkok.Today(By.AddTicks(-1));
    }

    public sealed record MonthProgress(string DistrictCode, string DistrictName, string Status, bool Late);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow();
        var today = Bangkok.Today(Now);
        CurrentMonth = YearMonth.Of(today);
        // Until the close on the 6th the previous month is still being finished; after it, this month is the one to fill.
        var thisCycle = await db.CycleForAsync(CurrentMonth.Previous(), ct);
        ReportMonth = today.Day < thisCycle.CloseFromDay ? CurrentMonth.Previous() : CurrentMonth;

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

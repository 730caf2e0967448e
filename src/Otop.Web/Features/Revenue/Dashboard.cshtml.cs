using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Circulars;
using Otop.Web.Features.Org;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.Revenue;

/// <summary>
/// A dashboard per level (district, province): monthly revenue this year, last year and estimated, the increase KPI of the
/// round, completeness of the report month (confirmed, late, missing) and a countdown to the next deadline.
/// </summary>
public sealed partial class DashboardModel(AppDbContext db, CurrentUser me, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Unit { get; set; }
    [BindProperty(SupportsGet = true, BinderType = typeof(FiscalYearBinder))] public int? FiscalYear { get; set; }

    /// <summary>A province or a district of the caller's scope (the dashboard has no national view).</summary>
    public const UnitLevels Levels = UnitLevels.Province | UnitLevels.District;
    public UnitPickerField Picker { get; private set; } = null!;
    public string UnitName { get; private set; } = "";
    public string ChartJson { get; private set; } = "{}";
    public decimal ThisYearTotal { get; private set; }
    public decimal LastYearTotal { get; private set; }
    public decimal EstimateTotal { get; private set; }
    public RevenueKpiResult? Kpi { get; private set; }
    public int Round { get; private set; }
    public YearMonth ReportMonth { get; private set; }
    public List<MonthReporting.District> Districts { get; } = [];
    public (string What, DateTimeOffset At) NextDeadline { get; private set; }
    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        Now = now;
        var today = Bangkok.Today(now);
        if (FiscalYear is { } typed && Domain.FiscalYear.InputError(typed) is { } yearError) return this.Refuse(400, yearError);
        var fy = new FiscalYear(FiscalYear ?? YearMonth.Of(today).FiscalYear);
        FiscalYear = fy.BuddhistYear;

        var months = fy.Months.Select(m => m.ToString()).ToList();
        // The department's page without a unit (or with a name that named none) shows the first province with data.
        var fallback = me.Scope.IsDepartment && UnitSearch.CodeOf(Unit) is null
            ? await DefaultProvince.FirstWithDataAsync(db, db.RevenueMonths.AsNoTracking().Where(m => months.Contains(m.Month)), ct) ?? me.Scope.Code
            : me.Scope.Code;
        var choice = await UnitPicker.ChooseAsync(db, me.Scope, Unit, Levels, fallback, ct);
        if (choice.OutsideScope) return NotFound();
        if (choice.Unit is not { } unit) return Forbid();
        Picker = choice.Field("unit", "dash-unit", "หน่วยงาน", Levels);
        Unit = unit.Code;
        UnitName = unit.Label;
        var province = Unit[..2];
        var isDistrict = choice.Level == OrgLevel.District;
        var unitScope = new OrgScope(unit.Code);

        var lastMonths = fy.Previous.Months.Select(m => m.ToString()).ToList();
        var all = months.Concat(lastMonths).ToList();
        var totals = await db.RevenueMonths.AsNoTracking().VisibleTo(me.Scope)
            .VisibleTo(unitScope).Where(m => all.Contains(m.Month))
            .Select(m => new { m.Month, m.Total })
            .ToListAsync(ct);
        var estimates = await db.RevenueEstimates.AsNoTracking().VisibleTo(me.Scope)
            .VisibleTo(unitScope).Where(e => e.FiscalYear == fy.BuddhistYear)
            .SelectMany(e => e.Lines, (e, l) => new { l.Month, l.Amount })
            .ToListAsync(ct);
        decimal Sum(string month) => totals.Where(t => t.Month == month).Sum(t => t.Total);
        var thisYear = months.Select(Sum).ToList();
        var lastYear = lastMonths.Select(Sum).ToList();
        var estimate = months.Select(m => estimates.Where(e => e.Month == m).Sum(e => e.Amount)).ToList();
        ThisYearTotal = thisYear.Sum();
        LastYearTotal = lastYear.Sum();
        EstimateTotal = estimate.Sum();
        ChartJson = JsonSerializer.Serialize(new
        {
            labels = fy.Months.Select(m => ThaiDates.MonthAbbreviation(m.Month)).ToList(),
            thisYear, lastYear, estimate,
            thisYearLabel = $"ปีงบประมาณ {fy.BuddhistYear}",
            lastYearLabel = $"ปีงบประมาณ {fy.BuddhistYear - 1}",
        });

        var currentMonth = YearMonth.Of(today);
        Round = fy.Contains(currentMonth) ? fy.RoundOf(currentMonth) : 1;
        (Kpi, _) = await RevenueKpi.ComputeAsync(db, me, fy.BuddhistYear, Round, province, now, ct);
        if (Kpi is not null && isDistrict)
        {
            var row = Kpi.Rows.Where(r => r.DistrictCode == Unit).ToList();
            Kpi = Kpi with { Rows = row, Total = row.FirstOrDefault() ?? Kpi.Total };
        }
        Forecast = await ForecastAsync(db, me.Scope, fy.BuddhistYear, Round, province, isDistrict ? Unit : null, now, ct);

        ReportMonth = await db.ReportMonthAsync(now, ct);
        Districts.AddRange(await MonthReporting.DistrictsAsync(db, me.Scope, province, isDistrict ? Unit : null, ReportMonth, ct));

        var reportCycle = await db.CycleForAsync(ReportMonth, ct);
        var deadlines = new[]
        {
            ($"ยืนยันข้อมูลเดือน{RevenueMonth.ThaiMonth(ReportMonth)}", MonthWindow.ConfirmDeadline(ReportMonth, reportCycle)),
            ($"ปิดระบบ (บันทึกเดือน{RevenueMonth.ThaiMonth(ReportMonth)} ได้ถึง)", MonthWindow.WriteDeadline(ReportMonth, reportCycle)),
            ("เปิดระบบอีกครั้ง", MonthWindow.ReopenAt(ReportMonth, reportCycle)),
            ($"ยืนยันข้อมูลเดือน{RevenueMonth.ThaiMonth(ReportMonth.Next())}", MonthWindow.ConfirmDeadline(ReportMonth.Next(), reportCycle)),
        };
        NextDeadline = deadlines.Where(d => d.Item2 > now).OrderBy(d => d.Item2).First();
        return Page();
    }

    public static string Iso(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}

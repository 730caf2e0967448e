using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Org;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.Revenue;

/// <summary>
/// Multi-year revenue of a unit (issue 17, item 5): the nation (department), a province or a district, month by month
/// ต.ค.–ก.ย. and by round, for a number of fiscal years (default the current one and the four before it), last year
/// beside; a chart with one line per year and the same figures as a table (<see cref="RevenueTrends"/>).
/// Which months count: every stored month, whatever its status, as รต.4 prints them (RevenueReports.Rt4Async reads
/// RevenueMonth.Total with no status filter), so a month here equals that month's column of the printed รต.4. RevenueKpi's
/// rule (only certified, confirmed or approved months) scores the indicator; this page shows the revenue, as the forms do.
/// A province's month is the sum of its districts' month totals and the nation's the sum of all, from one grouped query.
/// A unit outside the caller's scope is not there (404).
/// </summary>
[OutsideScopeIsNotFound]
public sealed class TrendsModel(AppDbContext db, CurrentUser me, TimeProvider clock) : PageModel
{
    public const int DefaultYears = 5;
    public const int MaxYears = 10;

    [BindProperty(SupportsGet = true)] public string? Unit { get; set; }
    [BindProperty(SupportsGet = true, BinderType = typeof(FiscalYearBinder))] public int? FiscalYear { get; set; }
    [BindProperty(SupportsGet = true)] public string? Years { get; set; }

    public UnitPickerField Picker { get; private set; } = null!;
    public string UnitName { get; private set; } = "";
    public IReadOnlyList<YearMonth> Months { get; private set; } = [];
    public IReadOnlyList<RevenueTrends.Year> Table { get; private set; } = [];
    public int YearCount { get; private set; } = DefaultYears;
    public string ChartJson { get; private set; } = "{}";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var current = new FiscalYear(FiscalYear ?? YearMonth.Of(Bangkok.Today(clock.GetUtcNow())).FiscalYear);
        FiscalYear = current.BuddhistYear;
        if (Years is { } typed)
        {
            if (!int.TryParse(ThaiDigits.ToArabic(typed.Trim()), NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count is < 1 or > MaxYears)
            {
                return this.Refuse(400, $"จำนวนปี (years) ต้องเป็นตัวเลข 1 ถึง {MaxYears} ไม่ใช่ '{typed}'");
            }
            YearCount = count;
        }
        if (Domain.FiscalYear.InputError(current.BuddhistYear - YearCount) is { } earliest)
        {
            return this.Refuse(400, $"ปีงบประมาณ (fiscalYear) ย้อนหลัง {YearCount} ปีเกินช่วงที่ระบบรองรับ: {earliest}");
        }
        Months = current.Months;

        var choice = await UnitPicker.ChooseAsync(db, me.Scope, Unit, UnitLevels.All, me.Scope.Code, ct);
        if (choice.Unit is not { } unit) return NotFound();
        Picker = choice.Field("unit", "tr-unit", "หน่วยงาน", UnitLevels.All);
        Unit = unit.Code;
        UnitName = unit.Label;
        var unitScope = new OrgScope(unit.Code);

        // The shown years and the one before the oldest (its change), in one grouped query over the whole range.
        var years = Enumerable.Range(current.BuddhistYear - YearCount + 1, YearCount).ToList();
        var keys = Enumerable.Range(years[0] - 1, YearCount + 1).SelectMany(y => new FiscalYear(y).Months).Select(m => m.ToString()).ToList();
        var rows = db.RevenueMonths.AsNoTracking().VisibleTo(me.Scope).VisibleTo(unitScope).Where(m => keys.Contains(m.Month));
        var sums = (await rows.GroupBy(m => m.Month).Select(g => new { Month = g.Key, Total = g.Sum(m => m.Total) }).ToListAsync(ct))
            .ToDictionary(s => s.Month, s => s.Total);
        Table = RevenueTrends.Build(years, (fy, i) => sums.TryGetValue(new FiscalYear(fy).Months[i].ToString(), out var t) ? t : null);

        ChartJson = JsonSerializer.Serialize(new
        {
            labels = Months.Select(m => ThaiDates.MonthAbbreviation(m.Month)).ToList(),
            series = Table.Reverse().Select(y => new
            {
                type = "line",
                label = $"ปีงบประมาณ {y.FiscalYear}",
                data = y.Months.Select(c => c.Amount).ToList(),
                emphasis = y.FiscalYear == current.BuddhistYear ? "current" : y.FiscalYear == current.BuddhistYear - 1 ? "last" : "earlier",
            }).ToList(),
        });
        return Page();
    }

    /// <summary>An amount as the table prints it ("40,000.00"), or a dash when nothing is stored.</summary>
    public static string Money(decimal? amount) => amount is { } a ? ThaiDigits.FormatNumber(a, 2, false) : "–";

    /// <summary>A change as the table prints it ("+10.00%", "-5.25%"), or a dash when there is nothing to compare with.</summary>
    public static string Change(decimal? change) => change is { } c
        ? (c > 0 ? "+" : "") + c.ToString("0.00", CultureInfo.InvariantCulture) + "%"
        : "–";

    public static string Value(decimal? value) => value?.ToString("0.00", CultureInfo.InvariantCulture) ?? "";
}

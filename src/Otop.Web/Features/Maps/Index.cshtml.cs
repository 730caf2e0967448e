using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Home;
using Otop.Web.Features.Revenue;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.Maps;

/// <summary>
/// Issue 17 item 3: a choropleth of the nation by province (the department) or of a province by district (the
/// department, or the province itself: another province is 404), of the round's revenue increase or of the report
/// month's completeness, drawn on the server as inline SVG, with a legend and the same figures in a table.
/// Another province in the query is not there (404, <see cref="ProvinceWideReadAttribute"/>); a district is refused whole.
/// </summary>
[ProvinceWideRead]
public sealed class IndexModel(AppDbContext db, CurrentUser me, TimeProvider clock, MapGeometry geometry) : PageModel
{
    public const string Revenue = "revenue";
    public const string Completeness = "completeness";

    [BindProperty(SupportsGet = true)] public string? Province { get; set; }
    [BindProperty(SupportsGet = true)] public string? Measure { get; set; }
    [BindProperty(SupportsGet = true, BinderType = typeof(FiscalYearBinder))] public int? FiscalYear { get; set; }
    [BindProperty(SupportsGet = true)] public int? Round { get; set; }
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }

    /// <summary>A region on the map and its row in the table; no link for a unit outside this work (Bangkok).</summary>
    public sealed record Region(string Code, string Name, string Path, decimal? Value, int Class, string? Href, string Detail)
    {
        public string Colour => ChoroplethClasses.Colours[Class];
        public string Title => $"{Name}: {Detail}";
    }

    public MapDrawing Drawing { get; private set; } = new(0, 0, []);
    public List<Region> Regions { get; } = [];
    public string? ProvinceName { get; private set; }
    public YearMonth ReportMonth { get; private set; }
    public IReadOnlyList<decimal> Breaks => Measure == Completeness ? ChoroplethClasses.CompletenessBreaks : ChoroplethClasses.IncreaseBreaks;
    public string? Notice { get; private set; }
    public bool IsNational => Province is null;
    public bool MaySeeNation => me.Scope.IsDepartment;
    public YearMonth ThisMonth { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (me.Scope.Level == OrgLevel.District) return Forbid();
        Measure ??= Revenue;
        if (Measure is not (Revenue or Completeness)) return this.Refuse(400, "ค่าที่จะแสดงบนแผนที่ (measure) ต้องเป็น revenue (รายได้ที่เพิ่มขึ้น) หรือ completeness (ความครบถ้วนของการรายงาน)");
        if (Round is { } r && r is not (1 or 2)) return this.Refuse(400, "รอบ (round) ต้องเป็น 1 หรือ 2");
        if (FiscalYear is { } typed && Domain.FiscalYear.InputError(typed) is { } yearError) return this.Refuse(400, yearError);
        var now = clock.GetUtcNow();
        if (Month is null) ReportMonth = await db.ReportMonthAsync(now, ct);
        // The revenue months' own parse: a Buddhist-era year typed as CE (2566-01) is refused, not drawn 543 years ahead.
        else if (RevenueMonthQueries.ParseMonth(Month, out var month) is { } bad)
            return this.Refuse(bad.Status, bad.Status == 400 ? $"เดือน (month) \"{Month}\" ไม่ถูกต้อง ต้องเป็นปี ค.ศ.-เดือน เช่น 2023-01" : bad.Detail);
        else ReportMonth = month;
        Month = ReportMonth.ToString();
        var today = Bangkok.Today(now);
        ThisMonth = YearMonth.Of(today);
        var fy = new FiscalYear(FiscalYear ?? YearMonth.Of(today).FiscalYear);
        FiscalYear = fy.BuddhistYear;
        Round ??= fy.Contains(YearMonth.Of(today)) ? fy.RoundOf(YearMonth.Of(today)) : 1;

        // A province sees only its own map; nobody sees a province that is not one of the department's.
        if (Province is null && !me.Scope.IsDepartment) Province = me.Scope.Code;
        if (Province is not null)
        {
            if (!me.Scope.Covers(Province) || geometry.DistrictsOf(Province) is null) return NotFound();
            ProvinceName = await db.OrgUnits.AsNoTracking().Where(o => o.Code == Province && o.Level == OrgLevel.Province)
                .Select(o => o.NameTh).FirstOrDefaultAsync(ct);
            if (ProvinceName is null) return NotFound();
        }

        var names = await db.OrgUnits.AsNoTracking().Where(o => o.Level == (IsNational ? OrgLevel.Province : OrgLevel.District))
            .Select(o => new { o.Code, o.NameTh }).ToDictionaryAsync(o => o.Code, o => o.NameTh, ct);
        Drawing = IsNational ? geometry.National : geometry.DistrictsOf(Province!)!;
        var figures = Measure == Revenue ? await IncreaseAsync(now, ct) : await CompletenessAsync(ct);
        foreach (var shape in Drawing.Shapes)
        {
            var known = names.TryGetValue(shape.Code, out var name);
            var (value, detail) = figures.GetValueOrDefault(shape.Code, ((decimal?)null, "ไม่มีข้อมูล"));
            Regions.Add(new Region(shape.Code, known ? name! : shape.NameTh, shape.Path, value, ChoroplethClasses.Of(value, Breaks),
                known ? Link(shape.Code) : null, detail));
        }
        return Page();
    }

    /// <summary>The query of this map with other values, for the measure switch and the links into a province.</summary>
    public string Query(string? province = "", string? measure = null) =>
        $"/Maps?{(province == "" ? Province : province) switch { null => "", var p => $"province={p}&" }}measure={measure ?? Measure}&fiscalYear={FiscalYear}&round={Round}&month={Month}";

    private string Link(string code) => IsNational ? Query(code) : $"/Revenue/Dashboard?unit={code}&fiscalYear={FiscalYear}";

    private async Task<Dictionary<string, (decimal? Value, string Detail)>> IncreaseAsync(DateTimeOffset now, CancellationToken ct)
    {
        List<RevenueKpiRow>? rows;
        Refusal? refusal;
        if (IsNational) (rows, refusal) = await RevenueKpi.ByProvinceAsync(db, me, FiscalYear!.Value, Round!.Value, now, ct);
        else
        {
            var (result, why) = await RevenueKpi.ComputeAsync(db, me, FiscalYear!.Value, Round!.Value, Province!, now, ct);
            (rows, refusal) = (result?.Rows, why);
        }
        if (rows is null) Notice = refusal?.Detail ?? "ยังไม่มีตัวชี้วัดรายได้ของรอบนี้";
        return (rows ?? []).ToDictionary(r => r.DistrictCode!, r => (r.IncreasePercent,
            r.UnscoredThai ?? $"รายได้เพิ่มขึ้นร้อยละ {r.IncreasePercent:0.00}"));
    }

    private async Task<Dictionary<string, (decimal? Value, string Detail)>> CompletenessAsync(CancellationToken ct)
    {
        if (IsNational)
        {
            var (rows, _) = await NationalProgress.ReadAsync(db, ReportMonth, ct);
            return rows.ToDictionary(r => r.ProvinceCode, r =>
            {
                decimal? percent = r.Districts == 0 ? null : Math.Round(r.Confirmed * 100m / r.Districts, 2, MidpointRounding.AwayFromZero);
                return (percent, $"ยืนยันแล้ว {r.Confirmed} จาก {r.Districts} อำเภอ (ร้อยละ {percent:0.00}) ล่าช้า {r.Late}");
            });
        }
        var districts = await MonthReporting.DistrictsAsync(db, me.Scope, Province!, null, ReportMonth, ct);
        return districts.ToDictionary(d => d.DistrictCode, d => ((decimal?)(d.HasConfirmed ? 100m : 0m), d.State switch
        {
            MonthReporting.Confirmed => "ยืนยันแล้ว",
            MonthReporting.Late => "ยืนยันแล้ว (ล่าช้า)",
            _ => "ยังไม่ยืนยัน",
        }));
    }
}

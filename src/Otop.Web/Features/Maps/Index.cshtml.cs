using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Home;
using Otop.Web.Features.Kpi;
using Otop.Web.Features.OnlineMarket;
using Otop.Web.Features.Revenue;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.Maps;

/// <summary>
/// Issue 17 item 3: a choropleth of the nation by province (the department) or of a province by district (the
/// department, or the province itself: another province is 404), of the round's revenue increase, of the scores of the
/// round for letter 2's revenue indicator and letter 1's online-market share (from the same queries as their results API),
/// or of the report month's completeness, drawn on the server as inline SVG, with a legend and the same figures in a table.
/// Another province in the query is not there (404, <see cref="ProvinceWideReadAttribute"/>); a district is refused whole.
/// </summary>
[ProvinceWideRead]
public sealed class IndexModel(AppDbContext db, CurrentUser me, TimeProvider clock, MapGeometry geometry) : PageModel
{
    public const string Revenue = "revenue";
    public const string RevenueScore = "revenue-score";
    public const string OnlineScore = "online-score";
    public const string Completeness = "completeness";

    [BindProperty(SupportsGet = true)] public string? Province { get; set; }
    [BindProperty(SupportsGet = true)] public string? Measure { get; set; }
    [BindProperty(SupportsGet = true, BinderType = typeof(FiscalYearBinder))] public int? FiscalYear { get; set; }
    [BindProperty(SupportsGet = true)] public int? Round { get; set; }
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }

    /// <summary>A region on the map and its row in the table; no link for a unit outside this work (Bangkok).</summary>
    /// <summary><paramref name="Percent"/> is the achieved percent beside a mapped score (null on the other maps).</summary>
    public sealed record Region(string Code, string Name, string Path, decimal? Value, int Class, string? Href, string Detail, decimal? Percent = null)
    {
        public string Colour => ChoroplethClasses.Colours[Class];
        public string Title => $"{Name}: {Detail}";
    }

    public MapDrawing Drawing { get; private set; } = new(0, 0, []);
    public List<Region> Regions { get; } = [];
    public string? ProvinceName { get; private set; }
    public YearMonth ReportMonth { get; private set; }
    public IReadOnlyList<decimal> Breaks => Measure switch
    {
        Completeness => ChoroplethClasses.CompletenessBreaks,
        RevenueScore or OnlineScore => ChoroplethClasses.ScoreBreaks,
        _ => ChoroplethClasses.IncreaseBreaks,
    };
    public bool IsScore => Measure is RevenueScore or OnlineScore;
    public IReadOnlyList<string> Labels => IsScore ? ChoroplethClasses.ScoreLabels() : ChoroplethClasses.Labels(Breaks);
    /// <summary>The round's bands in words, under the legend of a score map; how the score is computed beside them.</summary>
    public IReadOnlyList<string> Criteria { get; private set; } = [];
    public string? ScoringNote { get; private set; }
    /// <summary>The fiscal years (BE) the picker offers: those with an indicator of the map's kind, and this one.</summary>
    public List<int> FiscalYears { get; private set; } = [];
    public string? Notice { get; private set; }
    public bool IsNational => Province is null;
    public bool MaySeeNation => me.Scope.IsDepartment;
    public YearMonth ThisMonth { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (me.Scope.Level == OrgLevel.District) return Forbid();
        Measure ??= Revenue;
        if (Measure is not (Revenue or RevenueScore or OnlineScore or Completeness))
            return this.Refuse(400, "ค่าที่จะแสดงบนแผนที่ (measure) ต้องเป็น revenue (รายได้ที่เพิ่มขึ้น) revenue-score (คะแนนตัวชี้วัดรายได้) online-score (คะแนนตัวชี้วัดตลาดออนไลน์) หรือ completeness (ความครบถ้วนของการรายงาน)");
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
        // Letter 1's indicator is of an earlier year than the revenue cycle: its map opens on the latest year that has it.
        var kind = Measure == OnlineScore ? IndicatorKind.OnlineMarketShare : IndicatorKind.RevenueIncrease;
        var fy = new FiscalYear(FiscalYear ?? (Measure == OnlineScore ? await db.LatestFiscalYearAsync(kind, ct) : null) ?? YearMonth.Of(today).FiscalYear);
        FiscalYear = fy.BuddhistYear;
        FiscalYears = [.. (await db.Indicators.AsNoTracking().Where(i => i.Kind == kind).Select(i => i.FiscalYear).Distinct().ToListAsync(ct))
            .Append(fy.BuddhistYear).Append(YearMonth.Of(today).FiscalYear).Distinct().OrderDescending()];
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
        var figures = Measure switch
        {
            Revenue or RevenueScore => await IncreaseAsync(now, ct),
            OnlineScore => await OnlineAsync(ct),
            _ => await CompletenessAsync(ct),
        };
        foreach (var shape in Drawing.Shapes)
        {
            var known = names.TryGetValue(shape.Code, out var name);
            // No figure is "ไม่มีข้อมูล" (its own hatched class), never the lowest class.
            var figure = figures.GetValueOrDefault(shape.Code, new Figure(null, null, "ไม่มีข้อมูล"));
            Regions.Add(new Region(shape.Code, known ? name! : shape.NameTh, shape.Path, figure.Value, ChoroplethClasses.Of(figure.Value, Breaks),
                known ? Link(shape.Code) : null, figure.Detail, IsScore ? figure.Percent : null));
        }
        return Page();
    }

    /// <summary>
    /// The query of this map with other values, for the measure switch and the links into a province. A switch between
    /// letter 1's map and the revenue maps drops the year and round: their indicators are of different years.
    /// </summary>
    public string Query(string? province = "", string? measure = null)
    {
        var to = measure ?? Measure;
        var year = (to == OnlineScore) == (Measure == OnlineScore) ? $"&fiscalYear={FiscalYear}&round={Round}" : "";
        return $"/Maps?{(province == "" ? Province : province) switch { null => "", var p => $"province={p}&" }}measure={to}{year}&month={Month}";
    }

    private string Link(string code) => IsNational ? Query(code)
        : Measure == OnlineScore ? $"/OnlineMarket/Explain?fiscalYear={FiscalYear}&round={Round}&district={code}"
        : $"/Revenue/Dashboard?unit={code}&fiscalYear={FiscalYear}";

    /// <summary>A unit's figure: the mapped value (a score on the score maps), the percent beside a score, the words of its row.</summary>
    private sealed record Figure(decimal? Value, decimal? Percent, string Detail);

    private static string Points(decimal score) => score.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Letter 2: the rows of GET /api/v1/kpi/revenue/results (RevenueKpi), per province summed as its total is.</summary>
    private async Task<Dictionary<string, Figure>> IncreaseAsync(DateTimeOffset now, CancellationToken ct)
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
        if (Measure == RevenueScore && rows is not null)
        {
            var (plan, _) = await RevenueRound.FindAsync(db, FiscalYear!.Value, Round!.Value, ct);
            if (plan?.Table is { } table) (Criteria, ScoringNote) = (ChoroplethClasses.BandsInWords(table), Scoring(plan.Indicator.ScoringMethod, "ร้อยละที่รายได้เพิ่มขึ้น"));
            else Notice = "ตัวชี้วัดรายได้ของรอบนี้ยังไม่มีเกณฑ์คะแนน";
            return rows.ToDictionary(r => r.DistrictCode!, r => new Figure(r.Score, r.IncreasePercent,
                r.UnscoredThai ?? (r.Score is { } s ? $"รายได้เพิ่มขึ้นร้อยละ {r.IncreasePercent:0.00} ได้ {Points(s)} คะแนน" : "ยังไม่มีเกณฑ์คะแนน")));
        }
        return (rows ?? []).ToDictionary(r => r.DistrictCode!, r => new Figure(r.IncreasePercent, null,
            r.UnscoredThai ?? $"รายได้เพิ่มขึ้นร้อยละ {r.IncreasePercent:0.00}"));
    }

    private static string Scoring(ScoringMethod method, string what) => method == ScoringMethod.Linear
        ? $"คะแนนเทียบสัดส่วนระหว่างขั้นตาม{what} (แบบ ก.พ.ร.)"
        : $"คะแนนตามขั้นสูงสุดที่{what}ถึง";

    /// <summary>
    /// Letter 1: the rows of GET /api/v1/kpi/online-market/results (per district of the province, or per province for
    /// province=0). A unit with no product in the registry range has no share to score: no data, as the rankings say.
    /// </summary>
    private async Task<Dictionary<string, Figure>> OnlineAsync(CancellationToken ct)
    {
        var (om, refusal) = await OnlineMarketKpi.FindRoundAsync(db, FiscalYear!.Value, Round!.Value, ct);
        if (om is null)
        {
            Notice = refusal?.Detail;
            return [];
        }
        (Criteria, ScoringNote) = (ChoroplethClasses.BandsInWords(om.Table), Scoring(om.Indicator.ScoringMethod, "ร้อยละของผลิตภัณฑ์ที่จำหน่ายออนไลน์"));
        var rows = IsNational
            ? (await OnlineMarketKpi.ByProvinceAsync(db, om, ct)).Rows.Select(p => (Code: p.ProvinceCode, p.Products, p.ProductsOnline, p.Percent, p.Score))
            : (await OnlineMarketKpi.ResultsAsync(db, om, Province!, ct)).Rows.Select(d => (Code: d.DistrictCode, d.Products, d.ProductsOnline, d.Percent, d.Score));
        return rows.ToDictionary(r => r.Code, r => r.Products == 0
            ? new Figure(null, null, "ไม่มีผลิตภัณฑ์ในทะเบียน")
            : new Figure(r.Score, r.Percent, $"จำหน่ายออนไลน์ {r.ProductsOnline:N0} จาก {r.Products:N0} ผลิตภัณฑ์ (ร้อยละ {r.Percent:0.00}) ได้ {Points(r.Score)} คะแนน"));
    }

    private async Task<Dictionary<string, Figure>> CompletenessAsync(CancellationToken ct)
    {
        if (IsNational)
        {
            var (rows, _) = await NationalProgress.ReadAsync(db, ReportMonth, ct);
            return rows.ToDictionary(r => r.ProvinceCode, r =>
            {
                decimal? percent = r.Districts == 0 ? null : Math.Round(r.Confirmed * 100m / r.Districts, 2, MidpointRounding.AwayFromZero);
                return new Figure(percent, null, $"ยืนยันแล้ว {r.Confirmed} จาก {r.Districts} อำเภอ (ร้อยละ {percent:0.00}) ล่าช้า {r.Late}");
            });
        }
        var districts = await MonthReporting.DistrictsAsync(db, me.Scope, Province!, null, ReportMonth, ct);
        return districts.ToDictionary(d => d.DistrictCode, d => new Figure(d.HasConfirmed ? 100m : 0m, null, d.State switch
        {
            MonthReporting.Confirmed => "ยืนยันแล้ว",
            MonthReporting.Late => "ยืนยันแล้ว (ล่าช้า)",
            _ => "ยังไม่ยืนยัน",
        }));
    }
}

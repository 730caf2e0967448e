using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Kpi;
using Otop.Web.Features.OnlineMarket;
using Otop.Web.Features.Org;
using Otop.Web.Features.Revenue;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.Rankings;

/// <summary>
/// Issue 17 item 2: the rankings of a round for either indicator (letter 1's online-market share, letter 2's revenue
/// increase): the provinces of the nation (the department), or the districts of a province (the department, the
/// province itself, or one of its districts with its own row marked; another province is not there: 404). Ordered and
/// tied by <see cref="Ranking.Compete"/>; the figures are those of the results pages, from the same queries.
/// </summary>
[OutsideScopeIsNotFound]
public sealed class RankingsModel(AppDbContext db, CurrentUser me, TimeProvider clock) : PageModel
{
    public const string Online = "online";
    public const string Revenue = "revenue";

    [BindProperty(SupportsGet = true)] public string? Indicator { get; set; }
    [BindProperty(SupportsGet = true, BinderType = typeof(FiscalYearBinder))] public int? FiscalYear { get; set; }
    [BindProperty(SupportsGet = true)] public int? Round { get; set; }
    [BindProperty(SupportsGet = true)] public string? Province { get; set; }

    /// <summary>A row of the ranking: no rank and <see cref="NoData"/> said instead for a unit without a score.</summary>
    public sealed record Row(int? Rank, string Code, string Name, decimal? Score, decimal? Percent, string? NoData, string Detail, bool Mine)
    {
        public string? Href { get; init; }
    }

    public List<Row> Rows { get; } = [];
    public const UnitLevels PickerLevels = UnitLevels.Nation | UnitLevels.Province;
    /// <summary>The department's choice of the nation or a province; null for anyone else (their own province).</summary>
    public UnitPickerField? Picker { get; private set; }
    public bool IsNational => Province == OrgUnit.DepartmentCode;
    public string? ProvinceName { get; private set; }
    public string? Notice { get; private set; }
    public decimal BarMax { get; private set; }
    public string IndicatorName => Indicator == Revenue ? "รายได้จากการจำหน่ายผลิตภัณฑ์ OTOP ที่เพิ่มขึ้น" : "ผลิตภัณฑ์ OTOP ที่จำหน่ายในตลาดออนไลน์";
    public string PercentLabel => Indicator == Revenue ? "รายได้เพิ่มขึ้น ร้อยละ" : "ร้อยละที่จำหน่ายออนไลน์";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Indicator ??= Online;
        if (Indicator is not (Online or Revenue)) return this.Refuse(400, "ตัวชี้วัด (indicator) ต้องเป็น online (ตลาดออนไลน์) หรือ revenue (รายได้ที่เพิ่มขึ้น)");
        if (Round is { } r && r is not (1 or 2)) return this.Refuse(400, "รอบการประเมิน (round) ต้องเป็น 1 หรือ 2");
        if (FiscalYear is { } typed && Domain.FiscalYear.InputError(typed) is { } yearError) return this.Refuse(400, yearError);
        Round ??= 1;

        // The department ranks the nation unless it names a province; anyone else ranks their own province.
        if (me.Scope.IsDepartment)
        {
            // The department picks the nation or a province by code or name (the shared unit picker, issue 17 item 2).
            var choice = await UnitPicker.ChooseAsync(db, me.Scope, Province, PickerLevels, OrgUnit.DepartmentCode, ct);
            if (choice.Unit is null) return NotFound();
            Province = choice.Unit.Code;
            Picker = choice.Field("province", "province", "จังหวัด", PickerLevels);
        }
        else Province = Province?.Trim() is { Length: > 0 } asked ? ThaiDigits.ToArabic(asked) : me.Scope.ProvinceCode ?? OrgUnit.DepartmentCode;
        if (IsNational ? !me.Scope.IsDepartment : !(me.Scope.Covers(Province) || me.Scope.ProvinceCode == Province)) return NotFound();
        if (!IsNational)
        {
            ProvinceName = await db.OrgUnits.AsNoTracking().Where(o => o.Code == Province && o.Level == OrgLevel.Province)
                .Select(o => o.NameTh).FirstOrDefaultAsync(ct);
            if (ProvinceName is null) return NotFound();
        }

        var kind = Indicator == Revenue ? IndicatorKind.RevenueIncrease : IndicatorKind.OnlineMarketShare;
        FiscalYear ??= await db.LatestFiscalYearAsync(kind, ct);
        if (FiscalYear is null)
        {
            Notice = $"ยังไม่มีตัวชี้วัด{IndicatorName}ในระบบ";
            return Page();
        }

        var entries = Indicator == Revenue ? await RevenueRowsAsync(ct) : await OnlineRowsAsync(ct);
        var byCode = entries.ToDictionary(e => e.Code);
        foreach (var place in Ranking.Compete(entries.Select(e => new RankEntry(e.Code, e.Score, e.Percent))))
        {
            Rows.Add(byCode[place.Entry.Code] with { Rank = place.Rank });
        }
        BarMax = Rows.Max(x => x.Percent is > 0 ? x.Percent : null) ?? 0m;
        return Page();
    }

    /// <summary>
    /// The class of a row's bar: its width in steps of 2 % of the highest positive figure (<c>rank-w-0</c> to <c>rank-w-50</c>
    /// in site.css; the CSP allows no style attribute). A loss or no figure: no bar; the text beside it carries the value.
    /// </summary>
    public string BarClass(Row row) => "rank-w-" + (row.Percent is { } p && p > 0 && BarMax > 0
        ? (int)Math.Round(p * 50m / BarMax, MidpointRounding.AwayFromZero)
        : 0);

    private bool Mine(string code) => me.Scope.Code == code;

    private async Task<List<Row>> OnlineRowsAsync(CancellationToken ct)
    {
        var (om, refusal) = await OnlineMarketKpi.FindRoundAsync(db, FiscalYear!.Value, Round!.Value, ct);
        if (om is null)
        {
            Notice = refusal?.Detail;
            return [];
        }
        const string noProduct = "ไม่มีผลิตภัณฑ์ในทะเบียน";
        if (IsNational)
        {
            var nation = await OnlineMarketKpi.ByProvinceAsync(db, om, ct);
            return [.. nation.Rows.Select(p => new Row(null, p.ProvinceCode, p.ProvinceName, p.Products == 0 ? null : p.Score, p.Products == 0 ? null : p.Percent,
                p.Products == 0 ? noProduct : null, $"จำหน่ายออนไลน์ {p.ProductsOnline:N0} จาก {p.Products:N0} ผลิตภัณฑ์", Mine(p.ProvinceCode))
            {
                Href = $"/Rankings?indicator={Online}&fiscalYear={FiscalYear}&round={Round}&province={p.ProvinceCode}",
            })];
        }
        var table = await OnlineMarketKpi.ResultsAsync(db, om, Province!, ct);
        return [.. table.Rows.Select(d => new Row(null, d.DistrictCode, d.DistrictName, d.Products == 0 ? null : d.Score, d.Products == 0 ? null : d.Percent,
            d.Products == 0 ? noProduct : null, $"จำหน่ายออนไลน์ {d.ProductsOnline:N0} จาก {d.Products:N0} ผลิตภัณฑ์", Mine(d.DistrictCode))
        {
            Href = $"/OnlineMarket/Explain?fiscalYear={FiscalYear}&round={Round}&district={d.DistrictCode}",
        })];
    }

    private async Task<List<Row>> RevenueRowsAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        List<RevenueKpiRow>? rows;
        Refusal? refusal;
        if (IsNational) (rows, refusal) = await RevenueKpi.ByProvinceAsync(db, me, FiscalYear!.Value, Round!.Value, now, ct);
        else
        {
            // A district ranks among its province's districts (issue 17 item 2): their scores and percents, read as the province.
            var reader = me.Scope.Level == OrgLevel.District ? me with { Scope = new OrgScope(Province!) } : me;
            var (result, why) = await RevenueKpi.ComputeAsync(db, reader, FiscalYear!.Value, Round!.Value, Province!, now, ct);
            (rows, refusal) = (result?.Rows, why);
        }
        if (rows is null)
        {
            Notice = refusal?.Detail;
            return [];
        }
        return [.. rows.Select(x => new Row(null, x.DistrictCode!, x.DistrictName ?? x.DistrictCode!, x.Score, x.Score is null ? null : x.IncreasePercent,
            x.Score is null ? x.UnscoredThai ?? "ยังไม่มีคะแนน" : null,
            $"นับแล้ว {x.MonthsCounted} เดือน ยังไม่รายงาน {x.MonthsMissing} เดือน", Mine(x.DistrictCode!))
        {
            Href = IsNational ? $"/Rankings?indicator={Revenue}&fiscalYear={FiscalYear}&round={Round}&province={x.DistrictCode}" : null,
        })];
    }
}

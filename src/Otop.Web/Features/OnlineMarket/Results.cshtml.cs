using System.Text.Json;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Otop.Domain;
using Otop.Web.Features.Kpi;
using Otop.Web.Features.Org;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.OnlineMarket;

/// <summary>Letter 1, enclosure 4 summed up: districts ranked by share online, coloured by score, those below target listed.</summary>
public sealed class ResultsModel(AppDbContext db, CurrentUser me) : PageModel
{
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, BinderType = typeof(FiscalYearBinder))] public int? FiscalYear { get; set; }
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public int? Round { get; set; }
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public string? Province { get; set; }

    public OnlineMarketRound? Om { get; private set; }
    public ResultTable? Table { get; private set; }
    public List<ResultRow> Ranked { get; private set; } = [];
    public List<ResultRow> BelowTarget { get; private set; } = [];
    public string ProvinceName { get; private set; } = "";
    public string? Error { get; private set; }
    /// <summary>The national view (province 0, the department): one row per province.</summary>
    public NationalResultTable? National { get; private set; }
    public const UnitLevels PickerLevels = UnitLevels.Nation | UnitLevels.Province;
    /// <summary>The department's choice of the nation or a province; null for anyone else.</summary>
    public UnitPickerField? Picker { get; private set; }
    public string ChartJson { get; private set; } = "{}";
    public CurrentUser Me => me;
    public decimal TopScore => Om?.Table.Bands[^1].Score ?? 5;

    public async Task OnGetAsync(CancellationToken ct)
    {
        // The department may type a province's name in the unit picker (issue 17 item 2); a code goes on to the checks below.
        UnitChoice? named = null;
        if (me.Scope.IsDepartment && !string.IsNullOrWhiteSpace(Province) && UnitSearch.CodeOf(Province) is null)
        {
            named = await UnitPicker.ChooseAsync(db, me.Scope, Province, PickerLevels, "", ct);
            Province = named.Error is null ? named.Unit?.Code : null;
        }
        var (om, province, refusal) = await OnlineMarketSelection.ResolveAsync(db, me, FiscalYear, Round, Province, ct, nation: true);
        (Om, Province, Error) = (om, province, refusal?.Message);
        if (me.Scope.IsDepartment)
        {
            Picker = named is { Error: not null }
                ? named.Field("province", "province", "จังหวัด", PickerLevels)
                : new UnitChoice(await UnitPicker.FindAsync(db, me.Scope, province, PickerLevels, ct), "", null, [], false)
                    .Field("province", "province", "จังหวัด", PickerLevels);
        }
        if (om is null) return;
        FiscalYear = om.Indicator.FiscalYear;
        Round = om.Round.Round;
        if (province == OrgUnit.DepartmentCode)
        {
            // The nation: one row per province, from the same district rows as each province's own page.
            National = await OnlineMarketKpi.ByProvinceAsync(db, om, ct);
            var byPercent = National.Rows.OrderByDescending(r => r.Percent).ThenBy(r => r.ProvinceCode, StringComparer.Ordinal).ToList();
            ChartJson = Chart(om, byPercent.Select(r => (r.ProvinceName, r.Percent, r.Score)));
            return;
        }
        Table = await OnlineMarketKpi.ResultsAsync(db, om, province, ct);
        ProvinceName = await OnlineMarketSelection.ProvinceNameAsync(db, province, ct);
        Ranked = Table.Rows.OrderByDescending(r => r.Percent).ThenBy(r => r.DistrictCode, StringComparer.Ordinal).ToList();
        // Letter 1's target is the top band (10 %): a district below it has work left.
        BelowTarget = Ranked.Where(r => r.Score < TopScore).ToList();
        ChartJson = Chart(om, Ranked.Select(r => (r.DistrictName, r.Percent, r.Score)));
    }

    private static string Chart(OnlineMarketRound om, IEnumerable<(string Name, decimal Percent, decimal Score)> bars)
    {
        var list = bars.ToList();
        return JsonSerializer.Serialize(new
        {
            labels = list.Select(r => r.Name),
            percents = list.Select(r => r.Percent),
            scores = list.Select(r => r.Score),
            colours = list.Select(r => ScoreColours.Colour(r.Score)),
            target = om.Table.Bands[^1].Percent,
        });
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Features.Registry;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.OnlineMarket;

/// <summary>The working behind a district's score (letter 1, enclosure 4: the result report names, per product sold online, its channels, shop and since when): formula, the (frozen) product count, every product counted online and who recorded it.</summary>
[Otop.Web.Platform.Auth.ProvinceWideRead]
public sealed class ExplainModel(AppDbContext db, CurrentUser me) : PageModel
{
    [BindProperty(SupportsGet = true, BinderType = typeof(FiscalYearBinder))] public int? FiscalYear { get; set; }
    [BindProperty(SupportsGet = true)] public int? Round { get; set; }
    [BindProperty(SupportsGet = true)] public string District { get; set; } = "";

    public OnlineMarketRound? Om { get; private set; }
    public ResultRow? Row { get; private set; }
    public TargetRow? Target { get; private set; }
    public bool Published { get; private set; }
    public List<OnlineProduct> Products { get; private set; } = [];
    /// <summary>Listings recorded after the round's results cut-off (not counted); a since far before the recording is flagged.</summary>
    public List<OnlineMarketKpi.LateListing> Late { get; private set; } = [];
    public string? Error { get; private set; }
    public Dictionary<string, string> Channels { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var province = District.Length == 4 ? District[..2] : "";
        if (!OnlineMarketKpi.CanRead(me, province)) return NotFound();
        var (om, _, refusal) = await OnlineMarketSelection.ResolveAsync(db, me, FiscalYear, Round, province, ct);
        (Om, Error) = (om, refusal?.Message);
        if (om is null) return Page();
        var targets = await OnlineMarketKpi.TargetsAsync(db, om, province, ct);
        Target = targets.Rows.FirstOrDefault(r => r.DistrictCode == District);
        if (Target is null) return NotFound();
        Published = targets.Published;
        Row = (await OnlineMarketKpi.ResultsAsync(db, om, province, ct)).Rows.First(r => r.DistrictCode == District);
        Products = await OnlineMarketKpi.OnlineProductsAsync(db, om, District, ct);
        Late = await OnlineMarketKpi.LateListingsAsync(db, om, District, ct);
        Channels = await db.SalesChannels.AsNoTracking().ToDictionaryAsync(c => c.Code, c => c.NameTh, ct);
        return Page();
    }
}

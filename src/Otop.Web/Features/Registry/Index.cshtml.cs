using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Circulars;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Registry;

/// <summary>ทะเบียนผลิตภัณฑ์ OTOP: search and filter the caller's registry, page through it, export it as the import template.</summary>
public sealed class IndexModel(AppDbContext db, CurrentUser me) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public RegistryFilter Filter { get; set; } = new();
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public CurrentUser Me => me;
    public List<ProductRow> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public List<(string Code, string Name)> Districts { get; private set; } = [];
    public List<(string Code, string Name)> Subdistricts { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; private set; } = [];
    public Dictionary<string, string> DistrictNames { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        Errors = Filter.Errors();
        if (Errors.Count > 0) return;
        var products = Filter.Apply(db, me.Scope);
        Total = await products.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Rows = await RegistryFilter.InDisplayOrder(products).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToRows().ToListAsync(ct);
    }

    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        if (Filter.Errors().Count > 0) return BadRequest();
        await RegistryApi.WriteExportAsync(Response, Filter, format, me, db, ct);
        return new EmptyResult();
    }

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        var districts = await db.OrgUnits.AsNoTracking().VisibleTo(me.Scope).Where(o => o.Level == OrgLevel.District)
            .OrderBy(o => o.Code).Select(o => new { o.Code, o.NameTh }).ToListAsync(ct);
        Districts = districts.Select(d => (d.Code, d.NameTh)).ToList();
        DistrictNames = districts.ToDictionary(d => d.Code, d => d.NameTh);
        var district = me.IsDistrictStaff ? me.Scope.Code : Filter.District;
        if (!string.IsNullOrEmpty(district) && DistrictNames.ContainsKey(district))
        {
            Subdistricts = ReferenceData.SubdistrictsOf(district).Select(s => (s.Code, s.NameTh)).ToList();
        }
    }

    public Dictionary<string, string> RouteFor(int page, string? format = null)
    {
        var route = Filter.ToRouteValues().Where(kv => !string.IsNullOrEmpty(kv.Value))
            .ToDictionary(kv => "Filter." + kv.Key, kv => kv.Value!);
        if (format is null) route["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        else route["format"] = format;
        return route;
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Features.Circulars;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Registry;

/// <summary>A producer's page: who they are, their products and where each is sold online.</summary>
public sealed class ProducerModel(AppDbContext db, CurrentUser me) : PageModel
{
    public Entrepreneur Producer { get; private set; } = null!;
    public string DistrictName { get; private set; } = "";
    public string? SubdistrictName { get; private set; }
    public Dictionary<string, string> Channels { get; private set; } = [];
    public bool CanWrite => me.CanWrite;
    /// <summary>How many records were just merged into this one (the merge page's redirect).</summary>
    public int? Merged { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, int? merged, CancellationToken ct)
    {
        Merged = merged;
        var producer = await db.Entrepreneurs.AsNoTracking().VisibleTo(me.Scope)
            .Include(e => e.Products).ThenInclude(p => p.Listings)
            .AsSplitQuery()
            .FirstOrDefaultAsync(e => e.Code == code, ct);
        if (producer is null) return NotFound();
        Producer = producer;
        DistrictName = await db.OrgUnits.Where(o => o.Code == producer.DistrictCode).Select(o => o.NameTh).FirstOrDefaultAsync(ct) ?? producer.DistrictCode;
        if (producer.SubdistrictCode is { } sub)
        {
            SubdistrictName = ReferenceData.SubdistrictsOf(producer.DistrictCode).FirstOrDefault(s => s.Code == sub).NameTh;
        }
        Channels = await db.SalesChannels.AsNoTracking().ToDictionaryAsync(c => c.Code, c => c.NameTh, ct);
        return Page();
    }
}

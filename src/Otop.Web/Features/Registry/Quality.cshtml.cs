using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Circulars;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Registry;

/// <summary>
/// What keeps a registry from being "correct and current" (letter 1, task 1): likely duplicate producers (the same name
/// once spaces and prefixes such as กลุ่ม, วิสาหกิจชุมชน are ignored, in one district) and records missing required fields.
/// </summary>
public sealed class QualityModel(AppDbContext db, CurrentUser me) : PageModel
{
    public sealed record Producer(string Code, string Name, string DistrictCode);

    public sealed record DuplicateGroup(string DistrictCode, string NormalizedName, List<Producer> Producers);

    public sealed record Missing(string Code, string Name, string DistrictCode, string ProductCode, List<string> Fields);

    public List<DuplicateGroup> Duplicates { get; private set; } = [];
    public List<Missing> MissingFields { get; private set; } = [];
    public Dictionary<string, string> DistrictNames { get; private set; } = [];
    public bool CanWrite => me.CanWrite;

    public async Task OnGetAsync(CancellationToken ct)
    {
        DistrictNames = await db.OrgUnits.AsNoTracking().VisibleTo(me.Scope).Where(o => o.Level == OrgLevel.District)
            .ToDictionaryAsync(o => o.Code, o => o.NameTh, ct);
        var producers = await db.Entrepreneurs.AsNoTracking().VisibleTo(me.Scope)
            .Where(e => e.Status == RegistryStatus.Active)
            .Select(e => new Producer(e.Code, e.Name, e.DistrictCode)).ToListAsync(ct);
        Duplicates = producers.GroupBy(p => (p.DistrictCode, Key: ThaiText.NormalizeName(p.Name)))
            .Where(g => g.Count() > 1)
            .Select(g => new DuplicateGroup(g.Key.DistrictCode, g.Key.Key, g.OrderBy(p => p.Code).ToList()))
            .OrderBy(g => g.DistrictCode).ThenBy(g => g.Producers[0].Code).ToList();

        var incomplete = await db.Entrepreneurs.AsNoTracking().VisibleTo(me.Scope)
            .Where(e => e.Status == RegistryStatus.Active)
            .SelectMany(e => e.Products, (e, p) => new
            {
                e.Code, e.Name, e.DistrictCode, e.SubdistrictCode, e.Address, e.Phone, ProductCode = p.Code, ProductName = p.Name, p.RegisteredYear,
            })
            .Where(x => x.SubdistrictCode == null || x.Address == null || x.Address == "" || x.Phone == null || x.Phone == ""
                || x.ProductName == "" || x.RegisteredYear < 2400)
            .OrderBy(x => x.DistrictCode).ThenBy(x => x.Code).Take(2000).ToListAsync(ct);
        MissingFields = incomplete.Select(x => new Missing(x.Code, x.Name, x.DistrictCode, x.ProductCode,
            new List<string?>
            {
                x.SubdistrictCode is null ? "ตำบล" : null,
                string.IsNullOrEmpty(x.Address) ? "ที่อยู่" : null,
                string.IsNullOrEmpty(x.Phone) ? "โทรศัพท์" : null,
                x.ProductName == "" ? "ชื่อผลิตภัณฑ์" : null,
                x.RegisteredYear < 2400 ? "ปีที่ลงทะเบียน" : null,
            }.OfType<string>().ToList())).ToList();
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.Registry;

/// <summary>
/// Merging likely duplicates (issue 16, item 9), in two steps: GET shows what will move (products, months, answers) and
/// why it cannot, with every record's version; POST merges with those versions. Without <c>from</c> it offers the
/// producers of the same district whose name normalises the same (the quality page's groups).
/// </summary>
public sealed class MergeModel(AppDbContext db, CurrentUser me, ProducerMerging merging) : PageModel
{
    public sealed class MergeInput
    {
        public string? Keep { get; set; }
        public List<string> From { get; set; } = [];
        public List<int> Versions { get; set; } = [];
    }

    [BindProperty] public MergeInput Input { get; set; } = new();
    public MergePlan? Plan { get; private set; }
    public Dictionary<string, int> ProductCounts { get; private set; } = [];
    public List<Entrepreneur> Candidates { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? keep, List<string>? from, CancellationToken ct)
    {
        if (!me.CanWrite) return Forbid();
        Input.Keep = keep;
        Input.From = (from ?? []).Where(c => c != keep).ToList();
        if (Input.From.Count == 0) return await CandidatesAsync(keep ?? "", ct);
        var (plan, refusal) = await merging.PlanAsync(keep ?? "", Input.From, ct);
        if (refusal is { Status: 404 or 403 }) return refusal.Status == 404 ? NotFound() : Forbid();
        if (refusal is not null) Error = refusal.Detail + FieldMessages(refusal);
        await ShowAsync(plan, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!me.CanWrite) return Forbid();
        var codes = Input.From.Prepend(Input.Keep ?? "").ToList();
        var versions = codes.Zip(Input.Versions).GroupBy(x => x.First).ToDictionary(g => g.Key, g => g.First().Second);
        var (result, refusal) = await merging.MergeAsync(Input.Keep ?? "", Input.From, versions, ct);
        if (result is not null) return Redirect($"/Registry/Producer/{Uri.EscapeDataString(result.Keep)}?merged={result.From.Count}");
        if (refusal!.Status == 404) return NotFound();
        if (refusal.Status == 403) return Forbid();
        db.ChangeTracker.Clear();
        Error = refusal.Detail + FieldMessages(refusal);
        Response.StatusCode = refusal.Status;
        var (plan, _) = await merging.PlanAsync(Input.Keep ?? "", Input.From, ct);
        await ShowAsync(plan, ct);
        return Page();
    }

    private async Task<IActionResult> CandidatesAsync(string keep, CancellationToken ct)
    {
        var kept = await db.Entrepreneurs.AsNoTracking().VisibleTo(me.Scope).FirstOrDefaultAsync(e => e.Code == keep, ct);
        if (kept is null) return NotFound();
        var key = ThaiText.NormalizeName(kept.Name);
        Candidates = (await db.Entrepreneurs.AsNoTracking().VisibleTo(me.Scope)
                .Where(e => e.DistrictCode == kept.DistrictCode && e.Status != RegistryStatus.Merged && e.Id != kept.Id).ToListAsync(ct))
            .Where(e => ThaiText.NormalizeName(e.Name) == key).OrderBy(e => e.Code, StringComparer.Ordinal).ToList();
        Plan = new MergePlan(kept, [], [], []);
        return Page();
    }

    private async Task ShowAsync(MergePlan? plan, CancellationToken ct)
    {
        Plan = plan;
        if (plan is null) return;
        var ids = plan.From.Prepend(plan.Keep).Select(e => e.Id).ToList();
        ProductCounts = await db.Products.AsNoTracking().Where(p => ids.Contains(p.EntrepreneurId))
            .GroupBy(p => p.Entrepreneur.Code).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        Input.Keep = plan.Keep.Code;
        Input.From = plan.From.Select(e => e.Code).ToList();
    }

    private static string FieldMessages(Refusal r) => r.Errors is null ? "" : " " + string.Join(" ", r.Errors.Values.SelectMany(v => v));
}

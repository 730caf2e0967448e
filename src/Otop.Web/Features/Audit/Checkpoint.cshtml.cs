using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Otop.Web.Platform.Audit;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Secrets;

namespace Otop.Web.Features.Audit;

/// <summary>
/// The department's signed checkpoints of every audit chain, in a form to print and file (docs/decisions/013): each
/// chain's latest head with its HMAC, so that a later check, or a reader holding the paper, sees a chain cut short or
/// rewritten after that day. The national compilation (a later issue) will print the same block; until then this page
/// is where it is printed. "Sign now" writes a checkpoint of every chain (as <c>POST /api/v1/audit/checkpoints</c>).
/// </summary>
public sealed class CheckpointModel(AppDbContext db, CurrentUser me, KeyRing keys, TimeProvider clock) : PageModel
{
    public List<AuditCheckpoint> Checkpoints { get; private set; } = [];
    public DateTimeOffset PrintedAt { get; private set; }
    public int Written { get; private set; } = -1;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!me.IsDepartmentAdmin) return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!me.IsDepartmentAdmin) return Forbid();
        Written = (await AuditCheckpoints.WriteAsync(db, keys, clock, AuditCheckpoints.Manual, me.UserName, ct)).Count;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        PrintedAt = clock.GetUtcNow();
        Checkpoints = (await AuditCheckpoints.LatestAsync(db, ct)).Values.OrderBy(c => c.Chain, StringComparer.Ordinal).ToList();
    }
}

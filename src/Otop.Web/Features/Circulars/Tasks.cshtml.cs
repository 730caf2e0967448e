using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Circulars;

/// <summary>The unit's own page: every task its letters set, by when, and what it has sent (replaces the LINE group of letter 1).</summary>
public sealed class TasksModel(AppDbContext db, CurrentUser me, TimeProvider clock) : PageModel
{
    public sealed record Row(AssignmentState State, int CircularId, string Number, string Subject, int Ordinal, string Title, CircularTaskKind Kind, string? Link);

    public List<Row> Rows { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }
    public string UnitCode => me.Scope.Code;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow();
        var unit = me.Scope.Code;
        var mine = db.TaskAssignments.VisibleTo(me.Scope).Where(a => a.UnitCode == unit && a.Task.Circular.Status == CircularStatus.Published);
        var states = (await CircularRules.StatesAsync(db, mine, ct)).ToDictionary(s => s.AssignmentId);
        var tasks = await mine.AsNoTracking()
            .Select(a => new { a.Id, a.Task.CircularId, a.Task.Circular.Number, a.Task.Circular.Subject, a.Task.Ordinal, a.Task.Title, a.Task.Kind, a.Task.FiscalYear, a.Task.Round })
            .ToListAsync(ct);
        Rows = tasks.Select(t => new Row(states[t.Id], t.CircularId, t.Number, t.Subject, t.Ordinal, t.Title, t.Kind, CircularRules.FormLink(t.Kind, t.FiscalYear, t.Round)))
            .OrderBy(r => r.State.Sent).ThenBy(r => r.State.DueDate).ThenBy(r => r.CircularId).ToList();
    }
}

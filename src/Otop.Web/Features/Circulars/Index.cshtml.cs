using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Circulars;

/// <summary>หนังสือสั่งการ: letters the user's unit issued or received, newest first.</summary>
public sealed class IndexModel(AppDbContext db, CurrentUser me) : PageModel
{
    public sealed record Row(int Id, string Number, DateOnly IssuedOn, string Subject, string IssuerName, CircularStatus Status, int Tasks, int Sent, int Assigned);

    public List<Row> Rows { get; private set; } = [];
    public bool CanIssue => CircularRules.CanIssue(me) && me.CanWrite;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var letters = await db.Circulars.AsNoTracking().VisibleTo(me.Scope)
            .OrderByDescending(c => c.IssuedOn).ThenByDescending(c => c.Id)
            .Select(c => new { c.Id, c.Number, c.IssuedOn, c.Subject, c.IssuerCode, c.Status, Tasks = c.Tasks.Count })
            .Take(200).ToListAsync(ct);
        var ids = letters.Select(l => l.Id).ToList();
        var states = await CircularRules.StatesAsync(db, db.TaskAssignments.VisibleTo(me.Scope).Where(a => ids.Contains(a.Task.CircularId)), ct);
        var taskLetter = await db.CircularTasks.AsNoTracking().Where(t => ids.Contains(t.CircularId)).Select(t => new { t.Id, t.CircularId }).ToListAsync(ct);
        var letterOfTask = taskLetter.ToDictionary(t => t.Id, t => t.CircularId);
        var names = await db.OrgUnits.AsNoTracking().Where(o => o.Level != OrgLevel.District).Select(o => new { o.Code, o.NameTh }).ToDictionaryAsync(o => o.Code, o => o.NameTh, ct);
        Rows = letters.Select(l =>
        {
            var mine = states.Where(s => letterOfTask.GetValueOrDefault(s.TaskId) == l.Id).ToList();
            var issuer = l.IssuerCode == OrgUnit.DepartmentCode ? names.GetValueOrDefault(l.IssuerCode, "กรมการพัฒนาชุมชน") : "จังหวัด" + names.GetValueOrDefault(l.IssuerCode, l.IssuerCode);
            return new Row(l.Id, l.Number, l.IssuedOn, l.Subject, issuer, l.Status, l.Tasks, mine.Count(s => s.Sent), mine.Count);
        }).ToList();
    }
}

using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Circulars;

/// <summary>A draft letter: number, date, subject, recipients, body and the tasks it sets. Only the issuing unit writes it.</summary>
public sealed class EditModel(AppDbContext db, CurrentUser me, TimeProvider clock) : PageModel
{
    public const int TaskRows = 4;

    [BindProperty(SupportsGet = true)] public int? Id { get; set; }
    [BindProperty] public int Version { get; set; }
    [BindProperty] public CircularInput Input { get; set; } = new();

    public List<(string Code, string Name, OrgLevel Level)> Units { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; private set; } = [];
    public string? Error { get; private set; }
    public bool IsDepartment => me.Scope.IsDepartment;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!CircularRules.CanIssue(me) || !me.CanWrite) return Forbid();
        if (Id is { } id)
        {
            var c = await db.Circulars.AsNoTracking().VisibleTo(me.Scope).Include(x => x.Recipients).Include(x => x.Tasks)
                .FirstOrDefaultAsync(x => x.Id == id, ct);
            if (c is null) return NotFound();
            if (!CircularCommands.IsIssuer(me, c)) return Forbid();
            if (c.Status == CircularStatus.Published) return RedirectToPage("Letter", new { id });
            Version = c.Version;
            Input = new CircularInput
            {
                Number = c.Number, IssuedOn = ThaiDates.FormatInput(c.IssuedOn), Subject = c.Subject, Body = c.Body,
                Recipients = c.Recipients.Select(r => r.UnitCode).ToList(),
                Tasks = c.Tasks.OrderBy(t => t.Ordinal).Select(t => new TaskInput
                {
                    Title = t.Title, DueDate = ThaiDates.FormatInput(t.DueDate), Kind = t.Kind,
                    FiscalYear = t.FiscalYear?.ToString(CultureInfo.InvariantCulture), Round = t.Round?.ToString(CultureInfo.InvariantCulture),
                }).ToList(),
            };
        }
        else
        {
            Input.IssuedOn = ThaiDates.FormatInput(Bangkok.Today(clock.GetUtcNow()));
            Input.AllUnits = true;
        }
        await LoadUnitsAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (circular, refusal) = await CircularCommands.SaveDraftAsync(db, me, clock, Id, Version, Input, ct);
        switch (refusal?.Status)
        {
            case null: return RedirectToPage("Letter", new { id = circular!.Id, saved = "draft" });
            case 403: return Forbid();
            case 404: return NotFound();
        }
        // Field errors are listed beside their fields; any other refusal is the one line above the form.
        Errors = refusal.Errors?.ToDictionary() ?? [];
        Error = refusal.Errors is null ? refusal.Detail : null;
        await LoadUnitsAsync(ct);
        return Page();
    }


    private async Task LoadUnitsAsync(CancellationToken ct)
    {
        var units = await CircularCommands.AddressableBy(db, me.Scope.Code).AsNoTracking().OrderBy(o => o.Code)
            .Select(o => new { o.Code, o.NameTh, o.Level }).ToListAsync(ct);
        Units = units.Select(u => (u.Code, u.NameTh, u.Level)).ToList();
        while (Input.Tasks.Count < TaskRows) Input.Tasks.Add(new TaskInput());
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Otop.Domain;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Files;
using Otop.Web.Platform.Documents;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.Circulars;

/// <summary>
/// One letter: its text, enclosures with download QR codes, and its tasks. A recipient sees its own assignment and sends
/// it here; the issuing province (or anyone above the recipients) sees who has sent and who has not.
/// </summary>
public sealed class LetterModel(AppDbContext db, CurrentUser me, TimeProvider clock, IOptions<CircularOptions> options) : PageModel
{
    public sealed record EnclosureRow(int Id, int Ordinal, string Title, string FileName, string ContentType, int Size, string Url, string QrSvg);
    public sealed record TaskView(CircularTask Task, List<AssignmentState> States);

    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public int Version { get; set; }

    public Circular Circular { get; private set; } = null!;
    public string IssuerName { get; private set; } = "";
    public List<string> RecipientNames { get; private set; } = [];
    public List<EnclosureRow> Enclosures { get; private set; } = [];
    public List<TaskView> Tasks { get; private set; } = [];
    public List<CircularCorrection> Corrections { get; private set; } = [];
    public Dictionary<string, string> UnitNames { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; private set; } = [];
    public string? Error { get; private set; }
    public string? Message { get; private set; }
    public int? ErrorAssignment { get; private set; }
    public DateTimeOffset Now { get; private set; }

    public bool IsIssuer => CircularCommands.IsIssuer(me, Circular) && me.CanWrite;
    public string MyUnit => me.Scope.Code;
    public bool CanSubmit => me.CanWrite && (me.IsDistrictStaff || me.IsProvinceOfficer);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Message = Request.Query["saved"].FirstOrDefault() switch
        {
            "draft" => "บันทึกร่างแล้ว",
            "published" => "เผยแพร่หนังสือแล้ว หน่วยงานผู้รับเห็นหนังสือและงานที่ต้องส่ง",
            "enclosure" => "แนบสิ่งที่ส่งมาด้วยแล้ว",
            "sent" => "ส่งงานแล้ว",
            "corrected" => "บันทึกการแก้ไขแล้ว",
            _ => null,
        };
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostPublishAsync(CancellationToken ct) =>
        await After((await CircularCommands.PublishAsync(db, me, clock, Id, Version, ct)).Refusal, "published", ct);

    public async Task<IActionResult> OnPostEnclosureAsync(string? title, IFormFile? file, CancellationToken ct) =>
        await After(await CircularCommands.AddEnclosureAsync(db, me, clock, Id, title, file, options.Value.MaxFileBytes, ct), "enclosure", ct);

    public async Task<IActionResult> OnPostSubmitAsync(int assignment, string? note, IFormFile? file, CancellationToken ct)
    {
        ErrorAssignment = assignment;
        return await After(await CircularCommands.SubmitAsync(db, me, clock, assignment, note, file, options.Value.MaxFileBytes, ct), "sent", ct);
    }

    public async Task<IActionResult> OnPostCorrectAsync(string? subject, string? body, string? reason, CancellationToken ct) =>
        await After(await CircularCommands.CorrectAsync(db, me, clock, Id, Version, subject, body, reason, ct), "corrected", ct);

    /// <summary>What a recipient sent, for the recipient itself and the units above it.</summary>
    public async Task<IActionResult> OnGetFileAsync(int assignment, CancellationToken ct)
    {
        var file = await db.TaskAssignments.AsNoTracking().VisibleTo(me.Scope)
            .Where(a => a.Id == assignment && a.FileContent != null)
            .Select(a => new { a.FileName, a.FileContentType, a.FileContent }).FirstOrDefaultAsync(ct);
        return file is null ? NotFound() : File(file.FileContent!, file.FileContentType!, UploadedFile.SafeFileName(file.FileName));
    }

    private async Task<IActionResult> After(Refusal? refusal, string saved, CancellationToken ct)
    {
        switch (refusal?.Status)
        {
            case null: return RedirectToPage(new { id = Id, saved });
            case 403: return Forbid();
            case 404: return NotFound();
        }
        // Field errors are listed beside their fields; any other refusal is the one line above the form.
        Errors = refusal.Errors?.ToDictionary() ?? [];
        Error = refusal.Errors is null ? refusal.Detail : null;
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow();
        var c = await db.Circulars.AsNoTracking().VisibleTo(me.Scope).Include(x => x.Recipients).Include(x => x.Tasks).Include(x => x.Corrections)
            .FirstOrDefaultAsync(x => x.Id == Id, ct);
        if (c is null) return false;
        Circular = c;
        Version = c.Version;
        Corrections = c.Corrections.OrderBy(x => x.At).ToList();
        UnitNames = await db.OrgUnits.AsNoTracking().Select(o => new { o.Code, o.NameTh, o.Level })
            .ToDictionaryAsync(o => o.Code, o => o.Level switch { OrgLevel.Province => "จังหวัด" + o.NameTh, OrgLevel.District => "อำเภอ" + o.NameTh, _ => o.NameTh }, ct);
        IssuerName = UnitNames.GetValueOrDefault(c.IssuerCode, c.IssuerCode);
        RecipientNames = c.Recipients.OrderBy(r => r.UnitCode, StringComparer.Ordinal).Select(r => UnitNames.GetValueOrDefault(r.UnitCode, r.UnitCode)).ToList();

        var enclosures = await db.CircularEnclosures.AsNoTracking().Where(e => e.CircularId == Id).OrderBy(e => e.Ordinal)
            .Select(e => new { e.Id, e.Ordinal, e.Title, e.FileName, e.ContentType, e.Size, e.Token }).ToListAsync(ct);
        var origin = HttpContext.RequestServices.GetRequiredService<PublicAddress>().Base;
        Enclosures = enclosures.Select(e =>
        {
            var url = $"{origin}{CircularsSetup.EnclosurePath(e.Token)}";
            return new EnclosureRow(e.Id, e.Ordinal, e.Title, e.FileName, e.ContentType, e.Size, url, QrCodes.Svg(url, 3));
        }).ToList();

        var states = await CircularRules.StatesAsync(db, db.TaskAssignments.VisibleTo(me.Scope).Where(a => a.Task.CircularId == Id), ct);
        Tasks = c.Tasks.OrderBy(t => t.Ordinal).Select(t => new TaskView(t, states.Where(s => s.TaskId == t.Id).OrderBy(s => s.UnitCode, StringComparer.Ordinal).ToList())).ToList();
        return true;
    }

    public static string Size(int bytes) => bytes >= 1024 * 1024 ? $"{bytes / 1024d / 1024:0.0} MB" : $"{Math.Max(1, bytes / 1024)} KB";
}

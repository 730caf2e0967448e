using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Circulars;
using Otop.Web.Platform.Audit;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Documents;
using Otop.Web.Platform.Secrets;

namespace Otop.Web.Features.Audit;

/// <summary>
/// The audit with filters (docs/decisions/008-audit-chain.md): a DepartmentAdmin reads everything, a ProvinceOfficer its
/// province, as in GET /api/v1/audit; they (the province for its own chains) may run the integrity check from here.
/// </summary>
public sealed class IndexModel(AppDbContext db, CurrentUser me, AuditVerifier verifier) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Entity { get; set; }
    [BindProperty(SupportsGet = true)] public string? Key { get; set; }
    [BindProperty(SupportsGet = true, Name = "user")] public string? ByUser { get; set; }
    [BindProperty(SupportsGet = true)] public string? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "auditAction")] public string? AuditAction { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    [BindProperty(SupportsGet = true)] public bool Check { get; set; }

    public bool CanList => AuditLog.MayRead(me);
    public bool CanVerify => AuditVerifier.MayVerify(me);
    public List<AuditEntry> Entries { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public List<string> Entities { get; private set; } = [];
    public List<string> Actions { get; private set; } = [];
    public Dictionary<string, string> Errors { get; } = [];
    public List<ChainReport>? Verification { get; private set; }
    public bool IsDepartmentAdmin => me.IsDepartmentAdmin;
    /// <summary>The newest signed checkpoint, shown to the department with a link to the printable list.</summary>
    public AuditCheckpoint? LatestCheckpoint { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Check && await verifier.VerifyAsync(me, db, ct) is { } verified) Verification = verified.Chains;
        if (me.IsDepartmentAdmin) LatestCheckpoint = (await AuditCheckpoints.LatestAsync(db, ct)).Values.MaxBy(c => c.At);
        if (!CanList) return Page();

        var query = db.AuditEntries.AsNoTracking().VisibleTo(me.Scope);
        Entities = await query.Select(a => a.Entity).Distinct().OrderBy(e => e).ToListAsync(ct);
        Actions = await query.Select(a => a.Action).Distinct().OrderBy(e => e).ToListAsync(ct);

        if (!string.IsNullOrWhiteSpace(Entity)) query = query.Where(a => a.Entity == Entity.Trim());
        if (!string.IsNullOrWhiteSpace(Key)) { var k = Key.Trim(); query = query.Where(a => a.Key.StartsWith(k)); }
        if (!string.IsNullOrWhiteSpace(ByUser)) { var u = ByUser.Trim(); query = query.Where(a => a.UserName == u); }
        if (!string.IsNullOrWhiteSpace(AuditAction)) query = query.Where(a => a.Action == AuditAction.Trim());
        if (!string.IsNullOrWhiteSpace(Unit))
        {
            var unit = ThaiDigits.ToArabic(Unit.Trim());
            if (unit.Length == 2) query = query.Where(a => a.ProvinceCode == unit);
            else if (unit.Length == 4) query = query.Where(a => a.ProvinceCode == unit.Substring(0, 2) && a.Key.StartsWith(unit));
            else Errors["unit"] = "หน่วยงานต้องเป็นรหัสจังหวัด 2 หลักหรือรหัสอำเภอ 4 หลัก";
        }
        if (ParseDay(From, "from") is { } from) { var start = Bangkok.StartOfDay(from); query = query.Where(a => a.At >= start); }
        if (ParseDay(To, "to") is { } to) { var end = Bangkok.StartOfDay(to.AddDays(1)); query = query.Where(a => a.At < end); }

        Total = await query.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Entries = await query.OrderByDescending(a => a.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return Page();
    }

    private DateOnly? ParseDay(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (ThaiDates.TryParseDate(text, out var day)) return day;
        Errors[field] = $"วันที่ '{text}' ไม่ถูกต้อง (เช่น 20/2/2566)";
        return null;
    }

    public string? PageLink(int page) => Url.Page("/Audit/Index", new { Entity, Key, user = ByUser, Unit, From, To, auditAction = AuditAction, p = page });
}

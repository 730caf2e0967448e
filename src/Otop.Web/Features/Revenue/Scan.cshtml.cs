using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Platform.Audit;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;
using Otop.Web.Platform.Writes;

namespace Otop.Web.Features.Revenue;

/// <summary>
/// The signed รต.2 scan of a month (letter 2, clause 3; issue 15, item 6): a head often signs on paper after certifying in
/// the system, so the scan can be attached after certifying and after confirming, not only with the certification. Only
/// for a month that has been certified (there is no signed รต.2 before); the 6th–10th close applies like every district write.
/// </summary>
public sealed class ScanModel(AppDbContext db, CurrentUser me, TimeProvider clock, DistrictWriteGuard guard) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? District { get; set; }
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }

    public string DistrictName { get; private set; } = "";
    public YearMonth SelectedMonth { get; private set; }
    public RevenueStatus? Status { get; private set; }
    public List<(int Id, string Name, DateTimeOffset At, string By)> Scans { get; private set; } = [];
    public string? Message { get; private set; }
    public string? Error { get; private set; }
    public bool CanAttach => (me.IsDistrictStaff || me.IsDepartmentAdmin) && Status is { } s && DistrictWriteRule.FilesFrozen(s);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await ResolveAsync(ct) is { } result) return result;
        Message = TempData["ScanMessage"] as string;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await ResolveAsync(ct) is { } result) return result;
        if (!(me.IsDistrictStaff || me.IsDepartmentAdmin)) return Forbid();
        // The close first, as on every district write path (decision 014). The scan documents the signature, so
        // certification does not freeze it (status null): only the close applies.
        if (await guard.CheckAsync(District!, DistrictWrite.File(monthStatus: null), ct, SelectedMonth) is { } closed) return Refused(closed.Status, closed.Detail);
        if (Status is not { } status || !DistrictWriteRule.FilesFrozen(status))
        {
            return Refused(409, $"เดือน{RevenueMonth.ThaiMonth(SelectedMonth)} ยังไม่ได้รับรอง จึงยังไม่มี รต.2 ที่ลงนาม (แนบสแกนพร้อมการรับรองได้ที่หน้าบันทึกรายได้)");
        }
        var (file, fileError) = await RevenueFiles.ReadAsync(Upload, District!, RevenueFilePurpose.SignedRt2, Month, null, me.UserName, clock.GetUtcNow(), ct);
        if (fileError is not null) return Refused(422, "แนบสแกนไม่ได้: " + fileError);
        db.RevenueFiles.Add(file!);
        AuditLog.Record(db, me, clock, "revenue-file", $"{District}/{Month}", "attach-signed-rt2",
            newValue: RevenueFiles.Describe(file), provinceCode: District![..2]);
        await db.SaveChangesAsync(ct);
        TempData["ScanMessage"] = $"แนบสแกน รต.2 ของเดือน{RevenueMonth.ThaiMonth(SelectedMonth)} แล้ว";
        return RedirectToPage(new { district = District, month = Month });
    }

    private IActionResult Refused(int status, string detail)
    {
        Error = detail;
        Response.StatusCode = status;
        return Page();
    }

    private async Task<IActionResult?> ResolveAsync(CancellationToken ct)
    {
        if (RevenueMonthQueries.ParseMonth(Month, out var month) is { } bad) return this.Refuse(bad.Status, bad.Detail);
        var (district, refusal) = await ScopedDistricts.FindAsync(db, me, District ?? "", ct);
        if (refusal is { Status: 403 }) return Forbid();
        if (refusal is not null) return NotFound();
        DistrictName = district!.NameTh;
        SelectedMonth = month;
        Month = month.ToString();
        var key = Month;
        Status = await db.RevenueMonths.AsNoTracking().VisibleTo(me.Scope).Where(m => m.DistrictCode == District && m.Month == key)
            .Select(m => (RevenueStatus?)m.Status).FirstOrDefaultAsync(ct);
        Scans = (await db.RevenueFiles.AsNoTracking().VisibleTo(me.Scope)
                .Where(f => f.DistrictCode == District && f.Month == key && f.Purpose == RevenueFilePurpose.SignedRt2)
                .OrderBy(f => f.UploadedAt).Select(f => new { f.Id, f.FileName, f.UploadedAt, f.UploadedBy }).ToListAsync(ct))
            .Select(f => (f.Id, f.FileName, f.UploadedAt, f.UploadedBy)).ToList();
        return null;
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Otop.Domain;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.Revenue;

/// <summary>
/// "กรอกจาก Excel" for a district month: download its รต.1 XLSX, fill it offline, upload it here (or a CSV); the same
/// code as <c>POST /api/v1/revenue/{district}/{month}/file</c> (<see cref="RevenueMonthFile"/>). A refused file lists every
/// bad row in Thai and nothing is written; a taken one goes back to the entry page with its new version.
/// </summary>
[EnableRateLimiting(Hardening.ImportPolicy)]
public sealed class MonthFileModel(AppDbContext db, CurrentUser me, TimeProvider clock, RevenueWriteLimit limit, RevenueMetrics metrics) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? District { get; set; }
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }

    public string DistrictName { get; private set; } = "";
    public string MonthName { get; private set; } = "";
    public string? Detail { get; private set; }
    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await ResolveAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await ResolveAsync(ct) is { } r) return r;
        if (!(me.IsDistrictStaff || me.IsDepartmentAdmin) || !me.Scope.Covers(District!)) return Forbid();
        var (version, refusal) = await RevenueMonthFile.UploadAsync(db, me, clock, limit, metrics, District!, Month!, Upload, ct);
        if (refusal is null)
        {
            TempData["RevenueMessage"] = $"นำเข้ารายได้จากไฟล์แล้ว (ฉบับที่ {version})";
            return RedirectToPage("/Revenue/Entry", new { district = District, month = Month });
        }
        if (refusal.Status == 403) return Forbid();
        Response.StatusCode = refusal.Status == 422 ? 200 : refusal.Status;
        Detail = refusal.Detail;
        Errors.AddRange(refusal.Errors?.OrderBy(e => RowOf(e.Key)).SelectMany(e => e.Value) ?? []);
        return Page();
    }

    private static int RowOf(string key) =>
        int.TryParse(new string(key.SkipWhile(c => !char.IsAsciiDigit(c)).TakeWhile(char.IsAsciiDigit).ToArray()), out var row) ? row : 0;

    private async Task<IActionResult?> ResolveAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(District) || string.IsNullOrWhiteSpace(Month)) return this.Refuse(400, "กรุณาระบุอำเภอและเดือน");
        var (district, refusal) = await ScopedDistricts.FindAsync(db, me, District, ct);
        if (refusal is not null) return refusal.Status == 403 ? Forbid() : this.Refuse(refusal.Status, refusal.Detail);
        if (RevenueMonthQueries.ParseMonth(Month, out var month) is { } bad) return this.Refuse(bad.Status, bad.Detail);
        DistrictName = district!.NameTh;
        MonthName = RevenueMonth.ThaiMonth(month);
        return null;
    }
}

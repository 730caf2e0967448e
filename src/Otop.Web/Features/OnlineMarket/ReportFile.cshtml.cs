using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;
using Otop.Web.Platform.Writes;

namespace Otop.Web.Features.OnlineMarket;

/// <summary>
/// "กรอกจาก Excel" for the result report (issue 16, item 5): download the district's fill-in report, add, end or delete
/// listings offline, upload it here (or its CSV); the Report page's own listing changes apply it.
/// </summary>
[EnableRateLimiting(Hardening.ImportPolicy)]
public sealed class ReportFileModel(AppDbContext db, CurrentUser me, TimeProvider clock, DistrictWriteGuard guard) : DistrictFormFilePage
{
    public async Task OnGetAsync(CancellationToken ct) => await ResolveAsync(db, me, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await ResolveAsync(db, me, ct)) return me.IsDistrictStaff ? Page() : Forbid();
        var (saved, refusal) = await ReportFile.UploadAsync(db, me, clock, guard, Om!, District, Upload, ct);
        if (refusal is not null) return Refused(refusal);
        Saved = "บันทึกแบบรายงานผลจากไฟล์แล้ว";
        Summary.Add($"เพิ่มช่องทางจำหน่าย {saved!.Added:N0} รายการ, บันทึกวันที่เลิกจำหน่าย {saved.Ended:N0} รายการ, ลบ {saved.Deleted:N0} รายการ");
        Summary.Add($"ช่องทางจำหน่ายของอำเภอรวม {saved.Listings:N0} รายการ");
        return Page();
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;
using Otop.Web.Platform.Writes;

namespace Otop.Web.Features.OnlineMarket;

/// <summary>
/// "กรอกจาก Excel" for the readiness survey (issue 16, item 5): download the district's fill-in survey, fill it offline,
/// upload it here (or its CSV); the Survey page's command saves it as a draft, to be sent from the Survey page.
/// </summary>
[EnableRateLimiting(Hardening.ImportPolicy)]
public sealed class SurveyFileModel(AppDbContext db, CurrentUser me, TimeProvider clock, DistrictWriteGuard guard) : DistrictFormFilePage
{
    public async Task OnGetAsync(CancellationToken ct) => await ResolveAsync(db, me, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await ResolveAsync(db, me, ct)) return me.IsDistrictStaff ? Page() : Forbid();
        var (saved, refusal) = await SurveyFile.UploadAsync(db, me, clock, guard, Om!, Upload, ct);
        if (refusal is not null) return Refused(refusal);
        Saved = $"บันทึกแบบสำรวจจากไฟล์แล้ว (ฉบับที่ {saved!.Version}) เป็นร่าง ตรวจดูแล้วกด \"ส่งจังหวัด\" ที่หน้าแบบสำรวจ";
        Summary.Add($"ผู้ประกอบการ {saved.Producers:N0} ราย: พร้อมจำหน่ายออนไลน์ {saved.Ready:N0} ราย ยังไม่พร้อม {saved.NotReady:N0} ราย");
        Summary.Add("สิ่งที่ยังขาด: " + string.Join(", ", saved.Lacks.Select(l => $"{l.Thai} {l.Count:N0}")));
        return Page();
    }
}

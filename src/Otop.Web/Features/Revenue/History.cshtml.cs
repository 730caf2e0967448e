using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Files;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.Revenue;

/// <summary>
/// Issue 16, item 3: the department loads revenue history (such as the previous year's baseline) from a page, with the
/// same all-or-nothing rules as <c>POST /api/v1/revenue/import</c>: check first, every bad row in Thai, then load, and see
/// what was loaded per province and month. wwwroot/js/import-upload.js sends the file with upload progress.
/// </summary>
[RequestSizeLimit(MaxBytes + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxBytes + 1024 * 1024)]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Hardening.ImportPolicy)]
public sealed class HistoryModel(AppDbContext db, CurrentUser me, TimeProvider clock) : PageModel
{
    /// <summary>A year of a whole province's producers is a few MB; the national file of 2566 (about 100,000 producers × 12 months) under 30 MB.</summary>
    public const long MaxBytes = 30L * 1024 * 1024;

    public RevenueImport.Result? Result { get; private set; }
    public string? FileError { get; private set; }
    public string? FileName { get; private set; }
    public bool Committed { get; private set; }
    public Dictionary<string, string> ProvinceNames { get; private set; } = [];

    public IActionResult OnGet() => me.IsDepartmentAdmin ? Page() : Forbid();

    public async Task<IActionResult> OnPostAsync(IFormFile? file, bool commit, CancellationToken ct)
    {
        if (!me.IsDepartmentAdmin) return Forbid();
        if (file is null || file.Length == 0)
        {
            FileError = "กรุณาเลือกไฟล์ CSV หรือ XLSX ที่จะนำเข้า";
            return Page();
        }
        FileName = UploadedFile.SafeFileName(file.FileName);
        if (file.Length > MaxBytes)
        {
            FileError = $"ไฟล์ใหญ่เกินกำหนด นำเข้าได้ครั้งละไม่เกิน {MaxBytes / (1024 * 1024)} MB กรุณาแบ่งไฟล์ตามจังหวัดหรือเดือน";
            return Page();
        }
        List<FileRow> lines;
        try
        {
            await using var stream = file.OpenReadStream();
            lines = TabularFile.ReadRows(stream).ToList();
        }
        catch (UnreadableFileException e)
        {
            FileError = e.Message;
            Response.StatusCode = e.Status;
            return Page();
        }
        Result = await RevenueImport.ImportAsync(db, me, clock, lines, commit, ct);
        if (Result.Rejected.Count > 0) Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        Committed = commit && Result.Rejected.Count == 0;
        var provinces = Result.Loaded.Select(l => l.ProvinceCode).Distinct().ToList();
        ProvinceNames = await db.OrgUnits.AsNoTracking().Where(o => provinces.Contains(o.Code)).ToDictionaryAsync(o => o.Code, o => o.NameTh, ct);
        return Page();
    }

    public string ProvinceName(string code) => ProvinceNames.TryGetValue(code, out var name) ? $"{name} ({code})" : code;
}

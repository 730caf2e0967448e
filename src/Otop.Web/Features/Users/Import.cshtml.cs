using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Files;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.Users;

/// <summary>
/// <c>/Users/Import</c>: accounts from a CSV (the downloadable template) or XLSX, all-or-nothing: every bad row in Thai and
/// nothing written, or every account created or updated, with the one-time links of the new accounts shown once.
/// </summary>
[RequestSizeLimit(UsersApi.MaxImportBytes + 1024 * 1024)]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Hardening.ImportPolicy)]
[RequestFormLimits(MultipartBodyLengthLimit = UsersApi.MaxImportBytes + 1024 * 1024)]
public sealed class ImportModel(AppDbContext db, CurrentUser me, AccountImport import) : PageModel
{
    public AccountImportResult? Result { get; private set; }
    public string? FileError { get; private set; }
    public string? FileName { get; private set; }

    public IActionResult OnGet() => AccountRules.IsManager(me) ? Page() : Forbid();

    /// <summary>The template: the header and two example rows, UTF-8 with a BOM so that Excel opens the Thai correctly.</summary>
    public IActionResult OnGetTemplate()
    {
        if (!AccountRules.IsManager(me)) return Forbid();
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(AccountImport.Template)).ToArray();
        return File(bytes, "text/csv; charset=utf-8", "accounts-template.csv");
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        if (!AccountRules.IsManager(me)) return Forbid();
        if (file is null || file.Length == 0 && string.IsNullOrEmpty(file.FileName))
        {
            FileError = "กรุณาเลือกไฟล์ CSV หรือ XLSX ที่จะนำเข้า";
            return Page();
        }
        FileName = UploadedFile.SafeFileName(file.FileName);
        if (file.Length > UsersApi.MaxImportBytes)
        {
            FileError = $"ไฟล์ใหญ่เกินกำหนด นำเข้าได้ครั้งละไม่เกิน {UsersApi.MaxImportBytes / (1024 * 1024)} MB";
            return Page();
        }
        var (result, refusal) = await UsersApi.RunImportAsync(file, import, db, ct);
        FileError = refusal?.Message;
        Result = result;
        return Page();
    }
}

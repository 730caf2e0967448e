using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Files;
using Otop.Web.Platform.Writes;
using Otop.Domain;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.Registry;

/// <summary>
/// The registry import for officers: check the file first, read every bad row in Thai, fix, import. The form posts as a
/// plain multipart form; wwwroot/js/import-upload.js sends it with upload progress and swaps in the result.
/// </summary>
[RequestSizeLimit(RequestLimit)]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Hardening.ImportPolicy)]
[RequestFormLimits(MultipartBodyLengthLimit = RequestLimit)]
public sealed class ImportModel(AppDbContext db, CurrentUser me, TimeProvider clock, IOptions<RegistryOptions> options,
    DistrictWriteGuard guard) : PageModel
{
    // The configured Registry:MaxUploadBytes is checked in the handler; this only lets a request of that size arrive.
    private const long RequestLimit = RegistryOptions.DefaultMaxUploadBytes + 1024 * 1024;

    public ImportResult? Result { get; private set; }
    public string? FileError { get; private set; }
    public string? FileName { get; private set; }
    public bool Committed { get; private set; }
    public long MaxBytes => options.Value.MaxUploadBytes;

    public IActionResult OnGet() => me.CanWrite ? Page() : Forbid();

    /// <summary>The blank template with Thai column labels (issue 16, item 9): CSV, or XLSX with a sheet of instructions.</summary>
    public async Task<IActionResult> OnGetTemplateAsync(string? format, CancellationToken ct)
    {
        if (!me.CanWrite) return Forbid();
        var xlsx = string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase);
        Response.ContentType = xlsx ? RegistryExport.XlsxContentType : RegistryExport.CsvContentType;
        Response.Headers.ContentDisposition = $"attachment; filename=\"otop-registry-template.{(xlsx ? "xlsx" : "csv")}\"";
        if (xlsx)
        {
            var district = me.IsDistrictStaff ? me.Scope.Code : null;
            await RegistryExport.WriteXlsxAsync(Response.Body, RegistryImport.ThaiColumns, NoRows(), RegistryTemplate.Instructions(district), ct);
        }
        else await RegistryExport.WriteCsvAsync(Response.Body, RegistryImport.ThaiColumns, NoRows(), ct);
        return new EmptyResult();
    }

    private static async IAsyncEnumerable<ProductRow> NoRows()
    {
        await Task.CompletedTask;
        yield break;
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, bool commit, CancellationToken ct)
    {
        if (!me.CanWrite) return Forbid();
        if (commit && await guard.CheckAsync(me.Scope.Code, DistrictWrite.Of(DistrictWriteKind.Registry), ct) is { } closed)
        {
            FileError = closed.Message;
            Response.StatusCode = closed.Status;
            return Page();
        }
        if (file is null || file.Length == 0 && string.IsNullOrEmpty(file.FileName))
        {
            FileError = "กรุณาเลือกไฟล์ CSV หรือ XLSX ที่จะนำเข้า";
            return Page();
        }
        FileName = UploadedFile.SafeFileName(file.FileName);
        if (file.Length > MaxBytes)
        {
            FileError = $"ไฟล์ใหญ่เกินกำหนด นำเข้าได้ครั้งละไม่เกิน {MaxBytes / (1024 * 1024.0):0.#} MB กรุณาแบ่งไฟล์";
            return Page();
        }
        var (result, refusal) = await RegistryApi.RunImportAsync(file, commit, me, db, clock, ct);
        FileError = refusal?.Message;
        Result = result;
        Committed = commit && Result is { IsValid: true };
        return Page();
    }
}

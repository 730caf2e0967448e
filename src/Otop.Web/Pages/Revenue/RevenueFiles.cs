using Otop.Web.Data;

namespace Otop.Web.Pages.Revenue;

/// <summary>Uploaded evidence, signed รต.2 scans and committee minutes: PDF, PNG or JPEG by their first bytes, at most 5 MB.</summary>
public static class RevenueFiles
{
    public static async Task<(RevenueFile? File, string? Error)> ReadAsync(IFormFile? upload, string district, RevenueFilePurpose purpose,
        string? month, int? entrepreneurId, string userName, DateTimeOffset now, CancellationToken ct)
    {
        if (upload is null || upload.Length == 0) return (null, "กรุณาเลือกไฟล์");
        if (upload.Length > RevenueFile.MaxBytes) return (null, $"ไฟล์ {upload.FileName} ใหญ่เกิน 5 MB");
        using var buffer = new MemoryStream();
        await upload.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        var type = ContentTypeOf(bytes);
        if (type is null) return (null, $"ไฟล์ {upload.FileName} ต้องเป็น PDF, PNG หรือ JPEG");
        return (new RevenueFile
        {
            DistrictCode = district, ProvinceCode = district[..2], Purpose = purpose, Month = month, EntrepreneurId = entrepreneurId,
            FileName = Path.GetFileName(upload.FileName).Length > 200 ? Path.GetFileName(upload.FileName)[..200] : Path.GetFileName(upload.FileName),
            ContentType = type, Size = bytes.Length, Content = bytes, UploadedBy = userName, UploadedAt = now,
        }, null);
    }

    // Trust the bytes, not the name or the browser's declared type.
    public static string? ContentTypeOf(byte[] b) => b switch
    {
        [0x25, 0x50, 0x44, 0x46, ..] => "application/pdf",
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => "image/png",
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        _ => null,
    };
}

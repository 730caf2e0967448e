using Otop.Web.Platform.Files;
namespace Otop.Web.Features.Revenue;

/// <summary>Uploaded evidence, signed รต.2 scans and committee minutes: PDF, PNG or JPEG by their first bytes, at most 5 MB.</summary>
public static class RevenueFiles
{
    public static async Task<(RevenueFile? File, string? Error)> ReadAsync(IFormFile? upload, string district, RevenueFilePurpose purpose,
        string? month, int? entrepreneurId, string userName, DateTimeOffset now, CancellationToken ct)
    {
        if (upload is null || upload.Length == 0) return (null, "กรุณาเลือกไฟล์");
        var name = UploadedFile.SafeFileName(upload.FileName);
        var bytes = await UploadedFile.ReadAsync(upload, RevenueFile.MaxBytes, ct);
        if (bytes is null) return (null, $"ไฟล์ {name} ใหญ่เกิน 5 MB");
        var type = UploadedFile.ContentTypeOf(bytes);
        if (type is null) return (null, $"ไฟล์ {name} ต้องเป็น PDF, PNG หรือ JPEG");
        return (new RevenueFile
        {
            DistrictCode = district, ProvinceCode = district[..2], Purpose = purpose, Month = month, EntrepreneurId = entrepreneurId,
            FileName = name,
            ContentType = type, Size = bytes.Length, Content = bytes, UploadedBy = userName, UploadedAt = now,
        }, null);
    }

    /// <summary>What the audit keeps of a file: its name, size and SHA-256, so the stored bytes can be checked later.</summary>
    public static object? Describe(RevenueFile? file) => file is null ? null : new
    {
        purpose = file.Purpose.ToString(), file.FileName, file.Size,
        sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(file.Content)),
    };
}

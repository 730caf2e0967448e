using Otop.Web.Platform.Files;

namespace Otop.Web.Features.Revenue;

/// <summary>Uploaded evidence, signed รต.2 scans and committee minutes: PDF, PNG or JPEG by their first bytes, at most 5 MB.</summary>
public static class RevenueFiles
{
    private static readonly IReadOnlyList<FileKind> Accepted = [FileKind.Pdf, FileKind.Png, FileKind.Jpeg];

    public static async Task<(RevenueFile? File, string? Error)> ReadAsync(IFormFile? upload, string district, RevenueFilePurpose purpose,
        string? month, int? entrepreneurId, string userName, DateTimeOffset now, CancellationToken ct)
    {
        var reading = await UploadedFile.ReadAsync(upload, RevenueFile.MaxBytes, Accepted, ct);
        if (reading.File is not { } file) return (null, reading.Error);
        return (new RevenueFile
        {
            DistrictCode = district, ProvinceCode = district[..2], Purpose = purpose, Month = month, EntrepreneurId = entrepreneurId,
            FileName = file.FileName,
            ContentType = file.ContentType, Size = file.Bytes.Length, Content = file.Bytes, UploadedBy = userName, UploadedAt = now,
        }, null);
    }

    /// <summary>What the audit keeps of a file: its name, size and SHA-256, so the stored bytes can be checked later.</summary>
    public static object? Describe(RevenueFile? file) => file is null ? null : new
    {
        purpose = file.Purpose.ToString(), file.FileName, file.Size,
        sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(file.Content)),
    };
}

namespace Otop.Web.Infrastructure;

/// <summary>Evidence uploads (screenshots, signed scans, minutes): the type is told by the first bytes, never by the name or the browser's claim.</summary>
public static class UploadedFile
{
    public const string Pdf = "application/pdf";
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";

    public static string? ContentTypeOf(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0x25, 0x50, 0x44, 0x46, ..] => Pdf,
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => Png,
        [0xFF, 0xD8, 0xFF, ..] => Jpeg,
        _ => null,
    };

    /// <summary>The upload's bytes when it is within <paramref name="maxBytes"/>; null when it is larger (checked before reading).</summary>
    public static async Task<byte[]?> ReadAsync(IFormFile upload, long maxBytes, CancellationToken ct)
    {
        if (upload.Length > maxBytes) return null;
        using var buffer = new MemoryStream();
        await upload.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }
}

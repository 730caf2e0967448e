namespace Otop.Web.Platform.Files;

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

    public const int MaxFileNameLength = 200;

    /// <summary>
    /// The name a browser or script claimed for an upload, made safe to store and show: only the last segment of any path
    /// (whether written with / or \), no control or bidirectional-override characters (NUL, U+202E "RTL override" that
    /// makes "gpj.exe" look like "exe.jpg"), no leading dots, at most <see cref="MaxFileNameLength"/> characters with
    /// the extension kept. It is a label only: uploads live in the database and no name is ever used as a path.
    /// </summary>
    public static string SafeFileName(string? claimed, string fallback = "file")
    {
        var name = claimed ?? "";
        var cut = name.LastIndexOfAny(['/', '\\', ':']);
        if (cut >= 0) name = name[(cut + 1)..];
        var kept = new System.Text.StringBuilder(name.Length);
        foreach (var rune in name.EnumerateRunes())
        {
            var category = System.Text.Rune.GetUnicodeCategory(rune);
            if (category is System.Globalization.UnicodeCategory.Control or System.Globalization.UnicodeCategory.Format
                or System.Globalization.UnicodeCategory.OtherNotAssigned or System.Globalization.UnicodeCategory.LineSeparator
                or System.Globalization.UnicodeCategory.ParagraphSeparator || rune == System.Text.Rune.ReplacementChar)
            {
                continue;
            }
            if (rune.Value is '"' or '<' or '>' or '|' or '*' or '?') kept.Append('_');
            else kept.Append(rune.ToString());
        }
        name = kept.ToString().Normalize(System.Text.NormalizationForm.FormC).Trim().TrimStart('.').Trim();
        if (name.Length == 0) return fallback;
        if (name.Length > MaxFileNameLength)
        {
            var extension = Path.GetExtension(name);
            if (extension.Length is 0 or > 10) extension = "";
            var keep = MaxFileNameLength - extension.Length;
            if (char.IsHighSurrogate(name[keep - 1])) keep--;
            name = name[..keep] + extension;
        }
        return name;
    }

    /// <summary>The upload's bytes when it is within <paramref name="maxBytes"/>; null when it is larger (checked before reading).</summary>
    public static async Task<byte[]?> ReadAsync(IFormFile upload, long maxBytes, CancellationToken ct)
    {
        if (upload.Length > maxBytes) return null;
        using var buffer = new MemoryStream();
        await upload.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }
}

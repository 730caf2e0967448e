using Otop.Domain;

namespace Otop.Web.Platform.Files;

/// <summary>An upload that was read and recognised: its bytes, its kind by its first bytes, and its name made safe.</summary>
public sealed record Upload(byte[] Bytes, FileKind Kind, string FileName)
{
    public string ContentType => Kind.ContentType;
}

/// <summary>Why an upload was not taken: none was sent, it is over the size limit, or it is not a kind the form takes.</summary>
public enum UploadRefusal { Missing, TooLarge, NotAccepted }

/// <summary>The upload, or why it was refused with a Thai sentence naming the file (a form may word its own).</summary>
public sealed record UploadReading(Upload? File, UploadRefusal? Refusal, string? Error);

/// <summary>
/// Every upload is read here: within its size limit (checked before reading), recognised by its first bytes
/// (<see cref="FileKind"/>), never by the name or the browser's claim, and labelled with <see cref="SafeFileName"/>.
/// </summary>
public static class UploadedFile
{
    /// <summary>
    /// Reads <paramref name="upload"/> when it is at most <paramref name="maxBytes"/> and one of the <paramref name="accepted"/>
    /// kinds; otherwise says why, in Thai: "กรุณาเลือกไฟล์", "ไฟล์ x.pdf ใหญ่เกิน 5 MB", "ไฟล์ x.gif ต้องเป็น PDF, PNG หรือ JPEG".
    /// </summary>
    public static async Task<UploadReading> ReadAsync(IFormFile? upload, long maxBytes, IReadOnlyList<FileKind> accepted,
        CancellationToken ct, string fallbackName = "file")
    {
        if (upload is null || upload.Length == 0) return new(null, UploadRefusal.Missing, "กรุณาเลือกไฟล์");
        var name = SafeFileName(upload.FileName, fallbackName);
        if (upload.Length > maxBytes) return new(null, UploadRefusal.TooLarge, $"ไฟล์ {name} ใหญ่เกิน {SizeText(maxBytes)}");
        using var buffer = new MemoryStream();
        await upload.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        var kind = FileKind.Of(bytes);
        if (kind is null || !accepted.Contains(kind))
        {
            var actually = kind is null ? "" : $" (ไฟล์นี้เป็น {kind.ThaiName})";
            return new(null, UploadRefusal.NotAccepted, $"ไฟล์ {name} ต้องเป็น {KindsText(accepted)}{actually}");
        }
        return new(new Upload(bytes, kind, StoredName(SafeFileName(upload.FileName, fallbackName, shorten: false), kind)), null, null);
    }

    /// <summary>"PDF, PNG หรือ JPEG": the names the refusal lists, in the order the form gives them.</summary>
    public static string KindsText(IReadOnlyList<FileKind> kinds)
    {
        var names = kinds.Select(k => k.Name).ToList();
        return names.Count == 1 ? names[0] : $"{string.Join(", ", names[..^1])} หรือ {names[^1]}";
    }

    private static string SizeText(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / (1024 * 1024)} MB" : $"{bytes / 1024} KB";

    public const int MaxFileNameLength = 200;

    /// <summary>
    /// The name a browser or script claimed for an upload, made safe to store and show: only the last segment of any path
    /// (whether written with / or \), no control or bidirectional-override characters (NUL, U+202E "RTL override" that
    /// makes "gpj.exe" look like "exe.jpg", zero-width characters: <see cref="PlainText.IsHidden"/>), no leading dots, at
    /// most <see cref="MaxFileNameLength"/> characters with the extension kept. It is a label only: uploads live in the
    /// database and no name is ever used as a path. Every stored upload name and every download name comes through here.
    /// </summary>
    public static string SafeFileName(string? claimed, string fallback = "file") => SafeFileName(claimed, fallback, shorten: true);

    private static string SafeFileName(string? claimed, string fallback, bool shorten)
    {
        var name = claimed ?? "";
        var cut = name.LastIndexOfAny(['/', '\\', ':']);
        if (cut >= 0) name = name[(cut + 1)..];
        var kept = new System.Text.StringBuilder(name.Length);
        foreach (var rune in name.EnumerateRunes())
        {
            if (PlainText.IsHidden(rune)) continue;
            if (rune.Value is '"' or '<' or '>' or '|' or '*' or '?') kept.Append('_');
            else kept.Append(rune.ToString());
        }
        name = kept.ToString().Normalize(System.Text.NormalizationForm.FormC).Trim().TrimStart('.').Trim();
        return name.Length == 0 ? fallback : shorten ? Shortened(name) : name;
    }

    /// <summary>
    /// A safe name whose extension is the detected kind's: kept when it is one of the kind's (<c>.jpg</c> or <c>.jpeg</c>),
    /// replaced when it looks like another file type's (a PDF sent as <c>x.docx</c> or <c>x.exe</c> is stored as
    /// <c>x.pdf</c>), and added otherwise (<c>หนังสือ ว.123</c> becomes <c>หนังสือ ว.123.pdf</c>). A download then opens
    /// with the program for what it is, never with the one its sender named.
    /// </summary>
    public static string StoredName(string safeName, FileKind kind)
    {
        safeName = SafeFileName(safeName, "file", shorten: false);
        var extension = Path.GetExtension(safeName);
        if (kind.Extensions.Contains(extension, StringComparer.OrdinalIgnoreCase)) return safeName;
        var stem = LooksLikeFileType(extension) ? safeName[..^extension.Length].TrimEnd() : safeName;
        if (stem.Length == 0) stem = "file";
        return Shortened(stem + kind.Extensions[0]);
    }

    // ".docx", ".exe", ".tar": ASCII letters and digits with at least one letter, up to 5 long; ".123" or ".ปี" is part of the name.
    private static bool LooksLikeFileType(string extension) =>
        extension.Length is >= 2 and <= 6 && extension[1..].All(char.IsAsciiLetterOrDigit) && extension[1..].Any(char.IsAsciiLetter);

    private static string Shortened(string name)
    {
        if (name.Length <= MaxFileNameLength) return name;
        var extension = Path.GetExtension(name);
        if (extension.Length is 0 or > 10) extension = "";
        return PlainText.Truncate(name[..^extension.Length], MaxFileNameLength - extension.Length) + extension;
    }
}

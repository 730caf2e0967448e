using System.IO.Compression;
using System.Xml;

namespace Otop.Web.Platform.Files;

/// <summary>
/// What an uploaded file is, told by its bytes and never by its name or the browser's claim: officers rename files,
/// and scripts send anything (docs/hostile-input.md). Every upload is told apart here (<see cref="Of"/>): evidence, signed
/// scans, minutes, circular enclosures and submissions, screenshots, and the tables the imports read.
/// </summary>
/// <param name="Name">How a form lists it ("PDF, PNG หรือ JPEG").</param>
/// <param name="ThaiName">How a refusal names what the file really is ("ไฟล์นี้เป็นไฟล์ รูปภาพ (GIF) ที่เปลี่ยนชื่อมา").</param>
/// <param name="ContentType">The media type it is stored and served with.</param>
/// <param name="Extensions">The extensions a stored name of this kind may end with, the first being the one given to a
/// misnamed file (a PDF sent as <c>x.docx</c> is stored as <c>x.pdf</c>, <see cref="UploadedFile.StoredName"/>).</param>
public sealed record FileKind(string Name, string ThaiName, string ContentType, params string[] Extensions)
{
    public static readonly FileKind Pdf = new("PDF", "PDF", "application/pdf", ".pdf");
    public static readonly FileKind Png = new("PNG", "รูปภาพ (PNG)", "image/png", ".png");
    public static readonly FileKind Jpeg = new("JPEG", "รูปภาพ (JPEG)", "image/jpeg", ".jpg", ".jpeg", ".jpe");
    public static readonly FileKind Xlsx = new("XLSX", "XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx");
    public static readonly FileKind Docx = new("DOCX", "DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx");

    /// <summary>A workbook whose package declares macros (.xlsm) or holds a VBA project: never accepted.</summary>
    public static readonly FileKind Xlsm = new("XLSM", "สมุดงานที่มีมาโคร (.xlsm)", "application/vnd.ms-excel.sheet.macroEnabled.12", ".xlsm");

    /// <summary>A Word document whose package declares macros (.docm) or holds a VBA project: never accepted.</summary>
    public static readonly FileKind Docm = new("DOCM", "เอกสาร Word ที่มีมาโคร (.docm)", "application/vnd.ms-word.document.macroEnabled.12", ".docm");

    /// <summary>A ZIP ("PK\x03\x04") by its first bytes; by its content-types part it may be an <see cref="Xlsx"/> or a <see cref="Docx"/>.</summary>
    public static readonly FileKind Zip = new("ZIP", "บีบอัด (ZIP)", "application/zip", ".zip");

    /// <summary>An OLE compound file: an Excel 97–2003 workbook (.xls) or another old Office file.</summary>
    public static readonly FileKind OldOffice = new("XLS/DOC", "Office รุ่นเก่า", "application/x-ole-storage", ".xls", ".doc");

    public static readonly FileKind Gif = new("GIF", "รูปภาพ (GIF)", "image/gif", ".gif");
    public static readonly FileKind Elf = new("ELF", "โปรแกรม (ELF)", "application/x-elf", ".bin");
    public static readonly FileKind Exe = new("EXE", "โปรแกรม (EXE)", "application/vnd.microsoft.portable-executable", ".exe");
    public static readonly FileKind Gzip = new("gzip", "บีบอัด (gzip)", "application/gzip", ".gz");
    public static readonly FileKind Rar = new("RAR", "บีบอัด (RAR)", "application/vnd.rar", ".rar");

    /// <summary>The kind by the first bytes alone (a ZIP stays <see cref="Zip"/>); null when they match no kind we know.</summary>
    public static FileKind? ByFirstBytes(ReadOnlySpan<byte> head) => head switch
    {
        [0x25, 0x50, 0x44, 0x46, ..] => Pdf,
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => Png,
        [0xFF, 0xD8, 0xFF, ..] => Jpeg,
        [0x50, 0x4B, 0x03, 0x04, ..] => Zip,
        [0xD0, 0xCF, 0x11, 0xE0, ..] => OldOffice,
        [0x7F, 0x45, 0x4C, 0x46, ..] => Elf,
        [0x4D, 0x5A, ..] => Exe,
        [0x47, 0x49, 0x46, 0x38, ..] => Gif,
        [0x1F, 0x8B, ..] => Gzip,
        [0x52, 0x61, 0x72, 0x21, ..] => Rar,
        _ => null,
    };

    /// <summary>The content-types part is small (a few KB); one larger than this is not an Office file we take.</summary>
    private const long MaxContentTypesBytes = 256 * 1024;

    // The content type of an OPC package's main part says what the package is (ECMA-376 part 2, 10.1.2.2).
    private static readonly Dictionary<string, FileKind> MainParts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"] = Xlsx,
        ["application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml"] = Xlsx,
        ["application/vnd.ms-excel.sheet.macroEnabled.main+xml"] = Xlsm,
        ["application/vnd.ms-excel.template.macroEnabled.main+xml"] = Xlsm,
        ["application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"] = Docx,
        ["application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"] = Docx,
        ["application/vnd.ms-word.document.macroEnabled.main+xml"] = Docm,
        ["application/vnd.ms-word.template.macroEnabledTemplate.main+xml"] = Docm,
    };

    /// <summary>
    /// The kind of a whole upload, the one detection every upload path uses: as <see cref="ByFirstBytes"/>, and a ZIP is
    /// an <see cref="Xlsx"/> or a <see cref="Docx"/> only when its <c>[Content_Types].xml</c> part gives one of its parts
    /// the content type of a workbook or a document and that part is there. A package that declares macros or holds a
    /// VBA project is <see cref="Xlsm"/> or <see cref="Docm"/>; any other ZIP (a renamed archive, a part list that does not
    /// parse) stays <see cref="Zip"/>.
    /// </summary>
    public static FileKind? Of(byte[] bytes)
    {
        var kind = ByFirstBytes(bytes);
        if (kind != Zip) return kind;
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            return PackageKind(zip) ?? Zip;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or XmlException or ArgumentException or NotSupportedException)
        {
            return Zip;
        }
    }

    /// <summary>What the content-types part makes of a package (see <see cref="Of"/>); null when it makes nothing of it.</summary>
    public static FileKind? PackageKind(ZipArchive zip)
    {
        var types = zip.GetEntry("[Content_Types].xml");
        if (types is null || types.Length > MaxContentTypesBytes) return null;
        var overrides = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var defaults = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = MaxContentTypesBytes };
        using (var reader = XmlReader.Create(types.Open(), settings))
        {
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element) continue;
                if (reader.LocalName == "Override" && reader.GetAttribute("PartName") is { } part && reader.GetAttribute("ContentType") is { } type)
                {
                    overrides[part.TrimStart('/')] = type;
                }
                else if (reader.LocalName == "Default" && reader.GetAttribute("Extension") is { } extension && reader.GetAttribute("ContentType") is { } byExtension)
                {
                    defaults[extension] = byExtension;
                }
            }
        }
        FileKind? found = null;
        // A part list that declares macros anywhere (even for a part it does not hold) is taken at its word.
        var macros = overrides.Values.Concat(defaults.Values).Any(t =>
            t.Contains("macroEnabled", StringComparison.OrdinalIgnoreCase) || t.Contains("vbaProject", StringComparison.OrdinalIgnoreCase));
        foreach (var entry in zip.Entries)
        {
            var name = entry.FullName.Replace('\\', '/');
            if (name.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)) macros = true;
            var type = overrides.GetValueOrDefault(name) ?? defaults.GetValueOrDefault(Path.GetExtension(name).TrimStart('.'));
            if (type is not null && MainParts.TryGetValue(type, out var main)) found ??= main;
        }
        if (macros && found == Xlsx) return Xlsm;
        if (macros && found == Docx) return Docm;
        return found;
    }
}

using System.IO.Compression;
namespace Otop.Web.Platform.Files;

/// <summary>
/// What an uploaded file is, told by its first bytes and never by its name or the browser's claim: officers rename files,
/// and scripts send anything (docs/hostile-input.md). Every upload is told apart here: evidence, signed scans, minutes,
/// circular enclosures and submissions, screenshots, and the tables the imports read.
/// </summary>
/// <param name="Name">How a form lists it ("PDF, PNG หรือ JPEG").</param>
/// <param name="ThaiName">How a refusal names what the file really is ("ไฟล์นี้เป็นไฟล์ รูปภาพ (GIF) ที่เปลี่ยนชื่อมา").</param>
/// <param name="ContentType">The media type it is stored and served with.</param>
public sealed record FileKind(string Name, string ThaiName, string ContentType)
{
    public static readonly FileKind Pdf = new("PDF", "PDF", "application/pdf");
    public static readonly FileKind Png = new("PNG", "รูปภาพ (PNG)", "image/png");
    public static readonly FileKind Jpeg = new("JPEG", "รูปภาพ (JPEG)", "image/jpeg");
    public static readonly FileKind Xlsx = new("XLSX", "XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    public static readonly FileKind Docx = new("DOCX", "DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document");

    /// <summary>A ZIP ("PK\x03\x04") by its first bytes; by its parts it may be an <see cref="Xlsx"/> or a <see cref="Docx"/>.</summary>
    public static readonly FileKind Zip = new("ZIP", "บีบอัด (ZIP)", "application/zip");

    /// <summary>An OLE compound file: an Excel 97–2003 workbook (.xls) or another old Office file.</summary>
    public static readonly FileKind OldOffice = new("XLS/DOC", "Office รุ่นเก่า", "application/x-ole-storage");

    public static readonly FileKind Gif = new("GIF", "รูปภาพ (GIF)", "image/gif");
    public static readonly FileKind Elf = new("ELF", "โปรแกรม (ELF)", "application/x-elf");
    public static readonly FileKind Exe = new("EXE", "โปรแกรม (EXE)", "application/vnd.microsoft.portable-executable");
    public static readonly FileKind Gzip = new("gzip", "บีบอัด (gzip)", "application/gzip");
    public static readonly FileKind Rar = new("RAR", "บีบอัด (RAR)", "application/vnd.rar");

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

    /// <summary>
    /// The kind of a whole upload: as <see cref="ByFirstBytes"/>, and a ZIP that holds the part that makes it a workbook
    /// (xl/workbook.xml) or a document (word/document.xml) is an <see cref="Xlsx"/> or a <see cref="Docx"/>.
    /// </summary>
    public static FileKind? Of(byte[] bytes)
    {
        var kind = ByFirstBytes(bytes);
        if (kind != Zip) return kind;
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            if (zip.GetEntry("xl/workbook.xml") is not null) return Xlsx;
            if (zip.GetEntry("word/document.xml") is not null) return Docx;
        }
        catch (InvalidDataException)
        {
        }
        return Zip;
    }
}

using System.Globalization;
using System.IO.Compression;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using ExcelDataReader;

namespace Otop.Web.Platform.Files;

/// <summary>A row of an uploaded file as text cells, numbered as a spreadsheet numbers it (row 1 is the header).</summary>
public readonly record struct FileRow(int Row, string[] Cells)
{
    public bool IsBlank => Cells.All(string.IsNullOrWhiteSpace);
}

/// <summary>A row an import refuses, with every reason in Thai (row 1 is the header).</summary>
public sealed record RejectedRow(int Row, IReadOnlyList<string> Errors);

/// <summary>An upload that is not a file we can read at all (not a row-level error): answered 415 or 422.</summary>
public sealed class UnreadableFileException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}

/// <summary>
/// Streams the rows of an uploaded table (the registry template, the revenue history) from CSV (UTF-8, with or without
/// BOM) or XLSX (first sheet). The kind is told by the first bytes (<see cref="FileKind"/>), not by the file name: officers rename files, and
/// Excel saves "CSV" in other encodings, which must be refused rather than imported as mojibake.
/// </summary>
public static class TabularFile
{
    static TabularFile()
    {
        // ExcelDataReader needs the legacy code pages even for XLSX (shared strings of old writers).
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    /// <summary>
    /// At most this many rows (header included) are read: a national registry is 250,000 products (docs/benchmarks.md),
    /// and a file that goes on past this is refused rather than held in memory row by row.
    /// </summary>
    public const int MaxRows = 300_001;

    /// <summary>
    /// An XLSX is a zip: the parts it declares may add up to at most this many bytes once inflated. A "zip bomb" (a small
    /// upload whose sheet inflates to gigabytes) is refused before a single row is read (docs/hostile-input.md).
    /// </summary>
    public const long MaxXlsxUncompressedBytes = 400L * 1024 * 1024;

    public static IEnumerable<FileRow> ReadRows(Stream stream)
    {
        if (!stream.CanSeek)
        {
            var copy = new MemoryStream();
            stream.CopyTo(copy);
            copy.Position = 0;
            stream = copy;
        }
        Span<byte> head = stackalloc byte[8];
        var read = stream.ReadAtLeast(head, 8, throwOnEndOfStream: false);
        stream.Position = 0;
        var kind = FileKind.ByFirstBytes(head[..read]);
        if (kind is not null && kind != FileKind.Zip && kind != FileKind.OldOffice)
        {
            throw new UnreadableFileException(415, $"ไฟล์นี้เป็นไฟล์ {kind.ThaiName} ที่เปลี่ยนชื่อมา ไม่ใช่ CSV หรือ XLSX กรุณาส่งไฟล์ตารางตามแบบฟอร์ม");
        }
        if (read == 0)
        {
            throw new UnreadableFileException(422, "ไฟล์ว่างเปล่า ไม่มีแม้แต่แถวหัวตาราง");
        }
        if (kind == FileKind.Zip)
        {
            CheckWorkbookPackage(stream);
            return Limited(ReadXlsx(stream));
        }
        if (kind == FileKind.OldOffice)
        {
            throw new UnreadableFileException(415, "ไฟล์ Excel รุ่นเก่า (.xls) ยังไม่รองรับ กรุณาบันทึกเป็น .xlsx หรือ CSV UTF-8");
        }
        return Limited(ReadCsv(stream));
    }

    private static IEnumerable<FileRow> Limited(IEnumerable<FileRow> rows)
    {
        foreach (var row in rows)
        {
            if (row.Row > MaxRows)
            {
                throw new UnreadableFileException(413,
                    $"ไฟล์มีข้อมูลเกิน {MaxRows - 1:N0} แถว กรุณาแบ่งเป็นหลายไฟล์แล้วนำเข้าทีละไฟล์");
            }
            yield return row;
        }
    }

    /// <summary>
    /// Looks at the package before ExcelDataReader opens it: macros and links to other workbooks are refused (their cached
    /// values come from files we cannot see, and an officer must not be taught to send macro files), and so is a package
    /// whose parts inflate beyond <see cref="MaxXlsxUncompressedBytes"/>, and a ZIP that its content-types part does not
    /// make a workbook (a DOCX or an archive renamed .xlsx, <see cref="FileKind.PackageKind"/>). Formula cells are read by their cached value
    /// (what the officer saw in Excel); a formula is never evaluated (docs/hostile-input.md).
    /// </summary>
    private static void CheckWorkbookPackage(Stream stream)
    {
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                var name = entry.FullName.Replace('\\', '/').ToLowerInvariant();
                if (name.EndsWith("vbaproject.bin", StringComparison.Ordinal) || name.EndsWith(".bin", StringComparison.Ordinal) && name.Contains("vba", StringComparison.Ordinal))
                {
                    throw new UnreadableFileException(415, "ไฟล์นี้มีมาโคร (VBA) ระบบไม่รับไฟล์ที่มีมาโคร กรุณาบันทึกเป็น .xlsx ธรรมดาหรือ CSV UTF-8");
                }
                if (name.StartsWith("xl/externallinks/", StringComparison.Ordinal))
                {
                    throw new UnreadableFileException(422, "ไฟล์นี้มีลิงก์ไปยังไฟล์ Excel อื่น (External Links) ค่าที่เห็นอาจไม่ใช่ข้อมูลจริง กรุณาคัดลอกแล้ววางแบบค่า (Paste Values) ก่อนนำเข้า");
                }
                total += entry.Length;
                if (entry.Length < 0 || total > MaxXlsxUncompressedBytes)
                {
                    throw new UnreadableFileException(413,
                        $"ไฟล์ XLSX นี้เมื่อขยายแล้วใหญ่เกิน {MaxXlsxUncompressedBytes / (1024 * 1024)} MB (อาจเป็นไฟล์อันตรายแบบ zip bomb) ระบบไม่เปิดอ่าน");
                }
            }
            // The same detection as every other upload (FileKind.Of): a workbook by its content-types part, not by "PK".
            var kind = FileKind.PackageKind(zip);
            if (kind == FileKind.Xlsm)
            {
                throw new UnreadableFileException(415, "ไฟล์นี้เป็นสมุดงานที่เปิดใช้มาโคร (.xlsm) ระบบไม่รับไฟล์ที่มีมาโคร กรุณาบันทึกเป็น .xlsx ธรรมดาหรือ CSV UTF-8");
            }
            if (kind != FileKind.Xlsx)
            {
                throw new UnreadableFileException(415, $"ไฟล์นี้เป็นไฟล์ {(kind ?? FileKind.Zip).ThaiName} ที่เปลี่ยนชื่อมา ไม่ใช่ CSV หรือ XLSX กรุณาส่งไฟล์ตารางตามแบบฟอร์ม");
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException or NotSupportedException or System.Xml.XmlException)
        {
            throw new UnreadableFileException(415, "ไฟล์ XLSX นี้เปิดไม่ได้ (อาจเสียหายหรือไม่ใช่ไฟล์ Excel)");
        }
        finally
        {
            stream.Position = 0;
        }
    }

    private static IEnumerable<FileRow> ReadCsv(Stream stream)
    {
        // Strict UTF-8: a file saved as TIS-620/Windows-874 must be refused, not imported as mojibake, and so must UTF-16
        // ("Unicode text" in Excel), whose byte-order mark is not trusted to switch encodings. A UTF-8 BOM is trimmed below.
        using var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            IgnoreBlankLines = false,
            BadDataFound = null,
            MissingFieldFound = null,
            TrimOptions = TrimOptions.Trim,
        };
        using var parser = new CsvParser(reader, config);
        var row = 0;
        while (true)
        {
            bool more;
            try
            {
                more = parser.Read();
            }
            catch (DecoderFallbackException)
            {
                throw new UnreadableFileException(415,
                    "ไฟล์ CSV ต้องเข้ารหัสแบบ UTF-8 (ไฟล์นี้อาจบันทึกเป็น ANSI/TIS-620) กรุณาบันทึกใหม่เป็น \"CSV UTF-8\" หรือใช้ไฟล์ .xlsx");
            }
            if (!more) yield break;
            row++;
            var cells = parser.Record ?? [];
            if (cells.Any(c => c.Contains('\0')))
            {
                throw new UnreadableFileException(415, "ไฟล์นี้ไม่ใช่ไฟล์ CSV หรือ XLSX ที่อ่านได้");
            }
            if (row == 1 && cells.Length > 0) cells[0] = cells[0].TrimStart('\uFEFF');
            yield return new FileRow(row, cells);
        }
    }

    /// <summary>
    /// The key/value rows of the hidden sheet a form to fill carries (<c>ReportFiles.FactsSheet</c>: the version it was
    /// made from, its unit and period), or an empty dictionary when the workbook has none. Read from an XLSX that
    /// <see cref="ReadRows"/> has already accepted (same checks), never from a CSV.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ReadFacts(Stream stream, string sheetName)
    {
        var facts = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            stream.Position = 0;
            using var reader = ExcelReaderFactory.CreateOpenXmlReader(stream, new ExcelReaderConfiguration { LeaveOpen = true });
            do
            {
                if (!string.Equals(reader.Name, sheetName, StringComparison.Ordinal)) continue;
                while (reader.Read() && facts.Count < 100)
                {
                    if (reader.FieldCount < 2) continue;
                    var key = CellText(reader.GetValue(0));
                    if (key.Length > 0) facts[key] = CellText(reader.GetValue(1));
                }
                break;
            } while (reader.NextResult());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new UnreadableFileException(415, "ไฟล์ XLSX นี้เปิดไม่ได้ (อาจเสียหายหรือไม่ใช่ไฟล์ Excel)");
        }
        return facts;
    }

    private static IEnumerable<FileRow> ReadXlsx(Stream stream)
    {
        IExcelDataReader reader;
        try
        {
            reader = ExcelReaderFactory.CreateOpenXmlReader(stream);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new UnreadableFileException(415, "ไฟล์ XLSX นี้เปิดไม่ได้ (อาจเสียหายหรือไม่ใช่ไฟล์ Excel)");
        }
        using (reader)
        {
            var row = 0;
            while (true)
            {
                bool more;
                try
                {
                    more = reader.Read();
                }
                catch (Exception e) when (e is not OutOfMemoryException and not UnreadableFileException)
                {
                    throw new UnreadableFileException(422, $"อ่านไฟล์ XLSX ไม่สำเร็จที่แถว {row + 1}");
                }
                if (!more) yield break;
                row++;
                var cells = new string[reader.FieldCount];
                for (var i = 0; i < cells.Length; i++)
                {
                    cells[i] = CellText(reader.GetValue(i));
                }
                yield return new FileRow(row, cells);
            }
        }
    }

    // Excel keeps the computed value of a formula, numbers as doubles and dates as DateTime: turn each into the text an
    // officer sees. A date typed in the year column means its year (Excel stores CE; the BE conversion is the parser's).
    private static string CellText(object? value) => value switch
    {
        null => "",
        string s => s.Trim(),
        double d => d.ToString("0.###############", CultureInfo.InvariantCulture),
        DateTime dt => dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "TRUE" : "FALSE",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}

using System.Text.RegularExpressions;
using Otop.Web.Platform.Documents;
using Otop.Web.Platform.Http;

namespace Otop.Web.Platform.Files;

/// <summary>A form that came back filled: its rows (row 1 is the first line), the facts its XLSX carries, and whether it is an XLSX.</summary>
public sealed record FilledSheet(string FileName, bool IsXlsx, IReadOnlyList<FileRow> Rows, IReadOnlyDictionary<string, string> Facts);

/// <summary>
/// The uploads of a form that went out as a report form's XLSX (its <see cref="ReportTable.Facts"/> inside) and comes back
/// filled, or as a CSV: read from the multipart field <c>file</c> within
/// <see cref="MaxBytes"/>, told XLSX or CSV by the platform's sniffer (<see cref="FileKind"/>: first bytes and the
/// package's part list, never the name) and read by <see cref="TabularFile"/> (macros, external links and zip bombs
/// refused there); the name shown is <see cref="UploadedFile.SafeFileName"/>'s. Refusals are Thai, with the status the
/// registry import answers (400 none, 413 too large, 415 not a table).
/// </summary>
public static partial class FilledSheetUpload
{
    /// <summary>A district's form of a few thousand producers is well under 1 MB; 5 MB leaves room for what Excel adds.</summary>
    public const int MaxBytes = 5 * 1024 * 1024;

    /// <summary>The API's read of the multipart body: the field <c>file</c>, or why there is none, as the history import answers it.</summary>
    public static async Task<(IFormFile? File, Refusal? Refusal)> FormFileAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasFormContentType) return (null, new Refusal(400, "ต้องส่งไฟล์แบบ multipart/form-data ในช่อง file"));
        try
        {
            var form = await request.ReadFormAsync(ct);
            var file = form.Files["file"];
            return file is null || file.Length == 0 ? (null, new Refusal(400, "ไม่พบไฟล์ในช่อง file")) : (file, null);
        }
        catch (InvalidDataException e) when (!e.Message.Contains("body length", StringComparison.OrdinalIgnoreCase))
        {
            return (null, new Refusal(400, "อ่านข้อมูลแบบ multipart ไม่ได้ หัวข้อมูลของไฟล์ (เช่น ชื่อไฟล์) ยาวเกินไปหรือผิดรูปแบบ"));
        }
        catch (Exception e) when (e is BadHttpRequestException { StatusCode: 413 } or InvalidDataException)
        {
            return (null, new Refusal(413, "ไฟล์ใหญ่เกินกำหนด"));
        }
    }

    public static async Task<(FilledSheet? Sheet, Refusal? Refusal)> ReadAsync(IFormFile? upload, CancellationToken ct)
    {
        if (upload is null || upload.Length == 0) return (null, new Refusal(400, "กรุณาเลือกไฟล์"));
        var name = UploadedFile.SafeFileName(upload.FileName, "file");
        if (upload.Length > MaxBytes) return (null, new Refusal(413, $"ไฟล์ {name} ใหญ่เกิน {MaxBytes / (1024 * 1024)} MB"));
        using var buffer = new MemoryStream();
        await upload.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        var kind = FileKind.Of(bytes);
        // A text file has no signature (kind null): it is read as CSV, strictly UTF-8 (TabularFile).
        if (kind is not null && kind != FileKind.Xlsx)
        {
            return (null, new Refusal(415, $"ไฟล์ {name} ต้องเป็น XLSX หรือ CSV (ไฟล์นี้เป็น {kind.ThaiName})"));
        }
        try
        {
            var rows = TabularFile.ReadRows(new MemoryStream(bytes, writable: false)).ToList();
            var facts = kind == FileKind.Xlsx ? TabularFile.ReadFacts(new MemoryStream(bytes, writable: false), ReportFiles.FactsSheet) : new Dictionary<string, string>();
            return (new FilledSheet(name, kind == FileKind.Xlsx, rows, facts), null);
        }
        catch (UnreadableFileException e)
        {
            return (null, new Refusal(e.Status, e.Message));
        }
    }

    /// <summary>
    /// The header row of a filled form: the first row holding one of <paramref name="labels"/> (the XLSX has title lines
    /// above it, the CSV has it first), or null.
    /// </summary>
    public static FileRow? HeaderRow(FilledSheet sheet, params string[] labels) =>
        sheet.Rows.Where(r => r.Cells.Any(c => labels.Contains(c.Trim(), StringComparer.OrdinalIgnoreCase))).Select(r => (FileRow?)r).FirstOrDefault();

    /// <summary>The column of a header row named by any of <paramref name="labels"/> (the form's Thai label or its CSV key), or -1.</summary>
    public static int Column(FileRow header, params string[] labels) =>
        Array.FindIndex(header.Cells, c => labels.Contains(c.Trim(), StringComparer.OrdinalIgnoreCase));

    /// <summary>The cell of a row, trimmed, or "" past its end.</summary>
    public static string Cell(FileRow row, int column) => column >= 0 && column < row.Cells.Length ? row.Cells[column].Trim() : "";

    /// <summary>
    /// The command's 422 with its entries named by the file's rows: <c>entries[3].amount</c> becomes <c>rows[7].amount</c>
    /// and its message "แถว 7: …", the row a spreadsheet shows. Any other refusal is answered as it is.
    /// </summary>
    public static Refusal ByRow(Refusal refusal, IReadOnlyList<int> rowOfEntry)
    {
        if (refusal.Errors is null) return refusal;
        var errors = new Dictionary<string, string[]>();
        foreach (var (key, messages) in refusal.Errors)
        {
            var m = EntryKey().Match(key);
            if (m.Success && int.TryParse(m.Groups[1].Value, out var i) && i < rowOfEntry.Count)
            {
                var row = rowOfEntry[i];
                errors[$"rows[{row}]{m.Groups[2].Value}"] = messages.Select(x => $"แถว {row}: {x}").ToArray();
            }
            else
            {
                errors[key] = messages;
            }
        }
        return Refusal.Invalid(errors, refusal.Detail);
    }

    /// <summary>Row-level errors of the file itself (before the command runs), in row order.</summary>
    public static Refusal RowErrors(SortedDictionary<int, List<string>> errors) => Refusal.Invalid(
        errors.ToDictionary(e => $"rows[{e.Key}]", e => e.Value.Select(x => $"แถว {e.Key}: {x}").ToArray()),
        $"ไฟล์มีข้อมูลไม่ถูกต้อง {errors.Count:N0} แถว ยังไม่ได้บันทึกรายการใด กรุณาแก้ไขแล้วส่งใหม่ทั้งไฟล์");

    public static void Add(SortedDictionary<int, List<string>> errors, int row, string message)
    {
        if (!errors.TryGetValue(row, out var list)) errors[row] = list = [];
        list.Add(message);
    }

    [GeneratedRegex(@"^entries\[(\d+)\](.*)$")]
    private static partial Regex EntryKey();
}

using System.Net.Http.Headers;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Otop.Web.Tests.Registry;

/// <summary>Import files for the registry tests: the CONTRACT.md template as CSV or XLSX, and the upload itself.</summary>
public static class RegistryFiles
{
    public const string Header = "entrepreneur_code,entrepreneur_name,entrepreneur_type,district_code,product_code,product_name,category,registered_year";

    private static int _sequence;

    /// <summary>A code prefix no other test uses, so tests can share one database.</summary>
    public static string NewPrefix() => $"T{Interlocked.Increment(ref _sequence):D3}{Random.Shared.Next(100, 999)}";

    public static string Row(string entrepreneurCode, string productCode, string district = "2701", string year = "2560",
        string name = "กลุ่มทอผ้าบ้านหนองแวง", string type = "group", string product = "ผ้าทอมือลายดอกแก้ว", string category = "textile") =>
        $"{entrepreneurCode},{name},{type},{district},{productCode},{product},{category},{year}";

    public static byte[] Csv(IEnumerable<string> rows, bool bom = false)
    {
        var text = Header + "\n" + string.Join("\n", rows) + "\n";
        var bytes = Encoding.UTF8.GetBytes(text);
        return bom ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes;
    }

    public static MultipartFormDataContent Upload(byte[] file, string fileName = "registry.csv")
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".xlsx") ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv");
        return new MultipartFormDataContent { { content, "file", fileName } };
    }

    public static Task<HttpResponseMessage> ImportAsync(this HttpClient client, byte[] file, bool commit = true, string fileName = "registry.csv") =>
        client.PostAsync($"/api/v1/registry/import?commit={(commit ? "true" : "false")}", Upload(file, fileName));

    /// <summary>A formula whose cached value Excel would have stored.</summary>
    public sealed record Formula(string Expression, string CachedValue);

    /// <summary>
    /// An XLSX whose first sheet holds <paramref name="rows"/>: strings, numbers, DateTime (as a date-formatted serial, as
    /// Excel stores it), <see cref="Formula"/> cells; a null row leaves that spreadsheet row empty.
    /// </summary>
    public static byte[] Xlsx(params object?[]?[] rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new Fonts(new Font()), new Fills(new Fill(new PatternFill { PatternType = PatternValues.None })),
                new Borders(new Border()), new CellStyleFormats(new CellFormat()),
                new CellFormats(new CellFormat(), new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true }));
            var sheet = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            for (var r = 0; r < rows.Length; r++)
            {
                if (rows[r] is not { } cells) continue;
                var row = new Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < cells.Length; c++)
                {
                    var reference = $"{(char)('A' + c)}{r + 1}";
                    row.Append(cells[c] switch
                    {
                        null => new Cell { CellReference = reference },
                        string s => new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(s)) },
                        int or double => new Cell { CellReference = reference, CellValue = new CellValue(Convert.ToDouble(cells[c]).ToString(System.Globalization.CultureInfo.InvariantCulture)) },
                        DateTime d => new Cell { CellReference = reference, StyleIndex = 1, CellValue = new CellValue(d.ToOADate().ToString(System.Globalization.CultureInfo.InvariantCulture)) },
                        Formula f => new Cell { CellReference = reference, DataType = double.TryParse(f.CachedValue, out _) ? null : CellValues.String, CellFormula = new CellFormula(f.Expression), CellValue = new CellValue(f.CachedValue) },
                        _ => throw new ArgumentException($"cell type {cells[c]!.GetType()}"),
                    });
                }
                data.Append(row);
            }
            sheet.Worksheet = new Worksheet(data);
            workbook.Workbook.Append(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = "ทะเบียน" }));
        }
        return stream.ToArray();
    }
}

using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Otop.Web.Tests.Revenue;

/// <summary>What an officer does in Excel with a downloaded form: types figures into its cells and saves; then uploads it.</summary>
public static class FilledSheets
{
    /// <summary>The workbook with the given cells of its first sheet set ("E5" → "1500.5" a number, "abc" text, "" blank).</summary>
    public static byte[] Fill(byte[] xlsx, IReadOnlyDictionary<string, string> cells)
    {
        using var stream = new MemoryStream();
        stream.Write(xlsx);
        using (var doc = SpreadsheetDocument.Open(stream, true))
        {
            var first = doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().First();
            var sheet = ((WorksheetPart)doc.WorkbookPart.GetPartById(first.Id!.Value!)).Worksheet;
            var data = sheet.GetFirstChild<SheetData>()!;
            foreach (var (reference, value) in cells)
            {
                var rowIndex = uint.Parse(new string(reference.SkipWhile(char.IsLetter).ToArray()), CultureInfo.InvariantCulture);
                var row = data.Elements<Row>().First(r => r.RowIndex!.Value == rowIndex);
                var cell = row.Elements<Cell>().FirstOrDefault(c => c.CellReference!.Value == reference);
                if (cell is null)
                {
                    cell = new Cell { CellReference = reference };
                    var after = row.Elements<Cell>().LastOrDefault(c => string.CompareOrdinal(c.CellReference!.Value, reference) < 0 && c.CellReference!.Value!.Length <= reference.Length);
                    if (after is null) row.PrependChild(cell); else after.InsertAfterSelf(cell);
                }
                cell.RemoveAllChildren();
                if (value.Length == 0) { cell.DataType = null; continue; }
                if (decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
                {
                    cell.DataType = CellValues.Number;
                    cell.CellValue = new CellValue(value);
                }
                else
                {
                    cell.DataType = CellValues.InlineString;
                    cell.InlineString = new InlineString(new Text(value));
                }
            }
            sheet.Save();
        }
        return stream.ToArray();
    }

    public static MultipartFormDataContent Upload(byte[] bytes, string fileName, string contentType)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    public static MultipartFormDataContent Xlsx(byte[] bytes, string fileName = "rt1.xlsx") =>
        Upload(bytes, fileName, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    public static MultipartFormDataContent Csv(string text) => Upload(Encoding.UTF8.GetBytes(text), "month.csv", "text/csv");
}

using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Otop.Web.Platform.Documents;

/// <summary>A report laid out as a table: title lines, a header row, data rows and an optional total row.</summary>
/// <param name="NumberFormats">per column: null for text, else an Excel number format such as <c>0</c>, <c>0.0</c>, <c>0.00</c></param>
/// <param name="Facts">what a form to fill and upload again carries inside its XLSX (the version it was made from, its
/// unit and period): written to a hidden sheet named <see cref="ReportFiles.FactsSheet"/>, read back with
/// <c>TabularFile.ReadFacts</c>. Not part of the figures (nor of their hash), nor of the CSV and the PDF.</param>
/// <param name="EditableColumns">the columns an officer fills in: their data cells are left unlocked and the sheet is
/// protected (no password), so Excel lets the officer type only there.</param>
public sealed record ReportTable(string SheetName, string[] Titles, string[] Headers, string?[] NumberFormats,
    List<object?[]> Rows, object?[]? Total = null, IReadOnlyList<KeyValuePair<string, string>>? Facts = null,
    IReadOnlyList<int>? EditableColumns = null);

/// <summary>CSV and XLSX files of a <see cref="ReportTable"/>; the same numbers as the JSON, in Thai.</summary>
public static class ReportFiles
{
    public const string CsvType = "text/csv; charset=utf-8";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The hidden sheet of a form's <see cref="ReportTable.Facts"/>: one key (column A) and value (column B) a row.</summary>
    public const string FactsSheet = "otop";

    /// <summary>UTF-8 with a BOM (so Excel reads Thai), header row first; text that Excel would run as a formula is neutralised.</summary>
    public static byte[] Csv(ReportTable table)
    {
        var sb = new StringBuilder();
        Line(table.Headers);
        foreach (var row in table.Rows) Line(row);
        if (table.Total is not null) Line(table.Total);
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];

        void Line(IEnumerable<object?> cells) => sb.Append(string.Join(',', cells.Select(Cell))).Append("\r\n");
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        _ => Quote(NeutraliseFormula(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "")),
    };

    // OWASP CSV injection: a cell starting with = + - @ tab or CR is prefixed with ' so a spreadsheet shows it as text.
    public static string NeutraliseFormula(string s) =>
        s.Length > 0 && s[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + s : s;

    private static string Quote(string s) =>
        s.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    /// <summary>One sheet: numbers stored as numbers with the column's format, rows ~22 pt for Thai, A4 landscape fit to one page wide.</summary>
    public static byte[] Xlsx(ReportTable table)
    {
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var wbPart = doc.AddWorkbookPart();
            wbPart.Workbook = new Workbook();
            var formats = table.NumberFormats.Where(f => f is not null).Select(f => f!).Distinct().ToList();
            var styles = wbPart.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Stylesheet(formats);

            var wsPart = wbPart.AddNewPart<WorksheetPart>();
            var columns = table.Headers.Length;
            var data = new SheetData();
            uint r = 0;
            foreach (var title in table.Titles)
            {
                data.Append(NewRow(++r, 24, [TextCell(title, StyleTitle)]));
            }
            data.Append(NewRow(++r, 36, table.Headers.Select(h => TextCell(h, StyleHeader)).ToArray()));
            var editable = table.EditableColumns ?? [];
            foreach (var row in table.Rows)
            {
                data.Append(NewRow(++r, 22, row.Select((v, i) => editable.Contains(i) ? EditableCell(v, i) : ValueCell(v, i, bold: false)).ToArray()));
            }
            if (table.Total is not null) data.Append(NewRow(++r, 22, table.Total.Select((v, i) => ValueCell(v, i, bold: true)).ToArray()));

            var cols = new Columns();
            for (var c = 0; c < columns; c++)
            {
                var width = c == 0 ? 7 : Math.Clamp(table.Headers[c].Length + 4, 12, 30);
                cols.Append(new Column { Min = (uint)(c + 1), Max = (uint)(c + 1), Width = width, CustomWidth = true });
            }

            var worksheet = new Worksheet(
                new SheetProperties(new PageSetupProperties { FitToPage = true }),
                new SheetFormatProperties { DefaultRowHeight = 22, CustomHeight = true },
                cols,
                data);
            // Protected without a password: the sheet's layout stays as the form has it, the unlocked cells take the figures.
            if (editable.Count > 0) worksheet.Append(new SheetProtection { Sheet = true, Objects = true, Scenarios = true, FormatColumns = false, FormatRows = false });
            if (table.Titles.Length > 0)
            {
                var merges = new MergeCells();
                for (var t = 1; t <= table.Titles.Length; t++) merges.Append(new MergeCell { Reference = $"A{t}:{ColumnName(columns - 1)}{t}" });
                worksheet.Append(merges);
            }
            worksheet.Append(new PageMargins { Left = 0.5, Right = 0.5, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 });
            // A4 (paper size 9), landscape, one page wide and as many pages tall as needed.
            worksheet.Append(new PageSetup { PaperSize = 9, Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0 });
            wsPart.Worksheet = worksheet;

            var sheets = new Sheets(new Sheet { Id = wbPart.GetIdOfPart(wsPart), SheetId = 1, Name = table.SheetName });
            if (table.Facts is { Count: > 0 } facts)
            {
                var factsPart = wbPart.AddNewPart<WorksheetPart>();
                var factRows = new SheetData();
                uint f = 0;
                foreach (var (key, value) in facts) factRows.Append(NewRow(++f, 15, [TextCell(key, 0), TextCell(value, 0)]));
                factsPart.Worksheet = new Worksheet(factRows);
                sheets.Append(new Sheet { Id = wbPart.GetIdOfPart(factsPart), SheetId = 2, Name = FactsSheet, State = SheetStateValues.Hidden });
            }
            wbPart.Workbook.Append(sheets);
            wbPart.Workbook.Save();

            Cell EditableCell(object? v, int column)
            {
                var format = column < table.NumberFormats.Length ? table.NumberFormats[column] : null;
                var style = (uint)(StyleFirstNumber + (Math.Max(1, formats.Count) * 2) + (format is null ? 0 : 1 + formats.IndexOf(format)));
                return v switch
                {
                    int i => new Cell { DataType = CellValues.Number, CellValue = new CellValue(i.ToString(CultureInfo.InvariantCulture)), StyleIndex = style },
                    decimal d => new Cell { DataType = CellValues.Number, CellValue = new CellValue(d.ToString(CultureInfo.InvariantCulture)), StyleIndex = style },
                    null => new Cell { StyleIndex = style },
                    _ => TextCell(Convert.ToString(v, CultureInfo.InvariantCulture) ?? "", style),
                };
            }

            Cell ValueCell(object? v, int column, bool bold)
            {
                var format = column < table.NumberFormats.Length ? table.NumberFormats[column] : null;
                return v switch
                {
                    int i => NumberCell(i.ToString(CultureInfo.InvariantCulture), format, bold),
                    decimal d => NumberCell(d.ToString(CultureInfo.InvariantCulture), format, bold),
                    null => TextCell("", bold ? StyleBoldText : StyleText),
                    _ => TextCell(Convert.ToString(v, CultureInfo.InvariantCulture) ?? "", bold ? StyleBoldText : StyleText),
                };
            }

            Cell NumberCell(string text, string? format, bool bold)
            {
                var index = format is null ? 0 : formats.IndexOf(format);
                return new Cell { DataType = CellValues.Number, CellValue = new CellValue(text), StyleIndex = (uint)(StyleFirstNumber + (index * 2) + (bold ? 1 : 0)) };
            }
        }
        return stream.ToArray();
    }

    private const uint StyleText = 1, StyleBoldText = 2, StyleHeader = 3, StyleTitle = 4, StyleFirstNumber = 5;

    private static Row NewRow(uint index, double height, Cell[] cells)
    {
        var row = new Row { RowIndex = index, Height = height, CustomHeight = true };
        for (var c = 0; c < cells.Length; c++)
        {
            cells[c].CellReference = ColumnName(c) + index.ToString(CultureInfo.InvariantCulture);
            row.Append(cells[c]);
        }
        return row;
    }

    private static Cell TextCell(string text, uint style) => new()
    {
        DataType = CellValues.InlineString,
        InlineString = new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve }),
        StyleIndex = style,
    };

    public static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) name = (char)('A' + ((n - 1) % 26)) + name;
        return name;
    }

    private static Stylesheet Stylesheet(List<string> numberFormats)
    {
        var numFmts = new NumberingFormats();
        for (var i = 0; i < numberFormats.Count; i++) numFmts.Append(new NumberingFormat { NumberFormatId = (uint)(164 + i), FormatCode = numberFormats[i] });
        numFmts.Count = (uint)numberFormats.Count;

        var fonts = new Fonts(
            new Font(new FontSize { Val = 14 }, new FontName { Val = "TH Sarabun New" }),
            new Font(new Bold(), new FontSize { Val = 14 }, new FontName { Val = "TH Sarabun New" }),
            new Font(new Bold(), new FontSize { Val = 16 }, new FontName { Val = "TH Sarabun New" }));
        var fills = new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 }));
        var thin = new Border(
            new LeftBorder { Style = BorderStyleValues.Thin }, new RightBorder { Style = BorderStyleValues.Thin },
            new TopBorder { Style = BorderStyleValues.Thin }, new BottomBorder { Style = BorderStyleValues.Thin }, new DiagonalBorder());
        var borders = new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()), thin);

        var centre = new Alignment { Horizontal = HorizontalAlignmentValues.Center, Vertical = VerticalAlignmentValues.Center, WrapText = true };
        var formats = new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 0, BorderId = 1, ApplyBorder = true, Alignment = new Alignment { Vertical = VerticalAlignmentValues.Center } },
            new CellFormat { FontId = 1, BorderId = 1, ApplyBorder = true, ApplyFont = true, Alignment = new Alignment { Vertical = VerticalAlignmentValues.Center } },
            new CellFormat { FontId = 1, BorderId = 1, ApplyBorder = true, ApplyFont = true, Alignment = (Alignment)centre.CloneNode(true) },
            new CellFormat { FontId = 2, ApplyFont = true, Alignment = (Alignment)centre.CloneNode(true) });
        // Number styles come in pairs (regular, bold) per format; format 0 is "General" when a column has no format.
        var ids = numberFormats.Count == 0 ? [0u] : numberFormats.Select((_, i) => (uint)(164 + i)).ToList();
        foreach (var id in ids)
        {
            formats.Append(new CellFormat { NumberFormatId = id, ApplyNumberFormat = true, FontId = 0, BorderId = 1, ApplyBorder = true });
            formats.Append(new CellFormat { NumberFormatId = id, ApplyNumberFormat = true, FontId = 1, BorderId = 1, ApplyBorder = true, ApplyFont = true });
        }
        // The unlocked cells of the columns to fill in (ReportTable.EditableColumns): text first, then one per number format.
        formats.Append(new CellFormat(new Protection { Locked = false }) { FontId = 0, BorderId = 1, ApplyBorder = true, ApplyProtection = true });
        foreach (var id in numberFormats.Select((_, i) => (uint)(164 + i)))
        {
            formats.Append(new CellFormat(new Protection { Locked = false }) { NumberFormatId = id, ApplyNumberFormat = true, FontId = 0, BorderId = 1, ApplyBorder = true, ApplyProtection = true });
        }
        return new Stylesheet(numFmts, fonts, fills, borders, formats);
    }
}

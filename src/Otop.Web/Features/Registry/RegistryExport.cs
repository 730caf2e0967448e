using System.Globalization;
using System.Text;
using CsvHelper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Otop.Domain;
using Otop.Web.Platform.Documents;

namespace Otop.Web.Features.Registry;

/// <summary>
/// The import template filled with the registry as filtered on screen (CONTRACT.md "Registry"): the same header, Thai
/// labels for types and categories, so that the file re-imports unchanged.
/// </summary>
public static class RegistryExport
{
    public const string CsvContentType = "text/csv; charset=utf-8";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static string[] Cells(ProductRow r) =>
    [
        r.EntrepreneurCode, r.EntrepreneurName, OtopLabels.Thai(r.EntrepreneurType), r.DistrictCode,
        r.Code, r.Name, OtopLabels.Thai(r.Category), r.RegisteredYear.ToString(CultureInfo.InvariantCulture),
    ];

    /// <summary>UTF-8 with a BOM, so that Excel opens the Thai text correctly by double-click.</summary>
    public static Task WriteCsvAsync(Stream output, IAsyncEnumerable<ProductRow> rows, CancellationToken ct) =>
        WriteCsvAsync(output, RegistryImport.Columns, rows, ct);

    /// <param name="header">the column labels: CONTRACT's names, or the Thai ones of the blank template (the import takes both)</param>
    public static async Task WriteCsvAsync(Stream output, IReadOnlyList<string> header, IAsyncEnumerable<ProductRow> rows, CancellationToken ct)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (var column in header) csv.WriteField(column);
        await csv.NextRecordAsync();
        await foreach (var row in rows.WithCancellation(ct))
        {
            // Names come from officers and files: a name starting = + - @ tab or CR would run as a formula in Excel
            // (CSV injection); the import takes the added apostrophe off again, so the file still re-imports unchanged.
            foreach (var cell in Cells(row)) csv.WriteField(ReportFiles.NeutraliseFormula(cell));
            await csv.NextRecordAsync();
        }
        await csv.FlushAsync();
    }

    /// <summary>One sheet written with OpenXmlWriter (streamed, not a DOM), every code as text so leading zeros stay.</summary>
    public static Task WriteXlsxAsync(Stream output, IAsyncEnumerable<ProductRow> rows, CancellationToken ct) =>
        WriteXlsxAsync(output, RegistryImport.Columns, rows, null, ct);

    /// <param name="instructions">rows of a second sheet (the import reads only the first), or null for none</param>
    public static async Task WriteXlsxAsync(Stream output, IReadOnlyList<string> header, IAsyncEnumerable<ProductRow> rows,
        IReadOnlyList<string[]>? instructions, CancellationToken ct)
    {
        // OpenXml needs a seekable stream; the response body is not.
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
            using (var writer = OpenXmlWriter.Create(sheetPart))
            {
                writer.WriteStartElement(new Worksheet());
                writer.WriteStartElement(new SheetData());
                var rowIndex = 1u;
                WriteRow(writer, rowIndex++, header.ToArray(), yearColumn: false);
                await foreach (var row in rows.WithCancellation(ct))
                {
                    WriteRow(writer, rowIndex++, Cells(row), yearColumn: true);
                }
                writer.WriteEndElement();
                writer.WriteEndElement();
            }
            var sheets = new Sheets(new Sheet { Id = workbookPart.GetIdOfPart(sheetPart), SheetId = 1, Name = "registry" });
            if (instructions is not null)
            {
                var notesPart = workbookPart.AddNewPart<WorksheetPart>();
                using (var writer = OpenXmlWriter.Create(notesPart))
                {
                    writer.WriteStartElement(new Worksheet());
                    writer.WriteStartElement(new SheetData());
                    var rowIndex = 1u;
                    foreach (var line in instructions) WriteRow(writer, rowIndex++, line, yearColumn: false);
                    writer.WriteEndElement();
                    writer.WriteEndElement();
                }
                sheets.Append(new Sheet { Id = workbookPart.GetIdOfPart(notesPart), SheetId = 2, Name = "คำอธิบาย" });
            }
            workbookPart.Workbook = new Workbook(sheets);
            workbookPart.Workbook.Save();
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(output, ct);
    }

    private static void WriteRow(OpenXmlWriter writer, uint index, string[] cells, bool yearColumn)
    {
        writer.WriteStartElement(new Row { RowIndex = index });
        for (var i = 0; i < cells.Length; i++)
        {
            var isNumber = yearColumn && i == cells.Length - 1;
            var cell = isNumber
                ? new Cell { DataType = CellValues.Number, CellValue = new CellValue(cells[i]) }
                : new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(cells[i])) };
            writer.WriteElement(cell);
        }
        writer.WriteEndElement();
    }
}

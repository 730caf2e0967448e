using System.Diagnostics;
using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Otop.Web.Tests.Reports;

/// <summary>Reads report files back the way a user's software would: XLSX cells, CSV lines, PDF text and a PNG of page 1.</summary>
public static class ReportFilesRead
{
    /// <summary>The sheet as rows of cells (by column), numbers as decimals, text as strings; row 1 first.</summary>
    public static List<object?[]> Xlsx(byte[] bytes)
    {
        using var doc = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        // The first sheet in the workbook's order (a form to fill also carries a hidden sheet of facts after it).
        var first = doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().First();
        var sheet = ((WorksheetPart)doc.WorkbookPart.GetPartById(first.Id!.Value!)).Worksheet;
        var rows = new List<object?[]>();
        foreach (var row in sheet.Descendants<Row>())
        {
            var cells = row.Elements<Cell>().ToList();
            var values = new object?[cells.Count == 0 ? 0 : cells.Max(c => ColumnIndex(c.CellReference!.Value!)) + 1];
            foreach (var c in cells)
            {
                values[ColumnIndex(c.CellReference!.Value!)] = c.DataType?.Value == CellValues.Number
                    ? decimal.Parse(c.CellValue!.Text, NumberStyles.Float, CultureInfo.InvariantCulture)
                    : c.InnerText;
            }
            rows.Add(values);
        }
        return rows;
    }

    /// <summary>GET <c>/api/v1/reports/{form}?{query}&amp;format=xlsx</c>, 200 expected, read back as <see cref="Xlsx"/>.</summary>
    public static async Task<List<object?[]>> XlsxAsync(HttpClient client, string form, string query)
    {
        var response = await client.GetAsync($"/api/v1/reports/{form}?{query}&format=xlsx");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        ((int)response.StatusCode).ShouldBe(200, Encoding.UTF8.GetString(bytes));
        return Xlsx(bytes);
    }

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var ch in reference.TakeWhile(char.IsLetter)) index = (index * 26) + (ch - 'A' + 1);
        return index - 1;
    }

    public static string[] CsvLines(byte[] bytes) =>
        Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

    public const string Chromium = "/usr/bin/chromium";

    /// <summary>PDF tests need Chromium and poppler: a missing one fails the test (never a silent pass), as under CI.</summary>
    public static void RequirePdfTools()
    {
        File.Exists(Chromium).ShouldBeTrue($"Chromium is missing at {Chromium}: run scripts/test.sh (it installs chromium and poppler-utils)");
        File.Exists("/usr/bin/pdftotext").ShouldBeTrue("pdftotext (poppler-utils) is missing: run scripts/test.sh");
    }

    public static string PdfText(byte[] pdf)
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(file, pdf);
            return Run("pdftotext", $"-layout \"{file}\" -");
        }
        finally { File.Delete(file); }
    }

    public static int PdfPages(byte[] pdf)
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(file, pdf);
            var info = Run("pdfinfo", $"\"{file}\"");
            return int.Parse(info.Split('\n').First(l => l.StartsWith("Pages:", StringComparison.Ordinal))[6..].Trim(), CultureInfo.InvariantCulture);
        }
        finally { File.Delete(file); }
    }

    /// <summary>Page 1 as a PNG at 50 dpi (pdftoppm), kept under artifacts/screenshots (or OTOP_SCREENSHOTS) to look at.</summary>
    public static string PdfPng(byte[] pdf, string name, int dpi = 50)
    {
        var folder = Environment.GetEnvironmentVariable("OTOP_SCREENSHOTS") is { Length: > 0 } f ? f
            : Path.Combine(RepoRoot(), "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, name + ".pdf");
        File.WriteAllBytes(file, pdf);
        Run("pdftoppm", $"-png -r {dpi} -f 1 -l 1 -singlefile \"{file}\" \"{Path.Combine(folder, name)}\"");
        File.Delete(file);
        return Path.Combine(folder, name + ".png");
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Otop.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? Path.GetTempPath();
    }

    private static string Run(string tool, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = Encoding.UTF8,
        })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, $"{tool} {arguments}: {process.StandardError.ReadToEnd()}");
        return output;
    }
}

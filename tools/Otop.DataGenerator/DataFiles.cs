using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Otop.Domain;
using Otop.Web.Features.Registry;

namespace Otop.DataGenerator;

/// <summary>The data set in the app's own import formats (CONTRACT.md "Registry" and "Revenue").</summary>
public static class DataFiles
{
    public const string RegistryHeader = "entrepreneur_code,entrepreneur_name,entrepreneur_type,district_code,product_code,product_name,category,registered_year";
    public const string RevenueHeader = "entrepreneur_code,month,amount";

    public static string[] RegistryCells(ProductRow p) =>
    [
        p.Producer.Code, p.Producer.Name, OtopLabels.Code(p.Producer.Type), p.Producer.District.Code, p.Code, p.Name,
        CategoryCode(p.Category), p.RegisteredYear.ToString(CultureInfo.InvariantCulture),
    ];

    public static string CategoryCode(ProductCategory c) => c switch
    {
        ProductCategory.Food => "food",
        ProductCategory.Beverage => "beverage",
        ProductCategory.Textile => "textile",
        ProductCategory.Decorative => "decorative",
        _ => "herbal",
    };

    public static void WriteRegistryCsv(IEnumerable<ProductRow> products, Stream output)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        writer.Write(RegistryHeader);
        writer.Write('\n');
        foreach (var p in products)
        {
            writer.Write(string.Join(',', RegistryCells(p).Select(Quote)));
            writer.Write('\n');
        }
    }

    public static byte[] RegistryCsv(IEnumerable<ProductRow> products)
    {
        using var stream = new MemoryStream();
        WriteRegistryCsv(products, stream);
        return stream.ToArray();
    }

    /// <summary>One sheet, header row then one row per product, inline strings, streamed (SAX) so 250,000 rows stay small.</summary>
    public static void WriteRegistryXlsx(IEnumerable<ProductRow> products, Stream output)
    {
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        var sheetPart = workbook.AddNewPart<WorksheetPart>();
        using (var writer = OpenXmlWriter.Create(sheetPart))
        {
            writer.WriteStartElement(new Worksheet());
            writer.WriteStartElement(new SheetData());
            WriteRow(writer, RegistryHeader.Split(','));
            foreach (var p in products) WriteRow(writer, RegistryCells(p));
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
        workbook.Workbook = new Workbook(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "registry" }));
        workbook.Workbook.Save();
    }

    public static byte[] RegistryXlsx(IEnumerable<ProductRow> products)
    {
        using var stream = new MemoryStream();
        WriteRegistryXlsx(products, stream);
        return stream.ToArray();
    }

    private static void WriteRow(OpenXmlWriter writer, string[] cells)
    {
        writer.WriteStartElement(new Row());
        foreach (var cell in cells)
        {
            writer.WriteElement(new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(cell)) });
        }
        writer.WriteEndElement();
    }

    /// <summary>Revenue history for some months (CONTRACT.md: <c>entrepreneur_code,month,amount</c>).</summary>
    public static void WriteRevenueCsv(NationalData data, IEnumerable<int> monthIndexes, Stream output)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        writer.Write(RevenueHeader);
        writer.Write('\n');
        foreach (var m in monthIndexes)
        {
            var month = data.Months[m].ToString();
            foreach (var (producer, amount) in data.FiguresOf(data.Producers, m))
            {
                writer.Write($"{producer.Code},{month},{amount.ToString(CultureInfo.InvariantCulture)}\n");
            }
        }
    }

    public static byte[] RevenueCsv(NationalData data, IEnumerable<int> monthIndexes)
    {
        using var stream = new MemoryStream();
        WriteRevenueCsv(data, monthIndexes, stream);
        return stream.ToArray();
    }

    private static string Quote(string s) => s.IndexOfAny([',', '"', '\n', '\r']) < 0 ? s : "\"" + s.Replace("\"", "\"\"") + "\"";
}

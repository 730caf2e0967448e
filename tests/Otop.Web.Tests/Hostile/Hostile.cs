using System.IO.Compression;
using System.Net;
using System.Text;
using Otop.Web.Tests.Infrastructure;

namespace Otop.Web.Tests.Hostile;

/// <summary>Files and requests that no honest officer sends (docs/hostile-input.md).</summary>
public static class Hostile
{
    public const string Script = "<script>alert(1)</script>";
    public const string ScriptEscaped = "&lt;script&gt;alert(1)&lt;/script&gt;";
    public const string ImageTag = "\"><img src=x onerror=alert(1)>";

    /// <summary>Every string in a JSON answer, unescaped (problem+json escapes Thai and quotes as \uXXXX).</summary>
    public static string Text(this System.Text.Json.JsonElement e) => e.ValueKind switch
    {
        System.Text.Json.JsonValueKind.String => e.GetString()!,
        System.Text.Json.JsonValueKind.Object => string.Join(" | ", e.EnumerateObject().Select(p => p.Name + ": " + p.Value.Text())),
        System.Text.Json.JsonValueKind.Array => string.Join(" | ", e.EnumerateArray().Select(Text)),
        _ => e.GetRawText(),
    };

    /// <summary>An XLSX package with the given parts (name → content), the minimum ExcelDataReader needs plus extras.</summary>
    public static byte[] Package(IDictionary<string, string> parts, string? contentTypesExtra = null)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, string text)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(text);
            }
            Add("[Content_Types].xml", $"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                <Default Extension="xml" ContentType="application/xml"/>
                <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
                <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
                {contentTypesExtra}
                </Types>
                """);
            Add("_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """);
            Add("xl/workbook.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>
                """);
            Add("xl/_rels/workbook.xml.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>
                """);
            if (!parts.ContainsKey("xl/worksheets/sheet1.xml"))
            {
                Add("xl/worksheets/sheet1.xml", Sheet(Registry.RegistryFiles.Header.Split(','), ["E1", "กลุ่มทดสอบ", "group", "2701", "P1", "ผ้าทอ", "textile", "2560"]));
            }
            foreach (var (name, text) in parts) Add(name, text);
        }
        return stream.ToArray();
    }

    public static string Sheet(params string[][] rows)
    {
        var sb = new StringBuilder("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""");
        for (var r = 0; r < rows.Length; r++)
        {
            sb.Append($"<row r=\"{r + 1}\">");
            for (var c = 0; c < rows[r].Length; c++)
            {
                sb.Append($"<c r=\"{(char)('A' + c)}{r + 1}\" t=\"inlineStr\"><is><t>{System.Security.SecurityElement.Escape(rows[r][c])}</t></is></c>");
            }
            sb.Append("</row>");
        }
        return sb.Append("</sheetData></worksheet>").ToString();
    }

    /// <summary>
    /// A zip bomb posing as a workbook: a valid header row, then a sheet part that inflates to <paramref name="inflatedBytes"/>
    /// (blank padding compresses about a thousand to one, so 450 MB travels as well under 1 MB).
    /// </summary>
    public static byte[] ZipBomb(long inflatedBytes)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            var entry = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Optimal);
            using var part = entry.Open();
            var head = Encoding.UTF8.GetBytes(Sheet(Registry.RegistryFiles.Header.Split(','))[..^"</sheetData></worksheet>".Length]);
            part.Write(head);
            var padding = new byte[1 << 20];
            Array.Fill(padding, (byte)' ');
            for (long written = head.Length; written < inflatedBytes; written += padding.Length) part.Write(padding);
            part.Write("</sheetData></worksheet>"u8);
        }
        return stream.ToArray();
    }
}

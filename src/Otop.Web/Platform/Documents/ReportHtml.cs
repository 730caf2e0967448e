using System.Globalization;
using System.Net;
using System.Text;
using Otop.Domain;

namespace Otop.Web.Platform.Documents;

/// <summary>What the verification box prints: the short code, the URL in the QR code, who issued the document and when.</summary>
public sealed record Verification(string Code, string Url, string IssuedByName, DateTimeOffset IssuedAt, string FiguresHash)
{
    /// <summary>"7K3P-Q9XD": two groups of four, easy to read aloud and type.</summary>
    public string Grouped => IssuedDocuments.Group(Code);
}

/// <summary>
/// The HTML of a document, the same for the print view (inside the site layout, styled by wwwroot/css/print.css) and for
/// the PDF (inside <see cref="PdfPage"/>): classes only, no inline styles, so the print view passes the CSP.
/// </summary>
public static class ReportHtml
{
    public static string Body(ReportDocument doc, Verification? verification, bool thaiDigits)
    {
        var sb = new StringBuilder();
        string N(string s) => thaiDigits ? ThaiDigits.ToThai(s) : s;
        string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        string T(string? s) => E(N(s ?? ""));

        sb.Append($"<article class=\"doc {(doc.Landscape ? "doc-landscape" : "doc-portrait")}\" data-form=\"{E(doc.Form)}\">");
        sb.Append("<header class=\"doc-head\">");
        if (verification is not null)
        {
            sb.Append("<div class=\"doc-qr\">").Append(QrImage(verification.Url))
              .Append($"<div class=\"doc-code\">{E(verification.Grouped)}</div></div>");
        }
        sb.Append($"<div class=\"doc-form\">{T(doc.FormLabel)}</div>");
        sb.Append($"<h1 class=\"doc-title\">{T(doc.Title)}</h1>");
        sb.Append($"<p class=\"doc-unit\">{T(doc.UnitName)}</p>");
        sb.Append($"<p class=\"doc-period\">{T(doc.Period)}</p>");
        sb.Append("</header>");

        var t = doc.Table;
        var numeric = t.NumberFormats.Select(f => f is not null).ToArray();
        // Short text columns (codes, district names, "รวมทั้งจังหวัด") never break inside a word; long names may wrap.
        var keepWhole = Enumerable.Range(0, t.Headers.Length).Select(c =>
            t.Rows.Append(t.Total ?? []).Max(r => c < r.Length && r[c] is string text ? text.Length : 0) <= 20).ToArray();
        sb.Append($"<table class=\"doc-table cols-{t.Headers.Length}\"><thead><tr>");
        for (var c = 0; c < t.Headers.Length; c++) sb.Append($"<th class=\"{(c < numeric.Length && numeric[c] && c > 0 ? "num" : "")}\">{T(t.Headers[c])}</th>");
        sb.Append("</tr></thead><tbody>");
        if (t.Rows.Count == 0)
        {
            sb.Append($"<tr><td class=\"doc-empty\" colspan=\"{t.Headers.Length}\">ไม่มีข้อมูล</td></tr>");
        }
        foreach (var row in t.Rows) Row(row, "td");
        sb.Append("</tbody>");
        if (t.Total is not null)
        {
            sb.Append("<tfoot>");
            Row(t.Total, "td");
            sb.Append("</tfoot>");
        }
        sb.Append("</table>");

        if (doc.Notes is { Count: > 0 })
        {
            sb.Append("<ul class=\"doc-notes\">");
            foreach (var note in doc.Notes) sb.Append($"<li>{T(note)}</li>");
            sb.Append("</ul>");
        }

        sb.Append("<section class=\"doc-signs\">");
        foreach (var s in doc.Signatures)
        {
            sb.Append("<div class=\"doc-sign\">");
            sb.Append($"<p>(ลงชื่อ) ........................................ {E(s.Caption)}</p>");
            sb.Append($"<p>( {(s.Name is null ? "........................................" : E(s.Name))} )</p>");
            sb.Append($"<p>ตำแหน่ง {E(s.Position)}</p>");
            sb.Append($"<p>วันที่ {(s.At is { } at ? E(ThaiDates.FormatLong(Bangkok.Today(at), thaiDigits)) : "........ / ........ / ........")}</p>");
            sb.Append("</div>");
        }
        sb.Append("</section>");

        sb.Append("<footer class=\"doc-foot\">");
        if (verification is not null)
        {
            sb.Append("<div class=\"doc-qr\">").Append(QrImage(verification.Url)).Append("</div>");
            sb.Append("<div class=\"doc-foot-text\">");
            sb.Append($"<p>ตรวจสอบความถูกต้องของเอกสารนี้ได้ที่ <span class=\"doc-url\">{E(verification.Url)}</span></p>");
            sb.Append($"<p>รหัสตรวจสอบ <strong class=\"doc-code\">{E(verification.Grouped)}</strong> · ออกโดย {E(verification.IssuedByName)} เมื่อ {T(ThaiDates.FormatDateTime(verification.IssuedAt))}</p>");
            sb.Append($"<p class=\"doc-hash\">SHA-256 ของตัวเลข: {E(verification.FiguresHash)}</p>");
            sb.Append("</div>");
        }
        else
        {
            sb.Append("<p class=\"doc-draft\">ฉบับพิมพ์จากหน้าจอ: ดาวน์โหลด PDF เพื่อรับรหัสตรวจสอบและ QR code ของเอกสาร</p>");
        }
        sb.Append("</footer>");
        sb.Append("</article>");
        return sb.ToString();

        void Row(object?[] row, string cell)
        {
            sb.Append("<tr>");
            for (var c = 0; c < row.Length; c++)
            {
                var format = c < t.NumberFormats.Length ? t.NumberFormats[c] : null;
                var text = Format(row[c], format);
                var css = row[c] is decimal or int && c > 0 ? " class=\"num\"" : c < keepWhole.Length && keepWhole[c] ? " class=\"nowrap\"" : "";
                sb.Append($"<{cell}{css}>{E(N(text))}</{cell}>");
            }
            sb.Append("</tr>");
        }
    }

    /// <summary>A cell as printed: the column's Excel format read as "decimals and grouping" (<c>#,##0.00</c> → 1,234.50).</summary>
    public static string Format(object? value, string? format)
    {
        if (value is int i) value = (decimal)i;
        if (value is not decimal d) return Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        if (format is null or "General") return d.ToString(CultureInfo.InvariantCulture);
        var dot = format.IndexOf('.', StringComparison.Ordinal);
        var decimals = dot < 0 ? 0 : format.Length - dot - 1;
        var text = ThaiDigits.FormatNumber(d, decimals, false);
        return format.Contains(',', StringComparison.Ordinal) ? text : text.Replace(",", "", StringComparison.Ordinal);
    }

    /// <summary>The QR code as an &lt;img&gt; of an SVG data URI (no markup of QRCoder's inside the page, no network).</summary>
    public static string QrImage(string url) =>
        $"<img class=\"doc-qr-img\" alt=\"QR code ตรวจสอบเอกสาร\" src=\"data:image/svg+xml;base64,{Convert.ToBase64String(Encoding.UTF8.GetBytes(QrCodes.Svg(url)))}\" />";

    /// <summary>
    /// The whole page Chromium prints: Sarabun embedded as base64 (no network under any host), print.css, and the page
    /// margin boxes: "หน้า ๑/๓" in Thai digits and the verification code on every page.
    /// </summary>
    public static string PdfPage(ReportDocument doc, Verification? verification, bool thaiDigits, string fontCss, string printCss)
    {
        var code = verification is null ? "" : $"รหัสตรวจสอบ {verification.Grouped}";
        var pageCss = $$"""
            @page { @bottom-right { content: "หน้า " counter(page, thai) "/" counter(pages, thai); font-family: Sarabun, sans-serif; font-size: 10pt; }
                    @bottom-left { content: "{{code}}"; font-family: Sarabun, sans-serif; font-size: 9pt; } }
            """;
        return $"""
            <!DOCTYPE html>
            <html lang="th"><head><meta charset="utf-8"><title>{WebUtility.HtmlEncode(doc.Title)}</title>
            <style>{fontCss}
            {printCss}
            {pageCss}</style></head>
            <body class="doc-pdf">{Body(doc, verification, thaiDigits)}</body></html>
            """;
    }
}

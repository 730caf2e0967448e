using Microsoft.Extensions.Options;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;

namespace Otop.Web.Platform.Documents;

/// <summary>One code path per form and format, shared by the API (bearer) and the pages' download (cookie).</summary>
public static class ReportOutput
{
    public static async Task<IResult> FileAsync(string formName, string? format, IReadOnlyDictionary<string, string?> parameters, HttpContext http,
        CurrentUser me, AppDbContext db, TimeProvider clock, ReportForms forms)
    {
        if (!forms.TryGet(formName, out var form))
        {
            return Problems.NotFound($"ไม่พบแบบรายงาน \"{formName}\" แบบที่มี: {string.Join(", ", forms.Names)}");
        }
        var f = (format ?? "").Trim().ToLowerInvariant();
        if (!ReportForms.Formats.Contains(f))
        {
            return Problems.Invalid("format", $"รูปแบบไฟล์ (format) \"{format}\" ไม่รองรับ ใช้ได้: {string.Join(", ", ReportForms.Formats.Order(StringComparer.Ordinal))}");
        }
        var services = http.RequestServices;
        // A PDF holds a Chromium page: a place is taken before the figures are even built, and refused rather than queued without bound.
        var (place, refused) = f == "pdf" ? services.GetRequiredService<PdfGate>().TryEnter(me.UserName) : (null, null);
        if (refused is not null)
        {
            return Problems.TooMany(refused, PdfGate.RetryAfterSeconds);
        }
        using (place)
        {
            var ct = http.RequestAborted;
            var (document, refusal) = await form.Build(new ReportRequest(parameters, me, db, clock, ct));
            if (refusal is not null) return refusal.ToProblem();
            var doc = document!;
            switch (f)
            {
                case "xlsx": return Results.File(ReportFiles.Xlsx(doc.Table), ReportFiles.XlsxType, doc.FileBase + ".xlsx");
                case "csv": return Results.File(ReportFiles.Csv(doc.Table), ReportFiles.CsvType, doc.FileBase + ".csv");
            }

            var pdf = services.GetRequiredService<PdfRenderer>();
            var site = services.GetRequiredService<PublicAddress>();
            var legacyBase = services.GetRequiredService<IOptions<DocumentOptions>>().Value.PublicBaseUrl;
            var thaiDigits = string.Equals(parameters.GetValueOrDefault("digits"), "thai", StringComparison.OrdinalIgnoreCase);
            var (fontCss, printCss) = pdf.Styles();
            try
            {
                // Issued first so the code printed on the paper exists; a failed render leaves an unused code, which is harmless.
                var issued = await IssuedDocuments.IssueAsync(db, me, clock, doc, "pdf", ct);
                // Never the request's Host header: the QR code would send every reader of the paper wherever the requester chose.
                var url = $"{site.BaseOr(legacyBase)}/v/{issued.Code}";
                var verification = new Verification(issued.Code, url, issued.IssuedByName, issued.IssuedAt, issued.FiguresHash);
                var bytes = await pdf.RenderAsync(ReportHtml.PdfPage(doc, verification, thaiDigits, fontCss, printCss), ct);
                http.Response.Headers["X-Document-Code"] = issued.Code;
                return Results.File(bytes, "application/pdf", doc.FileBase + ".pdf");
            }
            catch (PdfUnavailableException e)
            {
                http.Response.Headers.RetryAfter = "60";
                return Problems.Status(503, e.Message);
            }
        }
    }
}

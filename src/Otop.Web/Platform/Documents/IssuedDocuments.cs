using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Otop.Domain;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;

namespace Otop.Web.Platform.Documents;

/// <summary>What the public verification page and <c>GET /api/v1/documents/{code}</c> say about an issued document.</summary>
public sealed record DocumentFacts(string Code, string Form, string Title, string Unit, string Period, string IssuedBy,
    DateTimeOffset IssuedAt, string Format, string FiguresHash, string CurrentHash, bool Unchanged,
    IReadOnlyList<string>? IssuedTotals, IReadOnlyList<string>? CurrentTotals, bool? MatchesCertified, DateTimeOffset? CertifiedAt,
    string? CertifiedBy = null);

/// <summary>
/// Every PDF (docs/decisions/006-documents.md, "Verification") is recorded with a short code (printed with a QR code of its public URL) and the hash of its
/// figures. Verifying rebuilds the figures now, with the same parameters and the document's unit as the only scope, and
/// compares the hashes; for รต.2 it also compares with the hash the district head certified.
/// </summary>
public static class IssuedDocuments
{
    /// <summary>No 0/O, 1/I/L: a code read off paper and typed by hand is not misread.</summary>
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    public const int CodeLength = 8;

    public static string NewCode() => string.Create(CodeLength, 0, (span, _) =>
    {
        for (var i = 0; i < span.Length; i++) span[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
    });

    public static string Group(string code) => code.Length == CodeLength ? $"{code[..4]}-{code[4..]}" : code;

    /// <summary>"7k3p-q9xd", "7K3P Q9XD" → "7K3PQ9XD"; null when it cannot be a code.</summary>
    public static string? Normalise(string? text)
    {
        var code = new string((text ?? "").Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        return code.Length == CodeLength && code.All(c => Alphabet.Contains(c, StringComparison.Ordinal)) ? code : null;
    }

    public static string BaseUrl(HttpContext http, DocumentOptions options) =>
        string.IsNullOrWhiteSpace(options.PublicBaseUrl) ? $"{http.Request.Scheme}://{http.Request.Host}" : options.PublicBaseUrl.TrimEnd('/');

    public static async Task<IssuedDocument> IssueAsync(AppDbContext db, CurrentUser me, TimeProvider clock, ReportDocument doc, string format, CancellationToken ct)
    {
        string code;
        do code = NewCode(); while (await db.IssuedDocuments.AnyAsync(d => d.Code == code, ct));
        var issued = new IssuedDocument
        {
            Code = code, Form = doc.Form, Parameters = doc.Parameters, OrgUnitCode = doc.OrgUnitCode, Title = doc.Title,
            UnitName = doc.UnitName, Period = doc.Period, IssuedBy = me.UserName, IssuedByName = me.DisplayName,
            IssuedAt = clock.GetUtcNow(), FiguresHash = doc.FiguresHash, Format = format, Totals = TotalsJson(doc),
        };
        db.IssuedDocuments.Add(issued);
        await db.SaveChangesAsync(ct);
        return issued;
    }

    /// <summary>The document's facts with the figures recomputed now; null for an unknown code.</summary>
    public static async Task<DocumentFacts?> VerifyAsync(AppDbContext db, ReportForms forms, TimeProvider clock, string? codeText, CancellationToken ct)
    {
        if (Normalise(codeText) is not { } code) return null;
        var issued = await db.IssuedDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Code == code, ct);
        if (issued is null) return null;

        // The verifier is nobody: it sees exactly the document's own unit, read-only.
        var reader = new CurrentUser("", "", Roles.Viewer, new OrgScope(issued.OrgUnitCode));
        forms.TryGet(issued.Form, out var form);
        var request = new ReportRequest(ReportRequest.Parse(issued.Parameters), reader, db, clock, ct);
        var current = form is null ? null : (await form.Build(request)).Document;
        var currentHash = current?.FiguresHash ?? "";

        bool? matchesCertified = null;
        DateTimeOffset? certifiedAt = null;
        string? certifiedBy = null;
        if (form?.Certified is { } certified && await certified(request) is { Hash: { } hash } at)
        {
            matchesCertified = hash == currentHash;
            certifiedAt = at.At;
            certifiedBy = at.By;
        }

        return new DocumentFacts(Group(issued.Code), issued.Form, issued.Title, issued.UnitName, issued.Period, issued.IssuedByName,
            issued.IssuedAt, issued.Format, issued.FiguresHash, currentHash, currentHash == issued.FiguresHash,
            issued.Totals is null ? null : JsonSerializer.Deserialize<List<string>>(issued.Totals),
            current is null ? null : Totals(current), matchesCertified, certifiedAt, certifiedBy);
    }

    private static string? TotalsJson(ReportDocument doc) => Totals(doc) is { } t ? JsonSerializer.Serialize(t) : null;

    /// <summary>The total row as "header: value" lines (only the cells with a value): what the public page may show.</summary>
    public static List<string>? Totals(ReportDocument doc)
    {
        if (doc.Table.Total is not { } total) return null;
        var lines = new List<string>();
        for (var c = 0; c < total.Length && c < doc.Table.Headers.Length; c++)
        {
            if (total[c] is decimal or int) lines.Add($"{doc.Table.Headers[c]}: {ReportHtml.Format(total[c], doc.Table.NumberFormats.ElementAtOrDefault(c))}");
        }
        return lines;
    }
}

/// <summary>One code path per form and format, shared by the API (bearer) and the pages' download (cookie).</summary>
public static class ReportOutput
{
    public static async Task<IResult> FileAsync(string formName, string? format, IReadOnlyDictionary<string, string?> parameters, HttpContext http,
        CurrentUser me, AppDbContext db, TimeProvider clock, ReportForms forms, PdfRenderer pdf, IOptions<DocumentOptions> options)
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
        var ct = http.RequestAborted;
        var (document, refusal) = await form.Build(new ReportRequest(parameters, me, db, clock, ct));
        if (refusal is not null) return refusal.ToProblem();
        var doc = document!;
        switch (f)
        {
            case "xlsx": return Results.File(ReportFiles.Xlsx(doc.Table), ReportFiles.XlsxType, doc.FileBase + ".xlsx");
            case "csv": return Results.File(ReportFiles.Csv(doc.Table), ReportFiles.CsvType, doc.FileBase + ".csv");
        }

        var thaiDigits = string.Equals(parameters.GetValueOrDefault("digits"), "thai", StringComparison.OrdinalIgnoreCase);
        var (fontCss, printCss) = pdf.Styles();
        IssuedDocument issued;
        try
        {
            // Issued first so the code printed on the paper exists; a failed render leaves an unused code, which is harmless.
            issued = await IssuedDocuments.IssueAsync(db, me, clock, doc, "pdf", ct);
            var url = $"{IssuedDocuments.BaseUrl(http, options.Value)}/v/{issued.Code}";
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

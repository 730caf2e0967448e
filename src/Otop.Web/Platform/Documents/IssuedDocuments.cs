using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;

namespace Otop.Web.Platform.Documents;

/// <summary>
/// What the public verification page and <c>GET /api/v1/documents/{code}</c> say about an issued document: its header
/// facts, the hash and the totals <b>as issued</b> (stored with the document), and whether the data give the same figures
/// today (<see cref="Unchanged"/>). The current figures themselves are never shown: whoever holds a code learns what the
/// paper said, not what the unit's figures are now.
/// </summary>
public sealed record DocumentFacts(string Code, string Form, string Title, string Unit, string Period, string IssuedBy,
    DateTimeOffset IssuedAt, string Format, string FiguresHash, bool Unchanged,
    IReadOnlyList<string>? IssuedTotals, bool? MatchesCertified, DateTimeOffset? CertifiedAt, string? CertifiedBy = null);

/// <summary>
/// Every PDF (docs/decisions/006-documents.md, "Verification") is recorded with a code (printed with a QR code of its public URL) and the hash of its
/// figures. Verifying rebuilds the figures now, with the same parameters and the document's unit as the only scope, and
/// compares the hashes; for รต.2 it also compares with the hash the district head certified.
/// </summary>
public static class IssuedDocuments
{
    /// <summary>No 0/O, 1/I/L: a code read off paper and typed by hand is not misread.</summary>
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    /// <summary>26 characters of 31: log2(31^26) ≈ 128.8 bits, in the QR code's URL (docs/decisions/006, "Codes").</summary>
    public const int CodeLength = 26;
    /// <summary>The typed form printed under the QR code: the code's first 10 characters, ≈ 49.5 bits, "ABCD-EFGH-JK".</summary>
    public const int TypedLength = 10;
    /// <summary>Codes issued before issue 14: 8 characters, "7K3P-Q9XD"; they keep working.</summary>
    public const int LegacyLength = 8;

    public static string NewCode() => string.Create(CodeLength, 0, (span, _) =>
    {
        for (var i = 0; i < span.Length; i++) span[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
    });

    /// <summary>What a person types from paper: the first 10 characters of a code, or a whole legacy code.</summary>
    public static string Typed(string code) => code.Length == CodeLength ? code[..TypedLength] : code;

    /// <summary>The typed form as printed: "ABCD-EFGH-JK" (or a legacy "7K3P-Q9XD").</summary>
    public static string Group(string code)
    {
        var typed = Typed(code);
        return typed.Length switch
        {
            TypedLength => $"{typed[..4]}-{typed[4..8]}-{typed[8..]}",
            LegacyLength => $"{typed[..4]}-{typed[4..]}",
            _ => typed,
        };
    }

    /// <summary>"abcd-efgh-jk", "7K3P Q9XD", a whole code → upper case without separators; null when it cannot be a code.</summary>
    public static string? Normalise(string? text)
    {
        if (text is null || text.Length > 64) return null;
        var code = new string(text.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        return code.Length is CodeLength or TypedLength or LegacyLength && code.All(c => Alphabet.Contains(c, StringComparison.Ordinal)) ? code : null;
    }

    /// <summary>The document a whole code, a typed form or a legacy code names; null when none.</summary>
    public static Task<IssuedDocument?> FindAsync(AppDbContext db, string? text, CancellationToken ct) => Normalise(text) switch
    {
        null => Task.FromResult<IssuedDocument?>(null),
        { Length: CodeLength } code => db.IssuedDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Code == code, ct),
        var typed => db.IssuedDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.TypedCode == typed, ct),
    };

    /// <summary>
    /// The document's code: the one this user was already given today (Bangkok) for the same form, parameters, figures and
    /// format, else a new one. Printing the same report ten times in a morning is one document, not ten.
    /// </summary>
    public static async Task<IssuedDocument> IssueAsync(AppDbContext db, CurrentUser me, TimeProvider clock, ReportDocument doc, string format, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // UTC: PostgreSQL takes timestamptz parameters with offset 0 only.
        var today = Bangkok.StartOfDay(Bangkok.Today(now)).ToUniversalTime();
        var user = me.UserName;
        var same = await db.IssuedDocuments.AsNoTracking()
            .Where(d => d.IssuedBy == user && d.Form == doc.Form && d.Parameters == doc.Parameters && d.FiguresHash == doc.FiguresHash
                && d.Format == format && d.IssuedAt >= today)
            .OrderBy(d => d.Id).FirstOrDefaultAsync(ct);
        if (same is not null) return same;

        string code;
        do code = NewCode(); while (await db.IssuedDocuments.AnyAsync(d => d.Code == code || d.TypedCode == code.Substring(0, TypedLength), ct));
        var issued = new IssuedDocument
        {
            Code = code, TypedCode = Typed(code), Form = doc.Form, Parameters = doc.Parameters, OrgUnitCode = doc.OrgUnitCode, Title = doc.Title,
            UnitName = doc.UnitName, Period = doc.Period, IssuedBy = me.UserName, IssuedByName = me.DisplayName,
            IssuedAt = now, FiguresHash = doc.FiguresHash, Format = format, Totals = TotalsJson(doc),
        };
        db.IssuedDocuments.Add(issued);
        await db.SaveChangesAsync(ct);
        return issued;
    }

    /// <summary>The document's facts as issued, and whether the figures recomputed now still match; null for an unknown code.</summary>
    public static async Task<DocumentFacts?> VerifyAsync(AppDbContext db, ReportForms forms, TimeProvider clock, string? codeText, CancellationToken ct)
    {
        if (await FindAsync(db, codeText, ct) is not { } issued) return null;

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
            matchesCertified = hash == issued.FiguresHash;
            certifiedAt = at.At;
            certifiedBy = at.By;
        }

        return new DocumentFacts(Group(issued.Code), issued.Form, issued.Title, issued.UnitName, issued.Period, issued.IssuedByName,
            issued.IssuedAt, issued.Format, issued.FiguresHash, currentHash == issued.FiguresHash,
            issued.Totals is null ? null : JsonSerializer.Deserialize<List<string>>(issued.Totals), matchesCertified, certifiedAt, certifiedBy);
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

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;

namespace Otop.Web.Platform.Documents;

/// <summary>A signature line of a Thai government form: "(ลงชื่อ) ……… (name) position date".</summary>
public sealed record Signature(string Caption, string? Name, string Position, DateTimeOffset? At);

/// <summary>
/// One official document, whatever file it becomes (XLSX, CSV, PDF, print view): what it is (form, title), for which unit
/// and period, its table, and who signs it. <see cref="Parameters"/> is the resolved query string that rebuilds exactly
/// these figures, stored with an issued PDF so its verification page can recompute them.
/// </summary>
public sealed record ReportDocument(string Form, string FormLabel, string Title, string OrgUnitCode, string UnitName, string Period,
    ReportTable Table, IReadOnlyList<Signature> Signatures, string FileBase, string Parameters, bool Landscape = true,
    IReadOnlyList<string>? Notes = null)
{
    public string FiguresHash => DocumentHash.Of(Form, Table);
}

/// <summary>What a report builder gets: the caller, the database, the parameters and the clock.</summary>
public sealed record ReportRequest(IReadOnlyDictionary<string, string?> Parameters, CurrentUser Me, AppDbContext Db, TimeProvider Clock,
    CancellationToken Cancel)
{
    public string? Query(string name) => Parameters.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

    public static Dictionary<string, string?> From(IQueryCollection query) =>
        query.ToDictionary(q => q.Key, q => q.Value.FirstOrDefault(), StringComparer.OrdinalIgnoreCase);

    public static Dictionary<string, string?> Parse(string queryString) =>
        From(new QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(queryString)));
}

/// <summary>A document, or the refusal (403, 404, 422 …) that stops it, decided by the same rules as the JSON call.</summary>
public delegate Task<(ReportDocument? Document, Refusal? Refusal)> ReportBuilder(ReportRequest request);

/// <summary>
/// The hash of a document's figures: SHA-256 over a canonical JSON of the form name, every row and the total row, each
/// cell as a string, numbers in invariant culture without trailing zeros (so 100.50 from PostgreSQL and 100.5 from
/// SQLite hash alike). Changing any figure, name or row changes the hash; re-rendering the same data never does.
/// </summary>
public static class DocumentHash
{
    public static string Of(string form, ReportTable table)
    {
        var canonical = JsonSerializer.Serialize(new
        {
            form,
            rows = table.Rows.Select(Cells).ToList(),
            total = table.Total is null ? null : Cells(table.Total),
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    private static List<string> Cells(object?[] row) => row.Select(Cell).ToList();

    private static string Cell(object? value) => value switch
    {
        null => "",
        decimal d => d.ToString("0.############################", CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>"3f2a…9c1d": the first and last 8 hex digits, for a line of print.</summary>
    public static string Short(string hash) => hash.Length < 16 ? hash : $"{hash[..8]}…{hash[^8..]}";
}

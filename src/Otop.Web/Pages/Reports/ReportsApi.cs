using Otop.Web.Data;
using Otop.Web.Infrastructure;
using Otop.Web.Infrastructure.Auth;
using Otop.Web.Pages.OnlineMarket;

namespace Otop.Web.Pages.Reports;

/// <summary>What a report handler gets: the caller, the database, the query string and the requested file format.</summary>
public sealed record ReportRequest(HttpContext Http, CurrentUser Me, AppDbContext Db, TimeProvider Clock, string Format)
{
    public string? Query(string name) => Http.Request.Query[name].FirstOrDefault();
    public CancellationToken Cancel => Http.RequestAborted;
}

public delegate Task<IResult> ReportHandler(ReportRequest request);

/// <summary>
/// <c>GET /api/v1/reports/{form}?…&amp;format=csv|xlsx</c> (CONTRACT.md "Reports"): each feature adds its forms to
/// <see cref="Forms"/>, one line each, with the same query parameters as its JSON call.
/// </summary>
public static class ReportsApi
{
    public static readonly Dictionary<string, ReportHandler> Forms = new(StringComparer.Ordinal)
    {
        ["online-market-targets"] = OnlineMarketReports.TargetsAsync,
        ["online-market-results"] = OnlineMarketReports.ResultsAsync,
    };

    /// <summary>PDF is rendered by Chromium in the reports feature (issue 6); until then the print view prints from the browser.</summary>
    public static readonly HashSet<string> Formats = new(StringComparer.Ordinal) { "csv", "xlsx" };

    public static void MapReportsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/reports/{form}", Report).WithTags("Reports").WithName("Report");
    }

    private static async Task<IResult> Report(string form, string? format, HttpContext http, CurrentUser me, AppDbContext db, TimeProvider clock)
    {
        if (!Forms.TryGetValue(form, out var handler))
        {
            return Problems.NotFound($"ไม่พบแบบรายงาน \"{form}\" แบบที่มี: {string.Join(", ", Forms.Keys.Order(StringComparer.Ordinal))}");
        }
        var f = (format ?? "").Trim().ToLowerInvariant();
        if (!Formats.Contains(f))
        {
            return Problems.Invalid("format", $"รูปแบบไฟล์ (format) \"{format}\" ยังไม่รองรับ ใช้ได้: {string.Join(", ", Formats.Order(StringComparer.Ordinal))}");
        }
        return await handler(new ReportRequest(http, me, db, clock, f));
    }

    /// <summary>The file of a table in the requested format, with a download name.</summary>
    public static IResult File(ReportTable table, string format, string baseName) => format == "xlsx"
        ? Results.File(ReportFiles.Xlsx(table), ReportFiles.XlsxType, baseName + ".xlsx")
        : Results.File(ReportFiles.Csv(table), ReportFiles.CsvType, baseName + ".csv");
}

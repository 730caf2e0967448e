using Microsoft.Extensions.Options;
using Otop.Web.Data;
using Otop.Web.Infrastructure;
using Otop.Web.Infrastructure.Auth;
using Otop.Web.Pages.OnlineMarket;

namespace Otop.Web.Pages.Reports;

/// <summary>
/// <c>GET /api/v1/reports/{form}?…&amp;format=csv|xlsx|pdf</c> (CONTRACT.md "Reports"): each form has one builder, with the
/// same query parameters and scope rules as its JSON call; every format is made from the document it builds.
/// </summary>
public static class ReportsApi
{
    public static readonly Dictionary<string, ReportBuilder> Forms = new(StringComparer.Ordinal)
    {
        ["online-market-targets"] = OnlineMarketReports.TargetsAsync,
        ["online-market-results"] = OnlineMarketReports.ResultsAsync,
        ["rt1"] = RevenueReports.Rt1Async,
        ["rt2"] = RevenueReports.Rt2Async,
        ["rt3"] = RevenueReports.Rt3Async,
        ["rt4"] = RevenueReports.Rt4Async,
        ["revenue-estimate"] = RevenueReports.EstimateAsync,
    };

    public static readonly HashSet<string> Formats = new(StringComparer.Ordinal) { "csv", "xlsx", "pdf" };

    public static WebApplicationBuilder AddOtopDocuments(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DocumentOptions>().BindConfiguration("Documents").ValidateOnStart();
        builder.Services.AddSingleton<PdfRenderer>();
        return builder;
    }

    public static void MapReportsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/reports/{form}", (string form, string? format, HttpContext http, CurrentUser me, AppDbContext db, TimeProvider clock,
                PdfRenderer pdf, IOptions<DocumentOptions> options) =>
            ReportOutput.FileAsync(form, format, ReportRequest.From(http.Request.Query), http, me, db, clock, pdf, options))
            .WithTags("Reports").WithName("Report");
        // Anyone holding the paper may check it: no token, only the document's own header facts and totals.
        api.MapGet("/documents/{code}", async (string code, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
                await IssuedDocuments.VerifyAsync(db, clock, code, ct) is { } facts
                    ? Results.Ok(facts)
                    : Problems.NotFound($"ไม่พบเอกสารรหัส {code}"))
            .AllowAnonymous().WithTags("Reports").WithName("VerifyDocument");
    }

    /// <summary>The pages' download (cookie login): the same code path as the API, for the print view's buttons.</summary>
    public static void MapReportDownloads(this WebApplication app)
    {
        app.MapGet("/Reports/Download/{form}", (string form, string? format, HttpContext http, CurrentUser me, AppDbContext db, TimeProvider clock,
                PdfRenderer pdf, IOptions<DocumentOptions> options) =>
            ReportOutput.FileAsync(form, format, ReportRequest.From(http.Request.Query), http, me, db, clock, pdf, options))
            .RequireAuthorization().ExcludeFromDescription();
    }
}

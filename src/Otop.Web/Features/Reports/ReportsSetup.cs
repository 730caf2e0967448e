using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.RateLimiting;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Documents;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.Reports;

/// <summary>
/// <c>GET /api/v1/reports/{form}?…&amp;format=csv|xlsx|pdf</c> (CONTRACT.md "Reports") for every form the features registered,
/// the pages' download of the same files, the print view (<c>/Reports/Print</c>) and the public check of an issued document.
/// </summary>
public static class ReportsSetup
{
    public static void MapReports(this WebApplication app, RouteGroupBuilder api)
    {
        // Bearer only (no ambient credential a cross-site link could carry), so the contract's GET may issue a PDF's code.
        api.MapGet("/reports/{form}", (string form, string? format, HttpContext http, CurrentUser me, AppDbContext db, TimeProvider clock, ReportForms forms) =>
            ReportOutput.FileAsync(form, format, ReportRequest.From(http.Request.Query), http, me, db, clock, forms))
            .WithTags("Reports").WithName("Report");
        // Anyone holding the paper may check it: no token, only the document's own header facts and totals, a few a minute per address.
        api.MapGet("/documents/{code}", async (string code, AppDbContext db, ReportForms forms, TimeProvider clock, CancellationToken ct) =>
                await IssuedDocuments.VerifyAsync(db, forms, clock, code, ct) is { } facts
                    ? Results.Ok(facts)
                    : Problems.NotFound($"ไม่พบเอกสารรหัส {code}"))
            .AllowAnonymous().RequireRateLimiting(PublicLinkLimits.Policy).WithTags("Reports").WithName("VerifyDocument");

        // The pages' download (cookie login): the same code path as the API. A cookie travels with a cross-site link, so a
        // GET only reads (CSV, XLSX); the PDF, which issues a document, is a POST with the page's antiforgery token.
        app.MapGet("/Reports/Download/{form}", async (string form, string? format, HttpContext http, CurrentUser me, AppDbContext db, TimeProvider clock, ReportForms forms) =>
                string.Equals(format?.Trim(), "pdf", StringComparison.OrdinalIgnoreCase)
                    ? Results.StatusCode(StatusCodes.Status405MethodNotAllowed)
                    : await ReportOutput.FileAsync(form, format, ReportRequest.From(http.Request.Query), http, me, db, clock, forms))
            .RequireAuthorization().ExcludeFromDescription();
        app.MapPost("/Reports/Download/{form}", async (string form, string? format, HttpContext http, CurrentUser me, AppDbContext db, TimeProvider clock,
                ReportForms forms, IAntiforgery antiforgery) =>
                await antiforgery.IsRequestValidAsync(http)
                    ? await ReportOutput.FileAsync(form, format, ReportRequest.From(http.Request.Query), http, me, db, clock, forms)
                    : Results.StatusCode(StatusCodes.Status400BadRequest))
            .RequireAuthorization().ExcludeFromDescription();
    }
}

using Microsoft.Extensions.Options;
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
        api.MapGet("/reports/{form}", (string form, string? format, HttpContext http, CurrentUser me, AppDbContext db, TimeProvider clock,
                ReportForms forms, PdfRenderer pdf, IOptions<DocumentOptions> options) =>
            ReportOutput.FileAsync(form, format, ReportRequest.From(http.Request.Query), http, me, db, clock, forms, pdf, options))
            .WithTags("Reports").WithName("Report");
        // Anyone holding the paper may check it: no token, only the document's own header facts and totals.
        api.MapGet("/documents/{code}", async (string code, AppDbContext db, ReportForms forms, TimeProvider clock, CancellationToken ct) =>
                await IssuedDocuments.VerifyAsync(db, forms, clock, code, ct) is { } facts
                    ? Results.Ok(facts)
                    : Problems.NotFound($"ไม่พบเอกสารรหัส {code}"))
            .AllowAnonymous().WithTags("Reports").WithName("VerifyDocument");

        // The pages' download (cookie login): the same code path as the API, for the print view's buttons.
        app.MapGet("/Reports/Download/{form}", (string form, string? format, HttpContext http, CurrentUser me, AppDbContext db, TimeProvider clock,
                ReportForms forms, PdfRenderer pdf, IOptions<DocumentOptions> options) =>
            ReportOutput.FileAsync(form, format, ReportRequest.From(http.Request.Query), http, me, db, clock, forms, pdf, options))
            .RequireAuthorization().ExcludeFromDescription();
    }
}

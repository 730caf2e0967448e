using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Documents;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.Verify;

/// <summary>
/// <c>/v/{code}</c>, opened from a document's QR code without a login (docs/decisions/006-documents.md): what the document is, who issued
/// it and when, the hash of its figures and whether the data still give the same figures. It shows nothing beyond the
/// document's own header and totals.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(PublicLinkLimits.Policy)]
public sealed class IndexModel(AppDbContext db, ReportForms forms, TimeProvider clock) : PageModel
{
    public DocumentFacts? Facts { get; private set; }
    public string Code { get; private set; } = "";

    public async Task OnGetAsync(string code, CancellationToken ct)
    {
        Code = code;
        Facts = await IssuedDocuments.VerifyAsync(db, forms, clock, code, ct);
        if (Facts is null) Response.StatusCode = StatusCodes.Status404NotFound;
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Documents;

namespace Otop.Web.Features.Reports;

/// <summary>
/// The print view of a form (docs/decisions/006-documents.md): exactly the HTML the PDF is made from, styled by print.css, with buttons
/// for the PDF, XLSX and CSV of the same document (/Reports/Download, the API's code path with the login cookie).
/// </summary>
public sealed class PrintModel(AppDbContext db, CurrentUser me, TimeProvider clock, ReportForms forms) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Form { get; set; }
    [BindProperty(SupportsGet = true)] public string? Digits { get; set; }

    public ReportDocument? Document { get; private set; }
    public string? Error { get; private set; }
    public bool ThaiDigits => string.Equals(Digits, "thai", StringComparison.OrdinalIgnoreCase);

    /// <summary>The document's query (form parameters and digits), without the page's own <c>form</c>.</summary>
    public string Query(bool? thaiDigits = null)
    {
        var q = Request.Query.Where(kv => !kv.Key.Equals("form", StringComparison.OrdinalIgnoreCase) && !kv.Key.Equals("digits", StringComparison.OrdinalIgnoreCase)
                && !kv.Key.Equals("format", StringComparison.OrdinalIgnoreCase))
            .Select(kv => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(kv.Value.ToString())}").ToList();
        if (thaiDigits ?? ThaiDigits) q.Add("digits=thai");
        return string.Join("&", q);
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!forms.TryGet(Form, out var form)) return NotFound();
        var (document, refusal) = await form.Build(new ReportRequest(ReportRequest.From(Request.Query), me, db, clock, ct));
        switch (refusal?.Status)
        {
            case null: Document = document; break;
            case 403: return Forbid();
            case 404: return NotFound();
            default:
                Error = refusal.Detail;
                Response.StatusCode = refusal.Status;
                break;
        }
        return Page();
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.OnlineMarket;

/// <summary>
/// What the two upload pages of letter 1's district forms share (SurveyFile, ReportFile): the round, the chosen file, and
/// the answer shown in place (issue 16, item 5): a summary of what was saved, or every bad row in Thai with nothing
/// written, or a stale file with the instruction to download again.
/// </summary>
public abstract class DistrictFormFilePage : PageModel
{
    [BindProperty(SupportsGet = true, BinderType = typeof(FiscalYearBinder))] public int? FiscalYear { get; set; }
    [BindProperty(SupportsGet = true)] public int? Round { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }

    public OnlineMarketRound? Om { get; protected set; }
    public string District { get; protected set; } = "";
    public string? Detail { get; protected set; }
    /// <summary>409: the form changed since the download; the page offers the download again.</summary>
    public bool Stale { get; protected set; }
    public List<string> Errors { get; } = [];
    public string? Saved { get; protected set; }
    public List<string> Summary { get; } = [];

    /// <summary>The caller's district and the round asked (else the latest); false with the reason shown when there is none.</summary>
    protected async Task<bool> ResolveAsync(AppDbContext db, CurrentUser me, CancellationToken ct)
    {
        if (me.Scope.Level != OrgLevel.District)
        {
            Detail = "หน้านี้สำหรับเจ้าหน้าที่อำเภอ: ดาวน์โหลดแบบของอำเภอ กรอก แล้วนำเข้าที่นี่";
            return false;
        }
        District = me.Scope.Code;
        var (om, _, refusal) = await OnlineMarketSelection.ResolveAsync(db, me, FiscalYear, Round, me.Scope.ProvinceCode, ct);
        if (om is null)
        {
            Detail = refusal?.Message;
            Response.StatusCode = refusal?.Status ?? 404;
            return false;
        }
        (Om, FiscalYear, Round) = (om, om.Indicator.FiscalYear, om.Round.Round);
        return true;
    }

    /// <summary>The refusal in place, with its status (a bad file is 422; the page stays with the file chosen).</summary>
    protected IActionResult Refused(Refusal refusal)
    {
        if (refusal.Status == 403) return Forbid();
        Response.StatusCode = refusal.Status;
        Detail = refusal.Detail;
        Stale = refusal.Status == 409;
        Errors.AddRange(refusal.Errors?.OrderBy(e => RowOf(e.Key)).SelectMany(e => e.Value) ?? []);
        return Page();
    }

    private static int RowOf(string key) =>
        int.TryParse(new string(key.SkipWhile(c => !char.IsAsciiDigit(c)).TakeWhile(char.IsAsciiDigit).ToArray()), out var row) ? row : 0;

    public string Query => $"district={District}&fiscalYear={FiscalYear}&round={Round}";
}

/// <summary>The shared partial's model: the page, the fill-in form to download, its name, the steps between, the way back.</summary>
public sealed record DistrictFormFileView(DistrictFormFilePage Page, string Form, string Name, string[] Steps, string Back, string BackText);

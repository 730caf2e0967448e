using Microsoft.EntityFrameworkCore;
using Otop.Web.Features.Kpi;
using Otop.Web.Features.Registry;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.OnlineMarket;

/// <summary>Which fiscal year, round and province an online-market page shows: the URL's, else the defaults below.</summary>
public static class OnlineMarketSelection
{
    public static Task<int?> LatestFiscalYearAsync(AppDbContext db, CancellationToken ct) =>
        db.LatestFiscalYearAsync(IndicatorKind.OnlineMarketShare, ct);

    /// <summary>
    /// The caller's own province; the department the one it asks for, else the first with producers in the registry
    /// (what the indicator counts, letter 1), else the first.
    /// </summary>
    public static async Task<string> ProvinceAsync(AppDbContext db, CurrentUser me, string? asked, CancellationToken ct) =>
        me.Scope.ProvinceCode
        ?? (string.IsNullOrWhiteSpace(asked) ? await DefaultProvince.FirstWithDataAsync(db, db.Entrepreneurs.AsNoTracking(), ct) : asked.Trim())
        ?? "";

    /// <summary>Resolves the page's query, or the refusal whose message the page shows instead of the table.</summary>
    public static async Task<(OnlineMarketRound? Round, string Province, Refusal? Refusal)> ResolveAsync(
        AppDbContext db, CurrentUser me, int? fiscalYear, int? round, string? province, CancellationToken ct, bool nation = false)
    {
        // The nation ("0", issue 17 item 2) for the department on the pages that show it; anyone else keeps their province.
        var national = nation && me.Scope.IsDepartment && province?.Trim() == OrgUnit.DepartmentCode;
        var code = national ? OrgUnit.DepartmentCode : await ProvinceAsync(db, me, province, ct);
        var fy = fiscalYear ?? await LatestFiscalYearAsync(db, ct);
        if (fy is null) return (null, code, new Refusal(404, "ยังไม่มีตัวชี้วัดตลาดออนไลน์ในระบบ"));
        if (!OnlineMarketKpi.CanRead(me, code)) return (null, code, new Refusal(403, $"จังหวัดรหัส {code} อยู่นอกหน่วยงานของท่าน"));
        if (!national && !await OnlineMarketKpi.ProvinceExistsAsync(db, code, ct)) return (null, code, new Refusal(404, $"ไม่พบจังหวัดรหัส {code}"));
        var (om, missing) = await OnlineMarketKpi.FindRoundAsync(db, fy.Value, round ?? 1, ct);
        return (om, code, missing);
    }

    public static Task<string> ProvinceNameAsync(AppDbContext db, string code, CancellationToken ct) =>
        db.OrgUnits.AsNoTracking().Where(o => o.Code == code).Select(o => o.NameTh).FirstOrDefaultAsync(ct)!;
}

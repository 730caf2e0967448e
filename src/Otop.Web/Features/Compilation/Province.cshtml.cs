using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Revenue;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.Compilation;

/// <summary>
/// Issue 17 item 2, the drill-down from the department's home: one province's districts for a month (status, total,
/// late or missing) as they stand now by the compilation's rules, each linking to its รต.1 (its producers for the month),
/// beside the month's latest compilation. The department reads every province, a province its own (another is not
/// there: 404), a district none.
/// </summary>
public sealed class ProvinceModel(AppDbContext db, CurrentUser me, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }

    public sealed record DistrictRow(CompiledDistrict Now, string Name, CompiledDistrict? Compiled);

    public string ProvinceName { get; private set; } = "";
    public YearMonth ReportMonth { get; private set; }
    public List<DistrictRow> Rows { get; } = [];
    public CompilationTotal Total { get; private set; } = new(0m, 0, 0, 0, 0);
    public NationalCompilation? Compiled { get; private set; }
    public bool MaySeeNation => me.Scope.IsDepartment;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (me.Scope.Level == OrgLevel.District) return Forbid();
        Code = ThaiDigits.ToArabic(Code?.Trim() ?? "");
        if (Code.Length == 0 && !me.Scope.IsDepartment) Code = me.Scope.Code;
        if (Code.Length == 0) return this.Refuse(400, "กรุณาระบุรหัสจังหวัด (code) เช่น 27");
        if (Month is null) ReportMonth = await db.ReportMonthAsync(clock.GetUtcNow(), ct);
        else if (RevenueMonthQueries.ParseMonth(Month, out var month) is { } bad) return this.Refuse(bad.Status, bad.Detail);
        else ReportMonth = month;
        Month = ReportMonth.ToString();

        if (!me.Scope.Covers(Code)) return NotFound();
        var name = await db.OrgUnits.AsNoTracking().Where(o => o.Code == Code && o.Level == OrgLevel.Province).Select(o => o.NameTh).FirstOrDefaultAsync(ct);
        if (name is null) return NotFound();
        ProvinceName = name;

        var now = await CompilationCommands.DistrictsNowAsync(db, ReportMonth, Code, ct);
        var names = await db.OrgUnits.AsNoTracking().Where(o => o.Level == OrgLevel.District && o.ParentCode == Code)
            .ToDictionaryAsync(o => o.Code, o => o.NameTh, ct);
        Compiled = await CompilationQueries.FindAsync(db, ReportMonth, null, ct);
        var compiled = new Dictionary<string, CompiledDistrict>();
        if (Compiled is { Id: var id })
        {
            var province = Code;
            compiled = await db.CompiledDistricts.AsNoTracking().Where(r => r.CompilationId == id && r.ProvinceCode == province)
                .ToDictionaryAsync(r => r.DistrictCode, ct);
        }
        Rows.AddRange(now.Select(d => new DistrictRow(d, names.GetValueOrDefault(d.DistrictCode) ?? d.DistrictCode, compiled.GetValueOrDefault(d.DistrictCode))));
        Total = CompilationQueries.Totals(now);
        return Page();
    }

    /// <summary>The district's producers for the month: its รต.1 grid.</summary>
    public string EntryHref(string district) => $"/Revenue/Entry?district={district}&month={Month}";
}

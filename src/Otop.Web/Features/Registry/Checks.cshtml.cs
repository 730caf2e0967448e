using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Circulars;
using Otop.Web.Platform.Audit;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Writes;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.Registry;

/// <summary>
/// Letter 1, task 1: each district checks its registry and makes it correct and current. A district marks it "checked and
/// current" for a fiscal year (who, when); the province sees which of its districts have done so.
/// </summary>
public sealed class ChecksModel(AppDbContext db, CurrentUser me, TimeProvider clock, DistrictWriteGuard guard) : PageModel
{
    [BindProperty(SupportsGet = true, BinderType = typeof(FiscalYearBinder))] public int? FiscalYear { get; set; }

    public sealed record DistrictCheck(string Code, string Name, string? CheckedBy, DateTimeOffset? CheckedAt);

    public int Year { get; private set; }
    public List<DistrictCheck> Rows { get; private set; } = [];
    public bool CanMark => me.IsDistrictStaff;
    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!me.IsDistrictStaff) return Forbid();
        Year = CurrentFiscalYear();
        var district = me.Scope.Code;
        if (await guard.CheckAsync(district, DistrictWrite.Of(DistrictWriteKind.Registry), ct) is { } closed)
        {
            await LoadAsync(ct);
            Message = closed.Message;
            Response.StatusCode = closed.Status;
            return Page();
        }
        if (!await db.RegistryChecks.VisibleTo(me.Scope).AnyAsync(c => c.DistrictCode == district && c.FiscalYear == Year, ct))
        {
            var check = new RegistryCheck
            {
                DistrictCode = district, ProvinceCode = district[..2], FiscalYear = Year, CheckedBy = me.DisplayName, CheckedAt = clock.GetUtcNow(),
            };
            db.RegistryChecks.Add(check);
            AuditLog.Record(db, me, clock, "registry-check", $"{district}/{Year}", "mark",
                newValue: new { check.DistrictCode, check.FiscalYear, check.CheckedBy }, provinceCode: check.ProvinceCode);
            await db.SaveChangesAsync(ct);
        }
        return RedirectToPage(new { FiscalYear = Year });
    }

    private int CurrentFiscalYear() => Otop.Domain.FiscalYear.Of(Bangkok.Today(clock.GetUtcNow())).BuddhistYear;

    private async Task LoadAsync(CancellationToken ct)
    {
        Year = FiscalYear is >= 2400 and <= 2700 ? FiscalYear.Value : CurrentFiscalYear();
        var districts = await db.OrgUnits.AsNoTracking().VisibleTo(me.Scope).Where(o => o.Level == OrgLevel.District)
            .OrderBy(o => o.Code).Select(o => new { o.Code, o.NameTh }).ToListAsync(ct);
        var checks = await db.RegistryChecks.AsNoTracking().VisibleTo(me.Scope).Where(c => c.FiscalYear == Year)
            .ToDictionaryAsync(c => c.DistrictCode, ct);
        Rows = districts.Select(d => checks.TryGetValue(d.Code, out var c)
            ? new DistrictCheck(d.Code, d.NameTh, c.CheckedBy, c.CheckedAt)
            : new DistrictCheck(d.Code, d.NameTh, null, null)).ToList();
    }
}

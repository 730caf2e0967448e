using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Circulars;
using Otop.Web.Features.Org;
using Otop.Web.Platform.Audit;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.Calendar;

/// <summary>The reporting calendar (letter 2, enclosure 3: the roadmap) of a unit for a fiscal year, month by month, plus the user's feed link.</summary>
public sealed class IndexModel(AppDbContext db, CurrentUser me, TimeProvider clock, PublicAddress site) : PageModel
{
    [BindProperty(SupportsGet = true, BinderType = typeof(FiscalYearBinder))] public int? FiscalYear { get; set; }
    [BindProperty(SupportsGet = true)] public string? Unit { get; set; }

    public OrgUnit UnitInfo { get; private set; } = null!;
    public UnitPickerField? Picker { get; private set; }
    public List<IGrouping<YearMonth, CalendarEvent>> Months { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public bool HasFeed { get; private set; }
    public string? NewFeedUrl { get; private set; }
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Today = Bangkok.Today(clock.GetUtcNow());
        FiscalYear ??= YearMonth.Of(Today).FiscalYear;
        if (Domain.FiscalYear.InputError(FiscalYear.Value) is { } yearError) return this.Refuse(400, yearError);
        var choice = await UnitPicker.ChooseAsync(db, me.Scope, Unit, UnitLevels.All, me.Scope.Code, ct);
        if (choice.Unit is null)
        {
            // A unit that exists but lies outside the scope is refused; an unknown code is not there.
            var code = UnitSearch.CodeOf(Unit) ?? me.Scope.Code;
            return await db.OrgUnits.AnyAsync(o => o.Code == code, ct) ? Forbid() : NotFound();
        }
        var unit = await db.OrgUnits.AsNoTracking().FirstAsync(o => o.Code == choice.Unit.Code, ct);
        UnitInfo = unit;
        Unit = unit.Code;
        // A district sees only its own calendar: no picker.
        if (me.Scope.Level != OrgLevel.District) Picker = choice.Field("unit", "cal-unit", "หน่วยงาน", UnitLevels.All);
        var events = await ReportingCalendar.BuildAsync(db, unit, FiscalYear.Value, ct);
        Months = events.GroupBy(e => YearMonth.Of(e.First)).OrderBy(g => g.Key).ToList();
        var user = me.UserName;
        HasFeed = await db.CalendarFeedTokens.AnyAsync(t => t.UserName == user && t.RevokedAt == null, ct);
        NewFeedUrl = TempData["FeedUrl"] as string;
        Message = TempData["FeedMessage"] as string;
        return Page();
    }

    /// <summary>A new feed URL for this user; earlier ones stop working. The token is shown once and stored only as a hash.</summary>
    public async Task<IActionResult> OnPostFeedAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await RevokeAllAsync(now, ct);
        var token = CircularRules.NewToken();
        db.CalendarFeedTokens.Add(new CalendarFeedToken { UserName = me.UserName, TokenHash = CircularRules.Sha256Hex(token), CreatedAt = now });
        AuditLog.Record(db, me, clock, "calendar-feed", me.UserName, "create", provinceCode: me.Scope.ProvinceCode);
        await db.SaveChangesAsync(ct);
        TempData["FeedUrl"] = site.Link(CalendarSetup.FeedPath(token));
        return RedirectToPage(new { FiscalYear, Unit });
    }

    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken ct)
    {
        var count = await RevokeAllAsync(clock.GetUtcNow(), ct);
        if (count > 0) AuditLog.Record(db, me, clock, "calendar-feed", me.UserName, "revoke", provinceCode: me.Scope.ProvinceCode);
        await db.SaveChangesAsync(ct);
        TempData["FeedMessage"] = "ยกเลิกลิงก์ปฏิทินแล้ว แอปปฏิทินที่ใช้ลิงก์เดิมจะไม่ได้รับข้อมูลอีก";
        return RedirectToPage(new { FiscalYear, Unit });
    }

    private async Task<int> RevokeAllAsync(DateTimeOffset now, CancellationToken ct)
    {
        var user = me.UserName;
        var active = await db.CalendarFeedTokens.Where(t => t.UserName == user && t.RevokedAt == null).ToListAsync(ct);
        foreach (var t in active) t.RevokedAt = now;
        return active.Count;
    }

    public static string KindBadge(CalendarEventKind kind) => kind switch
    {
        CalendarEventKind.Confirm or CalendarEventKind.Task or CalendarEventKind.Estimate or CalendarEventKind.Survey or CalendarEventKind.Result => "text-bg-danger",
        CalendarEventKind.Close => "text-bg-dark",
        CalendarEventKind.Reopen => "text-bg-info",
        CalendarEventKind.WriteWindow => "text-bg-success",
        _ => "text-bg-secondary",
    };

    public static string KindName(CalendarEventKind kind) => kind switch
    {
        CalendarEventKind.Round => "รอบประเมิน",
        CalendarEventKind.Survey or CalendarEventKind.Result or CalendarEventKind.Estimate or CalendarEventKind.Task or CalendarEventKind.Confirm => "กำหนดส่ง",
        CalendarEventKind.WriteWindow => "ช่วงบันทึก",
        CalendarEventKind.Close => "ปิดระบบ",
        CalendarEventKind.Reopen => "เปิดระบบ",
        _ => "",
    };
}

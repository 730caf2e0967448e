using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Platform.Audit;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Revenue;

/// <summary>The month cycle days per fiscal year (DOMAIN.md: "days and rules are configuration per fiscal year"), edited by the department.</summary>
public sealed class CalendarModel(AppDbContext db, CurrentUser me, TimeProvider clock) : PageModel
{
    public sealed record Row(int FiscalYear, int ConfirmByDay, int CloseFromDay, int ReopenDay, DateOnly? EstimateDueDate, int Version, bool Stored);

    [BindProperty] public int FiscalYear { get; set; }
    [BindProperty] public int Version { get; set; }
    [BindProperty] public string? ConfirmByDay { get; set; }
    [BindProperty] public string? CloseFromDay { get; set; }
    [BindProperty] public string? ReopenDay { get; set; }
    /// <summary>Letter 2, clause 2: the revenue estimate's due date at the province, d/M/BE or ISO; empty for none.</summary>
    [BindProperty] public string? EstimateDueDate { get; set; }

    public List<Row> Rows { get; private set; } = [];
    public Otop.Web.Platform.Forms.FormErrors Errors { get; } = new();

    /// <summary>The id of a fiscal year's input (confirm, close, reopen, estimate), which the error summary links to (issue 15, item 4).</summary>
    public static string FieldId(int fiscalYear, string field) => $"cal-{fiscalYear}-{field}";
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!me.IsDepartmentAdmin) return Forbid();
        Message = TempData["CalendarMessage"] as string;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!me.IsDepartmentAdmin) return Forbid();
        int Day(string? text, string label, string field)
        {
            if (ThaiDigits.TryParseInt(text, out var d)) return d;
            Errors.Add(FieldId(FiscalYear, field), $"{label}: '{text}' ไม่ใช่ตัวเลข");
            return 0;
        }
        var cycle = new MonthlyCycle(Day(ConfirmByDay, "วันที่ต้องยืนยัน", "confirm"), Day(CloseFromDay, "วันที่ปิดระบบ", "close"), Day(ReopenDay, "วันที่เปิดระบบอีกครั้ง", "reopen"));
        if (FiscalYear is < 2500 or > 2700) Errors.Add("ปีงบประมาณไม่ถูกต้อง");
        DateOnly? estimateDue = null;
        if (!string.IsNullOrWhiteSpace(EstimateDueDate))
        {
            if (ThaiDates.TryParseDate(EstimateDueDate.Trim(), out var due)) estimateDue = due;
            else Errors.Add(FieldId(FiscalYear, "estimate"), $"กำหนดส่งประมาณการรายได้: '{EstimateDueDate}' ไม่ใช่วันที่ที่ถูกต้อง (เช่น 23/2/2566)");
        }
        if (Errors.Count == 0) Errors.AddRange(cycle.Validate());
        if (Errors.Count > 0)
        {
            await LoadAsync(ct);
            return Page();
        }

        var setting = await db.FiscalYearSettings.FirstOrDefaultAsync(s => s.FiscalYear == FiscalYear, ct);
        if ((setting?.Version ?? 0) != Version)
        {
            Errors.Add($"ปีงบประมาณ {FiscalYear} ถูกแก้ไขโดยผู้อื่นหลังจากที่ท่านเปิดหน้านี้ กรุณาตรวจสอบค่าล่าสุดแล้วบันทึกอีกครั้ง");
            await LoadAsync(ct);
            return Page();
        }
        var old = setting is null ? null : new { setting.ConfirmByDay, setting.CloseFromDay, setting.ReopenDay, setting.EstimateDueDate, setting.Version };
        if (setting is null)
        {
            setting = new FiscalYearSetting { FiscalYear = FiscalYear };
            db.FiscalYearSettings.Add(setting);
        }
        setting.ConfirmByDay = cycle.ConfirmByDay;
        setting.CloseFromDay = cycle.CloseFromDay;
        setting.ReopenDay = cycle.ReopenDay;
        setting.EstimateDueDate = estimateDue;
        setting.Version++;
        AuditLog.Record(db, me, clock, "fiscal-year-setting", FiscalYear.ToString(System.Globalization.CultureInfo.InvariantCulture), "update", old,
            new { setting.ConfirmByDay, setting.CloseFromDay, setting.ReopenDay, setting.EstimateDueDate, setting.Version });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            Errors.Add("มีผู้อื่นบันทึกพร้อมกัน กรุณาลองอีกครั้ง");
            await LoadAsync(ct);
            return Page();
        }
        TempData["CalendarMessage"] = $"บันทึกรอบเดือนของปีงบประมาณ {FiscalYear} แล้ว";
        return RedirectToPage();
    }

    /// <summary>A date as typed on the page: day/month/Buddhist year.</summary>
    public static string DateInput(DateOnly? date) => date is { } d
        ? ThaiDates.FormatInput(d) : "";

    private async Task LoadAsync(CancellationToken ct)
    {
        var stored = await db.FiscalYearSettings.AsNoTracking().ToListAsync(ct);
        var current = YearMonth.Of(Bangkok.Today(clock.GetUtcNow())).FiscalYear;
        var years = stored.Select(s => s.FiscalYear).Concat([current - 1, current, current + 1]).Distinct().OrderByDescending(y => y);
        Rows = years.Select(y => stored.FirstOrDefault(s => s.FiscalYear == y) is { } s
            ? new Row(y, s.ConfirmByDay, s.CloseFromDay, s.ReopenDay, s.EstimateDueDate, s.Version, true)
            : new Row(y, MonthlyCycle.Default.ConfirmByDay, MonthlyCycle.Default.CloseFromDay, MonthlyCycle.Default.ReopenDay, null, 0, false)).ToList();
    }
}

using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Circulars;
using Otop.Web.Features.Revenue;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Home;

/// <summary>
/// A district's next steps (issue 15, item 5), in one order: months the province returned (with its reason) first, then
/// everything with a deadline by that deadline (BE dates), then the rest. An officer enters months and attaches scans; a
/// head also certifies and confirms; both see the circular tasks still to send.
/// </summary>
public static class DistrictSteps
{
    public enum Kind { Returned, Enter, Unlocked, Certify, Confirm, Scan, Task }

    public sealed record Step(Kind Kind, string What, string? Detail, string Link, DateTimeOffset? By, bool Missed);

    public static async Task<List<Step>> ReadAsync(AppDbContext db, CurrentUser me, TimeProvider clock, YearMonth reportMonth,
        IReadOnlyCollection<string> monthKeys, CancellationToken ct)
    {
        var district = me.Scope.Code;
        var now = clock.GetUtcNow();
        var months = await db.RevenueMonths.AsNoTracking().VisibleTo(me.Scope)
            .Where(m => m.DistrictCode == district && monthKeys.Contains(m.Month))
            .Select(m => new
            {
                m.Month, m.Status, m.Unlocked, m.ReturnReason, m.UnlockReason,
                HasScan = db.Set<RevenueFile>().Any(f => f.DistrictCode == m.DistrictCode && f.Month == m.Month && f.Purpose == RevenueFilePurpose.SignedRt2),
            })
            .ToListAsync(ct);
        var cycle = await db.CycleForAsync(reportMonth, ct);
        var steps = new List<Step>();
        string Entry(string month) => $"/Revenue/Entry?district={district}&month={month}";
        string Thai(string month) => YearMonth.TryParse(month, out var ym) ? RevenueMonth.ThaiMonth(ym) : month;

        var report = reportMonth.ToString();
        var current = months.FirstOrDefault(m => m.Month == report);
        var writeBy = MonthWindow.WriteDeadline(reportMonth, cycle);
        var confirmBy = MonthWindow.ConfirmDeadline(reportMonth, cycle);
        if (current is null || current.Status == RevenueStatus.Draft && !current.Unlocked)
        {
            steps.Add(new Step(Kind.Enter, $"บันทึกรายได้ (รต.1) เดือน{Thai(report)}", current is null ? "ยังไม่ได้บันทึก" : "ฉบับร่าง",
                Entry(report), writeBy, now >= writeBy));
            if (me.IsDistrictHead && current is not null)
            {
                steps.Add(new Step(Kind.Certify, $"รับรองข้อมูลรายได้ (รต.2) เดือน{Thai(report)}", null, Entry(report), writeBy, now >= writeBy));
            }
        }

        foreach (var m in months.OrderBy(m => m.Month, StringComparer.Ordinal))
        {
            if (m.Status == RevenueStatus.Returned)
            {
                steps.Add(new Step(Kind.Returned, $"จังหวัดส่งคืนเดือน{Thai(m.Month)} ให้แก้ไข", $"เหตุผล: {m.ReturnReason}", Entry(m.Month), null, false));
            }
            else if (m.Status == RevenueStatus.Draft && m.Unlocked)
            {
                steps.Add(new Step(Kind.Unlocked, $"เดือน{Thai(m.Month)} ถูกปลดล็อกให้แก้ไข แล้วรับรองอีกครั้ง",
                    m.UnlockReason is null ? null : $"เหตุผล: {m.UnlockReason}", Entry(m.Month), null, false));
            }
            else if (m.Status == RevenueStatus.Certified && me.IsDistrictHead)
            {
                var by = YearMonth.TryParse(m.Month, out var ym) ? MonthWindow.ConfirmDeadline(ym, await db.CycleForAsync(ym, ct)) : confirmBy;
                steps.Add(new Step(Kind.Confirm, $"ยืนยันข้อมูลรายได้เดือน{Thai(m.Month)} ในระบบ", "รับรองแล้ว รอการยืนยัน", Entry(m.Month), by, now >= by));
            }
        }

        // A signed รต.2 exists from certification on: certified, confirmed and approved months should carry its scan. One
        // step for all of them, the months named, linking to the oldest: 14 steps of one kind pushed the real next steps
        // off a phone's screen (issue 15, item 12).
        var unscanned = months.Where(m => !m.HasScan && DistrictWriteRule.FilesFrozen(m.Status))
            .Select(m => YearMonth.TryParse(m.Month, out var ym) ? ym : (YearMonth?)null).OfType<YearMonth>().Order().ToList();
        if (unscanned.Count > 0)
        {
            steps.Add(new Step(Kind.Scan, $"แนบสแกน รต.2 ที่ยังขาด {unscanned.Count} เดือน", MonthsNamed(unscanned),
                $"/Revenue/Scan?district={district}&month={unscanned[0]}", null, false));
        }

        var mine = db.TaskAssignments.VisibleTo(me.Scope).Where(a => a.UnitCode == district && a.Task.Circular.Status == CircularStatus.Published);
        var open = (await CircularRules.StatesAsync(db, mine, ct)).Where(s => !s.Sent).OrderBy(s => s.DueDate).Take(5).ToList();
        if (open.Count > 0)
        {
            var ids = open.Select(s => s.AssignmentId).ToList();
            var titles = await db.TaskAssignments.AsNoTracking().Where(a => ids.Contains(a.Id))
                .Select(a => new { a.Id, a.Task.Title, a.Task.Kind, a.Task.FiscalYear, a.Task.Round }).ToListAsync(ct);
            foreach (var s in open)
            {
                var t = titles.First(x => x.Id == s.AssignmentId);
                var by = CircularTask.DueInstant(s.DueDate);
                steps.Add(new Step(Kind.Task, t.Title, CircularRules.KindName(t.Kind),
                    CircularRules.FormLink(t.Kind, t.FiscalYear, t.Round) ?? "/Circulars/Tasks", by, now >= by));
            }
        }

        // Returned first (the province is waiting), then by deadline (BE dates on the page), then what has none.
        return steps.OrderBy(s => s.Kind == Kind.Returned ? 0 : s.By is null ? 2 : 1).ThenBy(s => s.By).ToList();
    }

    /// <summary>"ยังไม่มีไฟล์สแกน: ต.ค. พ.ย. ธ.ค. 2568 · ม.ค. ก.พ. 2569": months abbreviated, grouped under their BE year.</summary>
    public static string MonthsNamed(IEnumerable<YearMonth> months) =>
        "ยังไม่มีไฟล์สแกน: " + string.Join(" · ", months.GroupBy(m => m.Year)
            .Select(y => $"{string.Join(" ", y.Select(m => ThaiDates.MonthAbbreviation(m.Month)))} {ThaiDates.ToBuddhistYear(y.Key)}"));
}

using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Circulars;
using Otop.Web.Features.Kpi;
using Otop.Web.Features.OnlineMarket;
using Otop.Web.Features.Revenue;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Calendar;

public enum CalendarEventKind { Round, Survey, Result, WriteWindow, Confirm, Close, Reopen, Estimate, Task }

/// <summary>
/// One deadline or period. <see cref="Last"/> is the last day (inclusive); a timed event (the compilation close) also has
/// its Bangkok start and end instants.
/// </summary>
public sealed record CalendarEvent(string Uid, CalendarEventKind Kind, string Title, DateOnly First, DateOnly Last,
    DateTimeOffset? StartsAt = null, DateTimeOffset? EndsAt = null, string? Link = null, string? Description = null);

/// <summary>
/// Letter 2's roadmap for one fiscal year and one unit: indicator rounds and their due dates, each month's write window,
/// confirm-by day, compilation close and reopening (the fiscal year's <see cref="MonthlyCycle"/>), the estimate's due date,
/// and the due dates of circular tasks for that unit.
/// </summary>
public static class ReportingCalendar
{
    public static async Task<List<CalendarEvent>> BuildAsync(AppDbContext db, OrgUnit unit, int fiscalYear, CancellationToken ct)
    {
        var fy = new FiscalYear(fiscalYear);
        var events = new List<CalendarEvent>();
        var setting = await db.FiscalYearSettings.AsNoTracking().FirstOrDefaultAsync(s => s.FiscalYear == fiscalYear, ct);
        var cycle = MonthlyCycles.Of(setting);

        var indicators = await db.Indicators.AsNoTracking().Include(i => i.Rounds).Where(i => i.FiscalYear == fiscalYear).OrderBy(i => i.Id).ToListAsync(ct);
        foreach (var indicator in indicators)
        {
            foreach (var round in indicator.Rounds.OrderBy(r => r.Round))
            {
                var key = $"{fiscalYear}-{indicator.Code}-r{round.Round}";
                var first = fy.RoundFirstDay(round.Round);
                var last = fy.RoundLastDay(round.Round);
                events.Add(new(key + "-start", CalendarEventKind.Round, $"เริ่มรอบการประเมินที่ {round.Round}: {indicator.NameTh}", first, first));
                events.Add(new(key + "-end", CalendarEventKind.Round, $"สิ้นสุดรอบการประเมินที่ {round.Round}: {indicator.NameTh}", last, last));
                if (round.SurveyDueDate is { } survey)
                {
                    events.Add(new(key + "-survey", CalendarEventKind.Survey, $"กำหนดส่งแบบสำรวจความพร้อม รอบที่ {round.Round}", survey, survey,
                        Link: CircularRules.FormLink(CircularTaskKind.ReadinessSurvey, fiscalYear, round.Round)));
                }
                if (round.ResultDueDate is { } result)
                {
                    events.Add(new(key + "-result", CalendarEventKind.Result, $"กำหนดส่งผลการดำเนินงาน รอบที่ {round.Round}: {indicator.NameTh}", result, result,
                        Link: indicator.Kind == IndicatorKind.OnlineMarketShare ? CircularRules.FormLink(CircularTaskKind.ResultReport, fiscalYear, round.Round) : "/Revenue/Dashboard"));
                }
            }
        }

        foreach (var month in fy.Months)
        {
            var name = ThaiDates.FormatMonth(month.Year, month.Month);
            var writeEnd = Bangkok.Today(MonthWindow.WriteDeadline(month, cycle)).AddDays(-1);
            var confirm = Bangkok.Today(MonthWindow.ConfirmDeadline(month, cycle)).AddDays(-1);
            var close = Bangkok.Today(MonthWindow.WriteDeadline(month, cycle));
            var reopenAt = MonthWindow.ReopenAt(month, cycle);
            var reopen = Bangkok.Today(reopenAt);
            var key = $"{month}";
            events.Add(new($"write-{key}", CalendarEventKind.WriteWindow, $"บันทึกรายได้ (รต.1) เดือน{name}", month.FirstDay, writeEnd, Link: "/Revenue/Entry"));
            events.Add(new($"confirm-{key}", CalendarEventKind.Confirm, $"อำเภอยืนยันข้อมูลรายได้เดือน{name} ภายในวันนี้", confirm, confirm, Link: "/Revenue/Entry"));
            events.Add(new($"close-{key}", CalendarEventKind.Close, $"กรมปิดระบบรวบรวมข้อมูลเดือน{name}", close, reopen.AddDays(-1),
                Bangkok.StartOfDay(close), reopenAt));
            events.Add(new($"reopen-{key}", CalendarEventKind.Reopen, $"เปิดระบบบันทึกอีกครั้ง (ข้อมูลเดือน{name} ถูกล็อก)", reopen, reopen));
        }

        if (setting?.EstimateDueDate is { } estimate)
        {
            events.Add(new($"estimate-{fiscalYear}", CalendarEventKind.Estimate, $"กำหนดส่งแบบประมาณการรายได้ ปีงบประมาณ {fiscalYear}", estimate, estimate,
                Link: CircularRules.FormLink(CircularTaskKind.RevenueEstimate, fiscalYear, null)));
        }

        var (from, to) = (fy.Start, fy.End);
        var code = unit.Code;
        var own = await db.TaskAssignments.AsNoTracking()
            .Where(a => a.UnitCode == code && a.Task.Circular.Status == CircularStatus.Published && a.Task.DueDate >= from && a.Task.DueDate <= to)
            .Select(a => new { a.Task.Id, a.Task.CircularId, a.Task.Title, a.Task.DueDate, a.Task.Circular.Number }).ToListAsync(ct);
        foreach (var t in own)
        {
            events.Add(new($"task-{t.Id}", CalendarEventKind.Task, $"กำหนดส่ง: {t.Title} (หนังสือ {t.Number})", t.DueDate, t.DueDate, Link: $"/Circulars/Letter?id={t.CircularId}"));
        }
        if (unit.Level != OrgLevel.District)
        {
            var issued = await db.CircularTasks.AsNoTracking()
                .Where(t => t.Circular.IssuerCode == code && t.Circular.Status == CircularStatus.Published && t.DueDate >= from && t.DueDate <= to)
                .Select(t => new { t.Id, t.CircularId, t.Title, t.DueDate, t.Circular.Number }).ToListAsync(ct);
            foreach (var t in issued)
            {
                events.Add(new($"issued-task-{t.Id}", CalendarEventKind.Task, $"หน่วยงานผู้รับส่ง: {t.Title} (หนังสือ {t.Number})", t.DueDate, t.DueDate, Link: $"/Circulars/Letter?id={t.CircularId}"));
            }
        }

        return events.OrderBy(e => e.First).ThenBy(e => e.Kind).ThenBy(e => e.Uid, StringComparer.Ordinal).ToList();
    }
}

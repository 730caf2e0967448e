using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Revenue;
using Otop.Web.Platform.Audit;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.Compilation;

/// <summary>
/// Compiling a month (CONTRACT.md "National compilation"): every district's month as it stands now, frozen in one
/// read (districts left-joined with their month) and one batched insert, whatever the number of districts (878).
/// </summary>
public static class CompilationCommands
{
    /// <summary>
    /// Compiles <paramref name="month"/> and audits it. A scheduled compilation that another node has already written
    /// (the unique index on the month's scheduled compilation) answers null and writes nothing. Its duration is recorded in
    /// <c>otop.compilation.duration</c>.
    /// </summary>
    public static async Task<NationalCompilation?> CompileAsync(AppDbContext db, CurrentUser by, TimeProvider clock, CompilationMetrics metrics, YearMonth month,
        string trigger, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var compilation = await CompileOnceAsync(db, by, clock, month, trigger, ct);
        metrics.Compiled(started, trigger, compilation is not null);
        return compilation;
    }

    private static async Task<NationalCompilation?> CompileOnceAsync(AppDbContext db, CurrentUser by, TimeProvider clock, YearMonth month,
        string trigger, CancellationToken ct)
    {
        var compilation = new NationalCompilation
        {
            // As both databases keep it, so the compiledAt answered now is the one read back and picked by ?compiledAt= later.
            Month = month.ToString(), CompiledAt = AuditChain.Normalize(clock.GetUtcNow()),
            CompiledBy = by.UserName.Length > 0 ? by.UserName : NationalCompilation.SchedulerName,
            Trigger = trigger,
            Districts = await DistrictsNowAsync(db, month, null, ct),
        };
        var key = compilation.Month;
        db.Compilations.Add(compilation);
        var totals = CompilationQueries.Totals(compilation.Districts);
        AuditLog.Record(db, by, clock, "compilation", key, trigger == NationalCompilation.ScheduleTrigger ? "compile-scheduled" : "compile",
            newValue: new { compilation.CompiledAt, totals.Revenue, totals.Districts, totals.Confirmed, totals.Late, totals.Missing },
            reason: trigger == NationalCompilation.ScheduleTrigger ? "รวบรวมอัตโนมัติเมื่อถึงวันปิดระบบ" : null);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (trigger == NationalCompilation.ScheduleTrigger && DbErrors.IsUniqueViolation(e))
        {
            // Another node compiled the month first: its compilation stands, ours (and its audit entry) is dropped.
            db.ChangeTracker.Clear();
            return null;
        }
        return compilation;
    }

    /// <summary>
    /// Every district's month as it stands now (of one province, or all when <paramref name="province"/> is null), by the
    /// compilation's rules: a month never written is a draft of 0, missing unless confirmed or approved, late only when
    /// confirmed late. One read (districts left-joined with their month): what a compilation freezes and the home shows.
    /// </summary>
    public static async Task<List<CompiledDistrict>> DistrictsNowAsync(AppDbContext db, YearMonth month, string? province, CancellationToken ct)
    {
        var key = month.ToString();
        var units = db.OrgUnits.AsNoTracking().Where(o => o.Level == OrgLevel.District);
        if (province is not null) units = units.Where(o => o.ParentCode == province);
        var districts = await (
                from d in units
                join m in db.RevenueMonths.AsNoTracking().Where(m => m.Month == key) on d.Code equals m.DistrictCode into months
                from m in months.DefaultIfEmpty()
                select new { d.Code, d.ParentCode, Status = (RevenueStatus?)m.Status, Total = (decimal?)m.Total, Late = (bool?)m.Late })
            .ToListAsync(ct);
        return districts.OrderBy(d => d.Code, StringComparer.Ordinal).Select(d =>
        {
            var status = d.Status ?? RevenueStatus.Draft;
            var confirmed = status is RevenueStatus.Confirmed or RevenueStatus.Approved;
            return new CompiledDistrict
            {
                DistrictCode = d.Code, ProvinceCode = d.ParentCode ?? d.Code[..2], Status = status, Total = d.Total ?? 0m,
                Late = confirmed && d.Late == true, Missing = !confirmed,
            };
        }).ToList();
    }

    /// <summary>
    /// The department compiles again on demand (the API and the home's button): who may is decided before the month is
    /// read, a month not begun yet is refused; earlier compilations stay readable by their <c>compiledAt</c>.
    /// </summary>
    public static async Task<(NationalCompilation? Compilation, Refusal? Refusal)> CompileOnDemandAsync(AppDbContext db, CurrentUser me,
        TimeProvider clock, CompilationMetrics metrics, string? monthText, CancellationToken ct)
    {
        if (!me.IsDepartmentAdmin) return (null, new Refusal(403, "การสั่งรวบรวมผลระดับประเทศเป็นหน้าที่ของผู้ดูแลระบบระดับกรมเท่านั้น"));
        if (RevenueMonthQueries.ParseMonth(monthText ?? "", out var ym) is { } bad) return (null, bad);
        if (ym > YearMonth.Of(Bangkok.Today(clock.GetUtcNow())))
        {
            return (null, Refusal.Invalid("month", $"เดือน{RevenueMonth.ThaiMonth(ym)} ยังไม่เริ่ม จึงยังรวบรวมผลไม่ได้"));
        }
        return (await CompileAsync(db, me, clock, metrics, ym, NationalCompilation.ManualTrigger, ct), null);
    }

    /// <summary>
    /// The scheduler's one pass: the latest month due (<see cref="CompilationSchedule.LatestDue"/>) is compiled unless it
    /// already has its scheduled compilation; answers what it did and when the next month falls due.
    /// </summary>
    public static async Task<(YearMonth Month, bool Compiled, DateTimeOffset NextDue)> RunScheduleAsync(AppDbContext db, TimeProvider clock,
        CompilationMetrics metrics, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var current = YearMonth.Of(Bangkok.Today(now));
        // LatestDue and NextDueAt ask only for the previous month's close day and this month's.
        var closeDays = new Dictionary<YearMonth, int>();
        foreach (var m in new[] { current, current.Previous() })
        {
            closeDays[m] = (await db.CycleForAsync(m, ct)).CloseFromDay;
        }
        var month = CompilationSchedule.LatestDue(now, m => closeDays[m]);
        var next = CompilationSchedule.NextDueAt(now, m => closeDays[m]);
        var key = month.ToString();
        if (await db.Compilations.AnyAsync(c => c.Month == key && c.Trigger == NationalCompilation.ScheduleTrigger, ct)) return (month, false, next);
        var compiled = await CompileAsync(db, Scheduler, clock, metrics, month, NationalCompilation.ScheduleTrigger, ct);
        return (month, compiled is not null, next);
    }

    /// <summary>Who the scheduler compiles as: nobody signed in, so the audit names "system" in the department's chain.</summary>
    private static readonly CurrentUser Scheduler = new("", "ระบบ", "", OrgScope.Nothing);
}

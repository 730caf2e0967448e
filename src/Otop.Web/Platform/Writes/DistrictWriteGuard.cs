using Microsoft.Extensions.DependencyInjection.Extensions;
using Otop.Domain;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Http;

namespace Otop.Web.Platform.Writes;

/// <summary>The month cycle (close and reopen days) in force at an instant; the revenue feature reads it from the fiscal year's settings.</summary>
public interface ICloseCalendar
{
    Task<MonthlyCycle> CycleAtAsync(DateTimeOffset now, CancellationToken ct);
}

/// <summary>Letter 2's days when no feature knows better.</summary>
internal sealed class DefaultCloseCalendar : ICloseCalendar
{
    public Task<MonthlyCycle> CycleAtAsync(DateTimeOffset now, CancellationToken ct) => Task.FromResult(MonthlyCycle.Default);
}

/// <summary>
/// THE guard of every district write, API and page alike (docs/decisions/014-district-write-guard.md): the pure rule is
/// <see cref="DistrictWriteRule"/>; this adds the caller, the clock and the fiscal year's days, and answers a 423
/// <see cref="Refusal"/> whose Thai detail says why and until when (Bangkok time), or null when the write may go on.
/// Call it after the caller's role and scope are checked (a 403/404 says less than a 423) and before anything is written.
/// </summary>
public sealed class DistrictWriteGuard(ICloseCalendar calendar, TimeProvider clock, CurrentUser me)
{
    public async Task<Refusal?> CheckAsync(string district, DistrictWrite what, CancellationToken ct, YearMonth? month = null, int? fiscalYear = null)
    {
        var now = clock.GetUtcNow();
        var cycle = await calendar.CycleAtAsync(now, ct);
        var verdict = DistrictWriteRule.Check(what, now, cycle, me.IsDepartmentAdmin);
        return RefusalFor(verdict, district, month, fiscalYear);
    }

    /// <summary>The Thai 423 of a verdict (also used by the revenue window, so the close reads the same everywhere).</summary>
    public static Refusal? RefusalFor(DistrictWriteVerdict verdict, string district, YearMonth? month = null, int? fiscalYear = null) => verdict.Block switch
    {
        DistrictWriteBlock.None => null,
        DistrictWriteBlock.CompilationClose => CloseRefusal(verdict.From!.Value, verdict.Until!.Value),
        DistrictWriteBlock.FilesFrozen => new Refusal(423,
            $"ข้อมูลรายได้{MonthText(month)}ของอำเภอ {district} รับรองแล้ว ไฟล์หลักฐานของเดือนนี้จึงถูกล็อก เพิ่มหรือลบไม่ได้ จนกว่าจังหวัดจะส่งคืนหรือปลดล็อกพร้อมระบุเหตุผล",
            Extensions: new Dictionary<string, object?> { ["lock"] = "files-frozen" }),
        DistrictWriteBlock.EstimateSent => new Refusal(423,
            $"ประมาณการรายได้{(fiscalYear is { } fy ? $" ปีงบประมาณ {fy}" : "")} ของอำเภอ {district} ส่งจังหวัดแล้วและถูกล็อก แก้ไขได้เมื่อจังหวัดส่งคืนพร้อมระบุเหตุผล",
            Extensions: new Dictionary<string, object?> { ["lock"] = "estimate-sent" }),
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict.Block, null),
    };

    public static Refusal CloseRefusal(DateTimeOffset from, DateTimeOffset until) => new(423,
        $"กรมปิดระบบเพื่อรวบรวมข้อมูลของ 76 จังหวัด ตั้งแต่ 00:00 น. วันที่ {ThaiDates.FormatLong(Bangkok.Today(from))} จนถึง 00:00 น. วันที่ {ThaiDates.FormatLong(Bangkok.Today(until))} (เวลาประเทศไทย) ระหว่างนี้อำเภอและจังหวัดบันทึกหรือเปลี่ยนแปลงข้อมูลไม่ได้",
        Extensions: new Dictionary<string, object?> { ["until"] = until });

    private static string MonthText(YearMonth? month) => month is { } m ? $"เดือน{ThaiDates.FormatMonth(m.Year, m.Month)} " : "";
}

public static class DistrictWriteGuardSetup
{
    /// <summary>The guard per request; a feature that knows the fiscal year's days registers its <see cref="ICloseCalendar"/> after this.</summary>
    public static WebApplicationBuilder AddDistrictWriteGuard(this WebApplicationBuilder builder)
    {
        builder.Services.TryAddScoped<ICloseCalendar, DefaultCloseCalendar>();
        builder.Services.AddScoped<DistrictWriteGuard>();
        return builder;
    }
}

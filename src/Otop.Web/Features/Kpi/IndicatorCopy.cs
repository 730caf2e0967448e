using Microsoft.EntityFrameworkCore;
using Otop.Web.Platform.Audit;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.Kpi;

/// <summary>
/// Starting fiscal year N as a copy of year M's indicators (issue 16, item 1): code, kind, name, registration range moved by
/// the years between, scoring and baseline mode, every round with all its bands (any number) and its dates moved by the same
/// years. Refused (409) when year N already has indicators; audited once per indicator. The other features' parts of the
/// year (the month cycle days and the estimate's due date of the revenue cycle) come along through <see cref="IFiscalYearCopyStep"/>,
/// in the same transaction.
/// </summary>
public static class IndicatorCopy
{
    public static async Task<(int Copied, IReadOnlyList<string> AlsoCopied, Refusal? Refusal)> CopyAsync(AppDbContext db, CurrentUser me, TimeProvider clock, int from, int to,
        IEnumerable<IFiscalYearCopyStep> steps, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (from is < 2400 or > 2700) errors["fromYear"] = ["กรุณาระบุปีงบประมาณต้นแบบ พ.ศ. เช่น 2566"];
        if (to is < 2400 or > 2700 || to == from) errors["toYear"] = ["กรุณาระบุปีงบประมาณใหม่ พ.ศ. ที่ไม่ใช่ปีต้นแบบ เช่น 2570"];
        if (errors.Count > 0) return (0, [], Refusal.Invalid(errors));
        if (await db.Indicators.AnyAsync(i => i.FiscalYear == to, ct))
            return (0, [], new Refusal(409, $"ปีงบประมาณ {to} มีตัวชี้วัดอยู่แล้ว จึงคัดลอกทับไม่ได้ กรุณาแก้ไขตัวชี้วัดของปีนั้นแทน"));
        var source = await db.Indicators.AsNoTracking().Include(i => i.Rounds).ThenInclude(r => r.Bands)
            .Where(i => i.FiscalYear == from).OrderBy(i => i.Code).ToListAsync(ct);
        if (source.Count == 0) return (0, [], new Refusal(404, $"ไม่พบตัวชี้วัดของปีงบประมาณ {from}"));
        var years = to - from;
        foreach (var s in source)
        {
            var copy = new Indicator
            {
                FiscalYear = to, Code = s.Code, Kind = s.Kind, NameTh = s.NameTh,
                RegisteredFrom = s.RegisteredFrom + years, RegisteredTo = s.RegisteredTo + years,
                ScoringMethod = s.ScoringMethod, BaselineMode = s.BaselineMode,
                Rounds = [.. s.Rounds.OrderBy(r => r.Round).Select(r => new IndicatorRound
                {
                    Round = r.Round, ResultDueDate = r.ResultDueDate?.AddYears(years), SurveyDueDate = r.SurveyDueDate?.AddYears(years),
                    ResultsCutOff = r.ResultsCutOff?.AddYears(years),
                    Bands = [.. r.Bands.OrderBy(b => b.Score).Select(b => new IndicatorBand { Score = b.Score, Percent = b.Percent })],
                })],
            };
            db.Indicators.Add(copy);
            AuditLog.Record(db, me, clock, "indicator", $"{to}/{s.Code}", "copy", null,
                new { from, copy.Code, rounds = copy.Rounds.Select(r => new { r.Round, r.ResultDueDate, bands = r.Bands.Select(b => b.Percent).ToList() }).ToList() });
        }
        var also = new List<string>();
        foreach (var step in steps)
            if (await step.CopyAsync(db, me, clock, from, to, ct) is { } copiedPart) also.Add(copiedPart);
        await db.SaveChangesAsync(ct);
        return (source.Count, also, null);
    }
}

/// <summary>
/// What another feature copies when the department starts year N from year M (issue 16, item 1: "calendar days and due
/// dates" too). A step adds its rows to <paramref name="db"/> without saving (the indicator copy saves them all at once) and
/// answers what it copied, in Thai, for the department's confirmation, or null when it had nothing to copy.
/// </summary>
public interface IFiscalYearCopyStep
{
    Task<string?> CopyAsync(AppDbContext db, CurrentUser me, TimeProvider clock, int from, int to, CancellationToken ct);
}

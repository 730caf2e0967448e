using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Revenue;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.Compilation;

public sealed record CompilationTotal(decimal Revenue, int Districts, int Confirmed, int Late, int Missing);

public sealed record CompiledProvince(string Code, string NameTh, decimal Revenue, int Districts, int Confirmed, int Late, int Missing);

/// <summary>CONTRACT.md's answer, plus who compiled it and whether the scheduler did.</summary>
public sealed record CompilationDto(string Month, DateTimeOffset CompiledAt, string CompiledBy, string Trigger,
    List<CompiledProvince> Provinces, CompilationTotal Total);

public sealed record DistrictFigures(string Status, decimal Total);

public sealed record CompilationChange(string DistrictCode, DistrictFigures Compiled, DistrictFigures Now, string? ChangedBy,
    DateTimeOffset? ChangedAt, string? Reason);

/// <summary>
/// Reading compilations: the department every province, a province officer its own rows and the total of those rows
/// (the sums are of the frozen district rows the caller sees, so they are exact by construction).
/// </summary>
public static class CompilationQueries
{
    public static bool MayRead(CurrentUser me) => me.IsDepartmentAdmin || me.IsProvinceOfficer;

    public const string ReadForbidden = "ผลการรวบรวมระดับประเทศเปิดให้ผู้ดูแลระบบระดับกรมและเจ้าหน้าที่จังหวัด (เฉพาะจังหวัดของตน) เท่านั้น";

    public static CompilationTotal Totals(IReadOnlyCollection<CompiledDistrict> rows) =>
        new(rows.Sum(r => r.Total), rows.Count, rows.Count(r => !r.Missing), rows.Count(r => r.Late), rows.Count(r => r.Missing));

    /// <summary><c>?compiledAt=</c>: an ISO 8601 instant (as <c>compiledAt</c> answers it); null when absent.</summary>
    public static Refusal? ParseCompiledAt(string? text, out DateTimeOffset? at)
    {
        at = null;
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (!DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return Refusal.Invalid("compiledAt", $"compiledAt '{text}' ไม่ใช่วันเวลาที่ถูกต้อง ต้องอยู่ในรูปแบบ ISO 8601 เช่น 2026-12-06T00:00:00+07:00 (ค่า compiledAt ที่ระบบตอบ)");
        }
        at = parsed.ToUniversalTime();
        return null;
    }

    /// <summary>The month's latest compilation, or the one in force at <paramref name="at"/> (the latest compiled at or before it).</summary>
    public static async Task<NationalCompilation?> FindAsync(AppDbContext db, YearMonth month, DateTimeOffset? at, CancellationToken ct)
    {
        var key = month.ToString();
        var query = db.Compilations.AsNoTracking().Where(c => c.Month == key);
        if (at is { } instant) query = query.Where(c => c.CompiledAt <= instant);
        return await query.OrderByDescending(c => c.CompiledAt).ThenByDescending(c => c.Id).FirstOrDefaultAsync(ct);
    }

    public static Refusal NotCompiled(YearMonth month, DateTimeOffset? at) => new(404, at is null
        ? $"เดือน{RevenueMonth.ThaiMonth(month)} ยังไม่ได้รวบรวมผลระดับประเทศ (ระบบรวบรวมเองเวลา 00:00 น. ของวันปิดระบบในเดือนถัดไป)"
        : $"ไม่พบการรวบรวมผลเดือน{RevenueMonth.ThaiMonth(month)} ณ เวลา {ThaiDates.FormatDateTime(at.Value)} หรือก่อนนั้น");

    /// <summary>The compilation a request names: the caller may read compilations, the month and <c>compiledAt</c> are valid, it exists.</summary>
    private static async Task<(NationalCompilation? Compilation, Refusal? Refusal)> RequestedAsync(AppDbContext db, CurrentUser me, string monthText,
        string? compiledAt, CancellationToken ct)
    {
        if (!MayRead(me)) return (null, new Refusal(403, ReadForbidden));
        if (RevenueMonthQueries.ParseMonth(monthText, out var month) is { } bad) return (null, bad);
        if (ParseCompiledAt(compiledAt, out var at) is { } badAt) return (null, badAt);
        var compilation = await FindAsync(db, month, at, ct);
        if (compilation is null) return (null, NotCompiled(month, at));
        return (compilation, null);
    }

    public static async Task<(CompilationDto? Dto, Refusal? Refusal)> ReadAsync(AppDbContext db, CurrentUser me, string monthText,
        string? compiledAt, CancellationToken ct)
    {
        var (compilation, refusal) = await RequestedAsync(db, me, monthText, compiledAt, ct);
        return compilation is null ? (null, refusal) : (await DtoAsync(db, me, compilation, ct), null);
    }

    public static async Task<CompilationDto> DtoAsync(AppDbContext db, CurrentUser me, NationalCompilation compilation, CancellationToken ct)
    {
        var id = compilation.Id;
        var rows = await db.CompiledDistricts.AsNoTracking().VisibleTo(me.Scope).Where(r => r.CompilationId == id).ToListAsync(ct);
        var names = await db.OrgUnits.AsNoTracking().Where(o => o.Level == OrgLevel.Province).ToDictionaryAsync(o => o.Code, o => o.NameTh, ct);
        var provinces = rows.GroupBy(r => r.ProvinceCode).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var t = Totals(g.ToList());
            return new CompiledProvince(g.Key, names.GetValueOrDefault(g.Key) ?? g.Key, t.Revenue, t.Districts, t.Confirmed, t.Late, t.Missing);
        }).ToList();
        return new CompilationDto(compilation.Month, compilation.CompiledAt, compilation.CompiledBy, compilation.Trigger, provinces, Totals(rows));
    }

    /// <summary>
    /// The districts whose month differs now (status or total) from the compilation: what was compiled, what it is now,
    /// and who changed it last, when, with the unlock's reason. A month never written reads as a draft of 0.
    /// </summary>
    public static async Task<(List<CompilationChange>? Changes, Refusal? Refusal)> ChangesAsync(AppDbContext db, CurrentUser me, string monthText,
        string? compiledAt, CancellationToken ct)
    {
        var (compilation, refusal) = await RequestedAsync(db, me, monthText, compiledAt, ct);
        if (compilation is null) return (null, refusal);

        var id = compilation.Id;
        var key = compilation.Month;
        var compiled = await db.CompiledDistricts.AsNoTracking().VisibleTo(me.Scope).Where(r => r.CompilationId == id)
            .Select(r => new { r.DistrictCode, r.Status, r.Total }).ToListAsync(ct);
        var now = await db.RevenueMonths.AsNoTracking().VisibleTo(me.Scope).Where(m => m.Month == key)
            .Select(m => new { m.DistrictCode, m.Status, m.Total, m.UpdatedBy, m.UpdatedAt, m.UnlockReason })
            .ToDictionaryAsync(m => m.DistrictCode, ct);

        var changes = new List<CompilationChange>();
        foreach (var c in compiled.OrderBy(c => c.DistrictCode, StringComparer.Ordinal))
        {
            var current = now.GetValueOrDefault(c.DistrictCode);
            var status = current?.Status ?? RevenueStatus.Draft;
            var total = current?.Total ?? 0m;
            if (status == c.Status && total == c.Total) continue;
            changes.Add(new CompilationChange(c.DistrictCode,
                new DistrictFigures(RevenueWorkflow.StatusName(c.Status), c.Total), new DistrictFigures(RevenueWorkflow.StatusName(status), total),
                current?.UpdatedBy, current?.UpdatedAt, current?.UnlockReason));
        }
        return (changes, null);
    }
}

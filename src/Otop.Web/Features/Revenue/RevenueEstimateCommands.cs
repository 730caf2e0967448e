using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Registry;
using Otop.Web.Platform.Audit;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;
using Otop.Web.Platform.Writes;

namespace Otop.Web.Features.Revenue;

/// <summary>One producer's line of the estimate as sent: its code and an amount per month key ("2026-10"); null is blank.</summary>
public sealed record EstimateEntryInput(string? EntrepreneurCode, Dictionary<string, decimal?>? Months);

public sealed record PutEstimateRequest(int? Version, List<EstimateEntryInput>? Entries);

public sealed record EstimateEntryDto(string EntrepreneurCode, Dictionary<string, decimal> Months);

/// <summary>CONTRACT.md "Revenue": the estimate of a district for a fiscal year.</summary>
public sealed record EstimateDto(string DistrictCode, int FiscalYear, string Status, int Version, List<EstimateEntryDto> Entries, decimal Total);

/// <summary>What the page adds to the figures: the committee's certification, its minutes and whether to send it now.</summary>
public sealed record EstimateCommittee(DateOnly? MeetingDate, string? Reference, string? Chair, RevenueFile? Minutes, bool Send, DateOnly? DueDate);

/// <summary>
/// THE write path of the revenue estimate (letter 2, clause 2), used by the API (<c>PUT …/estimates/{district}/{fiscalYear}</c>),
/// the estimate page and its XLSX upload, so all three refuse the same things the same way: who (district staff of that
/// district, or the department), when (<see cref="DistrictWriteGuard"/>: the close, and a sent estimate's lock), the
/// version read (409), then every line (422 naming it). The lines are replaced set-wise (one DELETE, one INSERT), so a
/// district of thousands of producers saves in one request; every save is audited.
/// </summary>
public static class RevenueEstimateCommands
{
    /// <summary>The largest district has a few thousand producers; more lines than this is not an estimate.</summary>
    public const int MaxEntries = 5000;

    public static string StatusName(RevenueEstimateStatus status) => status switch
    {
        RevenueEstimateStatus.Sent => "sent",
        RevenueEstimateStatus.Returned => "returned",
        _ => "draft",
    };

    public static async Task<(EstimateDto? Estimate, Refusal? Refusal)> ReadAsync(AppDbContext db, CurrentUser me, string districtCode, int fiscalYear, CancellationToken ct)
    {
        var (_, refusal) = await ScopedDistricts.FindAsync(db, me, districtCode, ct);
        if (refusal is not null) return (null, refusal);
        if (YearRefusal(fiscalYear) is { } badYear) return (null, badYear);
        var estimate = await db.RevenueEstimates.AsNoTracking().VisibleTo(me.Scope)
            .FirstOrDefaultAsync(e => e.DistrictCode == districtCode && e.FiscalYear == fiscalYear, ct);
        if (estimate is null) return (new EstimateDto(districtCode, fiscalYear, "draft", 0, [], 0m), null);
        var lines = await db.RevenueEstimateLines.AsNoTracking().Where(l => l.RevenueEstimateId == estimate.Id)
            .Select(l => new { l.Entrepreneur.Code, l.Month, l.Amount }).ToListAsync(ct);
        var entries = lines.GroupBy(l => l.Code).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new EstimateEntryDto(g.Key, g.OrderBy(l => l.Month, StringComparer.Ordinal).ToDictionary(l => l.Month, l => l.Amount)))
            .ToList();
        return (new EstimateDto(districtCode, fiscalYear, StatusName(estimate.Status), estimate.Version, entries, estimate.Total), null);
    }

    public static Refusal? YearRefusal(int fiscalYear) =>
        Domain.FiscalYear.InputError(fiscalYear) is { } error ? Refusal.Invalid("fiscalYear", error) : null;

    /// <summary>
    /// Replaces the estimate's lines with <paramref name="entries"/> (blank months left out). <paramref name="version"/> is
    /// the version read (null or 0 for an estimate never saved). <paramref name="committee"/> is the page's certification;
    /// null (the API) keeps what the estimate has and leaves its status (a returned estimate stays returned until sent).
    /// </summary>
    public static async Task<(int Version, Refusal? Refusal)> SaveAsync(AppDbContext db, CurrentUser me, TimeProvider clock, DistrictWriteGuard guard,
        string districtCode, int fiscalYear, int? version, IReadOnlyList<EstimateEntryInput>? entries, EstimateCommittee? committee, CancellationToken ct)
    {
        var (estimate, refused) = await WritableAsync(db, me, guard, districtCode, fiscalYear, ct);
        if (refused is not null) return (0, refused);
        if (entries is null) return (0, new Refusal(400, "ไม่พบรายการ entries ในคำขอ"));
        if ((version ?? 0) != (estimate?.Version ?? 0)) return (0, await StaleAsync(db, estimate));
        if (entries.Count > MaxEntries)
        {
            return (0, Refusal.Invalid("entries", $"ส่งได้ไม่เกิน {MaxEntries:N0} ผู้ประกอบการต่อประมาณการ (ส่งมา {entries.Count:N0} ราย)"));
        }

        var codes = entries.Select(e => e?.EntrepreneurCode?.Trim()).Where(c => !string.IsNullOrEmpty(c)).Distinct().ToList();
        var producers = await db.Entrepreneurs.AsNoTracking().VisibleTo(me.Scope)
            .Where(e => e.DistrictCode == districtCode && codes.Contains(e.Code)).Select(e => new { e.Code, e.Id })
            .ToDictionaryAsync(e => e.Code, e => e.Id, ct);
        var months = new FiscalYear(fiscalYear).Months.Select(m => m.ToString()).ToHashSet(StringComparer.Ordinal);
        var (lines, errors) = Lines(entries, producers, months, districtCode, fiscalYear);
        if (errors.Count > 0) return (0, Refusal.Invalid(errors, "ประมาณการรายได้บางรายการไม่ถูกต้อง"));
        var total = RevenueFigures.WithoutNegativeZero(lines.Sum(l => l.Amount));
        if (total > RevenueFigures.MaxAmount)
        {
            return (0, Refusal.Invalid("entries", $"ยอดรวมประมาณการทั้งปีต้องไม่เกิน {RevenueFigures.MaxAmount:N2} บาท"));
        }

        var now = clock.GetUtcNow();
        var old = estimate is null ? null : new { estimate.Total, estimate.Version, status = estimate.Status.ToString() };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            if (estimate is null)
            {
                estimate = new RevenueEstimate { DistrictCode = districtCode, ProvinceCode = districtCode[..2], FiscalYear = fiscalYear };
                db.RevenueEstimates.Add(estimate);
            }
            Apply(estimate, committee, total, me.UserName, now);
            if (committee?.Minutes is { } minutes)
            {
                db.RevenueFiles.Add(minutes);
                await db.SaveChangesAsync(ct);
                estimate.MinutesFileId = minutes.Id;
            }
            // The row first: its Version as read is the concurrency token, so a concurrent save fails here, before any line moves.
            await db.SaveChangesAsync(ct);
            await db.RevenueEstimateLines.Where(l => l.RevenueEstimateId == estimate.Id).ExecuteDeleteAsync(ct);
            await RevenueEstimateLinesWriter.InsertAsync(db, estimate.Id, lines, ct);
            AuditLog.Record(db, me, clock, "revenue-estimate", $"{districtCode}/{fiscalYear}", committee?.Send == true ? "send" : "update", old,
                new { estimate.Total, estimate.Version, status = estimate.Status.ToString(), late = estimate.Late, lines = lines.Count,
                    minutes = RevenueFiles.Describe(committee?.Minutes) },
                provinceCode: estimate.ProvinceCode);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (Exception e) when (DbErrors.IsConcurrentWrite(e))
        {
            await tx.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            var winner = await db.RevenueEstimates.AsNoTracking().VisibleTo(me.Scope)
                .FirstOrDefaultAsync(x => x.DistrictCode == districtCode && x.FiscalYear == fiscalYear, ct);
            return (0, await StaleAsync(db, winner));
        }
        return (estimate.Version, null);
    }

    /// <summary>
    /// Who (role, scope, the district), which year, and when (<see cref="DistrictWriteGuard"/>: the close, a sent estimate's
    /// lock): the estimate as stored (tracked, null when never saved) or the refusal, before anything sent is looked at.
    /// </summary>
    public static async Task<(RevenueEstimate? Estimate, Refusal? Refusal)> WritableAsync(AppDbContext db, CurrentUser me, DistrictWriteGuard guard,
        string districtCode, int fiscalYear, CancellationToken ct)
    {
        if (!(me.IsDistrictStaff || me.IsDepartmentAdmin))
        {
            return (null, new Refusal(403, "เฉพาะพัฒนากรและพัฒนาการอำเภอของอำเภอนั้น (หรือผู้ดูแลระบบระดับกรม) เท่านั้นที่บันทึกประมาณการรายได้ได้"));
        }
        if (!me.Scope.Covers(districtCode)) return (null, ScopedDistricts.OutOfScope(districtCode));
        var (_, unknown) = await ScopedDistricts.FindAsync(db, me, districtCode, ct);
        if (unknown is not null) return (null, unknown);
        if (YearRefusal(fiscalYear) is { } badYear) return (null, badYear);
        var estimate = await db.RevenueEstimates.VisibleTo(me.Scope)
            .FirstOrDefaultAsync(e => e.DistrictCode == districtCode && e.FiscalYear == fiscalYear, ct);
        var sent = estimate?.Status == RevenueEstimateStatus.Sent;
        return await guard.CheckAsync(districtCode, DistrictWrite.Estimate(sent), ct, fiscalYear: fiscalYear) is { } locked
            ? (null, locked) : (estimate, null);
    }

    private static void Apply(RevenueEstimate estimate, EstimateCommittee? committee, decimal total, string userName, DateTimeOffset now)
    {
        estimate.Total = total;
        if (committee is not null)
        {
            estimate.CommitteeMeetingDate = committee.MeetingDate;
            estimate.CommitteeMeetingReference = string.IsNullOrWhiteSpace(committee.Reference) ? null : committee.Reference.Trim();
            estimate.CommitteeChairName = string.IsNullOrWhiteSpace(committee.Chair) ? null : committee.Chair.Trim();
        }
        var send = committee?.Send == true;
        // Saving a returned estimate keeps it returned (the province's reason stays in view) until it is sent again.
        estimate.Status = send ? RevenueEstimateStatus.Sent
            : estimate.Status == RevenueEstimateStatus.Returned ? RevenueEstimateStatus.Returned : RevenueEstimateStatus.Draft;
        if (send) { estimate.SentBy = userName; estimate.SentAt = now; }
        estimate.Late = send && RevenueEstimate.IsLate(now, committee!.DueDate);
        estimate.Version++;
        estimate.UpdatedBy = userName;
        estimate.UpdatedAt = now;
    }

    /// <summary>Every line checked before anything is written; each error names its entry and month (<c>entries[3].months.2026-10</c>).</summary>
    private static (List<(int EntrepreneurId, string Month, decimal Amount)> Lines, Dictionary<string, string[]> Errors) Lines(
        IReadOnlyList<EstimateEntryInput> entries, Dictionary<string, int> producers, HashSet<string> months, string districtCode, int fiscalYear)
    {
        var lines = new List<(int, string, decimal)>();
        var errors = new Dictionary<string, string[]>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var code = entries[i]?.EntrepreneurCode?.Trim();
            int id = 0;
            if (string.IsNullOrEmpty(code)) errors[$"entries[{i}].entrepreneurCode"] = ["กรุณาระบุรหัสผู้ประกอบการ"];
            else if (!producers.TryGetValue(code, out id)) errors[$"entries[{i}].entrepreneurCode"] = [$"ผู้ประกอบการรหัส {code} ไม่อยู่ในอำเภอ {districtCode}"];
            else if (!seen.Add(code)) errors[$"entries[{i}].entrepreneurCode"] = [$"ผู้ประกอบการรหัส {code} ซ้ำกันในรายการ"];
            foreach (var (month, amount) in entries[i]?.Months ?? [])
            {
                if (!months.Contains(month))
                {
                    errors[$"entries[{i}].months.{month}"] = [$"เดือน {month} ไม่อยู่ในปีงบประมาณ {fiscalYear} (ตุลาคม {fiscalYear - 1} ถึงกันยายน {fiscalYear})"];
                    continue;
                }
                if (amount is null) continue;
                if (RevenueFigures.AmountError(amount) is { } amountError) errors[$"entries[{i}].months.{month}"] = [amountError];
                else if (id != 0) lines.Add((id, month, RevenueFigures.WithoutNegativeZero(amount.Value)));
            }
        }
        return (lines, errors);
    }

    internal static async Task<Refusal> StaleAsync(AppDbContext db, RevenueEstimate? estimate)
    {
        if (estimate is null)
        {
            return new Refusal(409, "ฉบับที่ส่งมาไม่ตรงกับข้อมูลในระบบ: ประมาณการนี้ยังไม่เคยบันทึก (ฉบับที่ 0)",
                Extensions: new Dictionary<string, object?> { ["currentVersion"] = 0 });
        }
        var by = estimate.UpdatedBy;
        var name = await db.Users.AsNoTracking().Where(u => u.UserName == by).Select(u => u.DisplayName).FirstOrDefaultAsync() ?? by;
        return new Refusal(409,
            $"ประมาณการนี้ถูกแก้ไขโดย {name} เมื่อ {ThaiDates.FormatDateTime(estimate.UpdatedAt)} (ฉบับที่ {estimate.Version}) หลังจากที่ท่านเปิดไว้ กรุณาตรวจสอบแล้วบันทึกอีกครั้ง",
            Extensions: new Dictionary<string, object?> { ["currentVersion"] = estimate.Version, ["updatedBy"] = name, ["updatedAt"] = estimate.UpdatedAt });
    }
}

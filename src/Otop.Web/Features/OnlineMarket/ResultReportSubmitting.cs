using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Platform.Audit;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;
using Otop.Web.Platform.Writes;

namespace Otop.Web.Features.OnlineMarket;

/// <summary>
/// Submitting the result report (issue 16, item 7), withdrawing it and returning it. Chosen rule: after the submit the
/// report is read-only; the district may withdraw it until the end of the round's results cut-off day (Bangkok), after
/// which only the province (or the department) can return it, with a reason. Every step is audited
/// (<c>result-report</c>, key <c>{district}/{fiscalYear}/{round}</c>).
/// </summary>
public static class ResultReportSubmitting
{
    public static Task<ResultReportSubmission?> FindAsync(AppDbContext db, string district, int fiscalYear, int round, CancellationToken ct) =>
        db.ResultReportSubmissions.AsNoTracking()
            .FirstOrDefaultAsync(s => s.DistrictCode == district && s.FiscalYear == fiscalYear && s.Round == round, ct);

    private static string Key(string district, int fy, int round) => $"{district}/{fy}/{round}";

    public static async Task<Refusal?> SubmitAsync(AppDbContext db, CurrentUser me, TimeProvider clock, DistrictWriteGuard guard,
        OnlineMarketRound om, ResultRow result, CancellationToken ct)
    {
        var district = result.DistrictCode;
        if (!(me.IsDistrictStaff && me.Scope.Code == district)) return new Refusal(403, "เฉพาะเจ้าหน้าที่ของอำเภอส่งแบบรายงานผลได้");
        if (await guard.CheckAsync(district, DistrictWrite.Of(DistrictWriteKind.ResultReport), ct) is { } closed) return closed;
        var (fy, round) = (om.Indicator.FiscalYear, om.Round.Round);
        if (await FindAsync(db, district, fy, round, ct) is { } sent)
        {
            return new Refusal(409, $"ส่งแบบรายงานผลรอบนี้แล้วเมื่อ {ThaiDates.FormatDateTime(sent.SubmittedAt)} โดย {sent.SubmittedBy}");
        }
        var now = clock.GetUtcNow();
        db.ResultReportSubmissions.Add(new ResultReportSubmission
        {
            DistrictCode = district, ProvinceCode = district[..2], FiscalYear = fy, Round = round, SubmittedAt = now,
            SubmittedBy = me.UserName, Products = result.Products, ProductsOnline = result.ProductsOnline,
        });
        AuditLog.Record(db, me, clock, "result-report", Key(district, fy, round), "submit", null,
            new { products = result.Products, productsOnline = result.ProductsOnline, percent = result.Percent, score = result.Score },
            provinceCode: district[..2]);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            return new Refusal(409, "มีผู้ส่งแบบรายงานผลรอบนี้ไปแล้วเมื่อสักครู่ กรุณาโหลดหน้าใหม่");
        }
        return null;
    }

    /// <summary>The district takes its report back to correct it, until the end of the round's results cut-off day.</summary>
    public static async Task<Refusal?> WithdrawAsync(AppDbContext db, CurrentUser me, TimeProvider clock, DistrictWriteGuard guard,
        OnlineMarketRound om, string district, int submissionId, CancellationToken ct)
    {
        if (!(me.IsDistrictStaff && me.Scope.Code == district)) return new Refusal(403, "เฉพาะเจ้าหน้าที่ของอำเภอถอนแบบรายงานผลได้");
        if (await guard.CheckAsync(district, DistrictWrite.Of(DistrictWriteKind.ResultReport), ct) is { } closed) return closed;
        if (Bangkok.Today(clock.GetUtcNow()) > om.CutOff)
        {
            return new Refusal(423, $"พ้นวันตัดรอบผล ({ThaiDates.FormatLong(om.CutOff)}) แล้ว ถอนแบบรายงานผลไม่ได้ ขอให้จังหวัดส่งคืนหากต้องแก้ไข");
        }
        return await RemoveAsync(db, me, clock, om, district, submissionId, "withdraw", null, ct);
    }

    /// <summary>The province (or the department) sends the report back to the district with a reason.</summary>
    public static async Task<Refusal?> ReturnAsync(AppDbContext db, CurrentUser me, TimeProvider clock, OnlineMarketRound om,
        string district, int submissionId, string? reason, CancellationToken ct)
    {
        if (!(me.IsDepartmentAdmin || (me.IsProvinceOfficer && me.Scope.Code == district[..2])))
        {
            return new Refusal(403, "เฉพาะจังหวัดหรือกรมส่งคืนแบบรายงานผลได้");
        }
        reason = PlainText.SingleLine(reason, 1000);
        if (reason.Length == 0) return Refusal.Invalid("reason", "กรุณาระบุเหตุผลที่ส่งคืน");
        return await RemoveAsync(db, me, clock, om, district, submissionId, "return", reason, ct);
    }

    private static async Task<Refusal?> RemoveAsync(AppDbContext db, CurrentUser me, TimeProvider clock, OnlineMarketRound om,
        string district, int submissionId, string action, string? reason, CancellationToken ct)
    {
        var (fy, round) = (om.Indicator.FiscalYear, om.Round.Round);
        var sent = await db.ResultReportSubmissions
            .FirstOrDefaultAsync(s => s.DistrictCode == district && s.FiscalYear == fy && s.Round == round, ct);
        if (sent is null || sent.Id != submissionId) return new Refusal(409, "แบบรายงานผลเปลี่ยนไปแล้ว (ส่งคืนหรือถอนไปแล้ว) กรุณาโหลดหน้าใหม่");
        db.ResultReportSubmissions.Remove(sent);
        AuditLog.Record(db, me, clock, "result-report", Key(district, fy, round), action,
            new { sent.SubmittedAt, sent.SubmittedBy, sent.Products, sent.ProductsOnline }, reason is null ? null : new { reason },
            provinceCode: district[..2]);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new Refusal(409, "แบบรายงานผลเปลี่ยนไปแล้ว กรุณาโหลดหน้าใหม่");
        }
        return null;
    }
}

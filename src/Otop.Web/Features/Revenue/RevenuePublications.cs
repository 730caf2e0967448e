using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Platform.Audit;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.Revenue;

/// <summary>
/// A province publishing a round's revenue targets (CONTRACT.md "Revenue"): the baselines are frozen month by month per
/// district. Publishing again is refused (409) unless asked for with <c>republish=true</c>: then it is a new, numbered
/// publication that replaces the frozen figures, audited with the old and new ones.
/// </summary>
public static class RevenuePublications
{
    /// <summary>The published baselines of a round: the publications by province, and per district its frozen months.</summary>
    public sealed record Published(Dictionary<string, RevenueTargetPublication> Provinces, Dictionary<string, Dictionary<string, decimal>> Districts)
    {
        public bool Covers(string districtCode) => Provinces.ContainsKey(districtCode[..2]);

        /// <summary>The district's published baseline over the given months; 0 when it had none.</summary>
        public decimal Baseline(string districtCode, IEnumerable<string> months) =>
            Districts.TryGetValue(districtCode, out var m) ? months.Sum(k => m.GetValueOrDefault(k)) : 0m;
    }

    /// <summary>Publishing: the province officer of that province, or the department.</summary>
    public static bool CanPublish(CurrentUser me, string province) =>
        me.IsDepartmentAdmin || (me.IsProvinceOfficer && me.Scope.Code == province);

    public static async Task<Published> ReadAsync(AppDbContext db, OrgScope scope, RevenueRound round, string province, CancellationToken ct)
    {
        var indicatorId = round.Indicator.Id;
        var number = round.Number;
        var publications = db.RevenueTargetPublications.AsNoTracking().Where(p => p.IndicatorId == indicatorId && p.Round == number);
        if (province != OrgUnit.DepartmentCode) publications = publications.Where(p => p.ProvinceCode == province);
        var provinces = await publications.ToDictionaryAsync(p => p.ProvinceCode, ct);
        if (provinces.Count == 0) return new Published(provinces, []);
        var ids = provinces.Values.Select(p => p.Id).ToList();
        var rows = await db.PublishedBaselines.AsNoTracking().VisibleTo(scope).Where(b => ids.Contains(b.PublicationId))
            .Select(b => new { b.DistrictCode, b.Month, b.Amount }).ToListAsync(ct);
        return new Published(provinces, rows.GroupBy(r => r.DistrictCode).ToDictionary(g => g.Key, g => g.ToDictionary(r => r.Month, r => r.Amount)));
    }

    public static async Task<Refusal?> PublishAsync(AppDbContext db, CurrentUser me, TimeProvider clock, RevenueRound round, string province,
        bool republish, CancellationToken ct)
    {
        if (province == OrgUnit.DepartmentCode) return Refusal.Invalid("province", "ประกาศค่าเป้าหมายได้ทีละจังหวัด กรุณาระบุรหัสจังหวัด 2 หลัก");
        if (!CanPublish(me, province)) return new Refusal(403, "การประกาศค่าเป้าหมายเป็นหน้าที่ของเจ้าหน้าที่จังหวัดหรือผู้ดูแลระบบระดับกรม");
        if (!await db.OrgUnits.AnyAsync(o => o.Code == province && o.Level == OrgLevel.Province, ct)) return new Refusal(404, $"ไม่พบจังหวัดรหัส {province}");
        var indicatorId = round.Indicator.Id;
        var number = round.Number;
        var existing = await db.RevenueTargetPublications.Include(p => p.Baselines)
            .FirstOrDefaultAsync(p => p.IndicatorId == indicatorId && p.Round == number && p.ProvinceCode == province, ct);
        if (existing is not null && !republish)
        {
            return new Refusal(409, $"ค่าเป้าหมายรอบที่ {number} ของจังหวัดนี้ประกาศแล้วเมื่อ {ThaiDates.FormatDateTime(existing.PublishedAt)} โดย {existing.PublishedBy} " +
                "หากต้องการประกาศใหม่จากข้อมูลฐานปัจจุบัน ให้ส่ง republish=true");
        }
        var months = await RevenueKpiFigures.BaselineMonthsAsync(db, new OrgScope(province), round, province, round.BaselineMonthsOf(round.RoundMonths), ct);
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var old = existing?.Baselines.Select(b => new { b.DistrictCode, b.Month, b.Amount }).OrderBy(b => b.DistrictCode).ThenBy(b => b.Month).ToList();
        if (existing is not null)
        {
            db.RevenueTargetPublications.Remove(existing);
            await db.SaveChangesAsync(ct);
        }
        var publication = new RevenueTargetPublication
        {
            IndicatorId = indicatorId, Round = number, ProvinceCode = province, Number = (existing?.Number ?? 0) + 1,
            PublishedBy = me.UserName, PublishedAt = now,
            Baselines = [.. months.Select(m => new PublishedBaseline { DistrictCode = m.District, ProvinceCode = province, Month = m.Month, Amount = m.Amount })],
        };
        db.RevenueTargetPublications.Add(publication);
        AuditLog.Record(db, me, clock, "revenue-targets", $"{round.FiscalYear}/{number}/{province}", existing is null ? "publish" : "republish",
            old, publication.Baselines.Select(b => new { b.DistrictCode, b.Month, b.Amount }).OrderBy(b => b.DistrictCode).ThenBy(b => b.Month).ToList(),
            provinceCode: province);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return null;
    }
}

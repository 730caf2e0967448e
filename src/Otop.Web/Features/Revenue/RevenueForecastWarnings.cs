using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Kpi;
using Otop.Web.Features.Notifications;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Revenue;

/// <summary>
/// Issue 17, item 6: the early warning. From the third month of a round (Bangkok), each province's officers are told,
/// through the notices (the bell, e-mail, LINE), which of their districts the round-end forecast puts at risk
/// (<see cref="RevenueForecast.IsAtRisk"/>). One notice per district and round: its key is the round and the district, and
/// <see cref="Notices.AddAsync"/> skips a recipient who already has it (unique on recipient and key), so a pass may run
/// every few minutes, or on two nodes at once, and a province still hears about a district once per round. The pass forecasts
/// the nation once and tells each province of its own districts.
/// </summary>
public sealed class RevenueForecastWarnings(AppDbContext db, TimeProvider clock, ILogger<RevenueForecastWarnings> logger)
{
    public const string Kind = "revenue-forecast";
    public const int FromMonthOfRound = 3;

    public static string KeyOf(int fiscalYear, int round, string district) => $"{Kind}/{fiscalYear}/{round}/{district}";

    /// <summary>One pass; returns how many notices it added.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var month = YearMonth.Of(Bangkok.Today(now));
        if (RevenueForecast.MonthOfRound(month) < FromMonthOfRound) return 0;
        var fy = FiscalYear.Of(month);
        var round = fy.RoundOf(month);
        if (!await db.Indicators.AnyAsync(i => i.FiscalYear == fy.BuddhistYear && i.Kind == IndicatorKind.RevenueIncrease, ct)) return 0;

        var officers = (await (from u in db.Users
                               join ur in db.UserRoles on u.Id equals ur.UserId
                               join r in db.Roles on ur.RoleId equals r.Id
                               where r.Name == Roles.ProvinceOfficer && u.OrgUnitCode.Length == 2
                               select new { u.UserName, u.OrgUnitCode }).ToListAsync(ct))
            .GroupBy(u => u.OrgUnitCode).ToDictionary(g => g.Key, g => g.Select(u => u.UserName!).Distinct().ToList());

        if (officers.Count == 0) return 0;

        // The nation's forecast once (one grouped read of every district's months), not one forecast per province: a
        // district's row is the same either way (its own months, its province's publication), and only rows are warned of.
        var (forecast, _) = await RevenueForecasts.ComputeAsync(db, new OrgScope(OrgUnit.DepartmentCode), fy.BuddhistYear, round,
            OrgUnit.DepartmentCode, now, ct);
        if (forecast is null) return 0;
        var atRisk = forecast.Rows.Where(r => r.AtRisk == true).ToLookup(r => r.DistrictCode![..2]);

        var added = 0;
        foreach (var (province, people) in officers.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            foreach (var row in atRisk[province])
            {
                await Notices.AddAsync(db, clock, people, Text(forecast, row), email: true, ct);
            }
            var count = db.ChangeTracker.Entries<Notice>().Count(e => e.State == EntityState.Added);
            try
            {
                await db.SaveChangesAsync(ct);
                added += count;
            }
            catch (DbUpdateException)
            {
                // Another node added the same notices first: the unique key kept them single; theirs stand.
                foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).ToList()) entry.State = EntityState.Detached;
                logger.LogInformation("Forecast warnings for province {Province} already added by another pass", province);
            }
        }
        return added;
    }

    public static NoticeText Text(RevenueForecastResult forecast, RevenueForecastRow row)
    {
        var title = $"อำเภอ{row.DistrictName} เสี่ยงไม่ถึงเป้าหมายรายได้รอบที่ {forecast.Round} ปีงบประมาณ {forecast.FiscalYear}";
        var body = $"จากข้อมูล {row.MonthsObserved} เดือนแรกของรอบ ({row.Observed:N2} บาท) คาดว่ารายได้ทั้งรอบจะเป็น {row.Projected:N2} บาท " +
                   $"(ช่วง {row.Low:N2} – {row.High:N2} บาท) เพิ่มขึ้นร้อยละ {row.ProjectedIncreasePercent:N2} จากฐาน {row.Baseline:N2} บาท " +
                   $"ได้คะแนน {row.ProjectedScore:0.##} ซึ่งต่ำกว่าคะแนนเต็มของรอบ";
        return new NoticeText(Kind, KeyOf(forecast.FiscalYear, forecast.Round, row.DistrictCode!), title, body,
            $"/Revenue/Dashboard?unit={row.DistrictCode![..2]}&fiscalYear={forecast.FiscalYear}");
    }
}

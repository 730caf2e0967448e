using Otop.Domain;
using Otop.Web.Features.Kpi;
using Otop.Web.Features.Registry;
using Otop.Web.Features.Revenue;
using Otop.Web.Platform.Auth;

namespace Otop.Web.Features.Demo;

public sealed partial class DemoSeeder
{
    /// <summary>The first fiscal year the live demo seeds: FY 2565 and FY 2566 are the letters' own years, seeded above.</summary>
    public const int FirstLiveFiscalYear = 2567;

    /// <summary>
    /// The demo alive at any date (CONTRACT.md "Demo data", 2nd paragraph; issue 15, item 11): relative to now, the fiscal
    /// year before (every month approved) and the current one up to last month (most districts approved or confirmed,
    /// some confirmed late, one district missing last month), the current month in draft, and the current year's
    /// revenue-increase indicator with FY 2566's bands. Years before <see cref="FirstLiveFiscalYear"/> are left to the
    /// letters' seeds, so a clock in FY 2564–2566 seeds exactly what it always did.
    /// </summary>
    private void SeedLiveYears(List<Entrepreneur> entrepreneurs)
    {
        var now = clock.GetUtcNow();
        var today = Bangkok.Today(now);
        var currentMonth = YearMonth.Of(today);
        var current = currentMonth.FiscalYear;
        var producers = entrepreneurs.Where(e => e.Status == RegistryStatus.Active).OrderBy(e => e.Code, StringComparer.Ordinal).ToList();
        var baseMonthly = producers.ToDictionary(e => e, e => Rounding.HalfAwayFromZero((decimal)(2500 * Math.Exp(_random.NextDouble() * 4.2)), 0));
        var districts = producers.GroupBy(p => p.DistrictCode).OrderBy(g => g.Key).ToList();

        foreach (var fy in new[] { current - 1, current }.Where(y => y >= FirstLiveFiscalYear))
        {
            if (!db.FiscalYearSettings.Local.Any(s => s.FiscalYear == fy)) db.FiscalYearSettings.Add(new FiscalYearSetting { FiscalYear = fy });
            if (fy == current) db.Indicators.Add(RevenueIndicator(fy));
            var growth = 1m + (fy - 2566) * 0.03m;
            foreach (var month in new FiscalYear(fy).Months.Where(m => m.CompareTo(currentMonth) <= 0))
            {
                var lastMonth = month.Equals(currentMonth.Previous());
                for (var k = 0; k < districts.Count; k++)
                {
                    var state = month.Equals(currentMonth) ? LiveState.Draft : LiveStateOf(k, month, lastMonth, fy == current);
                    if (state == LiveState.Missing || (state == LiveState.Draft && month.Equals(currentMonth) && k >= 5)) continue;
                    var factor = growth * (0.9m + month.Month % 4 * 0.08m);
                    var entries = districts[k]
                        .Where((_, i) => state != LiveState.Draft || i % 2 == 0)
                        .Select(e => new RevenueEntry { Entrepreneur = e, Amount = Rounding.HalfAwayFromZero(baseMonthly[e] * factor * (0.85m + (decimal)_random.NextDouble() * 0.3m), 0) })
                        .ToList();
                    if (state is LiveState.Confirmed && entries.Count > 0)
                    {
                        // A figure the district flagged and explained: what the province's queue shows in full.
                        entries[0].Amount *= 4;
                        entries[0].Explanation = "ยอดขายเพิ่มขึ้นจากการออกร้านงานกาชาดจังหวัดสระแก้ว มีใบเสร็จแนบไว้แล้ว";
                    }
                    db.RevenueMonths.Add(LiveMonth(districts[k].Key, month, state, entries, now));
                }
            }
        }
    }

    private enum LiveState { Missing, Draft, Certified, Confirmed, ConfirmedLate, Approved, ApprovedLate }

    // Last month of the current year: one district missing, one draft, one certified, three confirmed (the province's
    // queue), the rest approved. Earlier months: approved, with district 2706 late now and then and one month still queued.
    private static LiveState LiveStateOf(int k, YearMonth month, bool lastMonth, bool currentYear)
    {
        if (lastMonth && currentYear)
        {
            return k switch { 8 => LiveState.Missing, 7 => LiveState.Draft, 6 => LiveState.Certified, 0 or 1 => LiveState.Confirmed, 2 => LiveState.ConfirmedLate, _ => LiveState.Approved };
        }
        if (k == 5 && month.Month % 3 == 0) return LiveState.ApprovedLate;
        if (k == 3 && currentYear && month.Month % 2 == 0) return LiveState.Confirmed;
        return LiveState.Approved;
    }

    private static RevenueMonth LiveMonth(string district, YearMonth month, LiveState state, List<RevenueEntry> entries, DateTimeOffset now)
    {
        var next = month.Next();
        var late = state is LiveState.ConfirmedLate or LiveState.ApprovedLate;
        var confirmedAt = Bangkok.StartOfDay(new DateOnly(next.Year, next.Month, late ? 4 : 2)).AddHours(10).ToUniversalTime();
        // Never in the future: a month confirmed "on the 2nd" while today is the 1st was confirmed an hour ago.
        if (confirmedAt > now) confirmedAt = now.AddHours(-1);
        var certifiedAt = confirmedAt.AddHours(-3);
        var signed = state is not (LiveState.Draft or LiveState.Missing);
        var confirmed = state is LiveState.Confirmed or LiveState.ConfirmedLate or LiveState.Approved or LiveState.ApprovedLate;
        return new RevenueMonth
        {
            DistrictCode = district,
            ProvinceCode = Province,
            Month = month.ToString(),
            Status = state switch
            {
                LiveState.Draft => RevenueStatus.Draft,
                LiveState.Certified => RevenueStatus.Certified,
                LiveState.Confirmed or LiveState.ConfirmedLate => RevenueStatus.Confirmed,
                _ => RevenueStatus.Approved,
            },
            Version = state switch { LiveState.Draft => 1, LiveState.Certified => 2, LiveState.Confirmed or LiveState.ConfirmedLate => 3, _ => 4 },
            Late = confirmed && MonthWindow.IsConfirmationLate(month, confirmedAt, MonthlyCycle.Default),
            Total = entries.Sum(e => e.Amount),
            CertifiedBy = signed ? HeadOf(district) : null,
            CertifiedAt = signed ? certifiedAt : null,
            ConfirmedBy = confirmed ? HeadOf(district) : null,
            ConfirmedAt = confirmed ? confirmedAt : null,
            FirstConfirmedAt = confirmed ? confirmedAt : null,
            UpdatedBy = "demo",
            UpdatedAt = state is LiveState.Approved or LiveState.ApprovedLate ? confirmedAt.AddDays(2) > now ? confirmedAt : confirmedAt.AddDays(2) : confirmedAt,
            Entries = entries,
        };
    }

    private static string HeadOf(string district) => Accounts.FirstOrDefault(a => a.OrgUnit == district && a.Role == Roles.DistrictHead).UserName ?? "demo.head";

    private static Indicator RevenueIndicator(int fiscalYear)
    {
        var fy = new FiscalYear(fiscalYear);
        var indicator = new Indicator
        {
            FiscalYear = fiscalYear,
            Code = "revenue-increase",
            Kind = IndicatorKind.RevenueIncrease,
            NameTh = "ร้อยละที่เพิ่มขึ้นของรายได้จากการจำหน่ายผลิตภัณฑ์ชุมชน (OTOP)",
            ScoringMethod = ScoringMethod.Step,
            BaselineMode = BaselineMode.SamePeriodPreviousYear,
        };
        // FY 2566's bands; results due on the 3rd after each round's last month, as letter 2 has them.
        indicator.Rounds.Add(LiveRound(1, fy.RoundLastDay(1).AddDays(3), 1, 2, 3, 4, 5));
        indicator.Rounds.Add(LiveRound(2, fy.RoundLastDay(2).AddDays(3), 2, 3, 4, 5, 6));
        return indicator;
    }

    private static IndicatorRound LiveRound(int round, DateOnly due, params decimal[] percents) => new()
    {
        Round = round,
        ResultDueDate = due,
        Bands = percents.Select((p, i) => new IndicatorBand { Score = i + 1, Percent = p }).ToList(),
    };
}

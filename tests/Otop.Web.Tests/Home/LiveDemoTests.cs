using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Demo;
using Otop.Web.Features.Kpi;
using Otop.Web.Features.Revenue;
using Otop.Web.Tests.Infrastructure;

namespace Otop.Web.Tests.Home;

/// <summary>CONTRACT.md "Demo data", 2nd paragraph: the demo holds a real cycle whatever day it is started.</summary>
public sealed class LiveDemoTests
{
    [Theory]
    [InlineData("2026-12-02T09:00:00+07:00")]
    [InlineData("2030-03-15T09:00:00+07:00")]
    public async Task TheDemoStartedAtAnyDate_HoldsThisYearAndLast_WithARealCycleOfStatuses(string instant)
    {
        var now = DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);
        using var app = new OtopApp(seedDemo: true, now: now);
        var thisMonth = YearMonth.Of(Bangkok.Today(now));
        var fy = thisMonth.FiscalYear;
        var months = await app.WithDbAsync(db => db.RevenueMonths.AsNoTracking()
            .Select(m => new { m.DistrictCode, m.Month, m.Status, m.Late, m.Total, Sum = m.Entries.Sum(e => e.Amount) }).ToListAsync());
        string Key(YearMonth m) => m.ToString();

        // Last fiscal year: all nine districts, every month, approved, some late.
        var previous = new FiscalYear(fy - 1).Months.Select(Key).ToHashSet();
        var lastYear = months.Where(m => previous.Contains(m.Month)).ToList();
        lastYear.Count.ShouldBe(9 * 12);
        lastYear.ShouldAllBe(m => m.Status == RevenueStatus.Approved);
        lastYear.Count(m => m.Late).ShouldBeGreaterThan(0);

        // Last month: one district missing, and the others spread over the cycle (the province's queue among them).
        var last = months.Where(m => m.Month == Key(thisMonth.Previous())).ToList();
        last.Count.ShouldBe(8);
        last.Select(m => m.Status).Distinct().Order().ShouldBe([RevenueStatus.Draft, RevenueStatus.Certified, RevenueStatus.Confirmed, RevenueStatus.Approved]);
        last.Count(m => m.Status == RevenueStatus.Confirmed).ShouldBe(3);

        // This month: drafts only; nothing after it.
        var thisKey = Key(thisMonth);
        months.Where(m => m.Month == thisKey).ShouldAllBe(m => m.Status == RevenueStatus.Draft);
        months.Count(m => m.Month == thisKey).ShouldBe(5);
        months.ShouldNotContain(m => string.CompareOrdinal(m.Month, thisKey) > 0);
        months.ShouldAllBe(m => m.Total == m.Sum);

        var indicator = await app.WithDbAsync(db => db.Indicators.Include(i => i.Rounds).ThenInclude(r => r.Bands).AsNoTracking().SingleAsync(i => i.FiscalYear == fy));
        indicator.Kind.ShouldBe(IndicatorKind.RevenueIncrease);
        indicator.Rounds.Single(r => r.Round == 1).Bands.OrderBy(b => b.Score).Select(b => b.Percent).ShouldBe([1m, 2m, 3m, 4m, 5m]);
        // The letters' years are still there, untouched.
        months.Count(m => new FiscalYear(2566).Months.Select(Key).Contains(m.Month)).ShouldBe(9 * 12);
    }

    [Fact]
    public async Task AClockInFiscalYear2567_SeedsOnlyThatYear_AndLeavesTheLettersYearsAsTheyWere()
    {
        var now = new DateTimeOffset(2024, 1, 15, 9, 0, 0, TimeSpan.FromHours(7));
        using var app = new OtopApp(seedDemo: true, now: now);

        var perYear = await app.WithDbAsync(async db => (await db.RevenueMonths.AsNoTracking().Select(m => m.Month).ToListAsync())
            .GroupBy(m => YearMonth.TryParse(m, out var ym) ? ym.FiscalYear : 0).ToDictionary(g => g.Key, g => g.Count()));

        perYear[2565].ShouldBe(9 * 12);
        perYear[2566].ShouldBe(9 * 12);
        perYear[2567].ShouldBe(9 * 2 + 8 + 5); // Oct and Nov, December less its missing district, January's drafts
        (await app.WithDbAsync(db => db.Indicators.CountAsync(i => i.FiscalYear == 2567))).ShouldBe(1);
    }

    [Fact]
    public void EachOfSaKaeosNineDistricts_HasADistrictHeadAccount()
    {
        DemoSeeder.Accounts.Where(a => a.Role == "DistrictHead").Select(a => a.OrgUnit).Order()
            .ShouldBe(Enumerable.Range(1, 9).Select(i => $"270{i}"));
    }
}

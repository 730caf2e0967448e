using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Registry;
using Otop.Web.Features.Revenue;
using Otop.Web.Platform.Data;
using Otop.Web.Tests.Infrastructure;
using Otop.Web.Tests.Revenue;

namespace Otop.Web.Tests.Home;

/// <summary>An empty app on 2 December 2569 (BE) whose SQL commands are counted per request.</summary>
public sealed class QueueCountingApp() : CountingOtopApp(now: new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.FromHours(7)));

/// <summary>
/// The province's queue on home (issue 15, items 5 and 12) reads a bounded number of SQL commands whatever the number of
/// its districts: a province of 30 or more districts, each with 12 confirmed months to check, costs what one of 9 does.
/// </summary>
public sealed class ProvinceQueueQueryCountTests(QueueCountingApp app, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<QueueCountingApp>
{
    private const int Months = 12;

    /// <summary>Every district of the province: one producer with an explained figure and 12 confirmed months (Dec 2568 – Nov 2569).</summary>
    private async Task<int> ConfirmedYearAsync(string province)
    {
        var districts = await app.WithDbAsync(db => db.OrgUnits.AsNoTracking()
            .Where(o => o.Level == OrgLevel.District && o.ParentCode == province).Select(o => o.Code).ToListAsync());
        foreach (var district in districts)
        {
            var producer = (await app.ProducersAsync(district, 1))[0];
            await app.WithDbAsync(async db =>
            {
                var id = await db.Entrepreneurs.Where(e => e.Code == producer).Select(e => e.Id).SingleAsync();
                for (var i = 0; i < Months; i++)
                {
                    var month = new YearMonth(2025, 12).AddMonths(i);
                    var row = RevenueMonth.New(district, month);
                    row.Status = RevenueStatus.Confirmed;
                    row.Version = 3;
                    row.Total = 1000m + i;
                    row.ConfirmedAt = app.Clock.GetUtcNow();
                    row.ConfirmedBy = "head";
                    row.Entries.Add(new RevenueEntry { EntrepreneurId = id, Amount = 1000m + i, Explanation = "ออกร้านงานประจำปี" });
                    db.RevenueMonths.Add(row);
                }
                return await db.SaveChangesAsync();
            });
        }
        return districts.Count;
    }

    [Fact]
    public async Task TheQueueOfAProvinceWith30Districts_SendsNoMoreSqlThanOneWith9()
    {
        var large = await app.WithDbAsync(db => db.OrgUnits.AsNoTracking().Where(o => o.Level == OrgLevel.District)
            .GroupBy(o => o.ParentCode).Where(g => g.Count() >= 30).Select(g => g.Key!).OrderBy(c => c).FirstAsync());
        var largeDistricts = await ConfirmedYearAsync(large);
        largeDistricts.ShouldBeGreaterThanOrEqualTo(30);
        (await ConfirmedYearAsync("27")).ShouldBe(9);
        var largeProvince = await app.SignedInAsync("ProvinceOfficer", large);
        var sakaeo = await app.SignedInAsync("ProvinceOfficer", "27");

        var forLarge = await app.CommandsForAsync(largeProvince, "/");
        var forSakaeo = await app.CommandsForAsync(sakaeo, "/");

        output.WriteLine($"home of a province officer: {forLarge} SQL commands for {largeDistricts} districts × {Months} months, {forSakaeo} for 9");
        (await largeProvince.GetStringAsync("/")).ShouldContain($"รอจังหวัดตรวจ ({largeDistricts * Months})");
        forLarge.ShouldBe(forSakaeo, "the number of districts must not change the number of commands");
        forLarge.ShouldBeLessThanOrEqualTo(20);
    }
}

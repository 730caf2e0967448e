using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Compilation;
using Otop.Web.Features.Revenue;
using Otop.Web.Platform.Data;
using Otop.Web.Tests.Infrastructure;
using Xunit.Abstractions;
using static Otop.Web.Tests.Revenue.RevenueTestData;

namespace Otop.Web.Tests.Scale;

/// <summary>
/// The national compilation at national scale: a month written by every one of the country's districts (878 in the
/// reference data), compiled over HTTP within 5 seconds, its sums exactly those of the frozen district rows.
/// </summary>
[Collection(TimedRatios.Name)]
public sealed class CompilationScaleTests(QuietApp app, ITestOutputHelper output) : IClassFixture<QuietApp>
{
    private static readonly RevenueStatus[] Statuses = [RevenueStatus.Draft, RevenueStatus.Certified, RevenueStatus.Confirmed, RevenueStatus.Returned, RevenueStatus.Approved];

    [Fact]
    public async Task EveryDistrictOfTheCountry_IsCompiledWithinFiveSeconds_AndTheSumsAreThoseOfTheDistrictRows()
    {
        app.Clock.Now = Bangkok(2026, 12, 20);
        var districts = await app.WithDbAsync(db => db.OrgUnits.Where(o => o.Level == OrgLevel.District).Select(o => o.Code).ToListAsync());
        districts.Count.ShouldBeGreaterThanOrEqualTo(878);
        var random = new Random(2569);
        var seeded = districts.Select(code => new RevenueMonth
        {
            DistrictCode = code, ProvinceCode = code[..2], Month = "2026-11", Status = Statuses[random.Next(Statuses.Length)],
            Total = random.Next(0, 5_000_000) + random.Next(0, 100) / 100m, Late = random.Next(4) == 0, Version = 1, UpdatedBy = "seed",
            UpdatedAt = app.Clock.GetUtcNow(),
        }).ToList();
        await app.WithDbAsync(async db => { db.RevenueMonths.AddRange(seeded); return await db.SaveChangesAsync(); });
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        await (await admin.PostAsync("/api/v1/compilations/2026-10", null)).JsonAsync(); // warm-up on an empty month

        var watch = Stopwatch.StartNew();
        var compiled = await (await admin.PostAsync("/api/v1/compilations/2026-11", null)).JsonAsync();
        watch.Stop();
        output.WriteLine($"TIME compile {districts.Count} districts over HTTP: {watch.Elapsed.TotalMilliseconds:0} ms");

        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        var rows = await app.WithDbAsync(async db =>
        {
            var id = await db.Compilations.Where(c => c.Month == "2026-11").Select(c => c.Id).SingleAsync();
            return await db.CompiledDistricts.Where(r => r.CompilationId == id).ToListAsync();
        });
        rows.Count.ShouldBe(districts.Count);
        var total = compiled.GetProperty("total");
        total.GetProperty("revenue").GetDecimal().ShouldBe(rows.Sum(r => r.Total));
        total.GetProperty("revenue").GetDecimal().ShouldBe(seeded.Sum(m => m.Total));
        total.GetProperty("confirmed").GetInt32().ShouldBe(seeded.Count(m => m.Status is RevenueStatus.Confirmed or RevenueStatus.Approved));
        total.GetProperty("late").GetInt32().ShouldBe(seeded.Count(m => m.Late && m.Status is RevenueStatus.Confirmed or RevenueStatus.Approved));
        total.GetProperty("missing").GetInt32().ShouldBe(rows.Count(r => r.Missing));
        var byProvince = rows.GroupBy(r => r.ProvinceCode).ToDictionary(g => g.Key);
        var provinces = compiled.GetProperty("provinces").EnumerateArray().ToList();
        provinces.Count.ShouldBe(byProvince.Count);
        foreach (var p in provinces)
        {
            var own = byProvince[p.GetProperty("code").GetString()!];
            p.GetProperty("revenue").GetDecimal().ShouldBe(own.Sum(r => r.Total));
            p.GetProperty("districts").GetInt32().ShouldBe(own.Count());
            p.GetProperty("confirmed").GetInt32().ShouldBe(own.Count(r => !r.Missing));
            p.GetProperty("late").GetInt32().ShouldBe(own.Count(r => r.Late));
        }
    }
}

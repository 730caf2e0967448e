using System.Net;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Tests.Infrastructure;
using Otop.Web.Features.Demo;
using Otop.Web.Features.Kpi;
using Otop.Web.Features.Registry;
using Otop.Web.Features.Revenue;
using Otop.Web.Platform.Auth;

namespace Otop.Web.Tests.Foundation;

public sealed class DemoDataTests(DemoApp app) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task SaKaeosRegistry_ReproducesLetter1sTable_ForRegistrationYears2557To2563()
    {
        var counts = await app.WithDbAsync(db => db.Products
            .Where(p => p.RegisteredYear >= 2557 && p.RegisteredYear <= 2563 && p.Entrepreneur.ProvinceCode == "27")
            .GroupBy(p => p.Entrepreneur.DistrictCode)
            .Select(g => new { District = g.Key, Products = g.Count(), Entrepreneurs = g.Select(p => p.EntrepreneurId).Distinct().Count() })
            .ToListAsync());

        counts.OrderBy(c => c.District).Select(c => $"{c.District}:{c.Entrepreneurs}/{c.Products}").ShouldBe([
            "2701:140/406", "2702:65/164", "2703:58/152", "2704:81/270", "2705:168/303",
            "2706:77/220", "2707:109/198", "2708:63/86", "2709:71/147",
        ]);
        counts.Sum(c => c.Entrepreneurs).ShouldBe(832);
        counts.Sum(c => c.Products).ShouldBe(1946);
    }

    [Fact]
    public async Task TheRegistryAlsoHoldsProductsOutsideTheRange()
    {
        var outside = await app.WithDbAsync(db => db.Products.CountAsync(p => p.RegisteredYear < 2557 || p.RegisteredYear > 2563));

        outside.ShouldBeGreaterThan(50);
    }

    [Fact]
    public async Task NamesLookReal_NotLikeTestData()
    {
        var names = await app.WithDbAsync(db => db.Entrepreneurs.Select(e => e.Name).Take(200).ToListAsync());

        names.ShouldAllBe(n => System.Text.RegularExpressions.Regex.IsMatch(n, @"[\u0E00-\u0E7F]"));
        names.ShouldNotContain(n => n.Contains("Test", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task BothIndicatorsOfTheLetters_AreThere_WithLetter1sBands()
    {
        var indicators = await app.WithDbAsync(db => db.Indicators.Include(i => i.Rounds).ThenInclude(r => r.Bands).AsNoTracking().ToListAsync());

        var online = indicators.Single(i => i.FiscalYear == 2564);
        online.Kind.ShouldBe(IndicatorKind.OnlineMarketShare);
        (online.RegisteredFrom, online.RegisteredTo).ShouldBe((2557, 2563));
        online.Rounds.Single(r => r.Round == 1).Bands.OrderBy(b => b.Score).Select(b => b.Percent).ShouldBe([6m, 7m, 8m, 9m, 10m]);
        indicators.Single(i => i.FiscalYear == 2566).Kind.ShouldBe(IndicatorKind.RevenueIncrease);
    }

    [Fact]
    public async Task SaKaeoRevenue_CoversEveryDistrictAndMonth_OfFiscalYears2565And2566_AndTotalsAddUp()
    {
        var months = await app.WithDbAsync(db => db.RevenueMonths.AsNoTracking()
            .Select(m => new { m.DistrictCode, m.Month, m.Total, Sum = m.Entries.Sum(e => e.Amount) }).ToListAsync());

        months.Count.ShouldBe(9 * 24);
        months.Select(m => m.Month).Distinct().Order().First().ShouldBe("2021-10");
        months.Select(m => m.Month).Distinct().Order().Last().ShouldBe("2023-09");
        months.ShouldAllBe(m => m.Total == m.Sum);
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("sakaeo")]
    [InlineData("muang.officer")]
    [InlineData("muang.head")]
    [InlineData("viewer")]
    public async Task EachDemoAccount_OutsideDevelopment_IsRefusedWithTheReadmePassword_UntilItIsChanged(string user)
    {
        var response = await app.CreateClient().PostJsonAsync("/api/v1/auth/token", new { username = user, password = DemoSeeder.DemoPassword });

        var problem = await response.ProblemAsync(HttpStatusCode.Forbidden);
        problem.GetProperty("detail").GetString().ShouldBe(Otop.Web.Platform.Auth.SignInGate.DemoPasswordMessage);
        app.WithDb(db => db.Users.Single(u => u.UserName == user).PasswordIsDemo).ShouldBeTrue();
    }

    [Fact]
    public async Task EveryRoleHasADemoAccount()
    {
        DemoSeeder.Accounts.Select(a => a.Role).Distinct().Order()
            .ShouldBe(Otop.Web.Platform.Auth.Roles.All.Order());
        await Task.CompletedTask;
    }

    [Fact]
    public async Task ConfirmedMonths_AreMarkedLate_ExactlyWhenConfirmedAfterThe3rd()
    {
        var months = await app.WithDbAsync(db => db.RevenueMonths.AsNoTracking().Select(m => new { m.Month, m.ConfirmedAt, m.Late }).ToListAsync());

        foreach (var m in months)
        {
            YearMonth.TryParse(m.Month, out var ym).ShouldBeTrue();
            var confirmedOn = Bangkok.Today(m.ConfirmedAt!.Value);
            m.Late.ShouldBe(confirmedOn.Day > 3, $"{m.Month} confirmed {confirmedOn}");
        }
        months.ShouldContain(m => m.Late);
    }
}

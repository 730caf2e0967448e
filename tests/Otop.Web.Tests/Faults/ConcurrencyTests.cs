using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Tests.Infrastructure;
using Otop.Web.Tests.Registry;
using Otop.Web.Tests.Revenue;
using static Otop.Web.Tests.Revenue.RevenueTestData;
using Otop.Web.Features.Registry;
using Otop.Web.Features.Revenue;

namespace Otop.Web.Tests.Faults;

/// <summary>docs/decisions/009-faults-and-nodes.md: two people doing the same thing at the same moment, on SQLite and on PostgreSQL.</summary>
public sealed class ConcurrencyTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    [Fact]
    public async Task TwoOfficersSavingTheSameMonthAtOnce_OneWins_TheOtherIs409NamingWhoAndWhen_AndNothingIsLost()
    {
        app.Clock.Now = Bangkok(2023, 2, 20);
        var codes = await app.ProducersAsync("2704", 3);
        var somchai = await app.CreateUserAsync("DistrictOfficer", "2704", "somchai." + Guid.NewGuid().ToString("N")[..6]);
        var malee = await app.CreateUserAsync("DistrictHead", "2704", "malee." + Guid.NewGuid().ToString("N")[..6]);
        var first = await app.ClientForAsync(somchai);
        var second = await app.ClientForAsync(malee);
        var version = (await (await first.PutMonthAsync("2704", "2023-02", Entries(codes, 100m, 200m, 300m))).JsonAsync()).GetProperty("version").GetInt32();

        for (var round = 0; round < 4; round++)
        {
            var fromFirst = Entries(codes, 1000m + round, 2000m, 3000m);
            var fromSecond = Entries(codes, 7000m + round, 8000m, 9000m);

            var answers = await Task.WhenAll(first.PutMonthAsync("2704", "2023-02", fromFirst, version),
                second.PutMonthAsync("2704", "2023-02", fromSecond, version));

            answers.Count(a => a.StatusCode == HttpStatusCode.OK).ShouldBe(1, $"round {round}");
            var winnerIsFirst = answers[0].StatusCode == HttpStatusCode.OK;
            var loser = winnerIsFirst ? answers[1] : answers[0];
            var problem = await loser.ProblemAsync(HttpStatusCode.Conflict);
            var winnerName = $"ผู้ทดสอบ {(winnerIsFirst ? somchai : malee)}";
            problem.GetProperty("detail").GetString()!.ShouldContain(winnerName);
            problem.GetProperty("updatedBy").GetString().ShouldBe(winnerName);
            problem.TryGetProperty("updatedAt", out _).ShouldBeTrue();
            var stored = await (await first.GetAsync("/api/v1/revenue/2704/2023-02")).JsonAsync();
            stored.GetProperty("entries")[0].GetProperty("amount").GetDecimal().ShouldBe((winnerIsFirst ? 1000m : 7000m) + round);
            stored.GetProperty("total").GetDecimal().ShouldBe(winnerIsFirst ? 6000m + round : 24000m + round);
            version = stored.GetProperty("version").GetInt32();

            var loserClient = winnerIsFirst ? second : first;
            var reloaded = await (await loserClient.GetAsync("/api/v1/revenue/2704/2023-02")).JsonAsync();
            var saved = await (await loserClient.PutMonthAsync("2704", "2023-02", winnerIsFirst ? fromSecond : fromFirst,
                reloaded.GetProperty("version").GetInt32())).JsonAsync();
            version = saved.GetProperty("version").GetInt32();
            version.ShouldBe(reloaded.GetProperty("version").GetInt32() + 1);
        }
    }

    [Fact]
    public async Task TwoFirstWritesOfANewMonthAtOnce_OneWins_TheOtherIs409()
    {
        app.Clock.Now = Bangkok(2023, 2, 20);
        var codes = await app.ProducersAsync("2705", 2);
        var a = await app.ClientAsAsync("DistrictOfficer", "2705");
        var b = await app.ClientAsAsync("DistrictOfficer", "2705");

        var answers = await Task.WhenAll(a.PutMonthAsync("2705", "2023-02", Entries(codes, 1m, 2m)),
            b.PutMonthAsync("2705", "2023-02", Entries(codes, 3m, 4m)));

        answers.Select(x => (int)x.StatusCode).Order().ShouldBe([200, 409]);
        await answers.Single(x => x.StatusCode == HttpStatusCode.Conflict).ProblemAsync(HttpStatusCode.Conflict);
        (await app.WithDbAsync(db => db.RevenueMonths.CountAsync(m => m.DistrictCode == "2705" && m.Month == "2023-02"))).ShouldBe(1);
        (await app.WithDbAsync(db => db.RevenueEntries.CountAsync(e => e.RevenueMonth.DistrictCode == "2705"))).ShouldBe(2);
    }

    [Fact]
    public async Task TheSameRegistryImportPostedTwiceAtOnce_BothSucceed_WithoutDuplicateRows()
    {
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        var other = await app.ClientAsAsync("ProvinceOfficer", "27");
        for (var round = 0; round < 3; round++)
        {
            var p = RegistryFiles.NewPrefix();
            var file = RegistryFiles.Csv(Enumerable.Range(0, 400).Select(i => RegistryFiles.Row($"{p}E{i / 4}", $"{p}P{i}")));

            var answers = await Task.WhenAll(admin.ImportAsync(file), other.ImportAsync(file));

            foreach (var answer in answers)
            {
                ((int)answer.StatusCode).ShouldBeOneOf([200, 409], await answer.Content.ReadAsStringAsync());
            }
            var bodies = await Task.WhenAll(answers.Where(x => x.StatusCode == HttpStatusCode.OK).Select(x => x.JsonAsync()));
            bodies.Sum(b => b.GetProperty("inserted").GetProperty("products").GetInt32()).ShouldBe(400);
            (await app.WithDbAsync(db => db.Products.CountAsync(x => x.Code.StartsWith(p)))).ShouldBe(400);
            (await app.WithDbAsync(db => db.Entrepreneurs.CountAsync(x => x.Code.StartsWith(p)))).ShouldBe(100);
        }
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Otop.Domain;
using Otop.Web.Features.Compilation;
using Otop.Web.Platform.Data;
using Otop.Web.Tests.Infrastructure;
using static Otop.Web.Tests.Revenue.RevenueTestData;

namespace Otop.Web.Tests.Compilation;

/// <summary>
/// The scheduler (CONTRACT.md "National compilation"): month M compiled by itself at 00:00 Bangkok on the close day of
/// M+1, caught up on start when that day has passed, exactly once however many nodes run it.
/// </summary>
public sealed class CompilationSchedulerTests
{
    private static readonly Dictionary<string, string?> SchedulerOn = new()
    {
        ["Compilation:Scheduler"] = "true",
        ["Compilation:Poll"] = "00:00:01",
        ["Reminders:Enabled"] = "false",
    };

    private static Task<int> ScheduledAsync(OtopApp app, string month) =>
        app.WithDbAsync(db => db.Compilations.CountAsync(c => c.Month == month && c.Trigger == NationalCompilation.ScheduleTrigger));

    [Fact]
    public async Task TheCatchUp_CompilesTheMonthExactlyOnce_EvenWhenTwoPassesRunAtTheSameMoment()
    {
        using var app = new OtopApp(now: Bangkok(2026, 12, 20)); // the 6th has passed, November not compiled
        using var one = app.Services.CreateScope();
        using var two = app.Services.CreateScope();

        var passes = await Task.WhenAll(
            Task.Run(() => CompilationCommands.RunScheduleAsync(one.ServiceProvider.GetRequiredService<AppDbContext>(), app.Clock, app.Services.GetRequiredService<CompilationMetrics>(), default)),
            Task.Run(() => CompilationCommands.RunScheduleAsync(two.ServiceProvider.GetRequiredService<AppDbContext>(), app.Clock, app.Services.GetRequiredService<CompilationMetrics>(), default)));
        var third = await app.WithDbAsync(db => CompilationCommands.RunScheduleAsync(db, app.Clock, app.Services.GetRequiredService<CompilationMetrics>(), default));

        passes.Select(p => p.Month).ShouldAllBe(m => m == new YearMonth(2026, 11));
        passes.Count(p => p.Compiled).ShouldBe(1);
        third.Compiled.ShouldBeFalse();
        third.NextDue.ShouldBe(Bangkok(2027, 1, 6, 0, 0));
        (await ScheduledAsync(app, "2026-11")).ShouldBe(1);
        var compilation = await app.WithDbAsync(db => db.Compilations.Include(c => c.Districts).SingleAsync(c => c.Month == "2026-11"));
        compilation.CompiledBy.ShouldBe("system");
        compilation.Districts.Count.ShouldBe(await app.WithDbAsync(db => db.OrgUnits.CountAsync(o => o.Level == OrgLevel.District)));
        (await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Entity == "compilation" && a.Key == "2026-11" && a.Action == "compile-scheduled")))
            .ShouldBe(1, "the losing pass leaves no audit entry");
    }

    [Fact]
    public async Task TwoNodesWithTheSchedulerOn_CatchUpOnce_ThenCompileTheNextMonthAtMidnightBangkokOnTheCloseDay()
    {
        using var a = new OtopApp(now: Bangkok(2026, 12, 20), settings: SchedulerOn);
        _ = a.Services; // start node A (migrates the database)
        using var b = new OtopApp(now: Bangkok(2026, 12, 20), database: a.Database, settings: SchedulerOn);
        _ = b.Services;

        await WaitUntilAsync(async () => await ScheduledAsync(a, "2026-11") > 0);
        await Task.Delay(TimeSpan.FromSeconds(3)); // several passes of both nodes
        (await ScheduledAsync(a, "2026-11")).ShouldBe(1);

        a.Clock.Now = b.Clock.Now = Bangkok(2027, 1, 5, 23, 59);
        await Task.Delay(TimeSpan.FromSeconds(3));
        (await ScheduledAsync(a, "2026-12")).ShouldBe(0, "a minute before midnight of the 6th, December is not due");

        a.Clock.Now = b.Clock.Now = Bangkok(2027, 1, 6, 0, 0);
        await WaitUntilAsync(async () => await ScheduledAsync(a, "2026-12") > 0);
        await Task.Delay(TimeSpan.FromSeconds(3));
        (await ScheduledAsync(a, "2026-12")).ShouldBe(1);
        var at = await a.WithDbAsync(db => db.Compilations.Where(c => c.Month == "2026-12").Select(c => c.CompiledAt).SingleAsync());
        at.ShouldBe(Bangkok(2027, 1, 6, 0, 0));
    }

    [Fact]
    public async Task WithTheSchedulerOff_NothingIsCompiledBeforeTheDepartmentAsks()
    {
        using var app = new OtopApp(now: Bangkok(2026, 12, 20), settings: new Dictionary<string, string?> { ["Compilation:Scheduler"] = "false", ["Compilation:Poll"] = "00:00:01" });
        _ = app.Services;

        await Task.Delay(TimeSpan.FromSeconds(2));

        (await app.WithDbAsync(db => db.Compilations.CountAsync())).ShouldBe(0);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> done)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (!await done())
        {
            DateTime.UtcNow.ShouldBeLessThan(until, "the scheduler did not compile within a minute");
            await Task.Delay(200);
        }
    }
}

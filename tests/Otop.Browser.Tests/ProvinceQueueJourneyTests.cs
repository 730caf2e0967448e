using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Otop.Domain;
using Otop.Web.Features.Demo;
using Otop.Web.Features.Revenue;
using Otop.Web.Tests.Infrastructure;

namespace Otop.Browser.Tests;

/// <summary>
/// Issue 15, items 5 and 12: Sa Kaeo's province officer checks its districts' confirmed months from the queue on its home
/// page (the flags with their explanations in full, the scan present or missing, the late flag), approves one and returns
/// one with a reason without opening the month, and the returned district's officer reads that reason on its own home
/// page and in the bell. On the live demo of 2 December 2569, on a phone and at a desk.
/// </summary>
public sealed class ProvinceQueueJourneyTests(LiveDemoBrowserApp browser) : IClassFixture<LiveDemoBrowserApp>
{
    private sealed record Queued(string District, string Month, ILocator Card);

    private static Queued Parse(string testId, ILocator card)
    {
        // "queue-2701-2026-11": the district's code, then the month.
        var key = testId["queue-".Length..];
        return new Queued(key[..4], key[5..], card);
    }

    private Task<RevenueMonth> MonthAsync(string district, string month) => browser.App.WithDbAsync(db =>
        db.RevenueMonths.AsNoTracking().SingleAsync(m => m.DistrictCode == district && m.Month == month));

    private Task<string> NameAsync(string district) => browser.App.WithDbAsync(db => db.OrgUnits.Where(o => o.Code == district).Select(o => o.NameTh).SingleAsync());

    [Theory]
    [InlineData(390, "phone")]
    [InlineData(1280, "desk")]
    public async Task TheProvinceApprovesOneMonthAndReturnsAnother_FromItsQueue_AndTheDistrictReadsTheReasonAtHomeAndInTheBell(int width, string device)
    {
        var page = await browser.NewPageAsync(width, width < 600 ? 844 : 900);
        await browser.LogInAsync(page, "sakaeo", DemoSeeder.DemoPassword);
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        var cards = page.GetByTestId("province-queue").Locator("article[data-testid^='queue-']");
        var before = await cards.CountAsync();
        before.ShouldBeGreaterThanOrEqualTo(2, "the demo leaves confirmed months for the province to check");

        // Every listed month shows what the check needs, as the database has it.
        var listed = new List<Queued>();
        for (var i = 0; i < before; i++) listed.Add(Parse((await cards.Nth(i).GetAttributeAsync("data-testid"))!, cards.Nth(i)));
        var explained = 0;
        foreach (var q in listed)
        {
            var stored = await MonthAsync(q.District, q.Month);
            stored.Status.ShouldBe(RevenueStatus.Confirmed);
            var explanations = await browser.App.WithDbAsync(db => db.RevenueEntries.Where(e => e.RevenueMonthId == stored.Id && e.Explanation != null)
                .Select(e => e.Explanation!).ToListAsync());
            var text = await q.Card.InnerTextAsync();
            foreach (var explanation in explanations) text.ShouldContain(explanation, customMessage: $"{q.District} {q.Month}: the explanation in full");
            explained += explanations.Count;
            var hasScan = await browser.App.WithDbAsync(db => db.RevenueFiles.AnyAsync(f => f.DistrictCode == q.District && f.Month == q.Month && f.Purpose == RevenueFilePurpose.SignedRt2));
            (await q.Card.GetByTestId(hasScan ? "scan-present" : "scan-missing").CountAsync()).ShouldBe(1, $"{q.District} {q.Month}: scan {(hasScan ? "present" : "missing")}");
            (await q.Card.GetByTestId("late").CountAsync()).ShouldBe(stored.Late ? 1 : 0, $"{q.District} {q.Month}: late flag");
        }
        explained.ShouldBeGreaterThan(0, "at least one queued month carries a flagged figure and its explanation");
        (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(width, "no page-wide scroll");
        (await listed[0].Card.GetByTestId("approve").BoundingBoxAsync())!.Height.ShouldBeGreaterThanOrEqualTo(44f, "approve is a tap target");
        await browser.ScreenshotAsync(page, $"queue-01-{device}-before");

        var approved = listed[0];
        await approved.Card.GetByTestId("approve").ClickAsync();
        await Assertions.Expect(page.GetByTestId("home-message")).ToContainTextAsync($"อนุมัติข้อมูลเดือน{RevenueMonth.ThaiMonth(YearMonth.TryParse(approved.Month, out var ym) ? ym : default)} ของอำเภอ{await NameAsync(approved.District)} แล้ว");
        await Assertions.Expect(page.GetByTestId($"queue-{approved.District}-{approved.Month}")).ToHaveCountAsync(0);
        (await MonthAsync(approved.District, approved.Month)).Status.ShouldBe(RevenueStatus.Approved);

        // The returned district's officer exists before the return: the bell tells the district's people at that moment.
        var returned = listed[1];
        var officer = await browser.App.CreateUserAsync("DistrictOfficer", returned.District);
        var reason = $"ยอดของผู้ประกอบการรายแรกไม่ตรงกับใบเสร็จ กรุณาตรวจสอบ ({device})";
        var card = page.GetByTestId($"queue-{returned.District}-{returned.Month}");
        await card.GetByTestId("reason").FillAsync(reason);
        await browser.ScreenshotAsync(page, $"queue-02-{device}-returning");
        await card.GetByTestId("return").ClickAsync();
        await Assertions.Expect(page.GetByTestId("home-message")).ToContainTextAsync($"ของอำเภอ{await NameAsync(returned.District)} แล้ว");
        await Assertions.Expect(page.GetByTestId($"queue-{returned.District}-{returned.Month}")).ToHaveCountAsync(0);
        await Assertions.Expect(cards).ToHaveCountAsync(before - 2);
        await Assertions.Expect(page.Locator("#queue-title")).ToContainTextAsync($"({before - 2})");
        var sentBack = await MonthAsync(returned.District, returned.Month);
        (sentBack.Status, sentBack.ReturnReason).ShouldBe((RevenueStatus.Returned, reason));
        await browser.ScreenshotAsync(page, $"queue-03-{device}-after");

        var district = await browser.NewPageAsync(width, width < 600 ? 844 : 900);
        await browser.LogInAsync(district, officer, OtopApp.Password);
        await district.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        var first = district.GetByTestId("district-steps").Locator("li").First;
        (await first.GetAttributeAsync("data-testid")).ShouldBe("step-returned", "the province is waiting: the returned month comes first");
        await Assertions.Expect(first).ToContainTextAsync(reason);
        await browser.ScreenshotAsync(district, $"queue-04-{device}-district-home");
        // On a phone the bell is in the menu.
        if (width < 1200) await district.GetByRole(AriaRole.Button, new() { Name = "เมนู" }).ClickAsync();
        await Assertions.Expect(district.GetByTestId("notice-count")).ToHaveTextAsync("1");
        await district.GetByTestId("nav-notices").ClickAsync();
        await Assertions.Expect(district.GetByTestId("notice").First).ToContainTextAsync("ส่งคืน");
        await Assertions.Expect(district.GetByTestId("notice-body").First).ToContainTextAsync(reason);
        await browser.ScreenshotAsync(district, $"queue-05-{device}-district-bell");
    }
}

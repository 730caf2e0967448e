using System.Net;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using System.Text.RegularExpressions;
using Otop.Web.Features.Revenue;
using Otop.Web.Tests.Infrastructure;

namespace Otop.Web.Tests.Home;

/// <summary>The live demo on 2 December 2569 (BE): November's months are being confirmed, the close is still ahead.</summary>
public sealed class LiveDemoApp() : OtopApp(seedDemo: true, now: new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.FromHours(7)));

/// <summary>Issue 15, items 5 and 6: each role's next step, and the province's queue acted on in place.</summary>
public sealed class HomePageTests(LiveDemoApp app) : IClassFixture<LiveDemoApp>
{
    private static FormUrlEncodedContent Form(string token, string district, string month, int version, string? reason = null)
    {
        var fields = new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["District"] = district, ["Month"] = month, ["Version"] = $"{version}" };
        if (reason is not null) fields["Reason"] = reason;
        return new FormUrlEncodedContent(fields);
    }

    private Task<RevenueMonth> MonthAsync(string district, string month) =>
        app.WithDbAsync(db => db.RevenueMonths.AsNoTracking().SingleAsync(m => m.DistrictCode == district && m.Month == month));

    [Fact]
    public async Task TheProvincesQueue_ListsConfirmedMonths_WithTheirExplanationsInFullAndTheScanMissing_AndApprovesInPlace()
    {
        var province = await app.SignedInAsync("ProvinceOfficer", "27");
        var html = await province.GetStringAsync("/");

        html.ShouldContain("data-testid=\"queue-2701-2026-11\"");
        html.ShouldContain("ยอดขายเพิ่มขึ้นจากการออกร้านงานกาชาดจังหวัดสระแก้ว มีใบเสร็จแนบไว้แล้ว");
        html.ShouldContain("ยังไม่แนบสแกน รต.2");
        var before = await MonthAsync("2701", "2026-11");

        var response = await province.PostAsync("/?handler=Approve", Form(Antiforgery.TokenFrom(html), "2701", "2026-11", before.Version));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await MonthAsync("2701", "2026-11")).Status.ShouldBe(RevenueStatus.Approved);
        (await province.GetStringAsync("/")).ShouldNotContain("data-testid=\"queue-2701-2026-11\"");
    }

    [Fact]
    public async Task AStaleVersion_FromTheQueue_Answers409_AndChangesNothing()
    {
        var province = await app.SignedInAsync("ProvinceOfficer", "27");
        var html = await province.GetStringAsync("/");
        var before = await MonthAsync("2702", "2026-11");

        var response = await province.PostAsync("/?handler=Approve", Form(Antiforgery.TokenFrom(html), "2702", "2026-11", before.Version - 1));

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.Content.ReadAsStringAsync()).ShouldContain("data-testid=\"queue-error\"");
        var after = await MonthAsync("2702", "2026-11");
        (after.Status, after.Version).ShouldBe((RevenueStatus.Confirmed, before.Version));
    }

    [Fact]
    public async Task ReturningFromTheQueue_NeedsAReason_AndTheDistrictSeesItFirstOnItsHomePage()
    {
        var province = await app.SignedInAsync("ProvinceOfficer", "27");
        var token = Antiforgery.TokenFrom(await province.GetStringAsync("/"));
        var version = (await MonthAsync("2703", "2026-11")).Version;

        var refused = await province.PostAsync("/?handler=Return", Form(token, "2703", "2026-11", version, "  "));
        refused.StatusCode.ShouldBe((HttpStatusCode)422);
        (await MonthAsync("2703", "2026-11")).Status.ShouldBe(RevenueStatus.Confirmed);

        var returned = await province.PostAsync("/?handler=Return", Form(token, "2703", "2026-11", version, "ยอดของ 27030001 ไม่ตรงกับใบเสร็จ"));
        returned.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await MonthAsync("2703", "2026-11")).Status.ShouldBe(RevenueStatus.Returned);

        var officer = await app.SignedInAsync("DistrictOfficer", "2703");
        var home = await officer.GetStringAsync("/");
        home.ShouldContain("data-testid=\"step-returned\"");
        home.ShouldContain("ยอดของ 27030001 ไม่ตรงกับใบเสร็จ");
        // Returned months come first: the province is waiting.
        home.IndexOf("data-testid=\"step-", StringComparison.Ordinal).ShouldBe(home.IndexOf("data-testid=\"step-returned\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DuringTheClose_TheQueueOffersNoAction_SaysWhy_AndAPostAnswers423()
    {
        var before = await MonthAsync("2704", "2026-10");
        var saved = app.Clock.Now;
        app.Clock.Now = new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.FromHours(7));
        try
        {
            var province = await app.SignedInAsync("ProvinceOfficer", "27");
            var html = await province.GetStringAsync("/");
            var token = Antiforgery.TokenFrom(html);
            html.ShouldContain("data-testid=\"queue-blocked\"");
            html.ShouldContain("กรมปิดระบบเพื่อรวบรวมข้อมูล");
            html.ShouldNotContain("data-testid=\"approve\"");

            var response = await province.PostAsync("/?handler=Approve", Form(token, "2704", "2026-10", before.Version));
            response.StatusCode.ShouldBe((HttpStatusCode)423);
            (await MonthAsync("2704", "2026-10")).Status.ShouldBe(RevenueStatus.Confirmed);
        }
        finally
        {
            app.Clock.Now = saved;
        }
    }

    [Fact]
    public async Task TheHead_SeesConfirmBeforeCertify_InDeadlineOrder_AndItsMissingScans()
    {
        var head = await app.SignedInAsync("DistrictHead", "2707");

        var html = await head.GetStringAsync("/");

        // 2707's November is certified (confirm by the 3rd); its signed months without a scan follow, having no deadline.
        html.ShouldContain("data-testid=\"step-confirm\"");
        html.ShouldContain("data-testid=\"step-scan\"");
        html.IndexOf("step-confirm", StringComparison.Ordinal).ShouldBeLessThan(html.IndexOf("step-scan", StringComparison.Ordinal));
        html.ShouldContain("ภายในวันที่ 3 ธันวาคม 2569");
    }

    [Fact]
    public async Task TheOfficersMissingScans_AreOneStep_NamingEachMonth_AndLinkingToTheOldest()
    {
        var officer = await app.SignedInAsync("DistrictOfficer", "2702");
        var missing = await app.WithDbAsync(db => db.RevenueMonths.AsNoTracking()
            .Where(m => m.DistrictCode == "2702" && (m.Status == RevenueStatus.Certified || m.Status == RevenueStatus.Confirmed || m.Status == RevenueStatus.Approved)
                && !db.Set<RevenueFile>().Any(f => f.DistrictCode == m.DistrictCode && f.Month == m.Month && f.Purpose == RevenueFilePurpose.SignedRt2))
            .Select(m => m.Month).ToListAsync());
        // The home looks at the current fiscal year (2570 on 2 December 2569) and the one before: what may still be signed.
        var since = new FiscalYear(2569).Months.First().ToString();
        missing = missing.Where(m => string.CompareOrdinal(m, since) >= 0).Order(StringComparer.Ordinal).ToList();
        missing.Count.ShouldBeGreaterThan(1, "the demo leaves several signed months of Khlong Hat without their scan");

        var html = await officer.GetStringAsync("/");

        Regex.Count(html, "data-testid=\"step-scan\"").ShouldBe(1);
        html.ShouldContain($"แนบสแกน รต.2 ที่ยังขาด {missing.Count} เดือน");
        html.ShouldContain($"/Revenue/Scan?district=2702&amp;month={missing[0]}");
        var scan = html.IndexOf("data-testid=\"step-scan\"", StringComparison.Ordinal);
        var step = html[scan..html.IndexOf("</li>", scan, StringComparison.Ordinal)];
        foreach (var group in missing.Select(m => YearMonth.TryParse(m, out var ym) ? ym : default).GroupBy(m => m.Month))
        {
            Regex.Count(step, Regex.Escape(ThaiDates.MonthAbbreviation(group.Key))).ShouldBe(group.Count(), $"month {group.Key} named once per year missing");
            foreach (var ym in group) step.ShouldContain($"{ThaiDates.ToBuddhistYear(ym.Year)}");
        }
        // Steps with a deadline come first: the scans have none.
        foreach (var dated in new[] { "step-enter", "step-task" })
        {
            var at = html.IndexOf($"data-testid=\"{dated}\"", StringComparison.Ordinal);
            if (at >= 0) at.ShouldBeLessThan(scan, dated);
        }
    }

    [Fact]
    public async Task TheSignedScan_CanBeAttachedAfterConfirming_AndLeavesTheProvincesMissingList()
    {
        var officer = await app.SignedInAsync("DistrictOfficer", "2701");
        var page = await officer.GetStringAsync("/Revenue/Scan?district=2701&month=2026-10");
        page.ShouldContain("data-testid=\"scan-none\"");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Antiforgery.TokenFrom(page)), "__RequestVerificationToken" },
            { new ByteArrayContent("%PDF-1.4\n%demo scan\n"u8.ToArray()), "Upload", "rt2-2701-2569-10.pdf" },
        };

        var response = await officer.PostAsync("/Revenue/Scan?district=2701&month=2026-10", form);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await officer.GetStringAsync("/Revenue/Scan?district=2701&month=2026-10")).ShouldContain("rt2-2701-2569-10.pdf");
        (await app.WithDbAsync(db => db.RevenueFiles.CountAsync(f => f.DistrictCode == "2701" && f.Month == "2026-10" && f.Purpose == RevenueFilePurpose.SignedRt2))).ShouldBe(1);
    }

    [Fact]
    public async Task AScan_ForAMonthNotYetCertified_Answers409_AndStoresNothing()
    {
        var officer = await app.SignedInAsync("DistrictOfficer", "2708");
        var page = await officer.GetStringAsync("/Revenue/Scan?district=2708&month=2026-11");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Antiforgery.TokenFrom(page)), "__RequestVerificationToken" },
            { new ByteArrayContent("%PDF-1.4\n"u8.ToArray()), "Upload", "x.pdf" },
        };

        var response = await officer.PostAsync("/Revenue/Scan?district=2708&month=2026-11", form);

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await app.WithDbAsync(db => db.RevenueFiles.CountAsync(f => f.DistrictCode == "2708" && f.Month == "2026-11"))).ShouldBe(0);
    }

    [Fact]
    public async Task TheDepartment_SeesNationalProgress_OfTheMonthBeingReported()
    {
        var admin = await app.SignedInAsync("DepartmentAdmin", "0");

        var html = await admin.GetStringAsync("/");

        html.ShouldContain("data-testid=\"national-27\"");
        html.ShouldContain("data-testid=\"national-total\"");
        html.ShouldContain("เดือนพฤศจิกายน 2569");
    }
}

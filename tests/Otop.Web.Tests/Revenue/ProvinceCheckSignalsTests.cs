using System.Net;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Revenue;
using Otop.Web.Tests.Home;
using Otop.Web.Tests.Infrastructure;

namespace Otop.Web.Tests.Revenue;

/// <summary>
/// Issue 15, item 6, on the province's check page (รต.4) and the month it opens from there: a certified month without the
/// signed รต.2 scan is flagged, and during the 6th–10th close the province is not offered approve, return or unlock, but
/// told in Thai why and from when it can (the server refuses them then: CONTRACT "Revenue", window).
/// </summary>
public sealed class ProvinceCheckSignalsTests(LiveDemoApp app) : IClassFixture<LiveDemoApp>
{
    private static readonly DateTimeOffset DuringTheClose = new(2026, 12, 7, 10, 0, 0, TimeSpan.FromHours(7));

    private Task<RevenueMonth> ConfirmedWithoutScanAsync() => app.WithDbAsync(db => db.RevenueMonths.AsNoTracking()
        .Where(m => m.ProvinceCode == "27" && m.Month.CompareTo("2026-10") >= 0 && m.Status == RevenueStatus.Confirmed
            && !db.Set<RevenueFile>().Any(f => f.DistrictCode == m.DistrictCode && f.Month == m.Month && f.Purpose == RevenueFilePurpose.SignedRt2))
        .OrderBy(m => m.Month).ThenBy(m => m.DistrictCode).FirstAsync());

    private async Task<T> DuringTheCloseAsync<T>(Func<Task<T>> act)
    {
        var saved = app.Clock.Now;
        app.Clock.Now = DuringTheClose;
        try { return await act(); }
        finally { app.Clock.Now = saved; }
    }

    [Fact]
    public async Task TheCheckPage_FlagsACertifiedMonthWithoutItsSignedScan_AndNotOnceTheScanIsAttached()
    {
        var month = await ConfirmedWithoutScanAsync();
        var province = await app.SignedInAsync("ProvinceOfficer", "27");
        var cell = $"data-testid=\"scan-missing-{month.DistrictCode}-{month.Month}\"";

        var before = await province.GetStringAsync("/Revenue/Check?fiscalYear=2570");
        await app.WithDbAsync(db =>
        {
            db.RevenueFiles.Add(new RevenueFile
            {
                DistrictCode = month.DistrictCode, ProvinceCode = "27", Purpose = RevenueFilePurpose.SignedRt2, Month = month.Month,
                FileName = "rt2.pdf", ContentType = "application/pdf", Size = 4, Content = "%PDF"u8.ToArray(), UploadedAt = app.Clock.GetUtcNow(),
            });
            return db.SaveChangesAsync();
        });
        var after = await province.GetStringAsync("/Revenue/Check?fiscalYear=2570");

        before.ShouldContain(cell);
        before.ShouldContain("data-testid=\"scans-missing\"");
        after.ShouldNotContain(cell);
    }

    [Fact]
    public async Task OutsideTheClose_TheProvinceIsOfferedApproveReturnAndUnlock_OnAConfirmedMonth()
    {
        var month = await ConfirmedWithoutScanAsync();
        var province = await app.SignedInAsync("ProvinceOfficer", "27");

        var entry = await province.GetStringAsync($"/Revenue/Entry?district={month.DistrictCode}&month={month.Month}");
        var check = await province.GetStringAsync("/Revenue/Check?fiscalYear=2570");

        entry.ShouldContain("data-testid=\"approve\"");
        entry.ShouldContain("data-testid=\"unlock\"");
        entry.ShouldNotContain("data-testid=\"province-actions-closed\"");
        check.ShouldNotContain("data-testid=\"province-actions-closed\"");
    }

    [Fact]
    public async Task DuringTheClose_TheMonthOffersTheProvinceNoAction_SaysItOpensOnThe10th_AndAnApproveAnswers423()
    {
        var month = await ConfirmedWithoutScanAsync();
        var url = $"/Revenue/Entry?district={month.DistrictCode}&month={month.Month}";

        var (entry, check, approve) = await DuringTheCloseAsync(async () =>
        {
            var province = await app.SignedInAsync("ProvinceOfficer", "27"); // a session of the close day (the idle limit)
            var entry = await province.GetStringAsync(url);
            var check = await province.GetStringAsync("/Revenue/Check?fiscalYear=2570");
            var approve = await province.PostAsync($"{url}&handler=Act", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = Antiforgery.TokenFrom(entry), ["District"] = month.DistrictCode, ["Month"] = month.Month, ["action"] = "approve",
            }));
            return (entry, check, approve);
        });

        entry.ShouldContain("data-testid=\"province-actions-closed\"");
        entry.ShouldContain("10 ธันวาคม 2569");
        entry.ShouldNotContain("data-testid=\"approve\"");
        entry.ShouldNotContain("data-testid=\"return\"");
        entry.ShouldNotContain("data-testid=\"unlock\"");
        check.ShouldContain("data-testid=\"province-actions-closed\"");
        approve.StatusCode.ShouldBe((HttpStatusCode)423);
        (await app.WithDbAsync(db => db.RevenueMonths.AsNoTracking().SingleAsync(m => m.Id == month.Id))).Status.ShouldBe(RevenueStatus.Confirmed);
    }
}

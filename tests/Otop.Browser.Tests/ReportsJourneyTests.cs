using Microsoft.Playwright;
using Otop.Web.Platform.Documents;

namespace Otop.Browser.Tests;

/// <summary>docs/decisions/006-documents.md: the province prints รต.4, downloads its PDF, and anyone can check that PDF from its code while logged out.</summary>
public sealed class ReportsJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Province_PrintsRt4_DownloadsThePdf_AndItsVerificationPageOpensLoggedOut()
    {
        var page = await app.NewPageAsync(1366, 900);
        await app.LogInAsync(page, "sakaeo", "Otop@2566");

        await page.GotoAsync(app.BaseUrl + "/Revenue/Check?province=27&fiscalYear=2566");
        await page.GetByTestId("report-buttons-rt4").GetByRole(AriaRole.Link, new() { Name = "พิมพ์ รต.4" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("print-sheet")).ToContainTextAsync("รายงานสรุปรายได้จากการจำหน่ายผลิตภัณฑ์ชุมชน (OTOP) ระดับจังหวัด");
        await Assertions.Expect(page.GetByTestId("print-sheet")).ToContainTextAsync("เขาฉกรรจ์");
        await app.ScreenshotAsync(page, "reports-01-rt4-print-view");

        await page.GetByRole(AriaRole.Link, new() { Name = "เลขไทย" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("print-sheet")).ToContainTextAsync("พ.ศ. ๒๕๖๖");
        await app.ScreenshotAsync(page, "reports-02-rt4-thai-digits");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-pdf").ClickAsync());
        var file = Path.Combine(BrowserApp.ScreenshotFolder, "reports-rt4.pdf");
        await download.SaveAsAsync(file);
        var bytes = await File.ReadAllBytesAsync(file);
        bytes.Take(5).ShouldBe("%PDF-"u8.ToArray());
        var code = await app.App.WithDbAsync(async db => await Task.FromResult(db.IssuedDocuments.OrderByDescending(d => d.Id).First().Code));

        var anonymous = await app.NewPageAsync(390, 844);
        await anonymous.GotoAsync($"{app.BaseUrl}/v/{code}");
        await Assertions.Expect(anonymous.GetByTestId("verify-status")).ToContainTextAsync("ตรงกับต้นฉบับ");
        await Assertions.Expect(anonymous.GetByTestId("verify-title")).ToContainTextAsync("ระดับจังหวัด");
        await app.ScreenshotAsync(anonymous, "reports-03-verify-logged-out-phone");

        await anonymous.GotoAsync($"{app.BaseUrl}/v/AAAA-AAAA");
        await Assertions.Expect(anonymous.GetByTestId("verify-missing")).ToBeVisibleAsync();
        await app.ScreenshotAsync(anonymous, "reports-04-verify-unknown");
    }
}

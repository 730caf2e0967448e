using Microsoft.Playwright;
using Otop.Web.Features.Demo;

namespace Otop.Browser.Tests;

public sealed class CircularsJourneyTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task TheProvincePublishesALetterWithAnEnclosureAndATask_TheDistrictSends_TheProvinceSeesProgress()
    {
        var province = await browser.NewPageAsync();
        await browser.LogInAsync(province, "sakaeo", DemoSeeder.DemoPassword);
        await province.GotoAsync(browser.BaseUrl + "/Circulars/Edit");
        await province.GetByLabel("ที่ (เลขที่หนังสือ)").FillAsync("สก ๐๐๑๙/ว ๐๔๔๔");
        await province.GetByLabel("ลงวันที่").FillAsync("๒๐/๒/๒๕๖๖");
        await province.GetByLabel("เรื่อง", new() { Exact = true }).FillAsync("ขอให้รายงานผู้รับผิดชอบการบันทึกข้อมูลรายได้");
        await province.GetByLabel("ข้อความ (สรุปสิ่งที่ขอให้ดำเนินการ)").FillAsync("ขอให้อำเภอแจ้งชื่อและเบอร์โทรศัพท์ของผู้รับผิดชอบการบันทึกข้อมูลรายได้ในระบบ");
        await province.GetByLabel("งานที่ 1", new() { Exact = true }).FillAsync("แจ้งชื่อผู้รับผิดชอบการบันทึกข้อมูลรายได้");
        await province.GetByLabel("กำหนดส่งงานที่ 1").FillAsync("๑/๓/๒๕๖๖");
        await browser.ScreenshotAsync(province, "circulars-00-province-draft-form");
        await province.GetByRole(AriaRole.Button, new() { Name = "บันทึกร่าง" }).ClickAsync();
        await Assertions.Expect(province.GetByTestId("letter-status")).ToHaveTextAsync("ร่าง");

        await province.GetByLabel("ชื่อสิ่งที่ส่งมาด้วย").FillAsync("แบบแจ้งชื่อผู้รับผิดชอบ");
        await province.GetByLabel("ไฟล์ (PDF, XLSX, DOCX, PNG, JPEG)").SetInputFilesAsync(new FilePayload
        {
            Name = "form.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray(),
        });
        await province.GetByRole(AriaRole.Button, new() { Name = "แนบไฟล์" }).ClickAsync();
        await Assertions.Expect(province.GetByTestId("enclosures").Locator("svg")).ToHaveCountAsync(1);
        await province.GetByRole(AriaRole.Button, new() { Name = "เผยแพร่ถึงหน่วยงานผู้รับ" }).ClickAsync();
        await Assertions.Expect(province.GetByTestId("letter-status")).ToContainTextAsync("เผยแพร่แล้ว");
        await Assertions.Expect(province.GetByTestId("progress-1")).ToContainTextAsync("ส่งแล้ว 0 จาก 9");
        var letterUrl = province.Url;
        await browser.ScreenshotAsync(province, "circulars-01-province-published");

        var download = await browser.Browser.NewContextAsync();
        var href = await province.GetByTestId("enclosure-link").GetAttributeAsync("href");
        var file = await download.APIRequest.GetAsync(href!);
        file.Status.ShouldBe(200, "the enclosure downloads by its QR link without login");

        var district = await browser.NewPageAsync(390, 844);
        await browser.LogInAsync(district, "muang.officer", DemoSeeder.DemoPassword);
        await district.GotoAsync(browser.BaseUrl + "/Circulars/Tasks");
        await Assertions.Expect(district.GetByTestId("tasks-table")).ToContainTextAsync("แจ้งชื่อผู้รับผิดชอบการบันทึกข้อมูลรายได้");
        await Assertions.Expect(district.GetByTestId("tasks-table")).ToContainTextAsync("1 มีนาคม 2566");
        await browser.ScreenshotAsync(district, "circulars-02-district-tasks-phone");
        (await district.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390, "no sideways scrolling on a phone");

        await district.GotoAsync(letterUrl);
        await district.GetByLabel("ข้อความถึงผู้ออกหนังสือ").FillAsync("นางสาวสุดารัตน์ ใจดี โทร ๐๘๑-๒๓๔-๕๖๗๘");
        await district.GetByRole(AriaRole.Button, new() { Name = "ส่งงาน" }).ClickAsync();
        await Assertions.Expect(district.GetByTestId("my-task-1")).ToContainTextAsync("ส่งแล้ว");
        await browser.ScreenshotAsync(district, "circulars-03-district-sent-phone");

        await province.ReloadAsync();
        await Assertions.Expect(province.GetByTestId("progress-1")).ToContainTextAsync("ส่งแล้ว 1 จาก 9");
        await Assertions.Expect(province.GetByTestId("status-1")).ToContainTextAsync("นางสาวสุดารัตน์ ใจดี");
        await browser.ScreenshotAsync(province, "circulars-04-province-progress");

        var phoneProvince = await browser.NewPageAsync(390, 844);
        await browser.LogInAsync(phoneProvince, "sakaeo", DemoSeeder.DemoPassword);
        await phoneProvince.GotoAsync(letterUrl);
        await browser.ScreenshotAsync(phoneProvince, "circulars-05-province-progress-phone");

        await district.GotoAsync(browser.BaseUrl + "/Calendar?fiscalYear=2566");
        await Assertions.Expect(district.GetByTestId("calendar")).ToContainTextAsync("แจ้งชื่อผู้รับผิดชอบ");
        await browser.ScreenshotAsync(district, "circulars-06-calendar-phone");
        (await district.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390, "the calendar fits a phone");
        await district.Locator(".cal-today").First.ScrollIntoViewIfNeededAsync();
        await district.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "circulars-07-calendar-today-phone.png") });
    }
}

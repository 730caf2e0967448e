using System.Text;
using Microsoft.Playwright;
using Otop.Web.Features.Demo;

namespace Otop.Browser.Tests;

public sealed class RegistryJourneyTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private const string Header = "entrepreneur_code,entrepreneur_name,entrepreneur_type,district_code,product_code,product_name,category,registered_year";

    private static FilePayload Csv(string name, params string[] rows) => new()
    {
        Name = name,
        MimeType = "text/csv",
        Buffer = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Header + "\n" + string.Join("\n", rows) + "\n")],
    };

    [Fact]
    public async Task ADistrictOfficer_UploadsABadFile_ReadsTheErrors_FixesIt_ImportsIt_AndFindsTheProduct()
    {
        var page = await browser.NewPageAsync();
        await browser.LogInAsync(page, "muang.officer", DemoSeeder.DemoPassword);
        await page.GotoAsync(browser.BaseUrl + "/Registry/Import");

        await page.Locator("#file").SetInputFilesAsync(Csv("ทะเบียนเมือง.csv",
            "27019001,กลุ่มจักสานบ้านท่าเกษม,กลุ่มผู้ผลิตชุมชน,2701,27019001-01,ตะกร้าหวายลายขิด,ของใช้ ของตกแต่ง ของที่ระลึก,๒๕๖๑",
            "27019001,กลุ่มจักสานบ้านท่าเกษม,กลุ่มผู้ผลิตชุมชน,2701,27019001-02,กระเป๋าสานผักตบชวาท่าเกษม,เครื่องจักสาน,2562",
            "27029001,กลุ่มทอผ้าคลองหาด,group,2702,27029001-01,ผ้าขาวม้า,textile,2560"));
        await page.GetByRole(AriaRole.Button, new() { Name = "ตรวจสอบไฟล์ (ยังไม่บันทึก)" }).ClickAsync();

        var errors = page.GetByTestId("import-errors");
        await Assertions.Expect(errors).ToBeVisibleAsync();
        (await errors.InnerTextAsync()).ShouldContain("เครื่องจักสาน");
        (await errors.Locator("tbody tr").AllInnerTextsAsync()).Select(t => t.Split('\t')[0].Trim()).ShouldBe(["3", "4"]);
        (await page.GetByTestId("import-rejected").InnerTextAsync()).ShouldContain("ทะเบียนเมือง.csv");
        await browser.ScreenshotAsync(page, "registry-01-import-errors");

        await page.Locator("#file").SetInputFilesAsync(Csv("ทะเบียนเมือง-แก้แล้ว.csv",
            "27019001,กลุ่มจักสานบ้านท่าเกษม,กลุ่มผู้ผลิตชุมชน,2701,27019001-01,ตะกร้าหวายลายขิด,ของใช้ ของตกแต่ง ของที่ระลึก,๒๕๖๑",
            "27019001,กลุ่มจักสานบ้านท่าเกษม,กลุ่มผู้ผลิตชุมชน,2701,27019001-02,กระเป๋าสานผักตบชวาท่าเกษม,decorative,2562"));
        await page.GetByRole(AriaRole.Button, new() { Name = "นำเข้าและบันทึก" }).ClickAsync();

        var success = page.GetByTestId("import-success");
        await Assertions.Expect(success).ToContainTextAsync("นำเข้าเรียบร้อยแล้ว");
        (await success.InnerTextAsync()).ShouldContain("เพิ่มใหม่ 2 รายการ");
        await Assertions.Expect(page.Locator("#import-progress")).ToContainTextAsync("เสร็จสิ้น");
        await browser.ScreenshotAsync(page, "registry-02-import-done");

        await page.GotoAsync(browser.BaseUrl + "/Registry");
        await page.GetByLabel("ค้นหา (ชื่อหรือรหัส)").FillAsync("ผักตบชวาท่าเกษม");
        await page.GetByRole(AriaRole.Button, new() { Name = "ค้นหา" }).ClickAsync();

        var table = page.GetByTestId("registry-table");
        await Assertions.Expect(table).ToContainTextAsync("กระเป๋าสานผักตบชวาท่าเกษม");
        await Assertions.Expect(page.GetByTestId("result-count")).ToHaveTextAsync("พบ 1 ผลิตภัณฑ์");
        await browser.ScreenshotAsync(page, "registry-03-thai-search");

        await table.GetByRole(AriaRole.Link, new() { Name = "กลุ่มจักสานบ้านท่าเกษม" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("producer-name")).ToHaveTextAsync("กลุ่มจักสานบ้านท่าเกษม");
        await browser.ScreenshotAsync(page, "registry-04-producer");
    }

    [Fact]
    public async Task ADistrictMarksItsRegistryChecked_AndTheProvinceSeesIt()
    {
        var district = await browser.NewPageAsync();
        await browser.LogInAsync(district, "khlonghat.officer", DemoSeeder.DemoPassword);
        await district.GotoAsync(browser.BaseUrl + "/Registry/Checks");
        await district.GetByTestId("mark-checked").ClickAsync();
        await Assertions.Expect(district.GetByTestId("checks-table")).ToContainTextAsync("ตรวจสอบแล้ว");

        var province = await browser.NewPageAsync(390, 844);
        await browser.LogInAsync(province, "sakaeo", DemoSeeder.DemoPassword);
        await province.GotoAsync(browser.BaseUrl + "/Registry/Checks");

        var row = province.GetByTestId("checks-table").Locator("tr", new() { HasText = "คลองหาด" });
        await Assertions.Expect(row).ToContainTextAsync("ตรวจสอบแล้ว");
        await Assertions.Expect(province.GetByTestId("checks-summary")).ToContainTextAsync("จาก 9 อำเภอ");
        await browser.ScreenshotAsync(province, "registry-05-checks-phone");
    }

    [Fact]
    public async Task TheRegistry_IsReadableOnAPhone()
    {
        var page = await browser.NewPageAsync(390, 844);
        await browser.LogInAsync(page, "sakaeo", DemoSeeder.DemoPassword);

        await page.GotoAsync(browser.BaseUrl + "/Registry?Filter.RegisteredFrom=2557&Filter.RegisteredTo=2563&Filter.District=2703");

        await Assertions.Expect(page.GetByTestId("result-count")).ToHaveTextAsync("พบ 152 ผลิตภัณฑ์");
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        width.ShouldBeLessThanOrEqualTo(390, "no sideways scrolling on a phone");
        await browser.ScreenshotAsync(page, "registry-06-list-phone");
    }
}

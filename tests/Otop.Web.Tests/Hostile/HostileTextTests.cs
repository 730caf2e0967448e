using System.Net;
using System.Net.Http.Json;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Tests.Infrastructure;
using Otop.Web.Tests.Revenue;
using static Otop.Web.Tests.Registry.RegistryFiles;
using static Otop.Web.Tests.Revenue.RevenueTestData;
using Otop.Web.Features.Registry;
using Otop.Web.Platform.Documents;

namespace Otop.Web.Tests.Hostile;

/// <summary>Sa Kaeo's demo data on 20 October 2023, when October (FY 2567) is open for the districts.</summary>
public sealed class OctoberDemoApp() : OtopApp(seedDemo: true, now: Bangkok(2023, 10, 20));

/// <summary>docs/hostile-input.md, text: script in every text field, formula injection in every export, forms, Unicode.</summary>
public sealed class HostileTextTests(OctoberDemoApp app) : IClassFixture<OctoberDemoApp>
{
    private static void ShowsOnlyEscaped(string html, string page)
    {
        html.ShouldNotContain("<script>alert", customMessage: page);
        html.ShouldNotContain("<img src=x", customMessage: page);
        html.ShouldNotContain("onerror=alert(1)>", customMessage: page);
    }

    private async Task<HttpClient> AdminAsync() => await app.ClientAsAsync("DepartmentAdmin", "0");

    [Fact]
    public async Task H71_To_H76_ScriptInEveryTextField_IsShownEscapedOnEveryPage()
    {
        var p = NewPrefix();
        var admin = await AdminAsync();
        var file = Encoding.UTF8.GetBytes(Otop.Web.Tests.Registry.RegistryFiles.Header + "\n" + string.Join("\n",
            $"{p}E1,\"{Hostile.Script.Replace("\"", "\"\"")}\",group,2701,{p}P1,\"{Hostile.ImageTag.Replace("\"", "\"\"")}\",food,2560",
            $"{p}E2,\"{Hostile.Script.Replace("\"", "\"\"")} \",group,2701,{p}P2,\"{Hostile.Script.Replace("\"", "\"\"")}\",food,2560") + "\n");
        await (await admin.ImportAsync(file)).JsonAsync();
        // A complete month (issue 16, item 6): every other active producer of the district is marked "no sales", and
        // October is certified once it has ended (1 November), then the clock goes back to the fixture's day.
        var others = await app.WithDbAsync(db => db.Entrepreneurs.AsNoTracking()
            .Where(e => e.DistrictCode == "2701" && e.Status == RegistryStatus.Active && e.Code != $"{p}E1").Select(e => e.Code).ToListAsync());
        app.Clock.Now = Bangkok(2023, 11, 1);
        try
        {
            var officer = await app.ClientAsAsync("DistrictOfficer", "2701");
            var head = await app.ClientAsAsync("DistrictHead", "2701");
            var province = await app.ClientAsAsync("ProvinceOfficer", "27");
            // The live demo (CONTRACT "Demo data") may already hold October 2566 as a draft: write over its version.
            var current = await officer.GetAsync("/api/v1/revenue/2701/2023-10");
            int? version = current.IsSuccessStatusCode ? (await current.JsonAsync()).GetProperty("version").GetInt32() : null;
            await (await officer.PutAsync("/api/v1/revenue/2701/2023-10", JsonContent.Create(new
            {
                version,
                entries = new object[] { new { entrepreneurCode = $"{p}E1", amount = 100m, explanation = Hostile.Script } }
                    .Concat(others.Select(c => (object)new { entrepreneurCode = c, noSales = true })).ToArray(),
            }))).JsonAsync();
            await (await head.ActAsync("2701", "2023-10", "certify")).JsonAsync();
            await (await head.ActAsync("2701", "2023-10", "confirm")).JsonAsync();
            await (await province.ActAsync("2701", "2023-10", "return", Hostile.ImageTag + Hostile.Script)).JsonAsync();
        }
        finally
        {
            app.Clock.Now = Bangkok(2023, 10, 20);
        }
        var scriptUser = "xss." + Guid.NewGuid().ToString("N")[..6];
        await (await admin.PostJsonAsync("/api/v1/users", new { username = scriptUser, password = OtopApp.Password, displayName = Hostile.Script, role = "DistrictOfficer", orgUnit = "2701" }))
            .JsonAsync(HttpStatusCode.Created);
        var page = await app.SignedInAsAsync(scriptUser);
        var provincePage = await app.SignedInAsync("ProvinceOfficer", "27");

        var pages = new Dictionary<string, string>
        {
            ["home"] = await page.GetStringAsync("/"),
            ["search"] = await page.GetStringAsync($"/Registry?Filter.Q={p}"),
            ["producer"] = await page.GetStringAsync($"/Registry/Producer/{p}E1"),
            ["quality"] = await page.GetStringAsync("/Registry/Quality"),
            ["listings"] = await page.GetStringAsync("/OnlineMarket/Report?FiscalYear=2564&Round=1&District=2701"),
            ["entry"] = await page.GetStringAsync("/Revenue/Entry?district=2701&month=2023-10"),
            ["check"] = await provincePage.GetStringAsync("/Revenue/Check?province=27&district=2701&fiscalYear=2567"),
        };

        foreach (var (name, html) in pages) ShowsOnlyEscaped(html, name);
        pages["home"].ShouldContain(Hostile.ScriptEscaped, customMessage: "the display name, escaped");
        pages["search"].ShouldContain(Hostile.ScriptEscaped);
        pages["search"].ShouldContain("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
        pages["producer"].ShouldContain(Hostile.ScriptEscaped);
        pages["quality"].ShouldContain($"{p}E2", customMessage: "the two script-named producers are flagged as likely duplicates");
        pages["entry"].ShouldContain("&lt;img src=x onerror=alert(1)&gt;", customMessage: "the return reason, escaped");
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example/\",\"คลิก\")")]
    [InlineData("+66 81 234 5678")]
    [InlineData("-1+cmd|' /C calc'!A0")]
    [InlineData("@SUM(A1:A9)")]
    public async Task H77_To_H80_AFormulaLikeName_IsNeutralisedInTheRegistryCsv_AndPlainTextInTheXlsx_AndReimportsUnchanged(string name)
    {
        var p = NewPrefix();
        var admin = await AdminAsync();
        var file = Encoding.UTF8.GetBytes(Otop.Web.Tests.Registry.RegistryFiles.Header + $"\n{p}E,\"{name.Replace("\"", "\"\"")}\",group,2701,{p}P,\"{name.Replace("\"", "\"\"")}\",food,2560\n");
        await (await admin.ImportAsync(file)).JsonAsync();

        var csv = await admin.GetByteArrayAsync($"/api/v1/registry/export?q={p}&format=csv");
        var xlsx = await admin.GetByteArrayAsync($"/api/v1/registry/export?q={p}&format=xlsx");

        var line = Encoding.UTF8.GetString(csv).Split(["\r\n", "\n"], StringSplitOptions.None).Single(l => l.StartsWith(p, StringComparison.Ordinal));
        line.ShouldContain($",{Quote("'" + name)},");
        var cells = SheetCells(xlsx);
        cells.Formulas.ShouldBe(0);
        cells.Texts.ShouldContain(name);
        var again = await (await admin.ImportAsync(csv)).JsonAsync();
        again.GetProperty("updated").GetProperty("entrepreneurs").GetInt32().ShouldBe(0, "the apostrophe is taken off again on import");
        (await app.WithDbAsync(db => db.Entrepreneurs.Where(e => e.Code == $"{p}E").Select(e => e.Name).SingleAsync())).ShouldBe(name);
    }

    private static string Quote(string s) => s.IndexOfAny([',', '"']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;

    [Theory]
    [InlineData("\tTAB")]
    [InlineData("\rCR")]
    [InlineData("=1+1")]
    public void H81_H82_ReportFiles_NeutraliseEveryFormulaPrefix_AndWriteTextCellsNeverFormulas(string text)
    {
        var table = new ReportTable("s", ["ชื่อรายงาน"], ["ชื่อ", "จำนวน"], [null, "0"], [[text, 1]]);

        var csv = Encoding.UTF8.GetString(ReportFiles.Csv(table));
        var xlsx = SheetCells(ReportFiles.Xlsx(table));

        csv.ShouldContain("'" + text[0]);
        xlsx.Formulas.ShouldBe(0);
        var rest = text[1..];
        xlsx.Texts.ShouldContain(t => t.EndsWith(rest, StringComparison.Ordinal) && t.Length == text.Length, "kept as text (XML reads a bare CR as LF)");
    }

    [Fact]
    public async Task H83_AReportDownloadedAsXlsx_HasNoFormulaCell()
    {
        var admin = await AdminAsync();

        var xlsx = await admin.GetByteArrayAsync("/api/v1/reports/online-market-targets?fiscalYear=2564&round=1&province=27&format=xlsx");

        SheetCells(xlsx).Formulas.ShouldBe(0);
    }

    private static (int Formulas, List<string> Texts) SheetCells(byte[] xlsx)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var cells = document.WorkbookPart!.WorksheetParts.SelectMany(w => w.Worksheet.Descendants<Cell>()).ToList();
        return (cells.Count(c => c.CellFormula is not null), cells.Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "").ToList());
    }

    [Fact]
    public async Task H84_AnAmountInExponentNotationOnTheEntryPage_IsRefusedInThai_KeepingWhatWasTyped()
    {
        var codes = await app.ProducersAsync("2703", 1);
        var page = await app.SignedInAsync("DistrictOfficer", "2703");
        var token = Antiforgery.TokenFrom(await page.GetStringAsync("/Revenue/Entry?district=2703&month=2023-10"));

        var html = await app.ChangesNothingAsync(async () => await (await page.PostAsync("/Revenue/Entry?handler=Save&district=2703&month=2023-10",
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Version"] = "0", ["Rows[0].Code"] = codes[0], ["Rows[0].Amount"] = "1e5", ["__RequestVerificationToken"] = token,
            }))).Content.ReadAsStringAsync());

        html.ShouldContain("1e5&#x27; ไม่ใช่จำนวนเงิน");
        html.ShouldContain("value=\"1e5\"");
    }

    [Fact]
    public async Task H85_TenThousandCharactersInAnExplanationOnTheEntryPage_IsRefusedNamingTheMaximum()
    {
        var codes = await app.ProducersAsync("2703", 1);
        var page = await app.SignedInAsync("DistrictOfficer", "2703");
        var token = Antiforgery.TokenFrom(await page.GetStringAsync("/Revenue/Entry?district=2703&month=2023-10"));

        var html = await app.ChangesNothingAsync(async () => await (await page.PostAsync("/Revenue/Entry?handler=Save&district=2703&month=2023-10",
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Version"] = "0", ["Rows[0].Code"] = codes[0], ["Rows[0].Amount"] = "๑,๒๓๔", ["Rows[0].Explanation"] = new string('ก', 10_000),
                ["__RequestVerificationToken"] = token,
            }))).Content.ReadAsStringAsync());

        html.ShouldContain("1,000 ตัวอักษร");
        html.ShouldContain("value=\"๑,๒๓๔\"");
    }

    [Fact]
    public async Task H86_TenThousandCharactersInTheCommitteeFieldsOfTheEstimate_IsRefusedInThai()
    {
        var page = await app.SignedInAsync("DistrictOfficer", "2708");
        var token = Antiforgery.TokenFrom(await page.GetStringAsync("/Revenue/Estimate?district=2708&fiscalYear=2567"));

        var response = await app.ChangesNothingAsync(async () => await page.PostAsync("/Revenue/Estimate?handler=Save&district=2708&fiscalYear=2567",
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Version"] = "0", ["ChairName"] = new string('ก', 10_000), ["MeetingReference"] = new string('๑', 10_000),
                ["__RequestVerificationToken"] = token,
            })));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("ชื่อประธานคณะกรรมการยาวได้ไม่เกิน 200 ตัวอักษร");
        html.ShouldContain("ครั้งที่/เลขที่การประชุมยาวได้ไม่เกิน 200 ตัวอักษร");
    }

    [Fact]
    public async Task H87_APdfRenamedPngAsAListingScreenshot_IsRefusedInThai_KeepingTheUrlTyped()
    {
        var page = await app.SignedInAsync("DistrictOfficer", "2701");
        var html = await page.GetStringAsync("/OnlineMarket/Report?FiscalYear=2564&Round=1&District=2701");
        var token = Antiforgery.TokenFrom(html);
        var product = System.Text.RegularExpressions.Regex.Match(html, "value=\"(2701[0-9]{4}-[0-9]{2})\"").Groups[1].Value;
        var shot = new ByteArrayContent(Encoding.ASCII.GetBytes("%PDF-1.4\n%%EOF\n"));
        shot.Headers.ContentType = new("image/png");
        var form = new MultipartFormDataContent
        {
            { new StringContent(product), "Input.ProductCode" },
            { new StringContent("shopee"), "Input.Channel" },
            { new StringContent("https://shopee.co.th/ร้านทดสอบ"), "Input.Url" },
            { new StringContent("15/01/2564"), "Input.Since" },
            { new StringContent(token), "__RequestVerificationToken" },
            { shot, "Input.Screenshot", "screenshot.png" },
        };

        var answer = await app.ChangesNothingAsync(async () =>
            await (await page.PostAsync("/OnlineMarket/Report?handler=Add&FiscalYear=2564&Round=1&District=2701", form)).Content.ReadAsStringAsync());

        answer.ShouldContain("ภาพหน้าจอต้องเป็นไฟล์ PNG หรือ JPEG");
        answer.ShouldContain("value=\"https://shopee.co.th/ร้านทดสอบ\"");
    }

    [Theory]
    [InlineData("กลุ่มน้ำพริกบ้านนา", "กลุ่มน\u0E49\u0E4D\u0E32พริกบ้านนา")]
    [InlineData("กลุ่มทอผ้าบ้านโคก", "กลุ่มทอ\u200Bผ้า\u200Dบ้าน\u2060โคก\uFEFF")]
    [InlineData("Café Sa Kaeo", "Cafe\u0301 Sa Kaeo")]
    public async Task H88_To_H90_NamesThatDifferOnlyInUnicodeForm_AreTheSameProducerForDuplicateDetection(string one, string other)
    {
        var p = NewPrefix();
        var admin = await AdminAsync();
        await (await admin.ImportAsync(Csv([Row($"{p}A", $"{p}A-1", district: "2709", name: one), Row($"{p}B", $"{p}B-1", district: "2709", name: other)]))).JsonAsync();
        var page = await app.SignedInAsync("DistrictOfficer", "2709");

        var html = await page.GetStringAsync("/Registry/Quality");

        var group = html[html.IndexOf("data-testid=\"duplicates\"", StringComparison.Ordinal)..];
        group.ShouldContain($"({p}A)");
        group.ShouldContain($"({p}B)");
    }
}

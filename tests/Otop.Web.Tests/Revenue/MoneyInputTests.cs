using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Features.Revenue;
using Otop.Web.Tests.Infrastructure;
using static Otop.Web.Tests.Revenue.RevenueTestData;

namespace Otop.Web.Tests.Revenue;

/// <summary>
/// Issue 15, item 4: amounts as officers type them (Thai digits, thousands separators, "บาท") are read by one parser
/// (Otop.Domain.ThaiMoney) on the รต.1 grid and the estimate; what is not an amount comes back with a Thai message naming
/// the producer row, the typed text kept, and an error summary whose links jump to the field, which is aria-invalid and
/// described by its message. Saved amounts come back with thousands separators.
/// </summary>
public sealed partial class MoneyInputTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    private const string Month = "2023-02";

    [Fact]
    public async Task ThaiDigitsWithCommasAndBaht_PostedToTheEntryGrid_Save40000_AndComeBackWithThousandsSeparators()
    {
        app.Clock.Now = Bangkok(2023, 2, 20);
        var (codes, page, url, token) = await OpenedAsync("2705", 2);

        var saved = await page.PostAsync(url + "&handler=Save", Grid(token, codes, "๔๐,๐๐๐.๐๐ บาท", "฿1 250.5"));
        var month = await (await (await app.ClientAsAsync("DistrictOfficer", "2705")).GetAsync($"/api/v1/revenue/2705/{Month}")).JsonAsync();
        var shown = await page.GetStringAsync(url);

        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());
        month.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("amount").GetDecimal()).ShouldBe([40000.00m, 1250.50m]);
        InputTag(shown, "amount-0").ShouldContain("value=\"40,000.00\"");
        InputTag(shown, "amount-1").ShouldContain("value=\"1,250.50\"");
        InputTag(shown, "amount-0").ShouldContain("inputmode=\"decimal\"");
        shown.ShouldContain("data-testid=\"revenue-total\">41,250.50</strong>");
    }

    [Fact]
    public async Task ThreeDecimals_OnTheEntryGrid_AreRefusedInThaiNamingTheProducerRow_KeepingWhatWasTyped_WithASummaryLinkedToTheField()
    {
        app.Clock.Now = Bangkok(2023, 2, 20);
        var (codes, page, url, token) = await OpenedAsync("2706", 2);

        var response = await app.ChangesNothingAsync(() => page.PostAsync(url + "&handler=Save", Grid(token, codes, "500", "1.234")));
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var summary = Summary(html);
        summary.ShouldContain("role=\"alert\"");
        summary.ShouldContain("data-testid=\"revenue-error\"");
        var link = Regex.Match(summary, "<a href=\"#([^\"]+)\"[^>]*>([^<]+)</a>");
        link.Success.ShouldBeTrue(summary);
        link.Groups[1].Value.ShouldBe("amount-1");
        var message = WebUtility.HtmlDecode(link.Groups[2].Value);
        message.ShouldStartWith($"{codes[1]} กลุ่มทดสอบ {codes[1]}: '1.234' ไม่ใช่จำนวนเงินที่ถูกต้อง: มีทศนิยม 3 ตำแหน่ง");
        var field = InputTag(html, "amount-1");
        field.ShouldContain("value=\"1.234\"");
        field.ShouldContain("aria-invalid=\"true\"");
        field.ShouldContain("aria-describedby=\"amount-1-error\"");
        WebUtility.HtmlDecode(Regex.Match(html, "id=\"amount-1-error\">([^<]+)<").Groups[1].Value).ShouldStartWith("'1.234' ไม่ใช่จำนวนเงินที่ถูกต้อง");
        InputTag(html, "amount-0").ShouldContain("value=\"500\"");
        InputTag(html, "amount-0").ShouldNotContain("aria-invalid");
    }

    [Fact]
    public async Task AnEntryPageWithoutErrors_HasNoErrorSummary()
    {
        app.Clock.Now = Bangkok(2023, 2, 20);
        var (_, page, url, _) = await OpenedAsync("2707", 1);

        var html = await page.GetStringAsync(url);

        html.ShouldNotContain("data-error-summary");
        InputTag(html, "amount-0").ShouldNotContain("aria-invalid");
    }

    [Fact]
    public async Task TheEstimatePage_ReadsBahtAndThaiDigits_ShowsThemWithSeparators_AndLinksARefusedCellFromTheSummary()
    {
        app.Clock.Now = Bangkok(2023, 2, 20);
        var codes = await app.ProducersAsync("2708", 2);
        var officer = await app.SignedInAsync("DistrictOfficer", "2708");
        var url = "/Revenue/Estimate?district=2708&fiscalYear=2566";
        var token = Antiforgery.TokenFrom(await officer.GetStringAsync(url));
        FormUrlEncodedContent Form(string second)
        {
            // As the page posts without its script: every cell of every row, the empty ones too.
            var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Version"] = "0", ["send"] = "false" };
            for (var i = 0; i < 2; i++)
            {
                form[$"Lines[{i}].Code"] = codes[i];
                for (var j = 0; j < 12; j++) form[$"Lines[{i}].Amounts[{j}]"] = "";
            }
            form["Lines[0].Amounts[0]"] = "๑๒,๕๐๐ บาท";
            form["Lines[1].Amounts[2]"] = second;
            return new FormUrlEncodedContent(form);
        }

        var refused = await app.ChangesNothingAsync(() => officer.PostAsync(url + "&handler=Save", Form("4,00,0")));
        var html = await refused.Content.ReadAsStringAsync();
        var saved = await officer.PostAsync(url + "&handler=Save", Form("40 000.5"));
        var shown = await officer.GetStringAsync(url);

        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var cell = $"estimate-{codes[1]}-2";
        var link = Regex.Match(Summary(html), "<a href=\"#([^\"]+)\"[^>]*>([^<]+)</a>");
        link.Groups[1].Value.ShouldBe(cell);
        WebUtility.HtmlDecode(link.Groups[2].Value).ShouldStartWith($"{codes[1]} กลุ่มทดสอบ {codes[1]} เดือนธันวาคม 2565: '4,00,0' ไม่ใช่จำนวนเงินที่ถูกต้อง: ใส่เครื่องหมายคั่นหลักผิดที่");
        InputTag(html, cell).ShouldContain("value=\"4,00,0\"");
        InputTag(html, cell).ShouldContain("aria-invalid=\"true\"");
        InputTag(html, cell).ShouldContain($"aria-describedby=\"{cell}-error\"");
        html.ShouldContain($"id=\"{cell}-error\"");
        InputTag(html, $"estimate-{codes[0]}-0").ShouldContain("value=\"๑๒,๕๐๐ บาท\"");
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());
        (await app.WithDbAsync(db => db.RevenueEstimates.SingleAsync(e => e.DistrictCode == "2708" && e.FiscalYear == 2566))).Total.ShouldBe(52_500.5m);
        InputTag(shown, $"estimate-{codes[0]}-0").ShouldContain("value=\"12,500.00\"");
        InputTag(shown, cell).ShouldContain("value=\"40,000.50\"");
        InputTag(shown, cell).ShouldNotContain("aria-invalid");
    }

    [Fact]
    public async Task TheEstimateScript_GetsTheRefusedCellsIds_ToMarkThem()
    {
        var codes = await app.ProducersAsync("2709", 1);
        var officer = await app.SignedInAsync("DistrictOfficer", "2709");
        var url = "/Revenue/Estimate?district=2709&fiscalYear=2566";
        var token = Antiforgery.TokenFrom(await officer.GetStringAsync(url));
        var lines = new[] { new { code = codes[0], amounts = new[] { "1.234", "", "", "", "", "", "", "", "", "", "", "" } } };
        using var request = new HttpRequestMessage(HttpMethod.Post, url + "&handler=Save")
        {
            Content = new MultipartFormDataContent
            {
                { new StringContent(token), "__RequestVerificationToken" }, { new StringContent("0"), "Version" },
                { new StringContent("false"), "send" }, { new StringContent(JsonSerializer.Serialize(lines)), "LinesJson" },
            },
        };
        request.Headers.Add("X-Otop-Script", "estimate");

        var refused = await app.ChangesNothingAsync(() => officer.SendAsync(request));

        var body = await refused.JsonAsync(HttpStatusCode.UnprocessableEntity);
        var field = body.GetProperty("fields").EnumerateArray().ShouldHaveSingleItem();
        field.GetProperty("id").GetString().ShouldBe($"estimate-{codes[0]}-0");
        field.GetProperty("message").GetString().ShouldBe(body.GetProperty("errors")[0].GetString());
        field.GetProperty("message").GetString()!.ShouldContain("'1.234' ไม่ใช่จำนวนเงินที่ถูกต้อง: มีทศนิยม 3 ตำแหน่ง");
    }

    private async Task<(string[] Codes, HttpClient Page, string Url, string Token)> OpenedAsync(string district, int producers)
    {
        var codes = await app.ProducersAsync(district, producers);
        var page = await app.SignedInAsync("DistrictOfficer", district);
        var url = $"/Revenue/Entry?district={district}&month={Month}";
        return (codes, page, url, Antiforgery.TokenFrom(await page.GetStringAsync(url)));
    }

    private static FormUrlEncodedContent Grid(string token, string[] codes, params string[] amounts)
    {
        var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Version"] = "0" };
        for (var i = 0; i < amounts.Length; i++)
        {
            form[$"Rows[{i}].Code"] = codes[i];
            form[$"Rows[{i}].Amount"] = amounts[i];
        }
        return new FormUrlEncodedContent(form);
    }

    /// <summary>The whole &lt;input&gt; tag with the given id.</summary>
    private static string InputTag(string html, string id)
    {
        var match = Regex.Match(html, $"<input id=\"{Regex.Escape(id)}\"[^>]*>");
        match.Success.ShouldBeTrue($"input #{id}");
        return match.Value;
    }

    private static string Summary(string html)
    {
        var match = ErrorSummary().Match(html);
        match.Success.ShouldBeTrue("an error summary");
        return match.Value;
    }

    [GeneratedRegex("<div class=\"alert alert-danger error-summary\"[\\s\\S]*?</ul>")]
    private static partial Regex ErrorSummary();
}

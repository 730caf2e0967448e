using System.Net;
using System.Text.RegularExpressions;
using Otop.Web.Tests.Infrastructure;
using static Otop.Web.Tests.Revenue.RevenueTestData;

namespace Otop.Web.Tests.Revenue;

/// <summary>
/// Issue 15, item 3: an officer who saves the รต.1 page on a version a colleague has changed since gets a three-way merge
/// per producer: the colleague's rows kept, the officer's rows applied, and only rows both changed asked about; nothing is
/// written while one is unanswered. The API's PUT keeps CONTRACT's 409.
/// </summary>
public sealed partial class EntryMergeTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    private const string Month = "2023-02";

    [Fact]
    public async Task RowsOnlyOneSideChanged_AreMergedAndSaved_WithoutAsking()
    {
        app.Clock.Now = Bangkok(2023, 2, 20);
        var (codes, page, url, html) = await OpenedAsync("4107");
        var colleague = await app.ClientAsAsync("DistrictOfficer", "4107");
        await (await colleague.PutMonthAsync("4107", Month, Entries(codes, 100m, 150m, 300m), 1)).JsonAsync(); // row 1 changed

        var saved = await SaveAsync(page, url, html, ("100", null), ("200", null), ("350", null)); // row 2 changed
        var month = await (await colleague.GetAsync($"/api/v1/revenue/4107/{Month}")).JsonAsync();

        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        Amounts(month).ShouldBe([100m, 150m, 350m]);
        month.GetProperty("version").GetInt32().ShouldBe(3);
    }

    [Fact]
    public async Task ARowBothChanged_IsShownWithBothValues_AndNothingIsWrittenUntilTheOfficerChooses()
    {
        app.Clock.Now = Bangkok(2023, 2, 20);
        var (codes, page, url, html) = await OpenedAsync("4108");
        var colleague = await app.ClientAsAsync("DistrictOfficer", "4108");
        await (await colleague.PutMonthAsync("4108", Month, Entries(codes, 110m, 200m, 400m), 1)).JsonAsync();

        var conflict = await app.ChangesNothingAsync(() => SaveAsync(page, url, html, ("100", null), ("250", null), ("350", null)));
        var shown = await conflict.Content.ReadAsStringAsync();
        var unanswered = await app.ChangesNothingAsync(() => SaveAsync(page, url, shown, ("110.00", null), ("250", null), ("350", null)));
        var chosen = await SaveAsync(page, url, shown, ("110.00", null), ("250", null), ("350", "theirs"));
        var month = await (await colleague.GetAsync($"/api/v1/revenue/4108/{Month}")).JsonAsync();

        conflict.StatusCode.ShouldBe(HttpStatusCode.OK);
        shown.ShouldContain($"data-testid=\"conflict-{codes[2]}\"");
        shown.ShouldNotContain($"data-testid=\"conflict-{codes[0]}\"");
        shown.ShouldNotContain($"data-testid=\"conflict-{codes[1]}\"");
        shown.ShouldContain("ของท่าน: <strong>350.00</strong>");
        shown.ShouldContain("ในระบบขณะนี้: <strong>400.00</strong>");
        shown.ShouldContain("value=\"110.00\"", customMessage: "the row only the colleague changed shows the colleague's figure");
        (await unanswered.Content.ReadAsStringAsync()).ShouldContain("กรุณาเลือกว่าจะใช้ตัวเลขใด");
        chosen.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        Amounts(month).ShouldBe([110m, 250m, 400m]);
    }

    [Fact]
    public async Task ChoosingMine_WritesTheTypedFigure()
    {
        app.Clock.Now = Bangkok(2023, 2, 20);
        var (codes, page, url, html) = await OpenedAsync("4109");
        var colleague = await app.ClientAsAsync("DistrictOfficer", "4109");
        await (await colleague.PutMonthAsync("4109", Month, Entries(codes, 100m, 200m, 400m), 1)).JsonAsync();

        var shown = await (await SaveAsync(page, url, html, ("100", null), ("200", null), ("350", null))).Content.ReadAsStringAsync();
        var chosen = await SaveAsync(page, url, shown, ("100", null), ("200", null), ("350", "mine"));
        var month = await (await colleague.GetAsync($"/api/v1/revenue/4109/{Month}")).JsonAsync();

        chosen.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        Amounts(month).ShouldBe([100m, 200m, 350m]);
    }

    [Fact]
    public async Task TheApiPut_OnAStaleVersion_IsStill409()
    {
        app.Clock.Now = Bangkok(2023, 2, 20);
        var codes = await app.ProducersAsync("4110", 1);
        var officer = await app.ClientAsAsync("DistrictOfficer", "4110");
        await (await officer.PutMonthAsync("4110", Month, Entries(codes, 1m))).JsonAsync();
        await (await officer.PutMonthAsync("4110", Month, Entries(codes, 2m), 1)).JsonAsync();

        var stale = await officer.PutMonthAsync("4110", Month, Entries(codes, 3m), 1);

        (await stale.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("currentVersion").GetInt32().ShouldBe(2);
    }

    /// <summary>Three producers saved as 100, 200, 300 (version 1), and the page an officer opened on that version.</summary>
    private async Task<(string[] Codes, HttpClient Page, string Url, string Html)> OpenedAsync(string district)
    {
        var codes = await app.ProducersAsync(district, 3);
        var officer = await app.ClientAsAsync("DistrictOfficer", district);
        await (await officer.PutMonthAsync(district, Month, Entries(codes, 100m, 200m, 300m))).JsonAsync();
        var page = await app.SignedInAsync("DistrictOfficer", district);
        var url = $"/Revenue/Entry?district={district}&month={Month}";
        return (codes, page, url, await page.GetStringAsync(url));
    }

    /// <summary>Posts the grid as the page shows it (codes, version, base, conflict flags) with the amounts and choices given per row.</summary>
    private static Task<HttpResponseMessage> SaveAsync(HttpClient page, string url, string html, params (string Amount, string? Choice)[] rows)
    {
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Antiforgery.TokenFrom(html),
            ["Version"] = Hidden(html, "Version"),
            ["Base"] = Hidden(html, "Base"),
        };
        var codes = RowCode().Matches(html).Select(m => m.Groups[1].Value).ToList();
        for (var i = 0; i < rows.Length; i++)
        {
            form[$"Rows[{i}].Code"] = codes[i];
            form[$"Rows[{i}].Amount"] = rows[i].Amount;
            if (html.Contains($"name=\"Rows[{i}].Conflict\"", StringComparison.Ordinal)) form[$"Rows[{i}].Conflict"] = "true";
            if (rows[i].Choice is { } choice) form[$"Rows[{i}].Choice"] = choice;
        }
        return page.PostAsync(url + "&handler=Save", new FormUrlEncodedContent(form));
    }

    private static string Hidden(string html, string name)
    {
        var match = Regex.Match(html, $"<input type=\"hidden\"[^>]*name=\"{name}\"[^>]*value=\"([^\"]*)\"|<input type=\"hidden\"[^>]*value=\"([^\"]*)\"[^>]*name=\"{name}\"");
        match.Success.ShouldBeTrue($"hidden {name}");
        return WebUtility.HtmlDecode(match.Groups[1].Success && match.Groups[1].Length > 0 ? match.Groups[1].Value : match.Groups[2].Value);
    }

    private static decimal[] Amounts(System.Text.Json.JsonElement month) =>
        month.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("amount").GetDecimal()).ToArray();

    [GeneratedRegex("name=\"Rows\\[\\d+\\]\\.Code\" value=\"([^\"]+)\"")]
    private static partial Regex RowCode();
}

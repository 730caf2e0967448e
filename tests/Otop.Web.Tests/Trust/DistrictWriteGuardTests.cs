using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.OnlineMarket;
using Otop.Web.Features.Registry;
using Otop.Web.Features.Revenue;
using Otop.Web.Tests.Infrastructure;

namespace Otop.Web.Tests.Trust;

/// <summary>
/// Issue 14, items 5 and 6 (docs/decisions/014-district-write-guard.md): one guard for every district write during the
/// 6th–10th close, frozen files of a certified month, a sent estimate locked and returned like a month, and closed rounds
/// that stay closed. One demo app; each test works in its own district and sets the clock it needs.
/// </summary>
public sealed class DistrictWriteGuardTests(DistrictWriteGuardTests.GuardApp app) : IClassFixture<DistrictWriteGuardTests.GuardApp>
{
    public sealed class GuardApp() : OtopApp(seedDemo: true, settings: new Dictionary<string, string?>
    {
        // The sweep posts every district write once, the file uploads among them: more than one user's imports a minute.
        ["ProductCounts:RefreshSeconds"] = "0", ["RateLimits:ImportsPerMinute"] = "100",
    });

    private static readonly DateTimeOffset DuringTheClose = new(2023, 3, 7, 10, 0, 0, TimeSpan.FromHours(7));
    private static readonly DateTimeOffset AfterTheClose = new(2023, 3, 15, 10, 0, 0, TimeSpan.FromHours(7));

    /// <summary>The rules of the authorization table whose writes are district data (a new district write path gets one of these).</summary>
    private static readonly string[] DistrictDataRules = ["district-write", "entity-registry-write", "district-only-write", "district-staff", "district-head"];

    /// <summary>District writes that are not district data the department counts: a circular task's reply has its own due date.</summary>
    private static readonly string[] NotDistrictData = ["POST /Circulars/Letter?handler=Submit", "POST /api/v1/circulars/tasks/{assignmentId:int}/submit",
        "POST /Calendar/Index?handler=Feed", "POST /Calendar/Index?handler=Revoke", "POST /Reminders/Index?handler=Read"];

    [Fact]
    public async Task DuringTheClose_EveryDistrictWritePathOfTheAuthorizationTable_Answers423AndChangesNothing()
    {
        app.Clock.Now = DuringTheClose;
        var client = await HeadClientAsync("2701");
        var values = await app.WithDbAsync(async db => new Dictionary<string, string>
        {
            ["district"] = "2701", ["province"] = "27",
            ["product"] = await db.Products.Where(p => p.Entrepreneur.DistrictCode == "2701").OrderBy(p => p.Code).Select(p => p.Code).FirstAsync(),
            ["entrepreneur"] = await db.Entrepreneurs.Where(e => e.DistrictCode == "2701").OrderBy(e => e.Code).Select(e => e.Code).FirstAsync(),
        });
        var writes = AuthorizationTable.Routes
            .Where(r => !r.Key.StartsWith("GET ", StringComparison.Ordinal))
            .Where(r => DistrictDataRules.Contains(r.Value.Rule.Replace(":by-id", "", StringComparison.Ordinal))
                || (r.Value.Rule == "writer" && r.Key.Contains("egistry", StringComparison.Ordinal)))
            .Where(r => !NotDistrictData.Contains(r.Key))
            .OrderBy(r => r.Key, StringComparer.Ordinal).ToList();

        var answers = await app.ChangesNothingAsync(async () =>
        {
            var list = new List<string>();
            foreach (var (route, row) in writes)
            {
                // commit=true: an import that only validates writes nothing and is allowed during the close.
                var url = Fill(row.Request, values).Replace("commit=false", "commit=true", StringComparison.Ordinal);
                if (!url.Contains("commit=", StringComparison.Ordinal)) url += url.Contains('?', StringComparison.Ordinal) ? "&commit=true" : "?commit=true";
                var (status, body) = await SendAsync(client.Http, route, url, row.Body is null ? null : Fill(row.Body, values), client.Token);
                list.Add($"{route} → {status}{(status == 423 ? "" : " " + body[..Math.Min(body.Length, 300)])}");
                // The close, or a lock that holds whatever the day (a sent estimate), in Thai.
                if (status == 423) body.ShouldMatch("ปิดระบบ|ถูกล็อก", route);
            }
            return list;
        });

        answers.Where(a => !a.Contains(" → 423", StringComparison.Ordinal)).ShouldBeEmpty();
        // Registry (import API and page, producer, product, checked mark), listings, survey (2), result report (2), revenue
        // (PUT, certify, confirm, page save, act, evidence), estimate save: a row removed from the sweep fails here.
        writes.Count.ShouldBeGreaterThanOrEqualTo(17, string.Join("\n", answers));
    }

    [Fact]
    public async Task Listings_WaitOutTheClose_AndAreAcceptedOnTheTenth()
    {
        app.Clock.Now = DuringTheClose;
        var officer = await app.ClientAsAsync("DistrictOfficer", "2706");
        var product = await app.WithDbAsync(db => db.Products.Where(p => p.Entrepreneur.DistrictCode == "2706" && !p.Listings.Any()).OrderBy(p => p.Code).Select(p => p.Code).FirstAsync());
        var listing = new[] { new { channel = "shopee", url = "https://shopee.co.th/otop-2706", since = "2023-03-01" } };

        var problem = await app.ChangesNothingAsync(async () =>
            await (await officer.PutAsJsonAsync($"/api/v1/registry/products/{product}/online-listings", listing)).ProblemAsync(HttpStatusCode.Locked));
        problem.GetProperty("detail").GetString()!.ShouldContain("10 มีนาคม 2566");
        problem.GetProperty("until").GetDateTimeOffset().ShouldBe(new DateTimeOffset(2023, 3, 10, 0, 0, 0, TimeSpan.FromHours(7)));

        app.Clock.Now = new DateTimeOffset(2023, 3, 10, 0, 0, 0, TimeSpan.FromHours(7));
        officer = await app.ClientAsAsync("DistrictOfficer", "2706"); // three days on, the first token has expired
        (await officer.PutAsJsonAsync($"/api/v1/registry/products/{product}/online-listings", listing)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.WithDbAsync(db => db.OnlineListings.CountAsync(l => l.Product.Code == product))).ShouldBe(1);
    }

    [Fact]
    public async Task ACertifiedMonthsFiles_AreFrozen_UntilTheProvinceUnlocksIt()
    {
        app.Clock.Now = AfterTheClose;
        var month = await app.WithDbAsync(db => db.RevenueMonths.Where(m => m.DistrictCode == "2703" && m.Status == RevenueStatus.Approved)
            .OrderBy(m => m.Month).Select(m => m.Month).FirstAsync());
        var producer = await app.WithDbAsync(db => db.Entrepreneurs.Where(e => e.DistrictCode == "2703").OrderBy(e => e.Code).Select(e => e.Code).FirstAsync());
        var officer = await app.SignedInAsync("DistrictOfficer", "2703");

        var refused = await app.ChangesNothingAsync(() => UploadEvidenceAsync(officer, "2703", month, producer));
        refused.Status.ShouldBe(423);
        refused.Body.ShouldContain("ไฟล์หลักฐานของเดือนนี้จึงถูกล็อก");

        var province = await app.ClientAsAsync("ProvinceOfficer", "27");
        (await province.PostJsonAsync($"/api/v1/revenue/2703/{month}/unlock", new { reason = "แนบหลักฐานของกลุ่มที่ขาดให้ครบ" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var accepted = await UploadEvidenceAsync(officer, "2703", month, producer);
        accepted.Status.ShouldBe(302);
        (await app.WithDbAsync(db => db.RevenueFiles.CountAsync(f => f.DistrictCode == "2703" && f.Month == month && f.Purpose == RevenueFilePurpose.Evidence))).ShouldBe(1);
    }

    [Fact]
    public async Task ASentEstimate_IsLocked_AndOnlyTheProvincesReturnWithAReasonReopensIt()
    {
        app.Clock.Now = AfterTheClose;
        var district = await HeadClientAsync("2704");
        var sent = await app.WithDbAsync(db => db.RevenueEstimates.AsNoTracking().SingleAsync(e => e.DistrictCode == "2704" && e.FiscalYear == 2566));
        sent.Status.ShouldBe(RevenueEstimateStatus.Sent);

        // The attack of issue 14: a draft save over the sent estimate with one line of 1.00.
        var overwrite = await app.ChangesNothingAsync(() => SaveEstimateAsync(district, "2704", sent.Version, send: false));
        overwrite.Status.ShouldBe(423);
        overwrite.Body.ShouldContain("ส่งจังหวัดแล้วและถูกล็อก");

        var province = await app.SignedInAsync("ProvinceOfficer", "27");
        var noReason = await app.ChangesNothingAsync(() => ReturnEstimateAsync(province, "2704", ""));
        noReason.Status.ShouldBe(422);
        (await ReturnEstimateAsync(province, "2704", "ยอดเดือนมีนาคมไม่ตรงกับมติคณะกรรมการ")).Status.ShouldBe(302);

        var returned = await app.WithDbAsync(db => db.RevenueEstimates.AsNoTracking().SingleAsync(e => e.DistrictCode == "2704" && e.FiscalYear == 2566));
        returned.Status.ShouldBe(RevenueEstimateStatus.Returned);
        returned.ReturnReason.ShouldBe("ยอดเดือนมีนาคมไม่ตรงกับมติคณะกรรมการ");
        (await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Entity == "revenue-estimate" && a.Key == "2704/2566" && a.Action == "return" && a.Reason == "ยอดเดือนมีนาคมไม่ตรงกับมติคณะกรรมการ"))).ShouldBeTrue();

        (await SaveEstimateAsync(district, "2704", returned.Version, send: false)).Status.ShouldBe(302);
        var corrected = await app.WithDbAsync(db => db.RevenueEstimates.AsNoTracking().SingleAsync(e => e.DistrictCode == "2704" && e.FiscalYear == 2566));
        corrected.Status.ShouldBe(RevenueEstimateStatus.Returned, "saved but not yet sent again");
        corrected.Total.ShouldBe(1.00m);
    }

    [Fact]
    public async Task ListingsRecordedIn2023WithASinceIn2020_LeaveFy2564Round1Unchanged_AndAreFlaggedForTheProvince()
    {
        app.Clock.Now = new DateTimeOffset(2023, 5, 10, 14, 0, 0, TimeSpan.FromHours(7));
        var viewer = await app.ClientAsAsync("ProvinceOfficer", "27");
        var before = await RowAsync(viewer, "2705");
        var officer = await app.ClientAsAsync("DistrictOfficer", "2705");
        var products = await app.WithDbAsync(db => db.Products.Where(p => p.Entrepreneur.DistrictCode == "2705" && p.RegisteredYear >= 2557 && p.RegisteredYear <= 2563 && !p.Listings.Any())
            .OrderBy(p => p.Code).Select(p => p.Code).Take(40).ToListAsync());
        foreach (var code in products)
        {
            (await officer.PutAsJsonAsync($"/api/v1/registry/products/{code}/online-listings",
                new[] { new { channel = "facebook", url = $"https://facebook.com/otop-{code}", since = "2020-01-15" } })).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var after = await RowAsync(viewer, "2705");
        after.GetProperty("productsOnline").GetInt32().ShouldBe(before.GetProperty("productsOnline").GetInt32());
        after.GetProperty("score").GetDecimal().ShouldBe(before.GetProperty("score").GetDecimal());
        // The stored counts (decision 010) agree once refreshed.
        await app.WithDbAsync(db => ProductCountRefresher.RefreshChangedAsync(db, 100, CancellationToken.None));
        (await RowAsync(viewer, "2705")).GetProperty("productsOnline").GetInt32().ShouldBe(before.GetProperty("productsOnline").GetInt32());

        var page = await app.SignedInAsync("ProvinceOfficer", "27");
        var explain = await page.GetStringAsync("/OnlineMarket/Explain?fiscalYear=2564&round=1&district=2705");
        explain.ShouldContain("data-testid=\"late-listings\"");
        explain.ShouldContain(products[0]);
        explain.ShouldContain("data-testid=\"backdated\"");

        // A round whose cut-off the department moved past the recording counts them (rows counted, not the stored counts).
        await app.WithDbAsync(async db =>
        {
            var round = await db.Set<Otop.Web.Features.Kpi.IndicatorRound>().SingleAsync(r => r.Indicator.FiscalYear == 2564 && r.Round == 1);
            round.ResultsCutOff = new DateOnly(2023, 5, 31);
            return await db.SaveChangesAsync();
        });
        (await RowAsync(viewer, "2705")).GetProperty("productsOnline").GetInt32().ShouldBe(before.GetProperty("productsOnline").GetInt32() + products.Count);
        await app.WithDbAsync(async db =>
        {
            var round = await db.Set<Otop.Web.Features.Kpi.IndicatorRound>().SingleAsync(r => r.Indicator.FiscalYear == 2564 && r.Round == 1);
            round.ResultsCutOff = null;
            return await db.SaveChangesAsync();
        });
    }

    [Fact]
    public async Task AListingSentAgainUnchanged_KeepsItsRecordedAt_SoAClosedRoundKeepsCountingIt()
    {
        app.Clock.Now = new DateTimeOffset(2023, 5, 11, 9, 0, 0, TimeSpan.FromHours(7));
        var viewer = await app.ClientAsAsync("ProvinceOfficer", "27");
        var before = await RowAsync(viewer, "2707");
        var listed = await app.WithDbAsync(db => db.OnlineListings.AsNoTracking()
            .Where(l => l.Product.Entrepreneur.DistrictCode == "2707" && l.Since <= new DateOnly(2021, 3, 31) && l.Product.RegisteredYear >= 2557 && l.Product.RegisteredYear <= 2563)
            .OrderBy(l => l.Id).Select(l => new { l.Product.Code, l.ChannelCode, l.Url, l.Since, l.RecordedAt }).FirstAsync());
        var officer = await app.ClientAsAsync("DistrictOfficer", "2707");

        (await officer.PutAsJsonAsync($"/api/v1/registry/products/{listed.Code}/online-listings", new[]
        {
            new { channel = listed.ChannelCode, url = listed.Url, since = listed.Since.ToString("yyyy-MM-dd") },
            new { channel = "line", url = "https://line.me/otop-new", since = "2023-05-01" },
        })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var stored = await app.WithDbAsync(db => db.OnlineListings.AsNoTracking().Where(l => l.Product.Code == listed.Code).OrderBy(l => l.Since).ToListAsync());
        stored.Count.ShouldBe(2);
        stored[0].RecordedAt.ShouldBe(listed.RecordedAt);
        stored[1].RecordedOn.ShouldBe(new DateOnly(2023, 5, 11));
        (await RowAsync(viewer, "2707")).GetProperty("productsOnline").GetInt32().ShouldBe(before.GetProperty("productsOnline").GetInt32());
    }

    private async Task<System.Text.Json.JsonElement> RowAsync(HttpClient client, string district)
    {
        var results = await (await client.GetAsync("/api/v1/kpi/online-market/results?fiscalYear=2564&round=1&province=27")).JsonAsync();
        return results.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("districtCode").GetString() == district);
    }

    private sealed record Session(HttpClient Http, string Token);

    /// <summary>A district head (every district write is theirs) with a page cookie and a bearer token on one client.</summary>
    private async Task<Session> HeadClientAsync(string district)
    {
        var userName = await app.CreateUserAsync("DistrictHead", district);
        var http = await app.SignedInAsAsync(userName);
        var token = await (await http.PostAsJsonAsync("/api/v1/auth/token", new { username = userName, password = OtopApp.Password })).JsonAsync();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        return new Session(http, Antiforgery.TokenFrom(await http.GetStringAsync("/Account/Login")));
    }

    private static async Task<(int Status, string Body)> SendAsync(HttpClient http, string route, string url, string? body, string token)
    {
        using var request = new HttpRequestMessage(new HttpMethod(route[..route.IndexOf(' ')]), url);
        var page = !route.Contains(" /api/", StringComparison.Ordinal);
        if (body == "form")
        {
            request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["commit"] = "true" });
        }
        else if (body == "file")
        {
            var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(Encoding.UTF8.GetBytes(Registry.RegistryFiles.Header + "\n"));
            file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            form.Add(file, "file", "registry.csv");
            if (page) form.Add(new StringContent(token), "__RequestVerificationToken");
            request.Content = form;
        }
        else if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }
        using var response = await http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string Fill(string template, Dictionary<string, string> values) =>
        values.Aggregate(template, (s, kv) => s.Replace("{" + kv.Key + "}", kv.Value, StringComparison.Ordinal));

    private static async Task<(int Status, string Body)> UploadEvidenceAsync(HttpClient client, string district, string month, string producer)
    {
        var url = $"/Revenue/Entry?district={district}&month={month}";
        var token = Antiforgery.TokenFrom(await client.GetStringAsync(url));
        var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(producer), "EvidenceFor" },
        };
        var pdf = new ByteArrayContent(Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"));
        pdf.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(pdf, "Upload", "receipt.pdf");
        using var response = await client.PostAsync(url + "&handler=Evidence", form);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<(int Status, string Body)> SaveEstimateAsync(Session s, string district, int version, bool send)
    {
        var url = $"/Revenue/Estimate?district={district}&fiscalYear=2566";
        var code = await ProducerOfAsync(s.Http, url);
        using var response = await s.Http.PostAsync(url + $"&handler=Save&send={(send ? "true" : "false")}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = s.Token, ["Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Lines[0].Code"] = code, ["Lines[0].Amounts[0]"] = "1.00",
        }));
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<string> ProducerOfAsync(HttpClient http, string url)
    {
        var html = await http.GetStringAsync(url);
        var m = System.Text.RegularExpressions.Regex.Match(html, "name=\"Lines\\[0\\]\\.Code\" value=\"([^\"]+)\"");
        m.Success.ShouldBeTrue("the estimate grid lists the district's producers");
        return m.Groups[1].Value;
    }

    private static async Task<(int Status, string Body)> ReturnEstimateAsync(HttpClient client, string district, string reason)
    {
        var url = $"/Revenue/Estimate?district={district}&fiscalYear=2566";
        var token = Antiforgery.TokenFrom(await client.GetStringAsync(url));
        using var response = await client.PostAsync(url + "&handler=Return", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["ReturnReason"] = reason,
        }));
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}

using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Otop.Domain;
using Otop.Web.Features.Registry;
using Otop.Web.Features.Revenue;
using Otop.Web.Platform.Data;
using Otop.Web.Tests.Infrastructure;
using Otop.Web.Tests.Revenue;

namespace Otop.Web.Tests.Registry;

/// <summary>
/// Issue 16, item 9: likely duplicate producers are merged into the one the officer keeps. Products, listings and revenue
/// history move; every total (month, district, province, nation, compiled) stays the same; it is audited, versioned,
/// scoped and all-or-nothing.
/// </summary>
public sealed class ProducerMergeTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    /// <summary>Two producers of the district (kept, duplicate) and a third that is not merged, with products; the duplicate's first product is listed online.</summary>
    private async Task<string[]> ProducersAsync(string district)
    {
        var codes = await app.ProducersAsync(district, 3);
        await app.WithDbAsync(async db =>
        {
            var ids = await db.Entrepreneurs.Where(e => codes.Contains(e.Code)).ToDictionaryAsync(e => e.Code, e => e.Id);
            foreach (var (code, count) in new[] { (codes[0], 1), (codes[1], 2), (codes[2], 1) })
            {
                for (var i = 1; i <= count; i++)
                {
                    db.Products.Add(new Product
                    {
                        Code = $"{code}-{i:00}", Name = $"ผลิตภัณฑ์ {i}", EntrepreneurId = ids[code], Category = ProductCategory.Food, RegisteredYear = 2560, UpdatedBy = "t",
                    });
                }
            }
            await db.SaveChangesAsync();
            var listed = await db.Products.SingleAsync(p => p.Code == $"{codes[1]}-01");
            db.OnlineListings.Add(OnlineListing.Recorded(listed.Id, "shopee", "https://shopee.example/dup", new DateOnly(2022, 11, 1), app.Clock.GetUtcNow(), "t"));
            return await db.SaveChangesAsync();
        });
        return codes;
    }

    private async Task<int> VersionAsync(HttpClient client, string code) =>
        (await (await client.GetAsync($"/api/v1/registry/entrepreneurs/{code}")).JsonAsync()).GetProperty("version").GetInt32();

    private async Task<HttpResponseMessage> MergeAsync(HttpClient client, string keep, string from, int? staleVersion = null) =>
        await client.PostJsonAsync($"/api/v1/registry/entrepreneurs/{keep}/merge", new
        {
            from = new[] { from },
            versions = new Dictionary<string, int> { [keep] = await VersionAsync(client, keep), [from] = staleVersion ?? await VersionAsync(client, from) },
        });

    /// <summary>Every figure a total is read from: the district's months, the KPI's rows and totals, and the compiled nation.</summary>
    private async Task<string> TotalsAsync(HttpClient admin, string district, params string[] months)
    {
        var parts = new List<string>();
        foreach (var month in months)
        {
            parts.Add((await (await admin.GetAsync($"/api/v1/revenue/{district}/{month}")).JsonAsync()).GetProperty("total").GetDecimal().ToString());
            (await admin.PostJsonAsync($"/api/v1/compilations/{month}", new { })).IsSuccessStatusCode.ShouldBeTrue();
            var compiled = await (await admin.GetAsync($"/api/v1/compilations/{month}")).JsonAsync();
            parts.Add(compiled.GetProperty("total").GetProperty("revenue").GetDecimal().ToString());
            parts.Add(compiled.GetProperty("provinces").EnumerateArray().Single(p => p.GetProperty("code").GetString() == district[..2]).GetProperty("revenue").GetDecimal().ToString());
        }
        var kpi = await (await admin.GetAsync($"/api/v1/kpi/revenue/results?fiscalYear=2566&round=1&province={district[..2]}")).JsonAsync();
        var row = kpi.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("districtCode").GetString() == district);
        parts.Add(row.GetRawText());
        parts.Add(kpi.GetProperty("total").GetRawText());
        return string.Join("|", parts);
    }

    private static decimal? AmountOf(JsonElement month, string code) =>
        month.GetProperty("entries").EnumerateArray().Where(e => e.GetProperty("entrepreneurCode").GetString() == code)
            .Select(e => (decimal?)e.GetProperty("amount").GetDecimal()).SingleOrDefault();

    [Fact]
    public async Task AMerge_MovesProductsListingsAndHistory_AndLeavesEveryTotalAtEveryLevelUnchanged()
    {
        await app.SeedRevenueIndicatorAsync(2566);
        var codes = await ProducersAsync("3401");
        var (keep, dup, other) = (codes[0], codes[1], codes[2]);
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        // Certified history (approved on import): the duplicate marked 0 beside the kept figure, and figures of its own.
        await admin.ImportHistoryAsync((keep, "2021-10", 800m), (dup, "2021-11", 400m), (other, "2021-10", 50m),
            (keep, "2022-10", 1000m), (dup, "2022-10", 0m), (dup, "2022-11", 500.25m), (other, "2022-11", 300m));
        await app.WithDbAsync(async db =>
        {
            var dupId = await db.Entrepreneurs.Where(e => e.Code == dup).Select(e => e.Id).SingleAsync();
            db.RevenueEstimates.Add(new RevenueEstimate
            {
                DistrictCode = "3401", ProvinceCode = "34", FiscalYear = 2566, Total = 100m, UpdatedBy = "t",
                Lines = [new RevenueEstimateLine { EntrepreneurId = dupId, Month = "2022-10", Amount = 100m }],
            });
            return await db.SaveChangesAsync();
        });
        var before = await TotalsAsync(admin, "3401", "2022-10", "2022-11");
        var officer = await app.ClientAsAsync("DistrictOfficer", "3401");

        var response = await MergeAsync(officer, keep, dup);

        var body = await response.JsonAsync();
        body.GetProperty("keep").GetString().ShouldBe(keep);
        (await TotalsAsync(admin, "3401", "2022-10", "2022-11")).ShouldBe(before);
        var kept = await (await officer.GetAsync($"/api/v1/registry/entrepreneurs/{keep}")).JsonAsync();
        kept.GetProperty("products").EnumerateArray().Select(p => p.GetProperty("code").GetString())
            .ShouldBe([$"{keep}-01", $"{dup}-01", $"{dup}-02"], "product codes stay as they were");
        kept.GetProperty("products").EnumerateArray().Single(p => p.GetProperty("code").GetString() == $"{dup}-01")
            .GetProperty("listings").GetArrayLength().ShouldBe(1);
        var merged = await (await officer.GetAsync($"/api/v1/registry/entrepreneurs/{dup}")).JsonAsync();
        merged.GetProperty("status").GetString().ShouldBe("merged");
        merged.GetProperty("mergedInto").GetString().ShouldBe(keep);
        merged.GetProperty("products").GetArrayLength().ShouldBe(0);
        var october = await (await officer.GetAsync("/api/v1/revenue/3401/2022-10")).JsonAsync();
        var november = await (await officer.GetAsync("/api/v1/revenue/3401/2022-11")).JsonAsync();
        (AmountOf(october, keep), AmountOf(october, dup)).ShouldBe((1000m, (decimal?)null));
        (AmountOf(november, keep), AmountOf(november, dup), AmountOf(november, other)).ShouldBe((500.25m, (decimal?)null, 300m));
        var estimate = await app.WithDbAsync(db => db.RevenueEstimates.Where(e => e.DistrictCode == "3401")
            .SelectMany(e => e.Lines).Select(l => new { l.Entrepreneur.Code, l.Amount }).SingleAsync());
        estimate.ShouldBe(new { Code = keep, Amount = 100m });
        var stored = await app.WithDbAsync(db => db.Entrepreneurs.SingleAsync(e => e.Code == dup));
        (stored.Status, stored.MergedIntoCode).ShouldBe((RegistryStatus.Merged, keep));
        var audit = await (await admin.GetAsync($"/api/v1/audit?entity=entrepreneur&key={keep}")).JsonAsync();
        var entry = audit.EnumerateArray().Last();
        entry.GetProperty("action").GetString().ShouldBe("merge");
        entry.GetRawText().ShouldContain(dup);
        entry.GetProperty("reason").GetString()!.ShouldContain("ย้ายผลิตภัณฑ์ 2 รายการ");
    }

    [Fact]
    public async Task TwoFiguresForOneMonth_AreRefusedInThai_NamingTheMonth_AndNothingChanges()
    {
        var codes = await ProducersAsync("3402");
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        await admin.ImportHistoryAsync((codes[0], "2022-12", 100m), (codes[1], "2022-12", 200m), (codes[1], "2023-01", 50m));
        var officer = await app.ClientAsAsync("DistrictOfficer", "3402");

        var response = await app.ChangesNothingAsync(() => MergeAsync(officer, codes[0], codes[1]));

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict);
        problem.GetProperty("detail").GetString()!.ShouldContain("ธันวาคม 2565");
        problem.GetProperty("detail").GetString()!.ShouldNotContain("มกราคม 2566");
    }

    [Fact]
    public async Task AStaleVersion_Is409InThai_AndNothingChanges()
    {
        var codes = await ProducersAsync("3403");
        var officer = await app.ClientAsAsync("DistrictOfficer", "3403");
        var seen = await VersionAsync(officer, codes[1]);
        await app.WithDbAsync(async db =>
        {
            var e = await db.Entrepreneurs.SingleAsync(x => x.Code == codes[1]);
            (e.Version, e.UpdatedBy) = (e.Version + 1, "colleague");
            return await db.SaveChangesAsync();
        });

        var response = await app.ChangesNothingAsync(() => MergeAsync(officer, codes[0], codes[1], staleVersion: seen));

        (await response.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString()!.ShouldContain("colleague แก้ไขข้อมูลผู้ประกอบการที่จะรวมไปก่อนแล้ว");
    }

    [Fact]
    public async Task ARecordOutsideTheCallersScope_IsNotFound_AndAViewerIsForbidden()
    {
        var own = await ProducersAsync("3404");
        var sibling = await ProducersAsync("3405");
        var officer = await app.ClientAsAsync("DistrictOfficer", "3404");
        var otherProvince = await app.ClientAsAsync("ProvinceOfficer", "35");
        var viewer = await app.ClientAsAsync("Viewer", "34");
        var versions = new Dictionary<string, int> { [own[0]] = 0, [sibling[0]] = 0 };
        Task<HttpResponseMessage> Post(HttpClient c, string keep, string from) =>
            c.PostJsonAsync($"/api/v1/registry/entrepreneurs/{keep}/merge", new { from = new[] { from }, versions });

        var results = await app.ChangesNothingAsync(async () => new[]
        {
            (await Post(officer, own[0], sibling[0])).StatusCode,
            (await Post(officer, sibling[0], own[0])).StatusCode,
            (await Post(otherProvince, own[0], own[1])).StatusCode,
            (await Post(viewer, own[0], own[1])).StatusCode,
        });

        results.ShouldBe([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.Forbidden]);
    }

    [Fact]
    public async Task ProducersOfTwoDistricts_AreNotMerged_EvenByTheProvince()
    {
        var a = await ProducersAsync("3406");
        var b = await ProducersAsync("3407");
        var province = await app.ClientAsAsync("ProvinceOfficer", "34");

        var response = await app.ChangesNothingAsync(() => MergeAsync(province, a[0], b[0]));

        (await response.ProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("errors").GetProperty("from")[0].GetString()!
            .ShouldContain("รวมได้เฉพาะผู้ประกอบการในอำเภอเดียวกัน");
    }

    /// <summary>A step that fails after the products and the revenue rows have moved, as a lost connection would.</summary>
    private sealed class FailingStep : IProducerMergeStep
    {
        public Task<MergeStepPlan> PlanAsync(AppDbContext db, ProducerMergeIds ids, CancellationToken ct) => Task.FromResult(new MergeStepPlan([], []));

        public Task MoveAsync(AppDbContext db, ProducerMergeIds ids, CancellationToken ct) => throw new InvalidOperationException("failure mid-way");
    }

    [Fact]
    public async Task AFailureMidWay_LeavesEverythingAsItWas()
    {
        var codes = await ProducersAsync("3408");
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        await admin.ImportHistoryAsync((codes[1], "2022-11", 500m));
        using var failing = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddScoped<IProducerMergeStep, FailingStep>()));
        var client = failing.CreateClient();
        client.DefaultRequestHeaders.Authorization = admin.DefaultRequestHeaders.Authorization;

        var response = await app.ChangesNothingAsync(() => MergeAsync(client, codes[0], codes[1]));

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        (await app.WithDbAsync(db => db.Products.CountAsync(p => p.Entrepreneur.Code == codes[1]))).ShouldBe(2);
    }

    [Fact]
    public async Task ThePage_ShowsWhatWillMoveBeforeThePost_ThenMerges_AndTheMergedRecordPointsToTheKeptOne()
    {
        var codes = await ProducersAsync("3409");
        await (await app.ClientAsAsync("DepartmentAdmin", "0")).ImportHistoryAsync((codes[1], "2022-11", 500m), (codes[1], "2022-12", 0m));
        var page = await app.SignedInAsync("DistrictOfficer", "3409");

        var preview = await page.GetStringAsync($"/Registry/Merge?keep={codes[0]}&from={codes[0]}&from={codes[1]}");
        var token = Antiforgery.TokenFrom(preview);
        var posted = await page.PostAsync("/Registry/Merge", new FormUrlEncodedContent(
        [
            new("Input.Keep", codes[0]), new("Input.Versions", "0"), new("Input.From", codes[1]), new("Input.Versions", "0"),
            new("__RequestVerificationToken", token),
        ]));
        var mergedPage = await page.GetStringAsync($"/Registry/Producer/{codes[1]}");

        preview.ShouldContain("ผลิตภัณฑ์: 2 รายการ");
        preview.ShouldContain("เดือนที่มีรายได้ (รต.1): 2 รายการ");
        preview.ShouldContain("ยืนยันรวมรายการ");
        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        posted.Headers.Location!.ToString().ShouldBe($"/Registry/Producer/{codes[0]}?merged=1");
        mergedPage.ShouldContain($"href=\"/Registry/Producer/{codes[0]}\"");
        mergedPage.ShouldContain("รวมกับรายอื่นแล้ว");
    }

    [Fact]
    public async Task ThePage_SavedOnAStaleVersion_Answers409WithTheThaiMessage_AndMergesNothing()
    {
        var codes = await ProducersAsync("3410");
        var page = await app.SignedInAsync("DistrictOfficer", "3410");
        var token = Antiforgery.TokenFrom(await page.GetStringAsync($"/Registry/Merge?keep={codes[0]}&from={codes[1]}"));

        var posted = await app.ChangesNothingAsync(() => page.PostAsync("/Registry/Merge", new FormUrlEncodedContent(
        [
            new("Input.Keep", codes[0]), new("Input.Versions", "0"), new("Input.From", codes[1]), new("Input.Versions", "7"),
            new("__RequestVerificationToken", token),
        ])));

        posted.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await posted.Content.ReadAsStringAsync()).ShouldContain("แก้ไขข้อมูลผู้ประกอบการที่จะรวมไปก่อนแล้ว");
    }
}

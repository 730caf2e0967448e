using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Tests.Infrastructure;
using static Otop.Web.Tests.Revenue.RevenueTestData;
using Otop.Web.Features.Revenue;
using Xunit.Abstractions;

namespace Otop.Web.Tests.Revenue;

/// <summary>
/// The estimate at any size (CONTRACT.md "Revenue", <c>GET/PUT /api/v1/revenue/estimates/{district}/{fiscalYear}</c>): the
/// contract's shape, versions, the 422s naming the entry, the sent estimate's lock, a 3,000-producer district in one PUT,
/// and the XLSX template's round trip through the same command.
/// </summary>
public sealed class EstimateApiTests(EmptyApp app, ITestOutputHelper output) : IClassFixture<EmptyApp>
{
    private static Task<HttpResponseMessage> PutAsync(HttpClient client, string district, int fiscalYear, object entries, int? version = null) =>
        client.PutAsJsonAsync<object>($"/api/v1/revenue/estimates/{district}/{fiscalYear}", version is null ? new { entries } : new { version, entries }, Http.Json);

    [Fact]
    public async Task AnEstimateNeverSaved_ReadsAsAnEmptyDraftAtVersion0()
    {
        var officer = await app.ClientAsAsync("DistrictOfficer", "2701");

        var estimate = await (await officer.GetAsync("/api/v1/revenue/estimates/2701/2566")).JsonAsync();

        estimate.GetProperty("districtCode").GetString().ShouldBe("2701");
        estimate.GetProperty("fiscalYear").GetInt32().ShouldBe(2566);
        estimate.GetProperty("status").GetString().ShouldBe("draft");
        estimate.GetProperty("version").GetInt32().ShouldBe(0);
        estimate.GetProperty("entries").GetArrayLength().ShouldBe(0);
        estimate.GetProperty("total").GetDecimal().ShouldBe(0m);
    }

    [Fact]
    public async Task TheFirstPut_HasNoVersion_AnswersVersion1_AndTheGetShowsTheMonthsPerProducer_AndItIsAudited()
    {
        var codes = await app.ProducersAsync("2702", 2);
        var officer = await app.ClientAsAsync("DistrictOfficer", "2702");

        var put = await (await PutAsync(officer, "2702", 2566, new object[]
        {
            new { entrepreneurCode = codes[0], months = new Dictionary<string, decimal?> { ["2022-10"] = 1500.00m, ["2023-09"] = 250.25m } },
            new { entrepreneurCode = codes[1], months = new Dictionary<string, decimal?> { ["2023-01"] = 0m, ["2023-02"] = null } },
        })).JsonAsync();
        var estimate = await (await officer.GetAsync("/api/v1/revenue/estimates/2702/2566")).JsonAsync();

        put.GetProperty("version").GetInt32().ShouldBe(1);
        estimate.GetProperty("version").GetInt32().ShouldBe(1);
        estimate.GetProperty("total").GetDecimal().ShouldBe(1750.25m);
        var entries = estimate.GetProperty("entries").EnumerateArray().ToList();
        entries.Select(e => e.GetProperty("entrepreneurCode").GetString()).ShouldBe(codes);
        entries[0].GetProperty("months").EnumerateObject().Select(m => (m.Name, m.Value.GetDecimal())).ShouldBe([("2022-10", 1500m), ("2023-09", 250.25m)]);
        entries[1].GetProperty("months").EnumerateObject().Select(m => (m.Name, m.Value.GetDecimal())).ShouldBe([("2023-01", 0m)]);
        (await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Entity == "revenue-estimate" && a.Key == "2702/2566" && a.Action == "update"))).ShouldBeTrue();
    }

    [Fact]
    public async Task AStaleVersion_Is409_WithTheCurrentVersion_AndChangesNothing()
    {
        var codes = await app.ProducersAsync("2703", 1);
        var officer = await app.ClientAsAsync("DistrictOfficer", "2703");
        object Line(decimal v) => new[] { new { entrepreneurCode = codes[0], months = new Dictionary<string, decimal?> { ["2022-11"] = v } } };
        await PutAsync(officer, "2703", 2566, Line(1m));
        await PutAsync(officer, "2703", 2566, Line(2m), version: 1);

        var stale = await app.ChangesNothingAsync(async () => await (await PutAsync(officer, "2703", 2566, Line(3m), version: 1)).ProblemAsync(HttpStatusCode.Conflict));
        var none = await app.ChangesNothingAsync(async () => await (await PutAsync(officer, "2703", 2566, Line(3m))).ProblemAsync(HttpStatusCode.Conflict));

        stale.GetProperty("currentVersion").GetInt32().ShouldBe(2);
        none.GetProperty("detail").GetString()!.ShouldContain("ถูกแก้ไขโดย");
        (await (await officer.GetAsync("/api/v1/revenue/estimates/2703/2566")).JsonAsync()).GetProperty("total").GetDecimal().ShouldBe(2m);
    }

    [Fact]
    public async Task ANegativeOrThreeDecimalAmount_AMonthOutsideTheYear_AndAnotherDistrictsProducer_Are422NamingTheEntry()
    {
        var codes = await app.ProducersAsync("2704", 3);
        var other = await app.ProducersAsync("2705", 1);
        var officer = await app.ClientAsAsync("DistrictOfficer", "2704");

        var problem = await app.ChangesNothingAsync(async () => await (await PutAsync(officer, "2704", 2566, new object[]
        {
            new { entrepreneurCode = codes[0], months = new Dictionary<string, decimal?> { ["2022-10"] = -1m } },
            new { entrepreneurCode = codes[1], months = new Dictionary<string, decimal?> { ["2022-10"] = 1.005m } },
            new { entrepreneurCode = codes[2], months = new Dictionary<string, decimal?> { ["2023-10"] = 5m } },
            new { entrepreneurCode = other[0], months = new Dictionary<string, decimal?> { ["2022-10"] = 5m } },
        })).ProblemAsync(HttpStatusCode.UnprocessableEntity));

        var errors = problem.GetProperty("errors");
        errors.GetProperty("entries[0].months.2022-10")[0].GetString().ShouldBe("จำนวนเงินต้องไม่ติดลบ");
        errors.GetProperty("entries[1].months.2022-10")[0].GetString()!.ShouldStartWith("จำนวนเงินมีทศนิยมได้ไม่เกิน 2 ตำแหน่ง");
        errors.GetProperty("entries[2].months.2023-10")[0].GetString()!.ShouldContain("ไม่อยู่ในปีงบประมาณ 2566");
        errors.GetProperty("entries[3].entrepreneurCode")[0].GetString().ShouldBe($"ผู้ประกอบการรหัส {other[0]} ไม่อยู่ในอำเภอ 2704");
    }

    [Fact]
    public async Task ASentEstimate_Is423ForThePut_Locked_UntilTheProvinceReturnsIt()
    {
        var codes = await app.ProducersAsync("2706", 1);
        var officer = await app.ClientAsAsync("DistrictOfficer", "2706");
        var line = new[] { new { entrepreneurCode = codes[0], months = new Dictionary<string, decimal?> { ["2022-12"] = 9m } } };
        await PutAsync(officer, "2706", 2566, line);
        await app.WithDbAsync(async db =>
        {
            var e = await db.RevenueEstimates.SingleAsync(x => x.DistrictCode == "2706" && x.FiscalYear == 2566);
            e.Status = RevenueEstimateStatus.Sent;
            return await db.SaveChangesAsync();
        });

        var problem = await app.ChangesNothingAsync(async () => await (await PutAsync(officer, "2706", 2566, line, version: 1)).ProblemAsync(HttpStatusCode.Locked));

        problem.GetProperty("detail").GetString()!.ShouldContain("ถูกล็อก");
        problem.GetProperty("lock").GetString().ShouldBe("estimate-sent");
    }

    [Fact]
    public async Task ADistrictOf3000Producers_SavesItsWholeEstimateInOnePut_AndReadsItBack()
    {
        var codes = await app.ProducersAsync("2707", 3000);
        var officer = await app.ClientAsAsync("DistrictOfficer", "2707");
        var months = new Otop.Domain.FiscalYear(2566).Months.Select(m => m.ToString()).ToList();
        var entries = codes.Select((c, i) => new { entrepreneurCode = c, months = months.ToDictionary(m => m, m => (decimal?)(1000m + i)) }).ToArray();

        var watch = Stopwatch.StartNew();
        var first = await PutAsync(officer, "2707", 2566, entries);
        var firstTime = watch.Elapsed;
        watch.Restart();
        var second = await PutAsync(officer, "2707", 2566, entries, version: 1);
        var secondTime = watch.Elapsed;
        output.WriteLine($"3,000 producers × 12 months: first PUT {firstTime.TotalMilliseconds:N0} ms, replacing PUT {secondTime.TotalMilliseconds:N0} ms ({app.Database.Provider})");

        (await first.JsonAsync()).GetProperty("version").GetInt32().ShouldBe(1);
        (await second.JsonAsync()).GetProperty("version").GetInt32().ShouldBe(2);
        var estimate = await (await officer.GetAsync("/api/v1/revenue/estimates/2707/2566")).JsonAsync();
        estimate.GetProperty("entries").GetArrayLength().ShouldBe(3000);
        estimate.GetProperty("total").GetDecimal().ShouldBe(Enumerable.Range(0, 3000).Sum(i => 12m * (1000m + i)));
        (await app.WithDbAsync(db => db.RevenueEstimateLines.CountAsync(l => l.RevenueEstimate.DistrictCode == "2707"))).ShouldBe(36_000);
    }

    [Fact]
    public async Task TheXlsxTemplate_FilledAndUploaded_ReplacesTheEstimate_AndAnOldDownloadIs409()
    {
        var codes = await app.ProducersAsync("2708", 2);
        var officer = await app.ClientAsAsync("DistrictOfficer", "2708");
        var template = await (await officer.GetAsync("/api/v1/reports/revenue-estimate-template?district=2708&fiscalYear=2566&format=xlsx")).Content.ReadAsByteArrayAsync();
        var rows = Reports.ReportFilesRead.Xlsx(template);
        rows[3].Skip(3).ShouldBe(["ต.ค. 65", "พ.ย. 65", "ธ.ค. 65", "ม.ค. 66", "ก.พ. 66", "มี.ค. 66", "เม.ย. 66", "พ.ค. 66", "มิ.ย. 66", "ก.ค. 66", "ส.ค. 66", "ก.ย. 66"]);
        var filled = FilledSheets.Fill(template, new Dictionary<string, string> { ["D5"] = "1200", ["O5"] = "300.5", ["E6"] = "0" });

        var answer = await (await officer.PostAsync("/api/v1/revenue/estimates/2708/2566/file", FilledSheets.Xlsx(filled, "estimate.xlsx"))).JsonAsync();
        var stale = await app.ChangesNothingAsync(async () =>
            await (await officer.PostAsync("/api/v1/revenue/estimates/2708/2566/file", FilledSheets.Xlsx(filled, "estimate.xlsx"))).ProblemAsync(HttpStatusCode.Conflict));
        var bad = await app.ChangesNothingAsync(async () => await (await officer.PostAsync("/api/v1/revenue/estimates/2708/2566/file", FilledSheets.Xlsx(
            FilledSheets.Fill(template, new Dictionary<string, string> { ["D6"] = "-3" }), "estimate.xlsx"))).ProblemAsync(HttpStatusCode.Conflict));

        answer.GetProperty("version").GetInt32().ShouldBe(1);
        stale.GetProperty("currentVersion").GetInt32().ShouldBe(1);
        var estimate = await (await officer.GetAsync("/api/v1/revenue/estimates/2708/2566")).JsonAsync();
        estimate.GetProperty("total").GetDecimal().ShouldBe(1500.5m);
        estimate.GetProperty("entries")[0].GetProperty("months").GetProperty("2023-09").GetDecimal().ShouldBe(300.5m);
        bad.GetProperty("status").GetInt32().ShouldBe(409);

        var fresh = await (await officer.GetAsync("/api/v1/reports/revenue-estimate-template?district=2708&fiscalYear=2566&format=xlsx")).Content.ReadAsByteArrayAsync();
        var refused = await app.ChangesNothingAsync(async () => await (await officer.PostAsync("/api/v1/revenue/estimates/2708/2566/file", FilledSheets.Xlsx(
            FilledSheets.Fill(fresh, new Dictionary<string, string> { ["D6"] = "-3", ["F5"] = "หนึ่งพัน" }), "estimate.xlsx"))).ProblemAsync(HttpStatusCode.UnprocessableEntity));
        refused.GetProperty("errors").GetProperty("rows[5]")[0].GetString()!.ShouldStartWith("แถว 5: เดือนธันวาคม 2565: 'หนึ่งพัน' ไม่ใช่จำนวนเงินที่ถูกต้อง: มีอักขระ");
        refused.GetProperty("errors").GetProperty("rows[6]")[0].GetString().ShouldBe("แถว 6: เดือนตุลาคม 2565: '-3' ไม่ใช่จำนวนเงินที่ถูกต้อง: จำนวนเงินต้องไม่ติดลบ");
    }
}

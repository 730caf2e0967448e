using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Compilation;
using Otop.Web.Features.Revenue;
using Otop.Web.Platform.Data;
using Otop.Web.Tests.Infrastructure;
using static Otop.Web.Tests.Revenue.RevenueTestData;

namespace Otop.Web.Tests.Compilation;

/// <summary>
/// CONTRACT.md "National compilation" over HTTP. A compilation covers every district of the country, so each test has
/// its own month and the shared app stays independent.
/// </summary>
public sealed class CompilationApiTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    private static readonly DateTimeOffset Later = Bangkok(2025, 12, 20);

    private static decimal Dec(JsonElement e, string name) => e.GetProperty(name).GetDecimal();

    private static int Int(JsonElement e, string name) => e.GetProperty(name).GetInt32();

    private Task SeedAsync(string month, params (string District, RevenueStatus Status, decimal Total, bool Late)[] rows) =>
        app.SeedMonthsAsync(month, rows);

    private Task<int> DistrictCountAsync(string? province = null) =>
        app.WithDbAsync(db => db.OrgUnits.CountAsync(o => o.Level == OrgLevel.District && (province == null || o.ParentCode == province)));

    [Fact]
    public async Task BeforeTheMonthIsCompiled_ItsCompilationAndChangesAnswer404InThai()
    {
        app.Clock.Now = Later;
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");

        var problem = await (await admin.GetAsync("/api/v1/compilations/2025-01")).ProblemAsync(HttpStatusCode.NotFound);
        await (await admin.GetAsync("/api/v1/compilations/2025-01/changes")).ProblemAsync(HttpStatusCode.NotFound);

        problem.GetProperty("detail").GetString()!.ShouldContain("มกราคม 2568");
    }

    [Fact]
    public async Task ACompilation_SumsEveryDistrictExactly_PerProvinceAndForTheNation()
    {
        app.Clock.Now = Later;
        await SeedAsync("2025-02",
            ("2701", RevenueStatus.Approved, 1000.10m, false), ("2702", RevenueStatus.Confirmed, 234.45m, true),
            ("2703", RevenueStatus.Draft, 0.45m, false), // written, not confirmed: its figure counts, the district is missing
            ("3601", RevenueStatus.Confirmed, 99999.99m, false), ("3602", RevenueStatus.Returned, 10m, true)); // late once, now returned: missing, not late
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");

        var compiled = await (await admin.PostAsync("/api/v1/compilations/2025-02", null)).JsonAsync();
        var read = await (await admin.GetAsync("/api/v1/compilations/2025-02")).JsonAsync();

        read.GetRawText().ShouldBe(compiled.GetRawText());
        read.GetProperty("month").GetString().ShouldBe("2025-02");
        read.GetProperty("trigger").GetString().ShouldBe("manual");
        var provinces = read.GetProperty("provinces").EnumerateArray().ToList();
        provinces.Count.ShouldBe(await app.WithDbAsync(db => db.OrgUnits.CountAsync(o => o.Level == OrgLevel.Province && db.OrgUnits.Any(d => d.ParentCode == o.Code))));
        var sakaeo = provinces.Single(p => p.GetProperty("code").GetString() == "27");
        sakaeo.GetProperty("nameTh").GetString().ShouldBe("สระแก้ว");
        Dec(sakaeo, "revenue").ShouldBe(1234.55m + 0.45m);
        Int(sakaeo, "districts").ShouldBe(await DistrictCountAsync("27"));
        Int(sakaeo, "confirmed").ShouldBe(2);
        Int(sakaeo, "late").ShouldBe(1);
        Int(sakaeo, "missing").ShouldBe(Int(sakaeo, "districts") - 2);
        var chaiyaphum = provinces.Single(p => p.GetProperty("code").GetString() == "36");
        (Dec(chaiyaphum, "revenue"), Int(chaiyaphum, "confirmed"), Int(chaiyaphum, "late")).ShouldBe((100009.99m, 1, 0));

        var total = read.GetProperty("total");
        Dec(total, "revenue").ShouldBe(101244.99m);
        Dec(total, "revenue").ShouldBe(provinces.Sum(p => Dec(p, "revenue")));
        Int(total, "districts").ShouldBe(await DistrictCountAsync());
        foreach (var field in new[] { "districts", "confirmed", "late", "missing" })
        {
            Int(total, field).ShouldBe(provinces.Sum(p => Int(p, field)), field);
        }
        (Int(total, "confirmed") + Int(total, "missing")).ShouldBe(Int(total, "districts"));
    }

    [Fact]
    public async Task TheCompilation_IsFrozen_ALaterChangeDoesNotMoveIt()
    {
        app.Clock.Now = Later;
        await SeedAsync("2025-03", ("2704", RevenueStatus.Approved, 500m, false));
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        await (await admin.PostAsync("/api/v1/compilations/2025-03", null)).JsonAsync();

        await app.WithDbAsync(db => db.RevenueMonths.Where(m => m.DistrictCode == "2704" && m.Month == "2025-03")
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Total, 900m)));
        var read = await (await admin.GetAsync("/api/v1/compilations/2025-03")).JsonAsync();

        Dec(read.GetProperty("total"), "revenue").ShouldBe(500m);
    }

    [Fact]
    public async Task AProvinceOfficer_SeesOnlyItsProvincesRows_AndTheTotalOfThoseRows()
    {
        app.Clock.Now = Later;
        await SeedAsync("2025-04", ("2701", RevenueStatus.Approved, 120.50m, false), ("3601", RevenueStatus.Approved, 7000m, false));
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        await (await admin.PostAsync("/api/v1/compilations/2025-04", null)).JsonAsync();
        var province = await app.ClientAsAsync("ProvinceOfficer", "27");

        var read = await (await province.GetAsync("/api/v1/compilations/2025-04")).JsonAsync();

        var row = read.GetProperty("provinces").EnumerateArray().ShouldHaveSingleItem();
        row.GetProperty("code").GetString().ShouldBe("27");
        Dec(row, "revenue").ShouldBe(120.50m);
        var total = read.GetProperty("total");
        Dec(total, "revenue").ShouldBe(120.50m);
        Int(total, "districts").ShouldBe(await DistrictCountAsync("27"));
        Int(total, "confirmed").ShouldBe(1);
    }

    [Fact]
    public async Task DistrictRolesAndViewers_Get403_AndOnlyTheDepartmentCompiles()
    {
        app.Clock.Now = Later;
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        await (await admin.PostAsync("/api/v1/compilations/2025-05", null)).JsonAsync();

        foreach (var (role, unit) in new[] { ("DistrictOfficer", "2701"), ("DistrictHead", "2701"), ("Viewer", "27"), ("Viewer", "0") })
        {
            var client = await app.ClientAsAsync(role, unit);
            await (await client.GetAsync("/api/v1/compilations/2025-05")).ProblemAsync(HttpStatusCode.Forbidden);
            await (await client.GetAsync("/api/v1/compilations/2025-05/changes")).ProblemAsync(HttpStatusCode.Forbidden);
            await (await client.PostAsync("/api/v1/compilations/2025-05", null)).ProblemAsync(HttpStatusCode.Forbidden);
        }
        var province = await app.ClientAsAsync("ProvinceOfficer", "27");
        var refused = await (await province.PostAsync("/api/v1/compilations/2025-05", null)).ProblemAsync(HttpStatusCode.Forbidden);
        refused.GetProperty("detail").GetString()!.ShouldContain("กรม");
        (await app.WithDbAsync(db => db.Compilations.CountAsync(c => c.Month == "2025-05"))).ShouldBe(1);
        (await app.CreateClient().GetAsync("/api/v1/compilations/2025-05")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task CompiledAt_PicksAnEarlierCompilation_TheLatestByDefault()
    {
        app.Clock.Now = Bangkok(2025, 8, 6, 0, 0);
        await SeedAsync("2025-07", ("2705", RevenueStatus.Approved, 100m, false));
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        var first = await (await admin.PostAsync("/api/v1/compilations/2025-07", null)).JsonAsync();
        await app.WithDbAsync(db => db.RevenueMonths.Where(m => m.DistrictCode == "2705" && m.Month == "2025-07")
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Total, 150m)));
        app.Clock.Advance(TimeSpan.FromMinutes(20)); // within the token's life
        var second = await (await admin.PostAsync("/api/v1/compilations/2025-07", null)).JsonAsync();
        var firstAt = first.GetProperty("compiledAt").GetString()!;

        var latest = await (await admin.GetAsync("/api/v1/compilations/2025-07")).JsonAsync();
        var earlier = await (await admin.GetAsync($"/api/v1/compilations/2025-07?compiledAt={Uri.EscapeDataString(firstAt)}")).JsonAsync();
        var between = await (await admin.GetAsync($"/api/v1/compilations/2025-07?compiledAt={Uri.EscapeDataString("2025-08-06T00:10:00+07:00")}")).JsonAsync();

        DateTimeOffset.Parse(latest.GetProperty("compiledAt").GetString()!, CultureInfo.InvariantCulture).ShouldBe(Bangkok(2025, 8, 6, 0, 20));
        Dec(latest.GetProperty("total"), "revenue").ShouldBe(150m);
        latest.GetProperty("compiledAt").GetString().ShouldBe(second.GetProperty("compiledAt").GetString());
        Dec(earlier.GetProperty("total"), "revenue").ShouldBe(100m);
        DateTimeOffset.Parse(earlier.GetProperty("compiledAt").GetString()!, CultureInfo.InvariantCulture).ShouldBe(Bangkok(2025, 8, 6, 0, 0));
        Dec(between.GetProperty("total"), "revenue").ShouldBe(100m);
        await (await admin.GetAsync($"/api/v1/compilations/2025-07?compiledAt={Uri.EscapeDataString("2025-08-05T23:00:00+07:00")}")).ProblemAsync(HttpStatusCode.NotFound);
        var bad = await (await admin.GetAsync("/api/v1/compilations/2025-07?compiledAt=yesterday")).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        bad.GetProperty("errors").GetProperty("compiledAt")[0].GetString()!.ShouldContain("ISO 8601");
    }

    [Fact]
    public async Task AfterAnUnlockWithAReason_TheChangesListTheDistrict_WithWhatWasCompiledAndWhatItIsNow()
    {
        app.Clock.Now = Bangkok(2025, 10, 20);
        var producer = await app.ProducersAsync("2706", 1);
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        await admin.ImportHistoryAsync((producer[0], "2025-09", 4321.09m));
        await (await admin.PostAsync("/api/v1/compilations/2025-09", null)).JsonAsync();
        var (officerName, province) = await OfficerAsync("27");
        app.Clock.Now = Bangkok(2025, 10, 20, 10, 25);

        (await province.ActAsync("2706", "2025-09", "unlock", "ยอดขายงานแสดงสินค้าตกหล่น")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var changes = await (await admin.GetAsync("/api/v1/compilations/2025-09/changes")).JsonAsync();
        var provinceChanges = await (await province.GetAsync("/api/v1/compilations/2025-09/changes")).JsonAsync();

        var change = changes.EnumerateArray().ShouldHaveSingleItem();
        change.GetProperty("districtCode").GetString().ShouldBe("2706");
        change.GetProperty("compiled").GetProperty("status").GetString().ShouldBe("approved");
        Dec(change.GetProperty("compiled"), "total").ShouldBe(4321.09m);
        change.GetProperty("now").GetProperty("status").GetString().ShouldBe("draft");
        Dec(change.GetProperty("now"), "total").ShouldBe(4321.09m);
        change.GetProperty("changedBy").GetString().ShouldBe(officerName);
        DateTimeOffset.Parse(change.GetProperty("changedAt").GetString()!, CultureInfo.InvariantCulture).ShouldBe(Bangkok(2025, 10, 20, 10, 25));
        change.GetProperty("reason").GetString().ShouldBe("ยอดขายงานแสดงสินค้าตกหล่น");
        provinceChanges.GetRawText().ShouldBe(changes.GetRawText());
        var other = await app.ClientAsAsync("ProvinceOfficer", "36");
        (await (await other.GetAsync("/api/v1/compilations/2025-09/changes")).JsonAsync()).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task ACompilationOnDemand_IsAudited_InThai()
    {
        app.Clock.Now = Later;
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        await (await admin.PostAsync("/api/v1/compilations/2025-06", null)).JsonAsync();

        var audit = await (await admin.GetAsync("/api/v1/audit?entity=compilation&key=2025-06")).JsonAsync();

        var entry = audit.EnumerateArray().ShouldHaveSingleItem();
        entry.GetProperty("action").GetString().ShouldBe("compile");
        Otop.Web.Features.Audit.AuditLabels.Action("compile").ShouldMatch(@"[\u0E00-\u0E7F]");
        Otop.Web.Features.Audit.AuditLabels.Entity("compilation").ShouldMatch(@"[\u0E00-\u0E7F]");
    }

    [Theory]
    [InlineData("2025-13", HttpStatusCode.BadRequest)]
    [InlineData("25-01", HttpStatusCode.BadRequest)]
    [InlineData("2568-01", HttpStatusCode.UnprocessableEntity)] // a Buddhist-era year typed where the API wants CE
    public async Task ABadMonth_AnswersAThaiProblem_NeverA500(string month, HttpStatusCode expected)
    {
        app.Clock.Now = Later;
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");

        foreach (var response in new[]
                 {
                     await admin.GetAsync($"/api/v1/compilations/{month}"), await admin.GetAsync($"/api/v1/compilations/{month}/changes"),
                     await admin.PostAsync($"/api/v1/compilations/{month}", null),
                 })
        {
            var problem = await response.ProblemAsync(expected);
            problem.GetProperty("detail").GetString()!.ShouldMatch(@"[\u0E00-\u0E7F]");
        }
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("9999-12-31T23:59:59Z")] // no Bangkok wall time to name in the 404: the instant is refused as out of range
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("0001-01-01T00:00:00+14:00")]
    public async Task ABadCompiledAt_AnswersAThaiProblem_NeverA500_OnEveryUrlThatTakesIt(string compiledAt)
    {
        app.Clock.Now = Later;
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        var at = Uri.EscapeDataString(compiledAt);

        foreach (var url in new[]
                 {
                     $"/api/v1/compilations/2025-08?compiledAt={at}", $"/api/v1/compilations/2025-08/changes?compiledAt={at}",
                     $"/api/v1/reports/compilation?month=2025-08&compiledAt={at}&format=csv",
                 })
        {
            var response = await admin.GetAsync(url);
            ((int)response.StatusCode).ShouldBeInRange(400, 499, url);
            (await response.Content.ReadAsStringAsync()).ShouldMatch(@"[\u0E00-\u0E7F]", url);
        }
    }

    [Fact]
    public async Task TheCompiledAtACompilationAnswers_IsTheOneItIsStoredAndReadBackWith()
    {
        app.Clock.Now = Later.AddTicks(1_234_567); // a sub-millisecond instant: neither database keeps every tick
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");

        var posted = (await (await admin.PostAsync("/api/v1/compilations/2025-10", null)).JsonAsync()).GetProperty("compiledAt").GetString()!;
        var read = (await (await admin.GetAsync("/api/v1/compilations/2025-10")).JsonAsync()).GetProperty("compiledAt").GetString()!;
        var picked = (await (await admin.GetAsync($"/api/v1/compilations/2025-10?compiledAt={Uri.EscapeDataString(posted)}")).JsonAsync())
            .GetProperty("compiledAt").GetString()!;

        read.ShouldBe(posted);
        picked.ShouldBe(posted);
    }

    [Fact]
    public async Task AMonthNotBegunYet_CannotBeCompiled()
    {
        app.Clock.Now = Later;
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");

        var problem = await (await admin.PostAsync("/api/v1/compilations/2026-01", null)).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        problem.GetProperty("errors").GetProperty("month")[0].GetString()!.ShouldContain("ยังไม่เริ่ม");
        (await app.WithDbAsync(db => db.Compilations.CountAsync(c => c.Month == "2026-01"))).ShouldBe(0);
    }

    private async Task<(string Name, HttpClient Client)> OfficerAsync(string province)
    {
        var name = await app.CreateUserAsync("ProvinceOfficer", province);
        return (name, await app.ClientForAsync(name));
    }
}

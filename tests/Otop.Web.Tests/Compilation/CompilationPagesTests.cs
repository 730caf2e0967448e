using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Compilation;
using Otop.Web.Features.Revenue;
using Otop.Web.Platform.Audit;
using Otop.Web.Tests.Infrastructure;
using Otop.Web.Tests.Reports;
using static Otop.Web.Tests.Revenue.RevenueTestData;

namespace Otop.Web.Tests.Compilation;

/// <summary>
/// Issue 17: the department's home (the month's compilation, compiling again), the drill-down into a province, and the
/// compilation report for the OPDC and the ministry, each against <c>GET /api/v1/compilations/{month}</c>. Each test has
/// its own month (and clock), so the shared app stays independent.
/// </summary>
public sealed partial class CompilationPagesTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    private Task SeedAsync(string month, params (string District, RevenueStatus Status, decimal Total, bool Late)[] rows) =>
        app.SeedMonthsAsync(month, rows);

    private static JsonElement Province(JsonElement compilation, string code) =>
        compilation.GetProperty("provinces").EnumerateArray().Single(p => p.GetProperty("code").GetString() == code);

    private static string CompiledAtQuery(JsonElement compilation) =>
        Uri.EscapeDataString(compilation.GetProperty("compiledAt").GetDateTimeOffset().ToUniversalTime().ToString("O"));

    [GeneratedRegex("""data-testid="province-total" data-districts="(\d+)" data-confirmed="(\d+)" data-late="(\d+)" data-missing="(\d+)" data-revenue="([\d.]+)""")]
    private static partial Regex ProvinceTotal();

    [Fact]
    public async Task TheDepartmentsHome_SaysNotCompiledYet_ThenShowsWhenItsButtonCompiledTheMonth()
    {
        app.Clock.Now = Bangkok(2025, 6, 20);
        var admin = await app.SignedInAsync("DepartmentAdmin", "0");
        var api = await app.ClientAsAsync("DepartmentAdmin", "0");

        var before = await admin.GetStringAsync("/");
        var posted = await admin.PostAsync("/?handler=Compile", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Month"] = "2025-06", ["__RequestVerificationToken"] = Antiforgery.TokenFrom(before),
        }));
        var compiled = await (await api.GetAsync("/api/v1/compilations/2025-06")).JsonAsync();
        var after = await admin.GetStringAsync("/");

        before.ShouldContain("ยังไม่รวบรวม");
        before.ShouldContain("data-testid=\"national-27\"");
        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        compiled.GetProperty("trigger").GetString().ShouldBe("manual");
        after.ShouldNotContain("ยังไม่รวบรวม");
        after.ShouldContain(ThaiDates.FormatDateTime(compiled.GetProperty("compiledAt").GetDateTimeOffset()));
        after.ShouldContain("รวบรวมอีกครั้ง");
        after.ShouldContain("data-testid=\"report-buttons-compilation\"");
        after.ShouldContain($"compiledAt={CompiledAtQuery(compiled)}");
    }

    [Fact]
    public async Task CompilingFromTheHome_IsTheDepartmentAdminsOnly()
    {
        app.Clock.Now = Bangkok(2025, 6, 21);
        var viewer = await app.SignedInAsync("Viewer", "0");
        var home = await viewer.GetStringAsync("/");
        var compilations = await app.WithDbAsync(db => db.Compilations.CountAsync());

        var posted = await viewer.PostAsync("/?handler=Compile", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Month"] = "2025-06", ["__RequestVerificationToken"] = Antiforgery.TokenFrom(home),
        }));

        home.ShouldNotContain("data-testid=\"compile-again\"");
        ((int)posted.StatusCode is 403 || posted.Headers.Location?.ToString().Contains("/Account/Denied") == true).ShouldBeTrue(posted.StatusCode.ToString());
        (await app.WithDbAsync(db => db.Compilations.CountAsync())).ShouldBe(compilations);
    }

    [Fact]
    public async Task TheProvinceDrillDown_AddsUpToTheCompilationApi_AndLinksEachDistrictToItsProducers()
    {
        app.Clock.Now = Bangkok(2025, 7, 20);
        await SeedAsync("2025-07", ("2701", RevenueStatus.Approved, 1000.10m, false), ("2702", RevenueStatus.Confirmed, 234.45m, true),
            ("2703", RevenueStatus.Draft, 0.45m, false), ("3601", RevenueStatus.Confirmed, 50m, false));
        var api = await app.ClientAsAsync("DepartmentAdmin", "0");
        var compiled = await (await api.PostAsync("/api/v1/compilations/2025-07", null)).JsonAsync();
        var admin = await app.SignedInAsync("DepartmentAdmin", "0");

        var html = await admin.GetStringAsync("/Compilation/Province?code=27&month=2025-07");

        var sakaeo = Province(compiled, "27");
        var m = ProvinceTotal().Match(html);
        m.Success.ShouldBeTrue();
        int.Parse(m.Groups[1].Value).ShouldBe(sakaeo.GetProperty("districts").GetInt32());
        int.Parse(m.Groups[2].Value).ShouldBe(sakaeo.GetProperty("confirmed").GetInt32());
        int.Parse(m.Groups[3].Value).ShouldBe(sakaeo.GetProperty("late").GetInt32());
        int.Parse(m.Groups[4].Value).ShouldBe(sakaeo.GetProperty("missing").GetInt32());
        decimal.Parse(m.Groups[5].Value, System.Globalization.CultureInfo.InvariantCulture).ShouldBe(sakaeo.GetProperty("revenue").GetDecimal());
        html.ShouldContain("""data-testid="district-2702" data-total="234.45" data-late="1" data-missing="0""");
        html.ShouldContain("""data-testid="district-2703" data-total="0.45" data-late="0" data-missing="1""");
        html.ShouldContain("/Revenue/Entry?district=2701&amp;month=2025-07");
        html.ShouldNotContain("district-3601");
    }

    [Fact]
    public async Task TheProvinceDrillDown_IsAProvincesOwn_AnotherIsNotThere_AndDistrictsAreRefused()
    {
        app.Clock.Now = Bangkok(2025, 7, 21);
        var province = await app.SignedInAsync("ProvinceOfficer", "27");
        var district = await app.SignedInAsync("DistrictOfficer", "2701");

        var own = await province.GetAsync("/Compilation/Province?code=27&month=2025-07");
        var other = await province.GetAsync("/Compilation/Province?code=36&month=2025-07");
        var refused = await district.GetAsync("/Compilation/Province?code=27&month=2025-07");

        own.StatusCode.ShouldBe(HttpStatusCode.OK);
        other.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        ((int)refused.StatusCode is 403 || refused.Headers.Location?.ToString().Contains("/Account/Denied") == true).ShouldBeTrue(refused.StatusCode.ToString());
    }

    [Fact]
    public async Task TheCompilationReport_Xlsx_CarriesTheApisFigures_PerProvinceAndForTheNation()
    {
        app.Clock.Now = Bangkok(2025, 8, 20);
        await SeedAsync("2025-08", ("2701", RevenueStatus.Approved, 321.25m, true), ("3601", RevenueStatus.Confirmed, 99999.99m, false));
        var api = await app.ClientAsAsync("DepartmentAdmin", "0");
        await (await api.PostAsync("/api/v1/compilations/2025-08", null)).JsonAsync();
        var compiled = await (await api.GetAsync("/api/v1/compilations/2025-08")).JsonAsync();

        var rows = await ReportFilesRead.XlsxAsync(api, "compilation", $"month=2025-08&compiledAt={CompiledAtQuery(compiled)}");

        var provinces = compiled.GetProperty("provinces").EnumerateArray().ToList();
        var data = rows.Where(r => r.Length > 7 && r[1] is string code && code.Length == 2 && code.All(char.IsDigit)).ToList();
        data.Count.ShouldBe(provinces.Count);
        foreach (var p in provinces)
        {
            var row = data.Single(r => (string)r[1]! == p.GetProperty("code").GetString());
            row[2].ShouldBe(p.GetProperty("nameTh").GetString());
            new[] { row[3], row[4], row[5], row[6], row[7] }.ShouldBe(new object?[]
            {
                (decimal)p.GetProperty("districts").GetInt32(), (decimal)p.GetProperty("confirmed").GetInt32(), (decimal)p.GetProperty("late").GetInt32(),
                (decimal)p.GetProperty("missing").GetInt32(), p.GetProperty("revenue").GetDecimal(),
            });
        }
        var total = rows.Single(r => r.Length > 7 && r[2] as string == "รวมทั้งประเทศ");
        var t = compiled.GetProperty("total");
        ((decimal)total[3]!, (decimal)total[7]!).ShouldBe(((decimal)t.GetProperty("districts").GetInt32(), t.GetProperty("revenue").GetDecimal()));
        ((decimal)total[5]!).ShouldBe(t.GetProperty("late").GetInt32());
    }

    [Fact]
    public async Task TheCompilationReport_IsTheDepartments_AndAnswers404BeforeTheMonthIsCompiled()
    {
        app.Clock.Now = Bangkok(2025, 9, 20);
        var api = await app.ClientAsAsync("DepartmentAdmin", "0");
        var province = await app.ClientAsAsync("ProvinceOfficer", "27");

        var before = await api.GetAsync("/api/v1/reports/compilation?month=2025-09&format=xlsx");
        await (await api.PostAsync("/api/v1/compilations/2025-09", null)).JsonAsync();
        var forProvince = await province.GetAsync("/api/v1/reports/compilation?month=2025-09&format=xlsx");
        var csv = await api.GetAsync("/api/v1/reports/compilation?month=2025-09&format=csv");

        before.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        forProvince.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        ReportFilesRead.CsvLines(await csv.Content.ReadAsByteArrayAsync()).ShouldContain(l => l.Contains("รวมทั้งประเทศ"));
    }

    [Fact]
    public async Task TheCompilationReport_Pdf_PrintsWhenItWasCompiled_TheSignatures_AndTheLatestSignedCheckpoint()
    {
        ReportFilesRead.RequirePdfTools();
        app.Clock.Now = Bangkok(2025, 10, 20);
        var api = await app.ClientAsAsync("DepartmentAdmin", "0");
        var compiled = await (await api.PostAsync("/api/v1/compilations/2025-10", null)).JsonAsync();
        await (await api.PostAsync("/api/v1/audit/checkpoints", null)).JsonAsync(HttpStatusCode.Created);
        var checkpoint = await app.WithDbAsync(db => db.AuditCheckpoints.Where(c => c.Kind != AuditCheckpoints.Legacy)
            .OrderByDescending(c => c.At).ThenByDescending(c => c.Id).FirstAsync());

        var response = await api.GetAsync($"/api/v1/reports/compilation?month=2025-10&compiledAt={CompiledAtQuery(compiled)}&format=pdf");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = ReportFilesRead.PdfText(await response.Content.ReadAsByteArrayAsync());
        text.ShouldContain("รวบรวมเมื่อ " + ThaiDates.FormatDateTime(compiled.GetProperty("compiledAt").GetDateTimeOffset()));
        text.ShouldContain("ตุลาคม 2568");
        text.ShouldContain("audit checkpoint");
        text.ShouldContain($"เลขที่ {checkpoint.Id}");
        text.ShouldContain(checkpoint.Hash);
        text.ShouldContain("ผู้รวบรวม");
        text.ShouldContain("รวมทั้งประเทศ");
    }

    [Fact]
    public async Task TheCompilationReport_Pdf_PrintsTheDepartmentChainsCheckpoint_TheChainThatHoldsTheCompilation_WithItsHmac()
    {
        ReportFilesRead.RequirePdfTools();
        app.Clock.Now = Bangkok(2025, 11, 20);
        var api = await app.ClientAsAsync("DepartmentAdmin", "0");
        var compiled = await (await api.PostAsync("/api/v1/compilations/2025-11", null)).JsonAsync();
        await (await api.PostAsync("/api/v1/audit/checkpoints", null)).JsonAsync(HttpStatusCode.Created);
        var department = await app.WithDbAsync(db => db.AuditCheckpoints
            .Where(c => c.Chain == AuditChain.DepartmentChain && c.Kind != AuditCheckpoints.Legacy).OrderByDescending(c => c.Id).FirstAsync());

        var response = await api.GetAsync($"/api/v1/reports/compilation?month=2025-11&compiledAt={CompiledAtQuery(compiled)}&format=pdf");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = ReportFilesRead.PdfText(await response.Content.ReadAsByteArrayAsync());
        text.ShouldContain("สายกรม");
        text.ShouldContain($"เลขที่ {department.Id}");
        text.ShouldContain(department.Mac);
    }
}

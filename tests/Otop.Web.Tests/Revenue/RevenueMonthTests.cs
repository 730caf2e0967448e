using System.Net;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Tests.Infrastructure;
using static Otop.Web.Tests.Revenue.RevenueTestData;
using Otop.Web.Features.Registry;
using Otop.Web.Features.Revenue;

namespace Otop.Web.Tests.Revenue;

/// <summary>GET and PUT of a district month (CONTRACT.md "Revenue"): shape, versions, validation, scope.</summary>
public sealed class RevenueMonthTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    [Fact]
    public async Task AMonthNeverWritten_ReadsAsAnEmptyDraftAtVersion0()
    {
        app.Clock.Now = Bangkok(2023, 2, 20);
        var officer = await app.ClientAsAsync("DistrictOfficer", "2703");

        var month = await (await officer.GetAsync("/api/v1/revenue/2703/2023-02")).JsonAsync();

        month.GetProperty("districtCode").GetString().ShouldBe("2703");
        month.GetProperty("month").GetString().ShouldBe("2023-02");
        month.GetProperty("status").GetString().ShouldBe("draft");
        month.GetProperty("version").GetInt32().ShouldBe(0);
        month.GetProperty("late").GetBoolean().ShouldBeFalse();
        month.GetProperty("entries").GetArrayLength().ShouldBe(0);
        month.GetProperty("total").GetDecimal().ShouldBe(0m);
    }

    [Fact]
    public async Task TheFirstPut_HasNoVersion_AndAnswersVersion1_ThenGetShowsTheEntriesAndTheirTotal()
    {
        app.Clock.Now = Bangkok(2023, 2, 20);
        var codes = await app.ProducersAsync("2704");
        var officer = await app.ClientAsAsync("DistrictOfficer", "2704");

        var put = await (await officer.PutMonthAsync("2704", "2023-02", Entries(codes, 1200.50m, 0m, 35000.25m))).JsonAsync();
        var month = await (await officer.GetAsync("/api/v1/revenue/2704/2023-02")).JsonAsync();

        put.GetProperty("version").GetInt32().ShouldBe(1);
        month.GetProperty("version").GetInt32().ShouldBe(1);
        month.GetProperty("status").GetString().ShouldBe("draft");
        month.GetProperty("total").GetDecimal().ShouldBe(36200.75m);
        month.GetProperty("entries").EnumerateArray().Select(e => (e.GetProperty("entrepreneurCode").GetString(), e.GetProperty("amount").GetDecimal()))
            .ShouldBe([(codes[0], 1200.50m), (codes[1], 0m), (codes[2], 35000.25m)]);
    }

    [Fact]
    public async Task APut_ReplacesTheEntries_AndEachWriteRaisesTheVersion()
    {
        app.Clock.Now = Bangkok(2023, 2, 20);
        var codes = await app.ProducersAsync("2705");
        var officer = await app.ClientAsAsync("DistrictOfficer", "2705");
        await officer.PutMonthAsync("2705", "2023-02", Entries(codes, 100m, 200m, 300m));

        var put = await (await officer.PutMonthAsync("2705", "2023-02", Entries(codes[1..2], 250m), version: 1)).JsonAsync();
        var month = await (await officer.GetAsync("/api/v1/revenue/2705/2023-02")).JsonAsync();

        put.GetProperty("version").GetInt32().ShouldBe(2);
        month.GetProperty("entries").GetArrayLength().ShouldBe(1);
        month.GetProperty("total").GetDecimal().ShouldBe(250m);
    }

    [Fact]
    public async Task APutWithAStaleVersion_Is409_NamingWhoChangedTheMonthAndWhen_AndChangesNothing()
    {
        app.Clock.Now = Bangkok(2023, 2, 20, 9, 15);
        var codes = await app.ProducersAsync("2706");
        var first = await app.ClientForAsync(await app.CreateUserAsync("DistrictOfficer", "2706", "first.officer.2706"));
        var second = await app.ClientAsAsync("DistrictHead", "2706");
        await first.PutMonthAsync("2706", "2023-02", Entries(codes, 1m, 2m, 3m));
        await first.PutMonthAsync("2706", "2023-02", Entries(codes, 10m, 20m, 30m), version: 1);

        var before = (await (await second.GetAsync("/api/v1/revenue/2706/2023-02")).JsonAsync()).GetRawText();

        var problem = await app.ChangesNothingAsync(async () =>
            await (await second.PutMonthAsync("2706", "2023-02", Entries(codes, 5m, 5m, 5m), version: 1)).ProblemAsync(HttpStatusCode.Conflict));
        var noVersion = await app.ChangesNothingAsync(() => second.PutMonthAsync("2706", "2023-02", Entries(codes, 5m, 5m, 5m)));
        var month = await (await second.GetAsync("/api/v1/revenue/2706/2023-02")).JsonAsync();

        problem.GetProperty("detail").GetString()!.ShouldContain("ผู้ทดสอบ first.officer.2706");
        problem.GetProperty("detail").GetString()!.ShouldContain("20 ก.พ. 2566 09:15 น.");
        problem.GetProperty("currentVersion").GetInt32().ShouldBe(2);
        noVersion.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        month.GetProperty("total").GetDecimal().ShouldBe(60m);
        month.GetRawText().ShouldBe(before);
    }

    [Fact]
    public async Task InvalidFigures_Are422_KeyedByTheirRow_AndNothingIsWritten()
    {
        app.Clock.Now = Bangkok(2023, 2, 20);
        var codes = await app.ProducersAsync("2707");
        var elsewhere = await app.ProducersAsync("2708", 1);
        var officer = await app.ClientAsAsync("DistrictOfficer", "2707");
        var entries = new object[]
        {
            new { entrepreneurCode = codes[0], amount = 10m },
            new { entrepreneurCode = codes[1], amount = -5m },
            new { entrepreneurCode = codes[2], amount = 1.005m },
            new { entrepreneurCode = elsewhere[0], amount = 7m },
        };

        var problem = await app.ChangesNothingAsync(async () =>
            await (await officer.PutMonthAsync("2707", "2023-02", entries)).ProblemAsync(HttpStatusCode.UnprocessableEntity));
        var month = await (await officer.GetAsync("/api/v1/revenue/2707/2023-02")).JsonAsync();

        var errors = problem.GetProperty("errors");
        errors.TryGetProperty("entries[0].amount", out _).ShouldBeFalse();
        errors.GetProperty("entries[1].amount")[0].GetString()!.ShouldContain("ติดลบ");
        errors.GetProperty("entries[2].amount")[0].GetString()!.ShouldContain("2 ตำแหน่ง");
        errors.GetProperty("entries[3].entrepreneurCode")[0].GetString()!.ShouldContain("ไม่อยู่ในอำเภอ 2707");
        month.GetProperty("version").GetInt32().ShouldBe(0);
    }

    [Theory]
    [InlineData("ProvinceOfficer", "27")]
    [InlineData("Viewer", "27")]
    [InlineData("Viewer", "2709")]
    [InlineData("DistrictOfficer", "2702")]
    [InlineData("DistrictHead", "3001")]
    public async Task OnlyStaffOfTheDistrict_WriteItsMonth(string role, string unit)
    {
        app.Clock.Now = Bangkok(2023, 2, 20);
        var codes = await app.ProducersAsync("2709", 1);
        var client = await app.ClientAsAsync(role, unit);

        await (await client.PutMonthAsync("2709", "2023-02", Entries(codes, 1m))).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AnotherDistrictsMonth_CannotBeRead()
    {
        var officer = await app.ClientAsAsync("DistrictOfficer", "2702");

        await (await officer.GetAsync("/api/v1/revenue/2701/2023-02")).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("2023-1")]
    [InlineData("2023-13")]
    [InlineData("Feb-2023")]
    public async Task AMalformedMonth_Is400(string month)
    {
        var officer = await app.ClientAsAsync("DistrictOfficer", "2702");

        await (await officer.GetAsync($"/api/v1/revenue/2702/{month}")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await officer.PutMonthAsync("2702", month, Array.Empty<object>())).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AnUnknownDistrict_Is404_ForTheDepartment()
    {
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");

        await (await admin.GetAsync("/api/v1/revenue/2799/2023-02")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task EveryPut_IsAudited_WithOldAndNewValues()
    {
        app.Clock.Now = Bangkok(2023, 2, 20);
        var officer = await app.ClientAsAsync("DistrictOfficer", "2701");
        var districtCodes = await app.ProducersAsync("2701", 1);
        await officer.PutMonthAsync("2701", "2023-02", Entries(districtCodes, 1m));
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        await admin.PutMonthAsync("2701", "2023-02", Entries(districtCodes, 2m), version: 1);

        var audit = (await (await admin.GetAsync("/api/v1/audit?entity=revenue&key=2701/2023-02")).JsonAsync()).EnumerateArray().ToList();

        audit.Count.ShouldBe(2);
        audit[0].GetProperty("action").GetString().ShouldBe("update");
        audit[0].TryGetProperty("oldValue", out var none).ShouldBeTrue();
        none.ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        audit[1].GetProperty("oldValue").GetProperty("total").GetDecimal().ShouldBe(1m);
        audit[1].GetProperty("newValue").GetProperty("total").GetDecimal().ShouldBe(2m);
    }

    [Fact]
    public async Task APut_StoresSatangZeroAndExplanationsAsSent_TheTotalIsTheirSum_AndTheNextPutAuditsThemAsOld()
    {
        app.Clock.Now = Bangkok(2023, 2, 20);
        var codes = await app.ProducersAsync("2709", 4);
        var officer = await app.ClientAsAsync("DistrictOfficer", "2709");
        await officer.PutMonthAsync("2709", "2023-02", new object[]
        {
            new { entrepreneurCode = codes[2], amount = 1234567.89m, explanation = "งานกาชาด 'OTOP' \"ซิตี้\", ขายดี" },
            new { entrepreneurCode = codes[0], amount = 0.01m, explanation = "  น้ำท่วม ขายได้น้อย  " },
            new { entrepreneurCode = codes[1], amount = 0m },
            new { entrepreneurCode = codes[3], amount = 99999999.99m, explanation = "   " },
        });

        var second = await (await officer.PutMonthAsync("2709", "2023-02", new object[]
        {
            new { entrepreneurCode = codes[1], amount = 0.10m, explanation = "ครั้งที่สอง" },
            new { entrepreneurCode = codes[3], amount = 5m },
        }, version: 1)).JsonAsync();
        var firstStored = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Entity == "revenue" && a.Key == "2709/2023-02").OrderBy(a => a.Id).Select(a => a.OldValue).ToListAsync());
        var stored = await StoredMonthAsync("2709", "2023-02");

        second.GetProperty("version").GetInt32().ShouldBe(2);
        stored.Version.ShouldBe(2);
        stored.Rows.ShouldBe([(codes[1], 0.10m, "ครั้งที่สอง"), (codes[3], 5m, null)]);
        stored.Total.ShouldBe(5.10m);
        stored.Total.ShouldBe(stored.Rows.Sum(r => r.Amount));
        firstStored.Count.ShouldBe(2);
        firstStored[0].ShouldBeNull();
        var old = System.Text.Json.JsonDocument.Parse(firstStored[1]!).RootElement;
        old.GetProperty("version").GetInt32().ShouldBe(1);
        old.GetProperty("total").GetDecimal().ShouldBe(1234567.89m + 0.01m + 99999999.99m);
        old.GetProperty("entries").EnumerateArray().Select(e => (e.GetProperty("entrepreneurCode").GetString(), e.GetProperty("amount").GetDecimal()))
            .ShouldBe([(codes[0], 0.01m), (codes[1], 0m), (codes[2], 1234567.89m), (codes[3], 99999999.99m)]);
    }

    [Fact]
    public async Task AFirstPut_StoresEveryFigureWithItsTrimmedExplanation_AndATotalEqualToTheirSum()
    {
        app.Clock.Now = Bangkok(2023, 2, 20);
        var codes = await app.ProducersAsync("2708", 3);
        var officer = await app.ClientAsAsync("DistrictOfficer", "2708");

        await (await officer.PutMonthAsync("2708", "2023-02", new object[]
        {
            new { entrepreneurCode = codes[1], amount = 0.05m, explanation = "  สตางค์  " },
            new { entrepreneurCode = codes[0], amount = 0m, explanation = "ปิดร้านทั้งเดือน" },
            new { entrepreneurCode = codes[2], amount = 150000.50m },
        })).JsonAsync();
        var stored = await StoredMonthAsync("2708", "2023-02");

        stored.Version.ShouldBe(1);
        stored.Rows.ShouldBe([(codes[0], 0m, "ปิดร้านทั้งเดือน"), (codes[1], 0.05m, "สตางค์"), (codes[2], 150000.50m, null)]);
        stored.Total.ShouldBe(150000.55m);
        stored.Total.ShouldBe(stored.Rows.Sum(r => r.Amount));
    }

    [Fact]
    public async Task FiguresThatEachFit_ButAddUpToMoreThanAMonthTotalHolds_Are422_AndNothingIsWritten()
    {
        app.Clock.Now = Bangkok(2023, 2, 20);
        var codes = await app.ProducersAsync("2702", 2);
        var officer = await app.ClientAsAsync("DistrictOfficer", "2702");
        await officer.PutMonthAsync("2702", "2023-02", Entries(codes, 1m, 2m));

        var problem = await app.ChangesNothingAsync(async () =>
            await (await officer.PutMonthAsync("2702", "2023-02", Entries(codes, 999_999_999_999.99m, 1m), version: 1)).ProblemAsync(HttpStatusCode.UnprocessableEntity));
        var month = await (await officer.GetAsync("/api/v1/revenue/2702/2023-02")).JsonAsync();

        problem.GetProperty("errors").GetProperty("entries")[0].GetString()!.ShouldContain("999,999,999,999.99");
        month.GetProperty("version").GetInt32().ShouldBe(1);
        month.GetProperty("total").GetDecimal().ShouldBe(3m);
    }

    /// <summary>The month row and its entries as stored, entries in code order.</summary>
    private Task<(decimal Total, int Version, List<(string Code, decimal Amount, string? Explanation)> Rows)> StoredMonthAsync(string district, string month) =>
        app.WithDbAsync(async db =>
        {
            var monthRow = await db.RevenueMonths.AsNoTracking().SingleAsync(m => m.DistrictCode == district && m.Month == month);
            var rows = await db.RevenueEntries.AsNoTracking().Where(e => e.RevenueMonthId == monthRow.Id)
                .Select(e => new { e.Entrepreneur.Code, e.Amount, e.Explanation }).ToListAsync();
            return (monthRow.Total, monthRow.Version, rows.OrderBy(r => r.Code, StringComparer.Ordinal).Select(r => (r.Code, r.Amount, r.Explanation)).ToList());
        });
}

using System.Net;
using System.Text.Json;
using Otop.Web.Tests.Infrastructure;
using static Otop.Web.Tests.Revenue.RevenueTestData;

namespace Otop.Web.Tests.Revenue;

/// <summary>
/// Issue 16, item 6 (complete months): a blank is not a zero, "no sales this month" is a mark of its own, a month is
/// certified only when every active producer has one or the other and once the month has ended; the producers not
/// reported are shown to the district (the รต.1 page) and the province (the check page).
/// </summary>
public sealed class CompleteMonthTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    [Fact]
    public async Task AProducerWithoutAFigure_KeepsTheMonthFromBeingCertified_UntilItHasOneOrIsMarkedNoSales()
    {
        app.Clock.Now = Bangkok(2023, 3, 1);
        var codes = await app.ProducersAsync("4101", 3);
        var officer = await app.ClientAsAsync("DistrictOfficer", "4101");
        var head = await app.ClientAsAsync("DistrictHead", "4101");
        await (await officer.PutMonthAsync("4101", "2023-02", Entries(codes[..2], 500m, 0m))).JsonAsync();

        var refused = await (await head.ActAsync("4101", "2023-02", "certify")).ProblemAsync(HttpStatusCode.Conflict);
        var marked = new object[]
        {
            new { entrepreneurCode = codes[0], amount = 500m }, new { entrepreneurCode = codes[1], amount = 0m },
            new { entrepreneurCode = codes[2], noSales = true },
        };
        await (await officer.PutMonthAsync("4101", "2023-02", marked, 1)).JsonAsync();
        var certified = await (await head.ActAsync("4101", "2023-02", "certify")).JsonAsync();
        var read = await (await officer.GetAsync("/api/v1/revenue/4101/2023-02")).JsonAsync();

        refused.GetProperty("detail").GetString()!.ShouldContain("ผู้ประกอบการ 1 รายยังไม่มียอดรายได้");
        refused.GetProperty("notReported").GetInt32().ShouldBe(1);
        refused.GetProperty("notReportedCodes").EnumerateArray().Select(c => c.GetString()).ShouldBe([codes[2]]);
        certified.GetProperty("status").GetString().ShouldBe("certified");
        var entries = read.GetProperty("entries").EnumerateArray().ToDictionary(e => e.GetProperty("entrepreneurCode").GetString()!);
        entries[codes[1]].GetProperty("amount").GetDecimal().ShouldBe(0m);
        entries[codes[1]].TryGetProperty("noSales", out _).ShouldBeFalse("an amount of 0 is a figure, not the mark");
        entries[codes[2]].GetProperty("amount").GetDecimal().ShouldBe(0m);
        entries[codes[2]].GetProperty("noSales").GetBoolean().ShouldBeTrue();
        read.GetProperty("total").GetDecimal().ShouldBe(500m);
    }

    [Fact]
    public async Task ACeasedProducer_IsNotWaitedFor()
    {
        app.Clock.Now = Bangkok(2023, 3, 1);
        var active = await app.ProducersAsync("4102", 1);
        await app.ProducersAsync("4102", 1, Otop.Web.Features.Registry.RegistryStatus.Ceased);
        var head = await app.ClientAsAsync("DistrictHead", "4102");
        await (await head.PutMonthAsync("4102", "2023-02", Entries(active, 10m))).JsonAsync();

        (await (await head.ActAsync("4102", "2023-02", "certify")).JsonAsync()).GetProperty("status").GetString().ShouldBe("certified");
    }

    [Fact]
    public async Task CertificationOpens_WhenTheMonthHasEnded_InBangkok()
    {
        app.Clock.Now = Bangkok(2023, 2, 28, 23, 59);
        var codes = await app.ProducersAsync("4103", 1);
        var head = await app.ClientAsAsync("DistrictHead", "4103");
        await (await head.PutMonthAsync("4103", "2023-02", Entries(codes, 10m))).JsonAsync();

        var early = await (await head.ActAsync("4103", "2023-02", "certify")).ProblemAsync(HttpStatusCode.Locked);
        app.Clock.Now = Bangkok(2023, 3, 1, 0, 0);
        var onTime = await (await head.ActAsync("4103", "2023-02", "certify")).JsonAsync();

        early.GetProperty("detail").GetString()!.ShouldContain("1 มีนาคม 2566");
        early.GetProperty("certifyFrom").GetString().ShouldBe("2023-03-01");
        onTime.GetProperty("status").GetString().ShouldBe("certified");
    }

    [Fact]
    public async Task TheNoSalesMark_WithAnAmount_Is422_AndChangesNothing()
    {
        app.Clock.Now = Bangkok(2023, 3, 1);
        var codes = await app.ProducersAsync("4104", 1);
        var officer = await app.ClientAsAsync("DistrictOfficer", "4104");

        var response = await app.ChangesNothingAsync(() => officer.PutMonthAsync("4104", "2023-02",
            new object[] { new { entrepreneurCode = codes[0], amount = 50m, noSales = true } }));

        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("errors").GetProperty("entries[0].noSales")[0].GetString()!.ShouldContain("ไม่มียอดขายเดือนนี้");
    }

    [Fact]
    public async Task TheEntryPage_ListsTheProducersNotReported_AndSavesTheNoSalesMark()
    {
        app.Clock.Now = Bangkok(2023, 3, 1);
        var codes = await app.ProducersAsync("4105", 3);
        var officer = await app.SignedInAsync("DistrictOfficer", "4105");
        const string url = "/Revenue/Entry?district=4105&month=2023-02";
        var before = await officer.GetStringAsync(url);

        var saved = await officer.PostAsync(url + "&handler=Save", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Antiforgery.TokenFrom(before), ["Version"] = "0",
            ["Rows[0].Code"] = codes[0], ["Rows[0].Amount"] = "๑,๒๐๐.๕๐",
            ["Rows[1].Code"] = codes[1], ["Rows[1].Amount"] = "", ["Rows[1].NoSales"] = "true",
            ["Rows[2].Code"] = codes[2], ["Rows[2].Amount"] = "",
        }));
        var after = await officer.GetStringAsync(url);
        var month = await (await (await app.ClientAsAsync("DistrictOfficer", "4105")).GetAsync("/api/v1/revenue/4105/2023-02")).JsonAsync();

        before.ShouldContain("data-testid=\"not-reported-count\">3<");
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        after.ShouldContain("data-testid=\"not-reported-count\">1<");
        after.ShouldContain($"href=\"#row-{codes[2]}\"");
        after.ShouldContain("value=\"1,200.50\"", customMessage: "a saved amount is shown with thousands separators");
        month.GetProperty("entries").GetArrayLength().ShouldBe(2);
        month.GetProperty("entries")[1].GetProperty("noSales").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task TheCheckPage_ShowsTheProvinceHowManyProducersEachDistrictHasNotReported()
    {
        app.Clock.Now = Bangkok(2023, 3, 2);
        var codes = await app.ProducersAsync("4106", 2);
        await (await (await app.ClientAsAsync("DistrictOfficer", "4106")).PutMonthAsync("4106", "2023-02", Entries(codes[..1], 5m))).JsonAsync();
        var province = await app.SignedInAsync("ProvinceOfficer", "41");

        var html = await province.GetStringAsync("/Revenue/Check?province=41&district=4106&fiscalYear=2566");

        html.ShouldContain("ผู้ประกอบการที่ยังไม่รายงาน เดือนกุมภาพันธ์ 2566");
        html.ShouldMatch("data-testid=\"not-reported-4106\">อำเภอ[^<]* 1 ราย</a>");
        html.ShouldContain($"#row-{codes[1]}\"");
        html.ShouldNotContain($"#row-{codes[0]}\"");
    }
}

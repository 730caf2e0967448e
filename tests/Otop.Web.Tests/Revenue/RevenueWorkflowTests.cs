using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Tests.Infrastructure;
using static Otop.Web.Tests.Revenue.RevenueTestData;
using Otop.Web.Features.Revenue;

namespace Otop.Web.Tests.Revenue;

/// <summary>The month cycle: window edges in Bangkok time (the test process runs in UTC), the state machine, lateness, unlock.</summary>
public sealed class RevenueWorkflowTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    [Theory]
    [InlineData("2023-01-31T16:59:59.9999999Z", "2023-02", 423)] // 31 Jan 23:59:59 Bangkok: February not open yet
    [InlineData("2023-01-31T17:00:00Z", "2023-02", 200)]          // 1 Feb 00:00 Bangkok
    [InlineData("2023-03-05T16:59:59.9999999Z", "2023-02", 200)] // 5 Mar 23:59:59.9999999 Bangkok: still open for February
    [InlineData("2023-03-05T17:00:00Z", "2023-02", 423)]          // 6 Mar 00:00 Bangkok: the compilation close
    [InlineData("2023-03-05T17:00:00Z", "2023-03", 423)]          // the close holds for every month, March too
    [InlineData("2023-03-09T16:59:59.9999999Z", "2023-03", 423)] // 9 Mar 23:59:59 Bangkok: still closed
    [InlineData("2023-03-09T17:00:00Z", "2023-03", 200)]          // 10 Mar 00:00 Bangkok: March reopens
    [InlineData("2023-03-09T17:00:00Z", "2023-02", 423)]          // …and February is locked
    public async Task TheWindow_AtItsEdges_InBangkokTime_WithTheProcessInUtc(string instant, string month, int expected)
    {
        TimeZoneInfo.Local.BaseUtcOffset.ShouldNotBe(TimeSpan.FromHours(7), "the rule must hold whatever the server's zone");
        app.Clock.Now = DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture);
        var district = "3102";
        var codes = await app.ProducersAsync(district, 1);
        var officer = await app.ClientAsAsync("DistrictOfficer", district);
        var version = (await (await officer.GetAsync($"/api/v1/revenue/{district}/{month}")).JsonAsync()).GetProperty("version").GetInt32();

        var response = await officer.PutMonthAsync(district, month, Entries(codes, 100m), version);

        ((int)response.StatusCode).ShouldBe(expected, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheCompilationClose_SaysWhyAndUntilWhen_InThaiWithABuddhistEraDate()
    {
        app.Clock.Now = DateTimeOffset.Parse("2023-03-05T17:00:00Z", CultureInfo.InvariantCulture);
        var codes = await app.ProducersAsync("3103", 1);
        var officer = await app.ClientAsAsync("DistrictOfficer", "3103");

        var problem = await (await officer.PutMonthAsync("3103", "2023-02", Entries(codes, 1m))).ProblemAsync(HttpStatusCode.Locked);

        problem.GetProperty("detail").GetString()!.ShouldContain("ปิดระบบ");
        problem.GetProperty("detail").GetString()!.ShouldContain("10 มีนาคม 2566");
    }

    [Fact]
    public async Task ALockedMonth_SaysItNeedsAnUnlock()
    {
        app.Clock.Now = Bangkok(2023, 3, 15);
        var codes = await app.ProducersAsync("3104", 1);
        var officer = await app.ClientAsAsync("DistrictOfficer", "3104");

        var problem = await (await officer.PutMonthAsync("3104", "2023-02", Entries(codes, 1m))).ProblemAsync(HttpStatusCode.Locked);

        problem.GetProperty("detail").GetString()!.ShouldContain("6 มีนาคม 2566");
        problem.GetProperty("detail").GetString()!.ShouldContain("ปลดล็อก");
    }

    [Fact]
    public async Task TheCycleDays_ComeFromTheFiscalYearsSettings()
    {
        await app.WithDbAsync(async db =>
        {
            db.FiscalYearSettings.Add(new Otop.Web.Features.Revenue.FiscalYearSetting { FiscalYear = 2570, ConfirmByDay = 5, CloseFromDay = 8, ReopenDay = 12 });
            return await db.SaveChangesAsync();
        });
        app.Clock.Now = Bangkok(2027, 3, 7, 12);
        var codes = await app.ProducersAsync("3116", 1);
        var officer = await app.ClientAsAsync("DistrictOfficer", "3116");
        var head = await app.ClientAsAsync("DistrictHead", "3116");

        await (await officer.PutMonthAsync("3116", "2027-02", Entries(codes, 5m))).JsonAsync();
        await (await head.ActAsync("3116", "2027-02", "certify")).JsonAsync();
        var confirmed = await (await head.ActAsync("3116", "2027-02", "confirm")).JsonAsync();
        app.Clock.Now = Bangkok(2027, 3, 8);
        var closed = await (await app.ClientAsAsync("DistrictOfficer", "3116")).PutMonthAsync("3116", "2027-03", Entries(codes, 5m));

        confirmed.GetProperty("late").GetBoolean().ShouldBeTrue("confirmed on the 7th, after the 5th");
        ((int)closed.StatusCode).ShouldBe(423);
    }

    [Fact]
    public async Task ADepartmentAdmin_WritesDuringTheClose()
    {
        app.Clock.Now = Bangkok(2023, 3, 7);
        var codes = await app.ProducersAsync("3105", 1);
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");

        (await admin.PutMonthAsync("3105", "2023-02", Entries(codes, 1m))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ProvinceTransitions_AreRefusedDuringTheClose()
    {
        app.Clock.Now = Bangkok(2023, 3, 2);
        var codes = await app.ProducersAsync("3106", 1);
        await EnterCertifyConfirmAsync("3106", "2023-02", codes);
        app.Clock.Now = Bangkok(2023, 3, 8);
        var province = await app.ClientAsAsync("ProvinceOfficer", "31");

        await (await province.ActAsync("3106", "2023-02", "approve")).ProblemAsync(HttpStatusCode.Locked);
    }

    [Fact]
    public async Task TheWholeCycle_EnterCertifyConfirmReturnCorrectApprove_IsAuditedOldestFirst()
    {
        app.Clock.Now = Bangkok(2023, 3, 1); // February has ended: it may be certified (Revenue__CertifyFromDay)
        var codes = await app.ProducersAsync("2702", 2);
        var officer = await app.ClientAsAsync("DistrictOfficer", "2702");
        var head = await app.ClientAsAsync("DistrictHead", "2702");
        var province = await app.ClientAsAsync("ProvinceOfficer", "27");
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");

        await (await officer.PutMonthAsync("2702", "2023-02", Entries(codes, 500m, 700m))).JsonAsync();
        (await (await head.ActAsync("2702", "2023-02", "certify")).JsonAsync()).GetProperty("status").GetString().ShouldBe("certified");
        (await (await head.ActAsync("2702", "2023-02", "confirm")).JsonAsync()).GetProperty("status").GetString().ShouldBe("confirmed");
        var returned = await (await province.ActAsync("2702", "2023-02", "return", "ยอดของกลุ่มที่ 2 ไม่ตรงกับหลักฐาน")).JsonAsync();
        var seenByDistrict = await (await officer.GetAsync("/api/v1/revenue/2702/2023-02")).JsonAsync();
        await (await officer.PutMonthAsync("2702", "2023-02", Entries(codes, 500m, 650m), seenByDistrict.GetProperty("version").GetInt32())).JsonAsync();
        await (await head.ActAsync("2702", "2023-02", "certify")).JsonAsync();
        await (await head.ActAsync("2702", "2023-02", "confirm")).JsonAsync();
        var approved = await (await province.ActAsync("2702", "2023-02", "approve")).JsonAsync();
        var audit = (await (await admin.GetAsync("/api/v1/audit?entity=revenue&key=2702/2023-02")).JsonAsync()).EnumerateArray().ToList();

        returned.GetProperty("status").GetString().ShouldBe("returned");
        seenByDistrict.GetProperty("returnReason").GetString().ShouldBe("ยอดของกลุ่มที่ 2 ไม่ตรงกับหลักฐาน");
        approved.GetProperty("status").GetString().ShouldBe("approved");
        approved.GetProperty("total").GetDecimal().ShouldBe(1150m);
        audit.Select(a => a.GetProperty("action").GetString())
            .ShouldBe(["update", "certify", "confirm", "return", "update", "certify", "confirm", "approve"]);
        audit[3].GetProperty("reason").GetString().ShouldBe("ยอดของกลุ่มที่ 2 ไม่ตรงกับหลักฐาน");
        audit[3].GetProperty("oldValue").GetProperty("status").GetString().ShouldBe("confirmed");
        audit[3].GetProperty("newValue").GetProperty("status").GetString().ShouldBe("returned");
    }

    public static TheoryData<RevenueStatus, RevenueAction> EveryStatusAndAction()
    {
        var data = new TheoryData<RevenueStatus, RevenueAction>();
        foreach (var status in Enum.GetValues<RevenueStatus>())
        {
            foreach (var action in new[] { RevenueAction.Certify, RevenueAction.Confirm, RevenueAction.Return, RevenueAction.Approve, RevenueAction.Unlock })
            {
                data.Add(status, action);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryStatusAndAction))]
    public async Task EveryTransition_IsAllowedOrRefusedAsTheWorkflowSays(RevenueStatus from, RevenueAction action)
    {
        app.Clock.Now = Bangkok(2023, 3, 2); // February has ended and is still open
        var district = $"30{1 + ((int)from * 5) + (int)action:D2}";
        var codes = await app.ProducersAsync(district, 1);
        var officer = await app.ClientAsAsync("DistrictOfficer", district);
        await (await officer.PutMonthAsync(district, "2023-02", Entries(codes, 100m))).JsonAsync();
        await app.WithDbAsync(db => db.RevenueMonths.Where(m => m.DistrictCode == district && m.Month == "2023-02")
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, from)));
        var actor = await app.ClientAsAsync(action is RevenueAction.Certify or RevenueAction.Confirm ? "DistrictHead" : "ProvinceOfficer",
            action is RevenueAction.Certify or RevenueAction.Confirm ? district : "30");

        var response = await actor.ActAsync(district, "2023-02", action.ToString().ToLowerInvariant(), "เหตุผลทดสอบ");

        if (RevenueWorkflow.CanApply(from, action))
        {
            var month = await response.JsonAsync();
            month.GetProperty("status").GetString().ShouldBe(RevenueWorkflow.StatusName(RevenueWorkflow.Apply(from, action)));
        }
        else
        {
            await response.ProblemAsync(HttpStatusCode.Conflict);
        }
    }

    [Theory]
    [InlineData("certify", "DistrictOfficer", "3107")]
    [InlineData("certify", "ProvinceOfficer", "31")]
    [InlineData("certify", "DepartmentAdmin", "0")]
    [InlineData("confirm", "DistrictOfficer", "3107")]
    [InlineData("certify", "DistrictHead", "3108")]
    [InlineData("approve", "DistrictHead", "3107")]
    [InlineData("return", "ProvinceOfficer", "27")]
    [InlineData("unlock", "Viewer", "31")]
    [InlineData("unlock", "DistrictHead", "3107")]
    public async Task ATransition_ByTheWrongRoleOrUnit_Is403(string action, string role, string unit)
    {
        app.Clock.Now = Bangkok(2023, 2, 20);
        var client = await app.ClientAsAsync(role, unit);

        await (await client.ActAsync("3107", "2023-02", action, "เหตุผล")).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("return", "3109")]
    [InlineData("unlock", "3115")]
    public async Task ReturnAndUnlock_WithoutAReason_Are422(string action, string district)
    {
        app.Clock.Now = Bangkok(2023, 3, 2);
        var codes = await app.ProducersAsync(district, 1);
        await EnterCertifyConfirmAsync(district, "2023-02", codes);
        var province = await app.ClientAsAsync("ProvinceOfficer", "31");

        var problem = await (await province.ActAsync(district, "2023-02", action, "  ")).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        problem.GetProperty("errors").GetProperty("reason").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task Confirm_OnThe3rdAt2359Bangkok_IsOnTime()
    {
        app.Clock.Now = Bangkok(2023, 3, 3, 23, 59);
        var codes = await app.ProducersAsync("3110", 1);

        var month = await EnterCertifyConfirmAsync("3110", "2023-02", codes);

        month.GetProperty("late").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task Confirm_AfterThe3rd_IsMarkedLate()
    {
        app.Clock.Now = DateTimeOffset.Parse("2023-03-03T17:00:00Z", CultureInfo.InvariantCulture); // 4 Mar 00:00 Bangkok
        var codes = await app.ProducersAsync("3111", 1);

        var month = await EnterCertifyConfirmAsync("3111", "2023-02", codes);
        var read = await (await (await app.ClientAsAsync("Viewer", "31")).GetAsync("/api/v1/revenue/3111/2023-02")).JsonAsync();

        month.GetProperty("late").GetBoolean().ShouldBeTrue();
        read.GetProperty("late").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task AnUnlock_ReopensALockedMonth_UntilItIsConfirmedAgain_AndIsAuditedWithItsReason()
    {
        app.Clock.Now = Bangkok(2023, 3, 1);
        var codes = await app.ProducersAsync("3112", 1);
        await EnterCertifyConfirmAsync("3112", "2023-02", codes);
        app.Clock.Now = Bangkok(2023, 4, 20);
        var officer = await app.ClientAsAsync("DistrictOfficer", "3112");
        var head = await app.ClientAsAsync("DistrictHead", "3112");
        var province = await app.ClientAsAsync("ProvinceOfficer", "31");
        var version = (await (await officer.GetAsync("/api/v1/revenue/3112/2023-02")).JsonAsync()).GetProperty("version").GetInt32();
        await (await officer.PutMonthAsync("3112", "2023-02", Entries(codes, 1m), version)).ProblemAsync(HttpStatusCode.Locked);

        var unlocked = await (await province.ActAsync("3112", "2023-02", "unlock", "กลุ่มแจ้งยอดเพิ่มเติมจากงานกาชาด")).JsonAsync();
        var put = await (await officer.PutMonthAsync("3112", "2023-02", Entries(codes, 150m), unlocked.GetProperty("version").GetInt32())).JsonAsync();
        await (await head.ActAsync("3112", "2023-02", "certify")).JsonAsync();
        var confirmed = await (await head.ActAsync("3112", "2023-02", "confirm")).JsonAsync();
        var afterConfirm = await officer.PutMonthAsync("3112", "2023-02", Entries(codes, 1m), confirmed.GetProperty("version").GetInt32());
        var audit = (await (await province.GetAsync("/api/v1/audit?entity=revenue&key=3112/2023-02")).JsonAsync()).EnumerateArray().ToList();

        unlocked.GetProperty("status").GetString().ShouldBe("draft");
        unlocked.GetProperty("unlocked").GetBoolean().ShouldBeTrue();
        put.GetProperty("version").GetInt32().ShouldBeGreaterThan(unlocked.GetProperty("version").GetInt32());
        confirmed.GetProperty("unlocked").GetBoolean().ShouldBeFalse();
        // Confirmed on time on 1 March; the province's unlock does not make the district late (issue 15, item 6).
        confirmed.GetProperty("late").GetBoolean().ShouldBeFalse();
        ((int)afterConfirm.StatusCode).ShouldBe(423);
        var unlock = audit.Single(a => a.GetProperty("action").GetString() == "unlock");
        unlock.GetProperty("reason").GetString().ShouldBe("กลุ่มแจ้งยอดเพิ่มเติมจากงานกาชาด");
        unlock.GetProperty("user").GetString()!.ShouldStartWith("provinceofficer.31.");
    }

    [Fact]
    public async Task ALockedMonthNeverConfirmed_CanBeUnlockedForTheDistrictToRecordIt()
    {
        app.Clock.Now = Bangkok(2023, 4, 20);
        var codes = await app.ProducersAsync("3113", 1);
        var province = await app.ClientAsAsync("ProvinceOfficer", "31");
        var officer = await app.ClientAsAsync("DistrictOfficer", "3113");

        var unlocked = await (await province.ActAsync("3113", "2023-01", "unlock", "อำเภอไม่ได้บันทึกทันกำหนด")).JsonAsync();
        var put = await officer.PutMonthAsync("3113", "2023-01", Entries(codes, 10m), unlocked.GetProperty("version").GetInt32());

        put.StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await province.ActAsync("3113", "2023-04", "unlock", "ยังเปิดอยู่")).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task AFlaggedFigure_NeedsAnExplanation_BeforeTheMonthCanBeCertified()
    {
        app.Clock.Now = Bangkok(2023, 3, 1);
        var codes = await app.ProducersAsync("3114", 2);
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        await (await admin.PutMonthAsync("3114", "2022-02", Entries(codes, 1000m, 1000m))).JsonAsync();
        var officer = await app.ClientAsAsync("DistrictOfficer", "3114");
        var head = await app.ClientAsAsync("DistrictHead", "3114");
        await (await officer.PutMonthAsync("3114", "2023-02", Entries(codes, 3000m, 3000.01m))).JsonAsync();

        var refused = await (await head.ActAsync("3114", "2023-02", "certify")).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        var explained = new object[]
        {
            new { entrepreneurCode = codes[0], amount = 3000m },
            new { entrepreneurCode = codes[1], amount = 3000.01m, explanation = "ได้รับคำสั่งซื้อของขวัญปีใหม่จากบริษัท" },
        };
        await (await officer.PutMonthAsync("3114", "2023-02", explained, 1)).JsonAsync();
        var certified = await (await head.ActAsync("3114", "2023-02", "certify")).JsonAsync();

        var errors = refused.GetProperty("errors");
        errors.TryGetProperty("entries[0].explanation", out _).ShouldBeFalse("exactly 3× is not flagged");
        errors.GetProperty("entries[1].explanation")[0].GetString()!.ShouldContain(codes[1]);
        certified.GetProperty("status").GetString().ShouldBe("certified");
    }

    private async Task<System.Text.Json.JsonElement> EnterCertifyConfirmAsync(string district, string month, string[] codes)
    {
        var officer = await app.ClientAsAsync("DistrictOfficer", district);
        var head = await app.ClientAsAsync("DistrictHead", district);
        var version = (await (await officer.GetAsync($"/api/v1/revenue/{district}/{month}")).JsonAsync()).GetProperty("version").GetInt32();
        await (await officer.PutMonthAsync(district, month, Entries(codes, codes.Select((_, i) => 100m + i).ToArray()), version)).JsonAsync();
        await (await head.ActAsync(district, month, "certify")).JsonAsync();
        return await (await head.ActAsync(district, month, "confirm")).JsonAsync();
    }
}

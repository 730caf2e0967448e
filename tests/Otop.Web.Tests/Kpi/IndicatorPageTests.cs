using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Tests.Infrastructure;
using Otop.Web.Features.Kpi;

namespace Otop.Web.Tests.Kpi;

/// <summary>Indicators are data a department admin manages in pages: validated bands, kept input, stale versions refused, audited.</summary>
public sealed class IndicatorPageTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    private static Dictionary<string, string> Form(string fiscalYear, string code, params string[] percents)
    {
        var form = new Dictionary<string, string>
        {
            ["Input.FiscalYear"] = fiscalYear, ["Input.Code"] = code, ["Input.NameTh"] = "ตัวชี้วัดทดสอบ", ["Input.Kind"] = "OnlineMarketShare",
            ["Input.RegisteredFrom"] = "2557", ["Input.RegisteredTo"] = "2563", ["Input.ScoringMethod"] = "Linear", ["Input.BaselineMode"] = "SamePeriodPreviousYear",
            ["Input.Version"] = "0",
            ["Input.Rounds[0].Round"] = "1", ["Input.Rounds[0].Enabled"] = "true", ["Input.Rounds[0].ResultDueDate"] = "19/03/2567",
            ["Input.Rounds[1].Round"] = "2", ["Input.Rounds[1].Enabled"] = "false",
        };
        for (var i = 0; i < percents.Length; i++) form[$"Input.Rounds[0].Percents[{i}]"] = percents[i];
        return form;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, Dictionary<string, string> form)
    {
        form["__RequestVerificationToken"] = Antiforgery.TokenFrom(await client.GetStringAsync(url));
        return await client.PostAsync(url, new FormUrlEncodedContent(form));
    }

    [Fact]
    public async Task AnAdmin_CreatesAnIndicator_WithThaiDigits_AndItIsAudited()
    {
        var admin = await app.SignedInAsync("DepartmentAdmin", "0");

        var response = await PostAsync(admin, "/Kpi/Edit", Form("๒๕๖๗", "online-2567", "๕", "6", "7.5", "9", "10"));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var indicator = await app.WithDbAsync(db => db.Indicators.Include(i => i.Rounds).ThenInclude(r => r.Bands).SingleAsync(i => i.Code == "online-2567"));
        indicator.FiscalYear.ShouldBe(2567);
        indicator.Rounds.ShouldHaveSingleItem().Bands.OrderBy(b => b.Score).Select(b => b.Percent).ShouldBe([5m, 6m, 7.5m, 9m, 10m]);
        indicator.Rounds[0].ResultDueDate.ShouldBe(new DateOnly(2024, 3, 19));
        (await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Entity == "indicator" && a.Key == "2567/online-2567"))).ShouldBe(1);
    }

    [Fact]
    public async Task BandsThatDoNotIncrease_AreRefusedInThai_KeepingTheTypedValues()
    {
        var admin = await app.SignedInAsync("DepartmentAdmin", "0");

        var response = await PostAsync(admin, "/Kpi/Edit", Form("2568", "bad-bands", "6", "8", "7", "x", "10"));
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("รอบที่ 1 ระดับ 3 คะแนน: ร้อยละต้องมากกว่าระดับ 2 คะแนน (8)");
        html.ShouldContain("รอบที่ 1 ระดับ 4 คะแนน: กรอกร้อยละเป็นตัวเลข");
        html.ShouldContain("value=\"x\"");
        html.ShouldContain("href=\"#p0_2\" data-error-link", customMessage: "the error summary links to the field (issue 15, item 4)");
        html.ShouldContain("aria-invalid=\"true\" aria-describedby=\"p0_2-error\" id=\"p0_2\"");
        (await app.WithDbAsync(db => db.Indicators.AnyAsync(i => i.Code == "bad-bands"))).ShouldBeFalse();
    }

    [Fact]
    public async Task AStaleVersion_IsRefused_AndTheDataIsUnchanged()
    {
        var admin = await app.SignedInAsync("DepartmentAdmin", "0");
        await PostAsync(admin, "/Kpi/Edit", Form("2569", "stale", "6", "7", "8", "9", "10"));
        var id = await app.WithDbAsync(db => db.Indicators.Where(i => i.Code == "stale").Select(i => i.Id).SingleAsync());
        await PostAsync(admin, $"/Kpi/Edit?id={id}", Form("2569", "stale", "6", "7", "8", "9", "11").With("Input.Version", "1"));

        var html = await app.ChangesNothingAsync(async () =>
            await (await PostAsync(admin, $"/Kpi/Edit?id={id}", Form("2569", "stale", "1", "2", "3", "4", "5").With("Input.Version", "1"))).Content.ReadAsStringAsync());

        html.ShouldContain("มีผู้อื่นแก้ไขตัวชี้วัดนี้ก่อนท่าน");
        var bands = await app.WithDbAsync(db => db.IndicatorBands.Where(b => db.Set<IndicatorRound>().Any(r => r.Id == b.IndicatorRoundId && r.IndicatorId == id)).OrderBy(b => b.Score).Select(b => b.Percent).ToListAsync());
        bands.ShouldBe([6m, 7m, 8m, 9m, 11m]);
    }

    [Fact]
    public async Task OnlyTheDepartmentAdmin_ManagesIndicators()
    {
        var province = await app.SignedInAsync("ProvinceOfficer", "27");

        var response = await province.GetAsync("/Kpi/Indicators");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/Account/Denied");
    }
}

internal static class FormExtensions
{
    public static Dictionary<string, string> With(this Dictionary<string, string> form, string key, string value)
    {
        form[key] = value;
        return form;
    }
}

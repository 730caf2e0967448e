using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Tests.Infrastructure;
using static Otop.Web.Tests.Revenue.RevenueTestData;
using Otop.Web.Features.Registry;
using Otop.Web.Features.Revenue;

namespace Otop.Web.Tests.Revenue;

/// <summary>
/// The revenue estimate's due date (letter 2, clause 2) through the pages with a signed-in cookie: set on the calendar by
/// the department, lateness at the Bangkok end of the due day, shown to the district and in the province overview; and
/// the รต.3/รต.4 and calendar pages for the right roles with figures that add up.
/// </summary>
public sealed class EstimatePagesTests(DemoApp app) : IClassFixture<DemoApp>
{
    private Task SetEstimateDueAsync(int fiscalYear, DateOnly due) => app.WithDbAsync(async db =>
    {
        var setting = await db.FiscalYearSettings.SingleAsync(s => s.FiscalYear == fiscalYear);
        setting.EstimateDueDate = due;
        return await db.SaveChangesAsync();
    });

    private async Task<HttpResponseMessage> SendEstimateAsync(HttpClient client, string district, int fiscalYear)
    {
        var url = $"/Revenue/Estimate?district={district}&fiscalYear={fiscalYear}";
        var token = Antiforgery.TokenFrom(await client.GetStringAsync(url));
        var producer = await app.WithDbAsync(db => db.Entrepreneurs.Where(e => e.DistrictCode == district).OrderBy(e => e.Code).Select(e => e.Code).FirstAsync());
        var minutes = new ByteArrayContent("%PDF-1.4 minutes"u8.ToArray());
        minutes.Headers.ContentType = new("application/pdf");
        var form = new MultipartFormDataContent
        {
            { new StringContent(district), "District" }, { new StringContent(fiscalYear.ToString()), "FiscalYear" },
            { new StringContent("0"), "Version" }, { new StringContent(producer), "Lines[0].Code" },
            { new StringContent("๑๒,๕๐๐"), "Lines[0].Amounts[0]" }, { new StringContent("20/11/2566"), "MeetingDate" },
            { new StringContent("ครั้งที่ 5/2566"), "MeetingReference" }, { new StringContent("นายอำเภอ"), "ChairName" },
            { minutes, "Minutes", "minutes.pdf" }, { new StringContent("true"), "send" }, { new StringContent(token), "__RequestVerificationToken" },
        };
        return await client.PostAsync("/Revenue/Estimate?handler=Save", form);
    }

    [Fact]
    public async Task SendingOnTheDueDate_InTheLastMinuteInBangkok_IsNotLate()
    {
        await SetEstimateDueAsync(2567, new DateOnly(2023, 11, 30));
        app.Clock.Now = Bangkok(2023, 11, 30, 23, 59);
        var head = await app.SignedInAsync("DistrictHead", "2703");

        var response = await SendEstimateAsync(head, "2703", 2567);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var estimate = await app.WithDbAsync(db => db.RevenueEstimates.SingleAsync(e => e.DistrictCode == "2703" && e.FiscalYear == 2567));
        estimate.Status.ShouldBe(Otop.Web.Features.Revenue.RevenueEstimateStatus.Sent);
        estimate.Total.ShouldBe(12_500m);
        estimate.Late.ShouldBeFalse();
        var page = await head.GetStringAsync("/Revenue/Estimate?district=2703&fiscalYear=2567");
        page.ShouldContain("กำหนดส่งจังหวัดภายในวันที่ 30 พฤศจิกายน 2566");
        page.ShouldNotContain("ส่งล่าช้า");
    }

    [Fact]
    public async Task SendingTheDayAfterTheDueDate_IsLate_AndShownToTheDistrictAndTheProvince()
    {
        await SetEstimateDueAsync(2567, new DateOnly(2023, 11, 30));
        app.Clock.Now = Bangkok(2023, 12, 1, 0, 0);
        var head = await app.SignedInAsync("DistrictHead", "2704");

        var response = await SendEstimateAsync(head, "2704", 2567);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        (await app.WithDbAsync(db => db.RevenueEstimates.SingleAsync(e => e.DistrictCode == "2704" && e.FiscalYear == 2567))).Late.ShouldBeTrue();
        (await head.GetStringAsync("/Revenue/Estimate?district=2704&fiscalYear=2567")).ShouldContain("ส่งล่าช้า");
        var province = await app.SignedInAsync("ProvinceOfficer", "27");
        var overview = await province.GetStringAsync("/Revenue/Estimate?district=2704&fiscalYear=2567");
        var row = Regex.Match(overview, @"<tr><td><a href=""\?district=2704[^""]*"">.*?</tr>", RegexOptions.Singleline).Value;
        row.ShouldContain("ส่งล่าช้า");
        overview.ShouldContain("ส่งล่าช้า 1)");
    }

    [Fact]
    public async Task TheDemoEstimatesOf2566_AreDueOn23February2566_AndWereSentInTime()
    {
        app.Clock.Now = Bangkok(2023, 3, 1);
        var province = await app.SignedInAsync("ProvinceOfficer", "27");

        var html = await province.GetStringAsync("/Revenue/Estimate?fiscalYear=2566");

        html.ShouldContain("กำหนดส่งจังหวัดภายในวันที่ 23 กุมภาพันธ์ 2566");
        html.ShouldContain("ส่งล่าช้า 0)");
    }

    [Fact]
    public async Task TheCalendarPage_SavesTheEstimateDueDate_TypedInThaiDigits_AndAuditsIt()
    {
        var admin = await app.SignedInAsync("DepartmentAdmin", "0");
        var token = Antiforgery.TokenFrom(await admin.GetStringAsync("/Revenue/Calendar"));

        var response = await admin.PostAsync("/Revenue/Calendar", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["FiscalYear"] = "2568", ["Version"] = "0", ["ConfirmByDay"] = "3", ["CloseFromDay"] = "6", ["ReopenDay"] = "10",
            ["EstimateDueDate"] = "๒๘/๒/๒๕๖๘", ["__RequestVerificationToken"] = token,
        }));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        (await app.WithDbAsync(db => db.FiscalYearSettings.SingleAsync(s => s.FiscalYear == 2568))).EstimateDueDate.ShouldBe(new DateOnly(2025, 2, 28));
        (await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Entity == "fiscal-year-setting" && a.Key == "2568" && a.NewValue!.Contains("2025-02-28")))).ShouldBeTrue();
        (await admin.GetStringAsync("/Revenue/Calendar")).ShouldContain("value=\"28/2/2568\"");
    }

    [Fact]
    public async Task TheCalendarPage_RejectsABadDueDate_InThai_KeepingWhatWasTyped()
    {
        var admin = await app.SignedInAsync("DepartmentAdmin", "0");
        var token = Antiforgery.TokenFrom(await admin.GetStringAsync("/Revenue/Calendar"));

        var response = await admin.PostAsync("/Revenue/Calendar", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["FiscalYear"] = "2567", ["Version"] = "0", ["ConfirmByDay"] = "3", ["CloseFromDay"] = "6", ["ReopenDay"] = "10",
            ["EstimateDueDate"] = "31/2/2567", ["__RequestVerificationToken"] = token,
        }));

        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("กำหนดส่งประมาณการรายได้: &#x27;31/2/2567&#x27; ไม่ใช่วันที่ที่ถูกต้อง");
        html.ShouldContain("value=\"31/2/2567\"");
        html.ShouldContain("href=\"#cal-2567-estimate\" data-error-link", customMessage: "the error summary links to the field (issue 15, item 4)");
        html.ShouldContain("id=\"cal-2567-estimate\" name=\"EstimateDueDate\" class=\"form-control is-invalid\" aria-invalid=\"true\" aria-describedby=\"cal-2567-estimate-error\"");
    }

    [Fact]
    public async Task TheCalendarPage_IsForTheDepartmentOnly_ADistrictOfficerCannotSeeOrSaveIt()
    {
        var admin = await app.SignedInAsync("DepartmentAdmin", "0");
        var officer = await app.SignedInAsync("DistrictOfficer", "2701");
        var token = Antiforgery.TokenFrom(await officer.GetStringAsync("/Revenue/Estimate"));

        var page = await officer.GetAsync("/Revenue/Calendar");
        var post = await officer.PostAsync("/Revenue/Calendar", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["FiscalYear"] = "2565", ["Version"] = "1", ["ConfirmByDay"] = "3", ["CloseFromDay"] = "6", ["ReopenDay"] = "10",
            ["EstimateDueDate"] = "1/1/2565", ["__RequestVerificationToken"] = token,
        }));

        Denied(page).ShouldBeTrue(page.StatusCode.ToString());
        Denied(post).ShouldBeTrue(post.StatusCode.ToString());
        (await app.WithDbAsync(db => db.FiscalYearSettings.SingleAsync(s => s.FiscalYear == 2565))).EstimateDueDate.ShouldBeNull();
        var html = await admin.GetStringAsync("/Revenue/Calendar");
        html.ShouldContain("กำหนดส่งประมาณการรายได้");
        html.ShouldContain("value=\"23/2/2566\"");
    }

    private static bool Denied(HttpResponseMessage r) =>
        r.StatusCode == HttpStatusCode.Forbidden
        || (r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location!.OriginalString.Contains("/Account/Denied", StringComparison.Ordinal));

    [Fact]
    public async Task TheCheckPage_ShowsAProvinceOfficerItsDistricts_WithTheProvinceTotalTheSumOfTheRows()
    {
        app.Clock.Now = Bangkok(2023, 10, 15); // every month of FY 2566 has ended
        var province = await app.SignedInAsync("ProvinceOfficer", "27");
        var districts = await app.WithDbAsync(db => db.OrgUnits.Where(o => o.ParentCode == "27").Select(o => o.Code).ToListAsync());
        var keys = new FiscalYear(2566).Months.Select(m => m.ToString()).ToList();
        var expected = await app.WithDbAsync(async db => (await db.RevenueMonths.Where(m => m.ProvinceCode == "27" && keys.Contains(m.Month)).Select(m => m.Total).ToListAsync()).Sum());

        var html = await province.GetStringAsync("/Revenue/Check?fiscalYear=2566");

        var rt4 = Regex.Match(html, @"data-testid=""rt4"".*?</table>", RegexOptions.Singleline).Value;
        var shown = Regex.Matches(rt4, @"/Revenue/Entry\?district=(\d{4})").Select(m => m.Groups[1].Value).Distinct().Order().ToList();
        shown.ShouldBe(districts.Order().ToList());
        var rowCumulatives = Regex.Matches(rt4, @"<td class=""num fw-semibold"">([\d,.]+)</td>").Select(m => decimal.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        rowCumulatives.Count.ShouldBe(districts.Count);
        expected.ShouldBeGreaterThan(0m);
        rowCumulatives.Sum().ShouldBe(expected);
        var footer = Regex.Match(rt4, @"<tfoot>.*?</tfoot>", RegexOptions.Singleline).Value;
        footer.ShouldContain("รวมทั้งจังหวัด");
        footer.ShouldContain($"<td class=\"num\">{ThaiDigits.FormatNumber(expected, 2, false)}</td>");
    }

    [Fact]
    public async Task TheCheckPage_ShowsADistrictOfficerOnlyItsOwnRt3()
    {
        app.Clock.Now = Bangkok(2023, 10, 15);
        var officer = await app.SignedInAsync("DistrictOfficer", "2702");

        var html = await officer.GetStringAsync("/Revenue/Check?fiscalYear=2566");

        var rt3 = Regex.Match(html, @"data-testid=""rt3"".*?</table>", RegexOptions.Singleline).Value;
        rt3.ShouldNotBeEmpty();
        rt3.ShouldContain(">2702");
        rt3.ShouldNotContain(">2701");
        (await officer.GetAsync("/Revenue/Check?fiscalYear=2566&province=31")).StatusCode.ShouldNotBe(HttpStatusCode.OK);
    }
}

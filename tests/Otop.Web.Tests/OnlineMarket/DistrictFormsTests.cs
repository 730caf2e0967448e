using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.OnlineMarket;
using Otop.Web.Features.Registry;
using Otop.Web.Tests.Infrastructure;
using Otop.Web.Tests.Reports;

namespace Otop.Web.Tests.OnlineMarket;

/// <summary>
/// Issue 16, item 7: letter 1's readiness survey (enclosure 3) and result report (enclosure 4) as official documents, with
/// the numbers of the Survey and Report pages and of the results JSON, Thai headings and BE dates, under the caller's scope.
/// </summary>
public sealed class DistrictFormsTests(DemoApp app) : IClassFixture<DemoApp>
{
    private const string Survey2704 = "district=2704&fiscalYear=2564&round=1";
    private const string Report2701 = "district=2701&fiscalYear=2564&round=1";
    private const int FirstDataRow = 5; // survey: four title rows, then the header row (0-based)

    [Fact]
    public async Task SurveyXlsxAndCsv_HaveEachProducersAnswer_AndTotalsThatAreTheStoredSurveysCounts()
    {
        var client = await app.ClientAsAsync("ProvinceOfficer", "27");
        var survey = await app.WithDbAsync(db => db.ReadinessSurveys.AsNoTracking().Include(s => s.Answers).SingleAsync(s => s.DistrictCode == "2704" && s.Round == 1));
        var codes = await app.WithDbAsync(db => db.Entrepreneurs.AsNoTracking().ToDictionaryAsync(e => e.Id, e => e.Code));

        var xlsx = await ReportFilesRead.XlsxAsync(client, "online-market-survey", Survey2704);
        var csv = ReportFilesRead.CsvLines(await client.GetByteArrayAsync($"/api/v1/reports/online-market-survey?{Survey2704}&format=csv"));

        xlsx[0][0].ShouldBe(OnlineMarketDistrictReports.SurveyTitle);
        xlsx[1][0].ShouldBe("รอบการประเมินที่ 1 ประจำปีงบประมาณ พ.ศ. 2564 ( เดือนตุลาคม 2563 - มีนาคม 2564 )");
        ((string)xlsx[3][0]!).ShouldMatch(@"^สถานะ: ส่งจังหวัดแล้วเมื่อ 23 ก\.พ\. 2564 ");
        xlsx[4].Take(6).ShouldBe(["ลำดับ", "รหัสผู้ประกอบการ", "ผู้ประกอบการ", "จำนวนผลิตภัณฑ์", "พร้อมจำหน่ายออนไลน์", "ยังไม่พร้อม"]);
        var data = xlsx.Skip(FirstDataRow).SkipLast(1).ToList();
        data.Count.ShouldBe(survey.Answers.Count);
        foreach (var a in survey.Answers)
        {
            var row = data.Single(r => (string?)r[1] == codes[a.EntrepreneurId]);
            row[4].ShouldBe(a.Ready ? 1m : 0m);
            row[6].ShouldBe(a.Lacks.HasFlag(ReadinessLack.Internet) ? 1m : 0m);
            row[8].ShouldBe(a.Lacks.HasFlag(ReadinessLack.Skills) ? 1m : 0m);
        }
        var total = xlsx[^1];
        total[2].ShouldBe("รวม");
        total[4].ShouldBe((decimal)survey.Answers.Count(a => a.Ready));
        total[5].ShouldBe((decimal)survey.Answers.Count(a => !a.Ready));
        total[8].ShouldBe((decimal)survey.Answers.Count(a => a.Lacks.HasFlag(ReadinessLack.Skills)));
        csv[0].ShouldStartWith("ลำดับ,รหัสผู้ประกอบการ,ผู้ประกอบการ,จำนวนผลิตภัณฑ์,พร้อมจำหน่ายออนไลน์,ยังไม่พร้อม,ขาดอินเทอร์เน็ต");
        csv.Length.ShouldBe(data.Count + 2);
        Numbers(csv[^1]).ShouldBe(total.OfType<decimal>().ToList());
    }

    [Fact]
    public async Task SurveyTotals_AreTheProvinceOverviewsRow_AndItsRowsTheProducersOfTheDistrictsPage()
    {
        var province = await app.SignedInAsync("ProvinceOfficer", "27");
        var district = await app.SignedInAsync("DistrictOfficer", "2704");
        var overview = await province.GetStringAsync("/OnlineMarket/Survey?fiscalYear=2564&round=1");
        var page = await district.GetStringAsync("/OnlineMarket/Survey?fiscalYear=2564&round=1");

        var xlsx = ReportFilesRead.Xlsx(await district.GetByteArrayAsync($"/Reports/Download/online-market-survey?{Survey2704}&format=xlsx"));

        var row = Regex.Match(overview, @"<td>วังน้ำเย็น</td>(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;
        var cells = Regex.Matches(row, @"<td class=""num"">(\d+)</td>").Select(m => decimal.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        cells.Count.ShouldBe(8); // ready, not ready, six lacks
        xlsx[^1].Skip(4).Take(8).ShouldBe(cells.Cast<object?>());
        Regex.Matches(page, @"name=""Answers\[\d+\]\.EntrepreneurId""").Count.ShouldBe(xlsx.Count - FirstDataRow - 1);
        page.ShouldContain("data-testid=\"report-buttons-online-market-survey\"");
        page.ShouldContain($"/Reports/Download/online-market-survey?{Survey2704.Replace("&", "&amp;")}&amp;format=xlsx");
        overview.ShouldContain("/Reports/Download/online-market-survey?district=2704&amp;fiscalYear=2564&amp;round=1&amp;format=xlsx");
    }

    [Fact]
    public async Task ResultReport_ListsEachProductCountedOnline_WithItsListings_AndTheResultsJsonsCountsAndScore()
    {
        var client = await app.ClientAsAsync("ProvinceOfficer", "27");
        var json = await (await client.GetAsync("/api/v1/kpi/online-market/results?fiscalYear=2564&round=1&province=27")).JsonAsync();
        var result = json.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("districtCode").GetString() == "2701");
        var online = result.GetProperty("productsOnline").GetInt32();
        var listings = await app.WithDbAsync(db => db.OnlineListings.AsNoTracking().Select(l => new { l.Url, l.Since }).ToListAsync());

        var xlsx = await ReportFilesRead.XlsxAsync(client, "online-market-result-report", Report2701);
        var csv = ReportFilesRead.CsvLines(await client.GetByteArrayAsync($"/api/v1/reports/online-market-result-report?{Report2701}&format=csv"));

        online.ShouldBeGreaterThan(0);
        xlsx[0][0].ShouldBe(OnlineMarketDistrictReports.ResultReportTitle);
        xlsx[5].ShouldBe(["ลำดับ", "รหัสผลิตภัณฑ์", "ผลิตภัณฑ์", "ผู้ประกอบการ", "ช่องทางจำหน่าย", "ที่อยู่ร้านค้า (URL)", "จำหน่ายตั้งแต่", "หลักฐาน", "จำนวนผลิตภัณฑ์"]);
        var data = xlsx.Skip(6).SkipLast(1).ToList();
        data.Select(r => r[1]).Distinct().Count().ShouldBe(online);
        data.Sum(r => r[8] as decimal? ?? 0).ShouldBe(online);
        foreach (var r in data) listings.Where(l => l.Url == (string)r[5]!).Select(l => ThaiDates.FormatShort(l.Since)).ShouldContain((string)r[6]!);
        var percent = result.GetProperty("percent").GetDecimal().ToString("0.00", CultureInfo.InvariantCulture);
        var summary = $"จำนวน {result.GetProperty("products").GetInt32():N0} ผลิตภัณฑ์ จำหน่ายออนไลน์ {online:N0} ผลิตภัณฑ์ คิดเป็นร้อยละ {percent} ได้ {result.GetProperty("score").GetDecimal()} คะแนน";
        ((string)xlsx[3][0]!).ShouldContain(summary);
        xlsx[^1][8].ShouldBe((decimal)online);
        ((string)xlsx[^1][3]!).ShouldContain(summary);
        csv[^1].ShouldContain(summary);
        csv[^1].ShouldEndWith("," + online.ToString(CultureInfo.InvariantCulture));
        csv.Length.ShouldBe(data.Count + 2);
    }

    [Fact]
    public async Task ResultReport_HasTheReportPagesFigures_AndThePageOffersItsButtons()
    {
        var district = await app.SignedInAsync("DistrictOfficer", "2701");
        var page = await district.GetStringAsync("/OnlineMarket/Report?fiscalYear=2564&round=1");

        var xlsx = ReportFilesRead.Xlsx(await district.GetByteArrayAsync($"/Reports/Download/online-market-result-report?{Report2701}&format=xlsx"));

        var online = Regex.Match(page, @"data-testid=""products-online"">([\d,]+)<").Groups[1].Value.Replace(",", "", StringComparison.Ordinal);
        var percent = Regex.Match(page, @"data-testid=""percent"">([\d.]+)<").Groups[1].Value;
        xlsx[^1][8].ShouldBe(decimal.Parse(online, CultureInfo.InvariantCulture));
        ((string)xlsx[^1][3]!).ShouldContain($"ร้อยละ {percent} ");
        page.ShouldContain("data-testid=\"report-buttons-online-market-result-report\"");
        page.ShouldContain($"/Reports/Download/online-market-result-report?{Report2701.Replace("&", "&amp;")}&amp;format=xlsx");
    }

    [Theory]
    [InlineData("online-market-survey", Survey2704, "แบบสำรวจความพร้อม", "23 กุมภาพันธ์ 2564")]
    [InlineData("online-market-result-report", Report2701, "แบบรายงานผล", "ร้อยละ")]
    public async Task Pdf_HasTheThaiTitle_TheDistrict_BeDates_AndAVerificationCode(string form, string query, string title, string text)
    {
        ReportFilesRead.RequirePdfTools();
        var client = await app.ClientAsAsync("ProvinceOfficer", "27");

        var response = await client.GetAsync($"/api/v1/reports/{form}?{query}&format=pdf");
        var pdf = await response.Content.ReadAsByteArrayAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var printed = ReportFilesRead.PdfText(pdf);
        File.Exists(ReportFilesRead.PdfPng(pdf, $"report-{form}")).ShouldBeTrue();
        printed.ShouldContain(title);
        printed.ShouldContain("พ.ศ. 2564");
        printed.ShouldContain(text);
        printed.ShouldContain(response.Headers.GetValues("X-Document-Code").Single()[..4]);
    }

    [Fact]
    public async Task SurveyPdf_SignatureDate_IsTheSendDateInBuddhistEra()
    {
        ReportFilesRead.RequirePdfTools();
        var client = await app.ClientAsAsync("DistrictOfficer", "2704");
        var sentAt = await app.WithDbAsync(db => db.ReadinessSurveys.Where(s => s.DistrictCode == "2704").Select(s => s.SentAt).SingleAsync());

        var printed = ReportFilesRead.PdfText(await client.GetByteArrayAsync($"/api/v1/reports/online-market-survey?{Survey2704}&format=pdf"));

        printed.ShouldContain($"วันที่ {ThaiDates.FormatLong(Bangkok.Today(sentAt!.Value))}");
        printed.ShouldContain("พัฒนาการอำเภอวังน้ำเย็น");
    }

    [Theory]
    [InlineData("online-market-survey")]
    [InlineData("online-market-result-report")]
    public async Task AnotherDistrict_AnotherProvince_AndAnUnknownDistrict_AreRefused(string form)
    {
        var khlonghat = await app.ClientAsAsync("DistrictOfficer", "2702");
        var otherProvince = await app.ClientAsAsync("ProvinceOfficer", "30");
        var province = await app.ClientAsAsync("ProvinceOfficer", "27");
        var page = await app.SignedInAsync("DistrictOfficer", "2702");

        var problem = await (await khlonghat.GetAsync($"/api/v1/reports/{form}?district=2701&fiscalYear=2564&round=1&format=xlsx")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await otherProvince.GetAsync($"/api/v1/reports/{form}?district=2701&fiscalYear=2564&round=1&format=csv")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await province.GetAsync($"/api/v1/reports/{form}?district=2799&fiscalYear=2564&round=1&format=csv")).ProblemAsync(HttpStatusCode.NotFound);
        (await page.GetAsync($"/Reports/Download/{form}?district=2701&fiscalYear=2564&round=1&format=xlsx")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await khlonghat.GetAsync($"/api/v1/reports/{form}?district=2702&fiscalYear=2564&round=1&format=csv")).StatusCode.ShouldBe(HttpStatusCode.OK);

        problem.GetProperty("detail").GetString().ShouldBe("อำเภอรหัส 2701 อยู่นอกหน่วยงานของท่าน");
    }

    [Theory]
    [InlineData("online-market-survey", "fiscalYear=2564&round=1", "district", "กรุณาระบุรหัสอำเภอ")]
    [InlineData("online-market-survey", "district=27x1&fiscalYear=2564&round=1", "district", "ไม่ถูกต้อง")]
    [InlineData("online-market-result-report", "district=2701&fiscalYear=abc&round=1", "fiscalYear", "ปีงบประมาณ")]
    [InlineData("online-market-result-report", "district=2701&fiscalYear=2564&round=3", "round", "ต้องเป็น 1 หรือ 2")]
    [InlineData("online-market-result-report", "district=2701&fiscalYear=2564", "round", "กรุณาระบุรอบ")]
    public async Task BadParameters_AnswerAThaiValidationProblemNamingTheField_NotA500(string form, string query, string field, string message)
    {
        var client = await app.ClientAsAsync("ProvinceOfficer", "27");

        var problem = await (await client.GetAsync($"/api/v1/reports/{form}?{query}&format=xlsx")).ProblemAsync((HttpStatusCode)422);

        problem.GetProperty("errors").GetProperty(field)[0].GetString()!.ShouldContain(message);
    }

    [Theory]
    [InlineData("online-market-survey", "ab12")]
    [InlineData("online-market-result-report", "๒๗๐๑")]
    public async Task AMalformedDistrict_IsAnErrorOfTheDistrictAlone_NotOfAProvinceTheQueryDoesNotHave(string form, string district)
    {
        var client = await app.ClientAsAsync("ProvinceOfficer", "27");

        var problem = await (await client.GetAsync($"/api/v1/reports/{form}?district={Uri.EscapeDataString(district)}&fiscalYear=2564&round=1&format=csv"))
            .ProblemAsync((HttpStatusCode)422);

        var errors = problem.GetProperty("errors");
        errors.GetProperty("district")[0].GetString()!.ShouldContain(district);
        errors.EnumerateObject().Select(e => e.Name).ShouldBe(["district"]);
    }

    [Fact]
    public async Task PrintView_ShowsTheSurveyToTheProvince_AndRefusesAnotherDistrictsOfficer()
    {
        var province = await app.SignedInAsync("ProvinceOfficer", "27");
        var khlonghat = await app.SignedInAsync("DistrictOfficer", "2702");

        var html = await province.GetStringAsync($"/Reports/Print?form=online-market-survey&{Survey2704}");
        var refused = await khlonghat.GetAsync($"/Reports/Print?form=online-market-result-report&{Report2701}");

        html.ShouldContain("data-form=\"online-market-survey\"");
        html.ShouldContain("สำนักงานพัฒนาชุมชนอำเภอวังน้ำเย็น");
        html.ShouldContain("พัฒนาการอำเภอวังน้ำเย็น");
        refused.Headers.Location!.OriginalString.ShouldContain("/Account/Denied"); // a page's Forbid, as the other print views
    }

    [Fact]
    public async Task AFiscalYearWithoutTheIndicator_Is404InThai()
    {
        var client = await app.ClientAsAsync("ProvinceOfficer", "27");

        var problem = await (await client.GetAsync("/api/v1/reports/online-market-survey?district=2701&fiscalYear=2599&round=1&format=csv")).ProblemAsync(HttpStatusCode.NotFound);

        problem.GetProperty("detail").GetString()!.ShouldContain("ไม่พบตัวชี้วัดตลาดออนไลน์ของปีงบประมาณ 2599");
    }

    private static List<decimal> Numbers(string csvLine) =>
        csvLine.Split(',').Where(c => decimal.TryParse(c, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
            .Select(c => decimal.Parse(c, CultureInfo.InvariantCulture)).ToList();
}

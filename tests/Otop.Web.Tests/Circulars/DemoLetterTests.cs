using Microsoft.EntityFrameworkCore;
using System.Net;
using Otop.Web.Tests.Infrastructure;
using Otop.Web.Features.Circulars;
using Otop.Web.Features.OnlineMarket;
using Otop.Web.Features.Registry;

namespace Otop.Web.Tests.Circulars;

/// <summary>The demo's letters 1 and 2: tasks that are existing forms count as sent from those forms' own records.</summary>
public sealed class DemoLetterTests(DemoApp app) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task Letter1_IsThereWithItsNumberAndTasks_AndItsSurveyTaskIsSentByTheDistrictsThatSentTheSurvey()
    {
        var province = await app.ClientAsAsync("ProvinceOfficer", "27");

        var list = await (await province.GetAsync("/api/v1/circulars")).JsonAsync();
        var letter1 = list.EnumerateArray().Single(c => c.GetProperty("number").GetString() == "สก ๐๐๑๙/ว ๐๙๓๑");
        letter1.GetProperty("issuedOn").GetString().ShouldBe("2021-02-23");
        var detail = await (await province.GetAsync($"/api/v1/circulars/{letter1.GetProperty("id").GetInt32()}")).JsonAsync();
        var survey = detail.GetProperty("tasks")[0];
        survey.GetProperty("dueDate").GetString().ShouldBe("2021-02-24");
        survey.GetProperty("kind").GetString().ShouldBe("ReadinessSurvey");
        survey.GetProperty("assignments").EnumerateArray().Where(a => !a.GetProperty("sent").GetBoolean())
            .Select(a => a.GetProperty("unitCode").GetString()).ShouldBe(["2701", "2702", "2703", "2707"]);
        survey.GetProperty("assignments").EnumerateArray().Single(a => a.GetProperty("unitCode").GetString() == "2708").GetProperty("late").GetBoolean().ShouldBeTrue();
        detail.GetProperty("tasks")[1].GetProperty("dueDate").GetString().ShouldBe("2021-03-19");
        var enclosure = detail.GetProperty("enclosures")[0].GetProperty("url").GetString()!;

        var anonymous = app.CreateClient();
        var file = await anonymous.GetAsync(new Uri(enclosure).PathAndQuery);
        file.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await file.Content.ReadAsByteArrayAsync())[..4].ShouldBe("PK\u0003\u0004"u8.ToArray());
    }

    [Fact]
    public async Task Letter1_ResultReportTask_IsSentWhenTheDistrictSubmitsItsReport_NotAtItsFirstListing()
    {
        var province = await app.ClientAsAsync("ProvinceOfficer", "27");
        var list = await (await province.GetAsync("/api/v1/circulars")).JsonAsync();
        var id = list.EnumerateArray().Single(c => c.GetProperty("number").GetString() == "สก ๐๐๑๙/ว ๐๙๓๑").GetProperty("id").GetInt32();
        var lastDay = new Otop.Domain.FiscalYear(2564).RoundLastDay(1);
        var listed = await app.WithDbAsync(async db => await db.OnlineListings
            .Where(l => l.Product.Entrepreneur.ProvinceCode == "27" && l.Since <= lastDay)
            .Select(l => l.Product.Entrepreneur.DistrictCode).Distinct().ToListAsync());
        listed.ShouldContain("2704");
        var before = (await (await province.GetAsync($"/api/v1/circulars/{id}")).JsonAsync()).GetProperty("tasks")[1];
        before.GetProperty("assignments").EnumerateArray().Where(a => a.GetProperty("sent").GetBoolean()).ShouldBeEmpty();

        // 2704 submits round 1 and 2705 submits another round: only 2704 counts for this task, from its submission.
        var first = new DateTimeOffset(2021, 3, 18, 10, 0, 0, TimeSpan.FromHours(7)).ToUniversalTime();
        await app.WithDbAsync(async db =>
        {
            db.ResultReportSubmissions.AddRange(
                new ResultReportSubmission { DistrictCode = "2704", ProvinceCode = "27", FiscalYear = 2564, Round = 1, SubmittedAt = first, SubmittedBy = "khokpho.officer" },
                new ResultReportSubmission { DistrictCode = "2705", ProvinceCode = "27", FiscalYear = 2564, Round = 2, SubmittedAt = first, SubmittedBy = "y" });
            return await db.SaveChangesAsync();
        });

        var report = (await (await province.GetAsync($"/api/v1/circulars/{id}")).JsonAsync()).GetProperty("tasks")[1];

        report.GetProperty("kind").GetString().ShouldBe("ResultReport");
        var sent = report.GetProperty("assignments").EnumerateArray().Where(a => a.GetProperty("sent").GetBoolean()).ToList();
        sent.Select(a => a.GetProperty("unitCode").GetString()).ShouldBe(["2704"]);
        sent[0].GetProperty("sentAt").GetDateTimeOffset().ShouldBe(first);
        sent[0].GetProperty("late").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task ALinkedTask_CannotBeSentTwice_ItIsSentThroughItsForm()
    {
        var district = await app.ClientAsAsync("DistrictOfficer", "2701");
        var tasks = await (await district.GetAsync("/api/v1/circulars/tasks")).JsonAsync();
        var survey = tasks.EnumerateArray().First(t => t.GetProperty("kind").GetString() == "ReadinessSurvey");

        var response = await district.PostJsonAsync($"/api/v1/circulars/tasks/{survey.GetProperty("assignmentId").GetInt32()}/submit", new { note = "ส่งทางนี้" });

        (await response.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString()!.ShouldContain("แบบสำรวจความพร้อม");
    }
}

using System.Net;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Features.OnlineMarket;
using Otop.Web.Features.Registry;
using Otop.Web.Tests.Infrastructure;

namespace Otop.Web.Tests.OnlineMarket;

/// <summary>
/// Issue 16, item 7: the district submits its result report explicitly; then the report is read-only until the district
/// withdraws it (until the end of the round's results cut-off day) or the province returns it with a reason. Audited.
/// </summary>
public sealed class ResultReportSubmissionTests : IAsyncLifetime
{
    // 10 Mar 2021: during round 1 of FY 2564, whose results cut-off is its last day, 31 Mar 2021.
    private readonly OtopApp _app = new(seedDemo: true, now: new DateTimeOffset(2021, 3, 10, 10, 0, 0, TimeSpan.FromHours(7)));
    private const string Page = "/OnlineMarket/Report?fiscalYear=2564&round=1";

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string page, string handler, Dictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(page);
        fields["__RequestVerificationToken"] = Antiforgery.TokenFrom(html);
        return await client.PostAsync($"{page}&handler={handler}", new FormUrlEncodedContent(fields));
    }

    private Task<ResultReportSubmission?> SubmissionAsync() =>
        _app.WithDbAsync(db => db.ResultReportSubmissions.AsNoTracking().SingleOrDefaultAsync(s => s.DistrictCode == "2701" && s.FiscalYear == 2564 && s.Round == 1));

    [Fact]
    public async Task ASubmittedReport_IsReadOnly_UntilWithdrawnOrReturned_AndEveryStepIsAudited()
    {
        var district = await _app.SignedInAsync("DistrictOfficer", "2701");

        (await PostAsync(district, Page, "Submit", [])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var sent = (await SubmissionAsync()).ShouldNotBeNull();
        sent.ProductsOnline.ShouldBeGreaterThan(0);
        (await district.GetStringAsync(Page)).ShouldContain("ส่งแล้ว");

        // Read-only: a listing added now answers 409 with the reason, and adds nothing.
        var listings = await _app.WithDbAsync(db => db.OnlineListings.CountAsync());
        var add = await PostAsync(district, Page, "Add", new()
        {
            ["Input.ProductCode"] = "x", ["Input.Channel"] = "shopee", ["Input.Url"] = "https://shopee.co.th/x", ["Input.Since"] = "01/01/2564",
        });
        add.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await add.Content.ReadAsStringAsync()).ShouldContain("ส่งแบบรายงานผลรอบนี้แล้ว แก้ไขไม่ได้");
        (await _app.WithDbAsync(db => db.OnlineListings.CountAsync())).ShouldBe(listings);
        (await PostAsync(district, Page, "Submit", [])).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        // The district withdraws before the cut-off, and submits again.
        (await PostAsync(district, Page, "Withdraw", new() { ["submissionId"] = sent.Id.ToString() })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await SubmissionAsync()).ShouldBeNull();
        (await PostAsync(district, Page, "Submit", [])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var again = (await SubmissionAsync()).ShouldNotBeNull();

        // After the cut-off day the district can no longer withdraw; the province returns it, with a reason.
        _app.Clock.Now = new DateTimeOffset(2021, 4, 1, 0, 0, 0, TimeSpan.FromHours(7));
        district = await _app.SignedInAsync("DistrictOfficer", "2701");
        var province = await _app.SignedInAsync("ProvinceOfficer", "27");
        (await PostAsync(district, Page, "Withdraw", new() { ["submissionId"] = again.Id.ToString() })).StatusCode.ShouldBe((HttpStatusCode)423);
        var provincePage = Page + "&district=2701";
        var noReason = await PostAsync(province, provincePage, "Return", new() { ["submissionId"] = again.Id.ToString(), ["reason"] = " " });
        noReason.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await PostAsync(province, provincePage, "Return", new() { ["submissionId"] = sent.Id.ToString(), ["reason"] = "ลิงก์ผิด" }))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict); // the first submission is gone: a stale page changes nothing
        (await PostAsync(province, provincePage, "Return", new() { ["submissionId"] = again.Id.ToString(), ["reason"] = "ลิงก์ร้านค้าผิด 2 รายการ" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await SubmissionAsync()).ShouldBeNull();

        var audit = await _app.WithDbAsync(db => db.AuditEntries.Where(a => a.Entity == "result-report" && a.Key == "2701/2564/1")
            .OrderBy(a => a.Id).Select(a => new { a.Action, a.NewValue }).ToListAsync());
        audit.Select(a => a.Action).ShouldBe(["submit", "withdraw", "submit", "return"]);
        audit[^1].NewValue!.ShouldContain("ลิงก์ร้านค้าผิด 2 รายการ");
    }

    [Fact]
    public async Task AnotherDistrict_OrAViewer_CannotSubmitOrWithdraw()
    {
        var province = await _app.SignedInAsync("ProvinceOfficer", "27");
        var viewer = await _app.SignedInAsync("Viewer", "2701");

        // A page denies with the Thai "no permission" page.
        (await PostAsync(province, Page + "&district=2701", "Submit", [])).Headers.Location!.ToString().ShouldContain("/Account/Denied");
        (await PostAsync(viewer, Page, "Submit", [])).Headers.Location!.ToString().ShouldContain("/Account/Denied");
        (await SubmissionAsync()).ShouldBeNull();
    }
}

using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Otop.Domain;
using Otop.Web.Features.Revenue;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Documents;
using Otop.Web.Tests.Infrastructure;
using Otop.Web.Tests.Reports;
using Otop.Web.Tests.Revenue;

namespace Otop.Web.Tests.Trust;

/// <summary>
/// Issue 14, item 7 (docs/hostile-input.md, "Limits and responses"): one user cannot hold the node's PDF renderer or its
/// revenue write slots, an identical PDF the same day is the same document, and a page's PDF is issued by a POST only.
/// </summary>
public sealed class WriteLimitTests
{
    private const string District = "2701";
    private const string Month = "2023-02"; // open on the default clock (20 Feb 2023)
    private const string CsvReport = "/api/v1/reports/rt1?district=2701&month=2023-02";

    [Fact]
    public async Task AUserHoldingItsPdfPlaces_IsRefused429WithRetryAfter_WhileAnotherUsersPdfIsNot()
    {
        using var app = new OtopApp(settings: new Dictionary<string, string?> { ["Documents:PdfPerUser"] = "2" });
        var greedy = await app.CreateUserAsync("Viewer", "27");
        var viewer = await app.ClientForAsync(greedy);
        var officer = await app.ClientAsAsync("DistrictOfficer", District);
        var gate = app.Services.GetRequiredService<PdfGate>();
        // Two PDFs of this Viewer are building (held here for as long as the test needs).
        using var one = gate.TryEnter(greedy).Place;
        using var two = gate.TryEnter(greedy).Place;

        var refused = await viewer.GetAsync($"{CsvReport}&format=pdf");
        var csv = await viewer.GetAsync($"{CsvReport}&format=csv");
        var others = await officer.GetAsync($"{CsvReport}&format=pdf");

        var problem = await refused.ProblemAsync(HttpStatusCode.TooManyRequests);
        problem.GetProperty("detail").GetString()!.ShouldContain("กรุณารอ");
        refused.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(PdfGate.RetryAfterSeconds));
        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        others.StatusCode.ShouldNotBe(HttpStatusCode.TooManyRequests);
        gate.InFlight.ShouldBe(2);
    }

    [Fact]
    public async Task AFullPdfQueue_RefusesAtOnceWith429_InsteadOfQueueingWithoutBound()
    {
        using var app = new OtopApp(settings: new Dictionary<string, string?> { ["Documents:PdfRendering"] = "1", ["Documents:PdfQueue"] = "1" });
        var officer = await app.ClientAsAsync("DistrictOfficer", District);
        var gate = app.Services.GetRequiredService<PdfGate>();
        using var a = gate.TryEnter("someone.a").Place;
        using var b = gate.TryEnter("someone.b").Place;

        var refused = await officer.GetAsync($"{CsvReport}&format=pdf");

        (await refused.ProblemAsync(HttpStatusCode.TooManyRequests)).GetProperty("detail").GetString()!.ShouldContain("จำนวนมาก");
        refused.Headers.RetryAfter.ShouldNotBeNull();
    }

    [Fact]
    public async Task TheSamePdfRequestedAgainTheSameBangkokDay_KeepsItsCode_AndANewDayOrAnotherUserGetsANewOne()
    {
        ReportFilesRead.RequirePdfTools();
        using var app = new OtopApp();
        var userName = await app.CreateUserAsync("DistrictOfficer", District);
        var officer = await app.ClientForAsync(userName);
        var colleague = await app.ClientAsAsync("DistrictOfficer", District);

        async Task<string> CodeAsync(HttpClient client) =>
            (await client.GetAsync($"{CsvReport}&format=pdf")).Headers.GetValues("X-Document-Code").Single();

        var first = await CodeAsync(officer);
        var again = await CodeAsync(officer);
        var theirs = await CodeAsync(colleague);
        app.Clock.Now = RevenueTestData.Bangkok(2023, 2, 21, 0, 5);
        var tomorrow = await CodeAsync(await app.ClientForAsync(userName));

        again.ShouldBe(first);
        theirs.ShouldNotBe(first);
        tomorrow.ShouldNotBe(first);
        (await app.WithDbAsync(db => db.IssuedDocuments.CountAsync())).ShouldBe(3);
    }

    [Fact]
    public async Task APagesPdf_IsNotIssuedByAGet_OnlyByAPostWithTheAntiforgeryToken()
    {
        using var app = new OtopApp();
        var session = await app.SignedInAsync("DistrictOfficer", District);
        var path = $"/Reports/Download/rt1?district={District}&month={Month}&format=pdf";
        var token = Antiforgery.TokenFrom(await session.GetStringAsync($"/Reports/Print?form=rt1&district={District}&month={Month}"));

        var get = await session.GetAsync(path);
        var forged = await session.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>()));
        var issuedBefore = await app.WithDbAsync(db => db.IssuedDocuments.CountAsync());
        var posted = await session.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        get.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        issuedBefore.ShouldBe(0);
        posted.StatusCode.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable);
        if (posted.StatusCode == HttpStatusCode.OK) posted.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
    }

    [Fact]
    public async Task ViewersTricklingRevenueBodies_HoldNoWriteSlot_SoADistrictOfficersSaveGoesThrough()
    {
        using var app = new OtopApp(settings: new Dictionary<string, string?>
        {
            ["RateLimits:RevenueWritesConcurrent"] = "1", ["RateLimits:RevenueWritesQueue"] = "0",
        });
        var producers = await app.ProducersAsync(District, 1);
        var viewers = new List<HttpClient>();
        for (var i = 0; i < 3; i++) viewers.Add(await app.ClientAsAsync("Viewer", District));
        var officer = await app.ClientAsAsync("DistrictOfficer", District);

        var release = new TaskCompletionSource();
        var slow = viewers.Select(v => v.PutAsync($"/api/v1/revenue/{District}/{Month}", new TricklingBody(release.Task))).ToList();
        await Task.Delay(300); // the slow requests are in the app, their bodies unfinished
        var save = await officer.PutMonthAsync(District, Month, RevenueTestData.Entries(producers, 1200m));
        release.SetResult();
        var viewerAnswers = await Task.WhenAll(slow);

        save.StatusCode.ShouldBe(HttpStatusCode.OK);
        viewerAnswers.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task OneUser_HoldsAtMostItsShareOfRevenueWriteSlots_AndTheNextSaveIs429WithRetryAfter()
    {
        // Node slots to spare (SQLite's default is one), so only the user's own share can refuse.
        using var app = new OtopApp(settings: new Dictionary<string, string?> { ["RateLimits:RevenueWritesPerUser"] = "1", ["RateLimits:RevenueWritesConcurrent"] = "4" });
        var producers = await app.ProducersAsync(District, 1);
        var userName = await app.CreateUserAsync("DistrictOfficer", District);
        var officer = await app.ClientForAsync(userName);
        var colleague = await app.ClientAsAsync("DistrictOfficer", District);
        var limit = app.Services.GetRequiredService<RevenueWriteLimit>();
        var me = new CurrentUser(userName, "", Roles.DistrictOfficer, new OrgScope(District));
        using var held = await limit.EnterAsync(me, District, RevenueAction.Edit, CancellationToken.None);

        var refused = await officer.PutMonthAsync(District, Month, RevenueTestData.Entries(producers, 10m));
        var theirs = await colleague.PutMonthAsync(District, Month, RevenueTestData.Entries(producers, 20m));

        held.Refusal.ShouldBeNull();
        (await refused.ProblemAsync(HttpStatusCode.TooManyRequests)).GetProperty("detail").GetString()!.ShouldContain("ค้างอยู่");
        refused.Headers.RetryAfter.ShouldNotBeNull();
        theirs.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>A JSON body whose first byte comes at once and the rest only when the test releases it: a slow client.</summary>
    private sealed class TricklingBody : HttpContent
    {
        private readonly Task release;

        public TricklingBody(Task release)
        {
            this.release = release;
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync("{"u8.ToArray());
            await stream.FlushAsync();
            await release;
            await stream.WriteAsync(Encoding.UTF8.GetBytes("\"version\":0,\"entries\":[]}"));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}

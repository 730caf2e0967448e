using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Features.OnlineMarket;
using Otop.Web.Features.Registry;
using Otop.Web.Tests.Infrastructure;
using Otop.Web.Tests.Revenue;
using static Otop.Web.Tests.OnlineMarket.SurveyFileTests;

namespace Otop.Web.Tests.OnlineMarket;

/// <summary>
/// Issue 16, item 5: the result report goes out as a fill-in XLSX (or CSV), one line per listing and a blank line per
/// product, and comes back through the Report page's own listing changes (add, end, delete, with their audit).
/// </summary>
public sealed class ReportFileTests : IAsyncLifetime
{
    private readonly OtopApp _app = new(seedDemo: true, now: new DateTimeOffset(2021, 3, 10, 10, 0, 0, TimeSpan.FromHours(7)));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private const string Page = "/OnlineMarket/ReportFile?fiscalYear=2564&round=1";

    private Task<List<(string, string, string, DateOnly, DateOnly?)>> ListingsAsync(string district) => _app.WithDbAsync(async db =>
        (await db.Products.AsNoTracking().Where(p => p.Entrepreneur.DistrictCode == district).SelectMany(p => p.Listings, (p, l) => new { p.Code, l.ChannelCode, l.Url, l.Since, l.EndedOn }).ToListAsync())
        .Select(x => (x.Code, x.ChannelCode, x.Url, x.Since, x.EndedOn)).OrderBy(x => x.Code).ThenBy(x => x.Url).ToList());

    /// <summary>The spreadsheet row (1-based) of the first blank line (a new listing) and of the first listing, with their product codes.</summary>
    private static ((int Row, string Code) Blank, (int Row, string Code) Listed) Lines(byte[] xlsx)
    {
        var rows = Reports.ReportFilesRead.Xlsx(xlsx);
        var blank = rows.Select((r, i) => (r, i)).First(x => x.i > 4 && x.r.Length > 1 && x.r[0] is null or "" && x.r[1] is string);
        var listed = rows.Select((r, i) => (r, i)).First(x => x.i > 4 && x.r.Length > 1 && x.r[0] is not (null or "") && x.r[1] is string);
        return ((blank.i + 1, (string)blank.r[1]!), (listed.i + 1, (string)listed.r[1]!));
    }

    [Fact]
    public async Task TheFillInReport_AddsAndEndsListings_AsThePageDoes_WithTheSameAudit()
    {
        var officer = await _app.SignedInAsync("DistrictOfficer", "2709");
        var template = await DownloadAsync(officer, ReportFile.Form, "2709");
        var (blank, listed) = Lines(template);
        var before = await ListingsAsync("2709");

        var (status, html) = await UploadAsync(officer, Page, FilledSheets.Fill(template, new Dictionary<string, string>
        {
            [$"E{blank.Row}"] = "lazada", [$"F{blank.Row}"] = "https://lazada.co.th/otop-file", [$"G{blank.Row}"] = "๑๕/๑/๒๕๖๔", [$"H{listed.Row}"] = "28/2/2564",
        }), "report.xlsx");

        status.ShouldBe(HttpStatusCode.OK, html);
        html.ShouldContain("เพิ่มช่องทางจำหน่าย 1 รายการ, บันทึกวันที่เลิกจำหน่าย 1 รายการ, ลบ 0 รายการ");
        var after = await ListingsAsync("2709");
        after.Count.ShouldBe(before.Count + 1);
        after.ShouldContain((blank.Code, "lazada", "https://lazada.co.th/otop-file", new DateOnly(2021, 1, 15), (DateOnly?)null));
        after.Count(l => l.Item1 == listed.Code && l.Item5 == new DateOnly(2021, 2, 28)).ShouldBe(1);
        var audit = await _app.WithDbAsync(db => db.AuditEntries.Where(a => a.Entity == "online-listing" && (a.Key == blank.Code || a.Key == listed.Code)).Select(a => a.Action).ToListAsync());
        audit.Order().ShouldBe(["add", "end"]);
    }

    [Fact]
    public async Task BadLines_AndAnotherDistrictsProduct_AreRefusedInThaiByRowAndColumn_AndAStaleFileIsAConflict()
    {
        var officer = await _app.SignedInAsync("DistrictOfficer", "2702");
        var foreign = await _app.WithDbAsync(db => db.Products.Where(p => p.Entrepreneur.DistrictCode == "2701").Select(p => p.Code).FirstAsync());
        var template = await DownloadAsync(officer, ReportFile.Form, "2702");
        var (blank, _) = Lines(template);
        var before = await ListingsAsync("2702");

        var (status, html) = await UploadAsync(officer, Page, FilledSheets.Fill(template, new Dictionary<string, string>
        {
            [$"E{blank.Row}"] = "myspace", [$"F{blank.Row}"] = "shop", [$"G{blank.Row}"] = "31/02/2564",
            [$"B{blank.Row + 1}"] = foreign, [$"A{blank.Row + 1}"] = "", [$"E{blank.Row + 1}"] = "shopee",
        }), "report.xlsx");
        var csv = $"listing_id,product_code,channel,url,since,until,delete\n,{blank.Code},facebook,https://facebook.com/otop-csv,1/2/2564,,\n";
        var (csvStatus, csvHtml) = await UploadAsync(officer, Page, Encoding.UTF8.GetBytes(csv), "report.csv");
        var (staleStatus, staleHtml) = await UploadAsync(officer, Page, FilledSheets.Fill(template, new Dictionary<string, string>
        {
            [$"E{blank.Row}"] = "line", [$"F{blank.Row}"] = "https://line.me/otop", [$"G{blank.Row}"] = "1/3/2564",
        }), "old.xlsx");

        status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        html.ShouldContain($"แถว {blank.Row}: คอลัมน์ \"ช่องทางจำหน่าย\": ไม่รู้จักช่องทางจำหน่าย \"myspace\"");
        html.ShouldContain($"แถว {blank.Row}: คอลัมน์ \"ที่อยู่ร้านค้า (URL)\": ที่อยู่ร้านค้า (URL) ต้องขึ้นต้นด้วย https://");
        html.ShouldContain($"แถว {blank.Row}: คอลัมน์ \"จำหน่ายตั้งแต่\": วันที่เริ่มจำหน่ายไม่ถูกต้อง");
        html.ShouldContain($"แถว {blank.Row + 1}: ไม่พบผลิตภัณฑ์รหัส {foreign} ในอำเภอ 2702");
        csvStatus.ShouldBe(HttpStatusCode.OK, csvHtml);
        (await ListingsAsync("2702")).ShouldBe([.. before, (blank.Code, "facebook", "https://facebook.com/otop-csv", new DateOnly(2021, 2, 1), (DateOnly?)null)], ignoreOrder: true);
        staleStatus.ShouldBe(HttpStatusCode.Conflict);
        staleHtml.ShouldContain("กรุณาดาวน์โหลดแบบสำหรับกรอกใหม่");
        (await ListingsAsync("2702")).Count.ShouldBe(before.Count + 1);
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Registry;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Documents;
using Otop.Web.Platform.Files;
using Otop.Web.Platform.Http;
using Otop.Web.Platform.Writes;

namespace Otop.Web.Features.OnlineMarket;

/// <summary>
/// The result report filled offline (issue 16, item 5, as the month's รต.1): the report form
/// <c>online-market-result-report-template</c> lists the district's products of the registration range, one line per
/// listing (its number, channel, URL, since, until) and one blank line per product for a new listing; the listings'
/// fingerprint is the version inside. The filled XLSX, or its CSV, comes back through <see cref="UploadAsync"/>: a blank
/// line is skipped, a new line is the page's Add, a changed "until" its End, a ticked "delete" its Delete
/// (<see cref="ResultReportListings"/>: same roles, submit and close checks, rules and audit). All-or-nothing with
/// per-row Thai errors; 409 when the listings changed since the download. A listing left out of the file stays.
/// </summary>
public static class ReportFile
{
    public const string Form = "online-market-result-report-template";
    public const string FormName = "แบบรายงานผล";
    private const string IdLabel = "เลขที่รายการ", CodeLabel = "รหัสผลิตภัณฑ์", ChannelLabel = "ช่องทางจำหน่าย", UrlLabel = "ที่อยู่ร้านค้า (URL)",
        SinceLabel = "จำหน่ายตั้งแต่", UntilLabel = "จำหน่ายถึง", DeleteLabel = "ลบรายการ";

    private sealed record Line(int ProductId, string Code, string Name, string Entrepreneur, List<OnlineListing> Listings);

    private static async Task<List<Line>> LinesAsync(AppDbContext db, string district, OnlineMarketRound om, bool track, CancellationToken ct)
    {
        var (from, to) = (om.RegisteredFrom, om.RegisteredTo);
        var query = db.Entrepreneurs.VisibleTo(new OrgScope(district))
            .SelectMany(e => e.Products.Where(p => p.RegisteredYear >= from && p.RegisteredYear <= to), (e, p) => new { p, e.Name })
            .Select(x => new { x.p.Id, x.p.Code, x.p.Name, Entrepreneur = x.Name, Listings = x.p.Listings.OrderBy(l => l.Since).ThenBy(l => l.Id).ToList() });
        var rows = track ? await query.ToListAsync(ct) : await query.AsNoTracking().ToListAsync(ct);
        return rows.OrderBy(r => r.Code, StringComparer.Ordinal).Select(r => new Line(r.Id, r.Code, r.Name, r.Entrepreneur, r.Listings)).ToList();
    }

    /// <summary>The listings' fingerprint: any listing added, ended or deleted since the download changes it.</summary>
    private static string Version(IEnumerable<Line> lines) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n",
        lines.SelectMany(l => l.Listings).OrderBy(l => l.Id).Select(l => $"{l.Id}|{l.ChannelCode}|{l.Url}|{l.Since:yyyy-MM-dd}|{l.EndedOn:yyyy-MM-dd}")))))[..16];

    public static async Task<(ReportDocument? Document, Refusal? Refusal)> TemplateAsync(ReportRequest q)
    {
        var (district, om, refusal) = await OnlineMarketDistrictReports.ResolveAsync(q);
        if (refusal is not null) return (null, refusal);
        var lines = await LinesAsync(q.Db, district!.Code, om!, track: false, q.Cancel);
        string[] headers = [IdLabel, CodeLabel, "ผลิตภัณฑ์", "ผู้ประกอบการ", ChannelLabel, UrlLabel, SinceLabel, UntilLabel, DeleteLabel];
        string?[] formats = ["0", null, null, null, null, null, "@", "@", null];
        var rows = lines.SelectMany(p => p.Listings.Select(l => new object?[]
        {
            l.Id, p.Code, p.Name, p.Entrepreneur, l.ChannelCode, l.Url, ThaiDates.FormatInput(l.Since), l.EndedOn is { } e ? ThaiDates.FormatInput(e) : null, null,
        }).Append([null, p.Code, p.Name, p.Entrepreneur, null, null, null, null, null])).ToList();
        var unit = $"สำนักงานพัฒนาชุมชนอำเภอ{district.NameTh}";
        var round = OnlineMarketReports.RoundLine(om!);
        var help = $"แถวว่างของแต่ละผลิตภัณฑ์: เพิ่มช่องทางใหม่ ({ChannelLabel} เช่น shopee, URL, {SinceLabel} แบบ 15/1/2564) · รายการเดิม: แก้ได้เฉพาะ{UntilLabel} หรือใส่ 1 ที่{DeleteLabel}";
        var table = new ReportTable("แบบรายงานผล", [OnlineMarketDistrictReports.ResultReportTitle, round, unit, help], headers, formats, rows, null,
            DistrictFormFiles.Facts(Form, district.Code, om!, Version(lines)), [4, 5, 6, 7, 8]);
        return (new ReportDocument(Form, "แบบรายงานผล (สำหรับกรอก)", OnlineMarketDistrictReports.ResultReportTitle, district.Code, unit, round, table, [],
            $"online-market-result-report-template-{om!.Indicator.FiscalYear}-{om.Round.Round}-{district.Code}",
            $"district={district.Code}&fiscalYear={om.Indicator.FiscalYear}&round={om.Round.Round}"), null);
    }

    public sealed record Saved(int Added, int Ended, int Deleted, int Listings);

    public static async Task<(Saved? Saved, Refusal? Refusal)> UploadAsync(AppDbContext db, CurrentUser me, TimeProvider clock, DistrictWriteGuard guard,
        OnlineMarketRound om, string district, IFormFile? upload, CancellationToken ct)
    {
        if (await ResultReportListings.WritableAsync(db, me, guard, om, district, ct) is { } early) return (null, early);
        var (sheet, unreadable) = await FilledSheetUpload.ReadAsync(upload, ct);
        if (unreadable is not null) return (null, unreadable);
        var (fileVersion, wrong) = DistrictFormFiles.Check(sheet!, Form, FormName, district, om);
        if (wrong is not null) return (null, wrong);
        var lines = await LinesAsync(db, district, om, track: true, ct);
        if (fileVersion is not null && fileVersion != Version(lines)) return (null, DistrictFormFiles.Stale(FormName, null));
        if (FilledSheetUpload.HeaderRow(sheet!, CodeLabel, "product_code") is not { } header)
        {
            return (null, new Refusal(422, $"ไฟล์ {sheet!.FileName} ไม่มีแถวหัวตารางของ{FormName} ({CodeLabel}, {ChannelLabel}, {UrlLabel}, {SinceLabel})"));
        }
        int Col(string label, string key) => FilledSheetUpload.Column(header, label, key);
        var (id, code, channel, url, since, until, delete) = (Col(IdLabel, "listing_id"), Col(CodeLabel, "product_code"), Col(ChannelLabel, "channel"),
            Col(UrlLabel, "url"), Col(SinceLabel, "since"), Col(UntilLabel, "until"), Col(DeleteLabel, "delete"));
        var missing = new[] { (channel, ChannelLabel), (url, UrlLabel), (since, SinceLabel) }.Where(c => c.Item1 < 0).Select(c => c.Item2).ToList();
        if (missing.Count > 0) return (null, Refusal.Invalid($"rows[{header.Row}]", $"แถว {header.Row}: ไม่มีคอลัมน์ {string.Join(", ", missing)}"));

        var products = lines.ToDictionary(l => l.Code, StringComparer.OrdinalIgnoreCase);
        var channels = await db.SalesChannels.AsNoTracking().OrderBy(c => c.SortOrder).ToListAsync(ct);
        var today = Bangkok.Today(clock.GetUtcNow());
        var errors = new SortedDictionary<int, List<string>>();
        var changes = new List<Action>();
        var (added, ended, deleted) = (0, 0, 0);
        var seen = new HashSet<int>();
        foreach (var row in sheet!.Rows.Where(r => r.Row > header.Row && !r.IsBlank))
        {
            string Cell(int c) => FilledSheetUpload.Cell(row, c);
            void Error(string message) => FilledSheetUpload.Add(errors, row.Row, message);
            if (!products.TryGetValue(Cell(code), out var product))
            {
                Error(Cell(code).Length == 0 ? $"ไม่มี{CodeLabel}" : $"ไม่พบผลิตภัณฑ์รหัส {Cell(code)} ในอำเภอ {district} (ผลิตภัณฑ์ที่ลงทะเบียนปี {om.Indicator.RegisteredFrom}–{om.Indicator.RegisteredTo})");
                continue;
            }
            var (ticked, tickValid) = DistrictFormFiles.Tick(Cell(delete));
            if (!tickValid) Error($"คอลัมน์ \"{DeleteLabel}\": ค่า '{Cell(delete)}' ไม่ถูกต้อง {DistrictFormFiles.TickHelp}");
            if (Cell(id).Length > 0)
            {
                var listing = int.TryParse(Cell(id), NumberStyles.None, CultureInfo.InvariantCulture, out var listingId) ? product.Listings.FirstOrDefault(l => l.Id == listingId) : null;
                if (listing is null) { Error($"คอลัมน์ \"{IdLabel}\": ไม่มีรายการเลขที่ {Cell(id)} ของผลิตภัณฑ์ {product.Code}"); continue; }
                if (!seen.Add(listing.Id)) { Error($"รายการเลขที่ {listing.Id} ซ้ำกับแถวก่อนหน้า"); continue; }
                var sameSince = ThaiDates.TryParseDate(Cell(since), out var s) && s == listing.Since;
                if (ReadinessSurveyCommands.FindChannel(channels, Cell(channel))?.Code != listing.ChannelCode || Cell(url) != listing.Url || !sameSince)
                {
                    Error($"รายการเดิมเลขที่ {listing.Id}: แก้ไขได้เฉพาะคอลัมน์ \"{UntilLabel}\" และ \"{DeleteLabel}\" (ช่องทาง ที่อยู่ และวันที่เริ่มต้องตรงกับที่บันทึกไว้ หากผิด ให้ลบรายการแล้วเพิ่มใหม่)");
                    continue;
                }
                if (ticked) { changes.Add(() => ResultReportListings.Delete(db, me, clock, listing, product.Code, district)); deleted++; continue; }
                var (end, endError) = ResultReportListings.Until(Cell(until), listing.Since);
                if (endError is not null) Error($"คอลัมน์ \"{UntilLabel}\": {endError}");
                else if (end != listing.EndedOn) { changes.Add(() => ResultReportListings.End(db, me, clock, listing, product.Code, district, end)); ended++; }
                continue;
            }
            if (Cell(channel).Length == 0 && Cell(url).Length == 0 && Cell(since).Length == 0 && Cell(until).Length == 0) continue;
            var (c, u, from, to, invalid) = ResultReportListings.Validate(Cell(channel), Cell(url), Cell(since), Cell(until), channels, today);
            var labels = new Dictionary<string, string> { ["channel"] = ChannelLabel, ["url"] = UrlLabel, ["since"] = SinceLabel, ["until"] = UntilLabel };
            foreach (var (field, message) in invalid) Error($"คอลัมน์ \"{labels[field]}\": {message}");
            if (invalid.Count == 0) { changes.Add(() => ResultReportListings.Add(db, me, clock, product.ProductId, product.Code, district, c, u, from, to, evidence: false)); added++; }
        }
        if (errors.Count > 0) return (null, FilledSheetUpload.RowErrors(errors));
        foreach (var change in changes) change();
        await db.SaveChangesAsync(ct);
        return (new Saved(added, ended, deleted, lines.Sum(l => l.Listings.Count) + added - deleted), null);
    }
}

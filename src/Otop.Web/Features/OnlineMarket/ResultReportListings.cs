using System.Globalization;
using Otop.Domain;
using Otop.Web.Features.Registry;
using Otop.Web.Platform.Audit;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;
using Otop.Web.Platform.Writes;

namespace Otop.Web.Features.OnlineMarket;

/// <summary>
/// The result report's listing changes (letter 1, enclosure 4), shared by the Report page's Add, End and Delete and the
/// filled file (<see cref="ReportFile"/>): who may write (the district's staff, while the report is not submitted and the
/// district is open), the rules of a listing's fields, and the change staged with its audit entry.
/// </summary>
public static class ResultReportListings
{
    public const string Submitted = "ส่งแบบรายงานผลรอบนี้แล้ว แก้ไขไม่ได้ ถอนแบบรายงานก่อน (ภายในวันตัดรอบผล) หรือขอให้จังหวัดส่งคืน";

    /// <summary>403 outside the district's staff, 409 while the round's report is submitted, 423 during the close.</summary>
    public static async Task<Refusal?> WritableAsync(AppDbContext db, CurrentUser me, DistrictWriteGuard guard, OnlineMarketRound om, string district, CancellationToken ct)
    {
        if (!(me.IsDistrictStaff && me.Scope.Code == district)) return new Refusal(403, "เฉพาะเจ้าหน้าที่ของอำเภอบันทึกช่องทางจำหน่ายได้");
        if (await ResultReportSubmitting.FindAsync(db, district, om.Indicator.FiscalYear, om.Round.Round, ct) is not null) return new Refusal(409, Submitted);
        return await guard.CheckAsync(district, DistrictWrite.Of(DistrictWriteKind.ResultReport), ct);
    }

    /// <summary>A new listing's fields as typed; errors keyed <c>channel</c>, <c>url</c>, <c>since</c>, <c>until</c>.</summary>
    public static (string Channel, string Url, DateOnly Since, DateOnly? Until, Dictionary<string, string> Errors) Validate(
        string? channelText, string? urlText, string? sinceText, string? untilText, IReadOnlyList<SalesChannel> channels, DateOnly today)
    {
        var errors = new Dictionary<string, string>();
        var token = channelText?.Trim() ?? "";
        var channel = token.Length == 0 ? null : ReadinessSurveyCommands.FindChannel(channels, token);
        if (channel is null) errors["channel"] = token.Length == 0 ? "กรุณาเลือกช่องทางจำหน่าย" : $"ไม่รู้จักช่องทางจำหน่าย \"{token}\" ใช้ได้: {string.Join(", ", channels.Select(c => c.Code))}";
        var url = urlText?.Trim() ?? "";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || url.Length > 1000)
        {
            errors["url"] = "ที่อยู่ร้านค้า (URL) ต้องขึ้นต้นด้วย https:// หรือ http:// เช่น https://shopee.co.th/ร้านของกลุ่ม";
        }
        if (!ThaiDates.TryParseDate(sinceText, out var since)) errors["since"] = "วันที่เริ่มจำหน่ายไม่ถูกต้อง กรอกแบบ 15/01/2564";
        else if (since > today) errors["since"] = "วันที่เริ่มจำหน่ายต้องไม่เกินวันนี้";
        var (until, untilError) = Until(untilText, errors.ContainsKey("since") ? null : since);
        if (untilError is not null) errors["until"] = untilError;
        return (channel?.Code ?? token, url, since, until, errors);
    }

    /// <summary>The last day sold there (optional): a BE date on or after <paramref name="since"/> (null: not checked against it).</summary>
    public static (DateOnly? Until, string? Error) Until(string? text, DateOnly? since)
    {
        if (string.IsNullOrWhiteSpace(text)) return (null, null);
        if (!ThaiDates.TryParseDate(text, out var u)) return (null, "วันที่เลิกจำหน่ายไม่ถูกต้อง กรอกแบบ 30/06/2564");
        return since is { } s && ListingActivity.EndError(s, u) is { } error ? (null, error) : (u, null);
    }

    public static OnlineListing Add(AppDbContext db, CurrentUser me, TimeProvider clock, int productId, string productCode, string district,
        string channel, string url, DateOnly since, DateOnly? until, bool evidence)
    {
        var listing = OnlineListing.Recorded(productId, channel, url, since, clock.GetUtcNow(), me.UserName);
        listing.EndedOn = until;
        db.OnlineListings.Add(listing);
        AuditLog.Record(db, me, clock, "online-listing", productCode, "add", null,
            new { channel, url, since = Iso(since), until = until is { } d ? Iso(d) : null, evidence }, provinceCode: district[..2]);
        return listing;
    }

    public static void End(AppDbContext db, CurrentUser me, TimeProvider clock, OnlineListing listing, string productCode, string district, DateOnly? ended)
    {
        var old = listing.EndedOn;
        listing.EndedOn = ended;
        AuditLog.Record(db, me, clock, "online-listing", productCode, "end", new { until = old is { } o ? Iso(o) : null },
            new { channel = listing.ChannelCode, until = ended is { } n ? Iso(n) : null }, provinceCode: district[..2]);
    }

    public static void Delete(AppDbContext db, CurrentUser me, TimeProvider clock, OnlineListing listing, string productCode, string district)
    {
        db.OnlineListings.Remove(listing);
        AuditLog.Record(db, me, clock, "online-listing", productCode, "delete",
            new { channel = listing.ChannelCode, url = listing.Url, since = Iso(listing.Since) }, provinceCode: district[..2]);
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Circulars;
using Otop.Web.Features.Kpi;
using Otop.Web.Features.Registry;
using Otop.Web.Platform.Audit;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Files;
using Otop.Web.Platform.Http;
using Otop.Web.Platform.Writes;

namespace Otop.Web.Features.OnlineMarket;

/// <summary>
/// Letter 1, enclosure 4, the result report: per product of the registration range, where it is sold online and since
/// when, with an optional screenshot as evidence. District staff record listings here; the province reads.
/// </summary>
public sealed class ReportModel(AppDbContext db, CurrentUser me, TimeProvider clock, DistrictWriteGuard guard) : PageModel
{
    [BindProperty(SupportsGet = true, BinderType = typeof(FiscalYearBinder))] public int? FiscalYear { get; set; }
    [BindProperty(SupportsGet = true)] public int? Round { get; set; }
    [BindProperty(SupportsGet = true)] public string? District { get; set; }
    [BindProperty] public ListingInput Input { get; set; } = new();

    public sealed class ListingInput
    {
        public string? ProductCode { get; set; }
        public string? Channel { get; set; }
        public string? Url { get; set; }
        public string? Since { get; set; }
        /// <summary>The last day it was sold there (BE date), optional: a round counts only the listings active in it.</summary>
        public string? Until { get; set; }
        public IFormFile? Screenshot { get; set; }
    }

    public sealed record ProductLine(int Id, string Code, string Name, string EntrepreneurName, int RegisteredYear, List<ListingLine> Listings);
    public sealed record ListingLine(int Id, string ChannelCode, string Url, DateOnly Since, string RecordedBy, bool HasEvidence, DateOnly? EndedOn);

    public OnlineMarketRound? Om { get; private set; }
    public ResultRow? Result { get; private set; }
    public string DistrictName { get; private set; } = "";
    public List<ProductLine> Products { get; private set; } = [];
    public List<SalesChannel> Channels { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; } = [];
    public string? Error { get; private set; }
    public string? Message { get; private set; }
    /// <summary>The district's submit of this round's report (issue 16, item 7): while it exists the listings are read-only.</summary>
    public ResultReportSubmission? Submission { get; private set; }
    public bool IsDistrictStaff => me.IsDistrictStaff && me.Scope.Code == District;
    public bool CanWrite => IsDistrictStaff && Submission is null;
    public bool CanReturn => Submission is not null && (me.IsDepartmentAdmin || (me.IsProvinceOfficer && me.Scope.Code == District?[..2]));
    public bool CanWithdraw => IsDistrictStaff && Submission is not null && Om is not null && Bangkok.Today(clock.GetUtcNow()) <= Om.CutOff;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Page();
        if (!CanWrite) return SubmittedOrForbid();
        if (await ClosedAsync(ct)) return Page();

        var code = Input.ProductCode?.Trim() ?? "";
        var product = await db.Entrepreneurs.VisibleTo(me.Scope)
            .SelectMany(e => e.Products).Where(p => p.Code == code)
            .Select(p => new { p.Id, p.Code })
            .FirstOrDefaultAsync(ct);
        if (product is null) Errors["Input.ProductCode"] = [code.Length == 0 ? "กรุณาเลือกผลิตภัณฑ์" : $"ไม่พบผลิตภัณฑ์รหัส {code} ในอำเภอของท่าน"];
        var (channel, url, since, until, invalid) = ResultReportListings.Validate(Input.Channel, Input.Url, Input.Since, Input.Until, Channels, Bangkok.Today(clock.GetUtcNow()));
        foreach (var (field, message) in invalid) Errors["Input." + char.ToUpperInvariant(field[0]) + field[1..]] = [message];
        Upload? shot = null;
        if (Input.Screenshot is { Length: > 0 } file)
        {
            (shot, var error) = await ReadScreenshotAsync(file, ct);
            if (error is not null) Errors["Input.Screenshot"] = [error];
        }
        if (Errors.Count > 0) return Page();

        var listing = ResultReportListings.Add(db, me, clock, product!.Id, product.Code, District!, channel, url, since, until, shot is not null);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        if (shot is not null)
        {
            db.ListingEvidence.Add(new ListingEvidence
            {
                OnlineListingId = listing.Id, Content = shot.Bytes, ContentType = shot.ContentType, Size = shot.Bytes.Length,
                FileName = shot.FileName, UploadedAt = clock.GetUtcNow(), UploadedBy = me.UserName,
            });
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return RedirectToPage(new { FiscalYear, Round, added = product.Code });
    }

    public async Task<IActionResult> OnPostDeleteAsync(int listingId, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Page();
        if (!CanWrite) return SubmittedOrForbid();
        if (await ClosedAsync(ct)) return Page();
        var listing = await db.Entrepreneurs.VisibleTo(me.Scope)
            .SelectMany(e => e.Products).SelectMany(p => p.Listings, (p, l) => new { p.Code, Listing = l })
            .FirstOrDefaultAsync(x => x.Listing.Id == listingId, ct);
        if (listing is null) return NotFound();
        ResultReportListings.Delete(db, me, clock, listing.Listing, listing.Code, District!);
        await db.SaveChangesAsync(ct);
        return RedirectToPage(new { FiscalYear, Round });
    }

    /// <summary>Ends a listing (issue 16, item 8): the last day it was sold there; empty opens it again.</summary>
    public async Task<IActionResult> OnPostEndAsync(int listingId, string? until, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Page();
        if (!CanWrite) return SubmittedOrForbid();
        if (await ClosedAsync(ct)) return Page();
        var row = await db.Entrepreneurs.VisibleTo(me.Scope)
            .SelectMany(e => e.Products).SelectMany(p => p.Listings, (p, l) => new { p.Code, Listing = l })
            .FirstOrDefaultAsync(x => x.Listing.Id == listingId, ct);
        if (row is null) return NotFound();
        var (ended, error) = ResultReportListings.Until(until, row.Listing.Since);
        if (error is not null)
        {
            Error = error;
            Response.StatusCode = 422;
            return Page();
        }
        ResultReportListings.End(db, me, clock, row.Listing, row.Code, District!, ended);
        await db.SaveChangesAsync(ct);
        return RedirectToPage(new { FiscalYear, Round });
    }

    public async Task<IActionResult> OnPostSubmitAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct) || Result is null) return Page();
        return Done(await ResultReportSubmitting.SubmitAsync(db, me, clock, guard, Om!, Result, ct), "submitted");
    }

    public async Task<IActionResult> OnPostWithdrawAsync(int submissionId, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Page();
        return Done(await ResultReportSubmitting.WithdrawAsync(db, me, clock, guard, Om!, District!, submissionId, ct), "withdrawn");
    }

    public async Task<IActionResult> OnPostReturnAsync(int submissionId, string? reason, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Page();
        ReturnReason = reason;
        return Done(await ResultReportSubmitting.ReturnAsync(db, me, clock, Om!, District!, submissionId, reason, ct), "returned");
    }

    /// <summary>What the province typed as the reason, kept when the return is refused.</summary>
    public string? ReturnReason { get; private set; }

    private IActionResult Done(Refusal? refusal, string what)
    {
        if (refusal is null) return RedirectToPage(new { FiscalYear, Round, District, done = what });
        if (refusal.Status == 403) return Forbid();
        Error = refusal.Message;
        Response.StatusCode = refusal.Status;
        return Page();
    }

    /// <summary>A listing change on a submitted report: 409 with the reason, the page as it was.</summary>
    private IActionResult SubmittedOrForbid()
    {
        if (!IsDistrictStaff) return Forbid();
        Error = ResultReportListings.Submitted;
        Response.StatusCode = 409;
        return Page();
    }

    /// <summary>The close (decision 014): the form stays as typed, with the Thai reason and a 423.</summary>
    private async Task<bool> ClosedAsync(CancellationToken ct)
    {
        if (await guard.CheckAsync(District!, DistrictWrite.Of(DistrictWriteKind.ResultReport), ct) is not { } closed) return false;
        Error = closed.Message;
        Response.StatusCode = closed.Status;
        return true;
    }

    /// <summary>The screenshot of a listing, to anyone whose scope covers the product's district.</summary>
    public async Task<IActionResult> OnGetEvidenceAsync(int listingId, CancellationToken ct)
    {
        var visible = await db.Entrepreneurs.AsNoTracking().VisibleTo(me.Scope)
            .SelectMany(e => e.Products).SelectMany(p => p.Listings)
            .AnyAsync(l => l.Id == listingId, ct);
        var evidence = visible ? await db.ListingEvidence.AsNoTracking().FirstOrDefaultAsync(e => e.OnlineListingId == listingId, ct) : null;
        return evidence is null ? NotFound() : File(evidence.Content, evidence.ContentType);
    }

    /// <summary>PNG or JPEG by their first bytes (not by the name or the browser's claim), at most 5 MB, in the form's own words.</summary>
    private static async Task<(Upload? Shot, string? Error)> ReadScreenshotAsync(IFormFile file, CancellationToken ct)
    {
        var reading = await UploadedFile.ReadAsync(file, ListingEvidence.MaxBytes, [FileKind.Png, FileKind.Jpeg], ct, "screenshot");
        return reading.Refusal switch
        {
            null => (reading.File, null),
            UploadRefusal.TooLarge => (null, "ภาพหน้าจอต้องมีขนาดไม่เกิน 5 MB"),
            _ => (null, "ภาพหน้าจอต้องเป็นไฟล์ PNG หรือ JPEG"),
        };
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        District = me.IsDistrictStaff || me.Scope.Level == OrgLevel.District ? me.Scope.Code : District?.Trim();
        if (string.IsNullOrEmpty(District) || District.Length != 4 || !me.Scope.Covers(District))
        {
            Error = "กรุณาเลือกอำเภอในหน่วยงานของท่าน";
            return false;
        }
        var (om, province, refusal) = await OnlineMarketSelection.ResolveAsync(db, me, FiscalYear, Round, District[..2], ct);
        (Om, Error) = (om, refusal?.Message);
        if (om is null) return false;
        FiscalYear = om.Indicator.FiscalYear;
        Round = om.Round.Round;
        Result = (await OnlineMarketKpi.ResultsAsync(db, om, province, ct)).Rows.FirstOrDefault(r => r.DistrictCode == District);
        Submission = await ResultReportSubmitting.FindAsync(db, District, om.Indicator.FiscalYear, om.Round.Round, ct);
        DistrictName = Result?.DistrictName ?? District;
        Channels = await db.SalesChannels.AsNoTracking().OrderBy(c => c.SortOrder).ToListAsync(ct);
        var (from, to) = (om.RegisteredFrom, om.RegisteredTo);
        var rows = await db.Entrepreneurs.AsNoTracking().VisibleTo(new OrgScope(District))
            .SelectMany(e => e.Products.Where(p => p.RegisteredYear >= from && p.RegisteredYear <= to), (e, p) => new
            {
                p.Id, p.Code, p.Name, Entrepreneur = e.Name, p.RegisteredYear,
                Listings = p.Listings.OrderBy(l => l.Since).Select(l => new { l.Id, l.ChannelCode, l.Url, l.Since, l.RecordedBy, l.EndedOn }).ToList(),
            })
            .OrderBy(x => x.Code)
            .ToListAsync(ct);
        var ids = rows.SelectMany(r => r.Listings.Select(l => l.Id)).ToList();
        var withEvidence = (await db.ListingEvidence.AsNoTracking().Where(e => ids.Contains(e.OnlineListingId)).Select(e => e.OnlineListingId).ToListAsync(ct)).ToHashSet();
        Products = rows.Select(r => new ProductLine(r.Id, r.Code, r.Name, r.Entrepreneur, r.RegisteredYear,
            r.Listings.Select(l => new ListingLine(l.Id, l.ChannelCode, l.Url, l.Since, l.RecordedBy, withEvidence.Contains(l.Id), l.EndedOn)).ToList())).ToList();
        if (Request.Query["added"].FirstOrDefault() is { Length: > 0 } added) Message = $"บันทึกช่องทางจำหน่ายของ {added} แล้ว";
        Message = Request.Query["done"].FirstOrDefault() switch
        {
            "submitted" => "ส่งแบบรายงานผลแล้ว",
            "withdrawn" => "ถอนแบบรายงานผลแล้ว แก้ไขแล้วส่งใหม่ได้",
            "returned" => "ส่งคืนแบบรายงานผลให้อำเภอแล้ว",
            _ => Message,
        };
        return true;
    }
}

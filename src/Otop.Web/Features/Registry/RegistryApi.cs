using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Otop.Domain;
using Otop.Web.Features.Circulars;
using Otop.Web.Platform.Audit;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Files;
using Otop.Web.Platform.Http;
using Otop.Web.Platform.Writes;

namespace Otop.Web.Features.Registry;

public sealed record SummaryRow(string DistrictCode, string DistrictName, int Entrepreneurs, int Products);

public sealed record SummaryTotal(int Entrepreneurs, int Products);

public sealed record RegistrySummary(IReadOnlyList<SummaryRow> Rows, SummaryTotal Total);

/// <summary>CONTRACT.md's listing; <c>until</c> (the last day it was sold there, issue 16 item 8) is an optional addition.</summary>
public sealed record ListingInput(string? Channel, string? Url, string? Since, string? Until = null);

public sealed record ListingDto(string Channel, string Url, string Since,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Until = null);

public sealed record ProductListItem(string Code, string Name, string Category, int RegisteredYear, string Status,
    string EntrepreneurCode, string EntrepreneurName, string DistrictCode, bool Online);

public sealed record PagedList<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);

public sealed record EntrepreneurListItem(string Code, string Name, string Type, string DistrictCode, string? SubdistrictCode,
    string Status, int Products);

public sealed record ProductDetail(string Code, string Name, string Category, int RegisteredYear, int? StarLevel, int? StarYear,
    string? Standards, string Status, string EntrepreneurCode, string EntrepreneurName, string DistrictCode, int Version,
    IReadOnlyList<ListingDto> Listings);

public sealed record EntrepreneurDetail(string Code, string Name, string Type, string DistrictCode, string ProvinceCode,
    string? SubdistrictCode, string? Address, string? Phone, int? Members, string Status, int Version, IReadOnlyList<ProductDetail> Products,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? MergedInto = null);

/// <summary>
/// The registry API of CONTRACT.md "Registry" (import, summary, online listings) plus scoped list and detail reads of
/// producers and products. A code outside the caller's scope is 404; an org unit named outside it is 403.
/// </summary>
public static class RegistryApi
{
    public static void MapRegistryApi(this RouteGroupBuilder api, RegistryOptions options)
    {
        var registry = api.MapGroup("/registry").WithTags("Registry");
        var maxUpload = options.MaxUploadBytes;
        registry.MapPost("/import", Import).WithName("ImportRegistry").RequireRateLimiting(Hardening.ImportPolicy)
            .WithMetadata(new RequestSizeLimitAttribute(maxUpload + 1024 * 1024))
            .WithMetadata(new RequestFormLimitsAttribute { MultipartBodyLengthLimit = maxUpload + 1024 * 1024 });
        registry.MapGet("/summary", Summary).WithName("RegistrySummary");
        registry.MapPut("/products/{productCode}/online-listings", PutListings).WithName("ReplaceOnlineListings");
        registry.MapGet("/products", ListProducts).WithName("ListProducts");
        registry.MapGet("/products/{productCode}", GetProduct).WithName("GetProduct");
        registry.MapGet("/entrepreneurs", ListEntrepreneurs).WithName("ListEntrepreneurs");
        registry.MapGet("/entrepreneurs/{code}", GetEntrepreneur).WithName("GetEntrepreneur");
        registry.MapGet("/channels", Channels).WithName("ListSalesChannels");
        registry.MapGet("/export", Export).WithName("ExportRegistry");
    }

    private static async Task<IResult> Import(HttpRequest request, bool? commit, CurrentUser me, AppDbContext db, TimeProvider clock,
        IOptions<RegistryOptions> options, DistrictWriteGuard guard, CancellationToken ct)
    {
        if (!me.CanWrite) return Problems.Forbidden("ผู้ดูข้อมูลนำเข้าทะเบียนไม่ได้");
        // Validating only (commit=false) writes nothing, so it is allowed during the close; a commit waits it out (decision 014).
        if (commit == true && await guard.CheckAsync(me.Scope.Code, DistrictWrite.Of(DistrictWriteKind.Registry), ct) is { } closed) return closed.ToProblem();
        var max = options.Value.MaxUploadBytes;
        if (request.ContentLength > max + 1024 * 1024) return TooLarge(max);
        if (!request.HasFormContentType) return Problems.Status(415, "ส่งไฟล์แบบ multipart/form-data ในช่อง file");

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (Exception e) when (e is BadHttpRequestException { StatusCode: 413 }
            || e is InvalidDataException && e.Message.Contains("body length", StringComparison.OrdinalIgnoreCase))
        {
            return TooLarge(max);
        }
        catch (InvalidDataException)
        {
            // A multipart section whose headers (typically a file name thousands of characters long) pass the reader's limits.
            return Problems.BadRequest("อ่านข้อมูลแบบ multipart ไม่ได้ หัวข้อมูลของไฟล์ (เช่น ชื่อไฟล์) ยาวเกินไปหรือผิดรูปแบบ");
        }
        var file = form.Files.GetFile("file");
        if (file is null) return Problems.Invalid("file", "กรุณาแนบไฟล์ในช่อง file (CSV หรือ XLSX)");
        if (file.Length > max) return TooLarge(max);

        var (result, refusal) = await RunImportAsync(file, commit ?? false, me, db, clock, ct);
        if (refusal is not null) return refusal.ToProblem();
        return result!.IsValid ? TypedResults.Ok(Body(result)) : Rejected(result);
    }

    /// <summary>Shared by the API and the import page: runs the import and turns an unreadable file into its refusal.</summary>
    public static async Task<(ImportResult? Result, Refusal? Refusal)> RunImportAsync(IFormFile file, bool commit, CurrentUser me, AppDbContext db, TimeProvider clock,
        CancellationToken ct)
    {
        try
        {
            await using var stream = file.OpenReadStream();
            var result = await new RegistryImport(db, me, clock).RunAsync(stream, UploadedFile.SafeFileName(file.FileName, "registry"), commit, ct);
            return (result, null);
        }
        catch (UnreadableFileException e)
        {
            return (null, new Refusal(e.Status, e.Message));
        }
    }

    private static IResult TooLarge(long max) =>
        Problems.Status(413, $"ไฟล์ใหญ่เกินกำหนด นำเข้าได้ครั้งละไม่เกิน {max / (1024 * 1024.0):0.#} MB กรุณาแบ่งไฟล์");

    private static object Body(ImportResult r) => new { inserted = r.Inserted, updated = r.Updated, rejected = r.Rejected };

    private static IResult Rejected(ImportResult r) => Problems.ImportRejected(r.Rejected, r.Inserted, r.Updated);

    private static async Task<IResult> Summary(string? province, string? registeredFrom, string? registeredTo, CurrentUser me,
        AppDbContext db, CancellationToken ct)
    {
        province = ThaiDigits.ToArabic(province?.Trim() ?? "");
        if (province.Length == 0)
        {
            if (me.Scope.ProvinceCode is null) return Problems.Invalid("province", "กรุณาระบุรหัสจังหวัด (province)");
            province = me.Scope.ProvinceCode;
        }
        var filter = new RegistryFilter { RegisteredFrom = registeredFrom, RegisteredTo = registeredTo };
        var errors = filter.Errors();
        if (errors.Count > 0) return Problems.Invalid(errors);
        if (!await db.OrgUnits.AnyAsync(o => o.Code == province && o.Level == OrgLevel.Province, ct))
        {
            return Problems.NotFound($"ไม่พบจังหวัดรหัส {province}");
        }
        if (!me.Scope.Covers(province)) return Problems.Forbidden($"จังหวัดรหัส {province} อยู่นอกหน่วยงานของท่าน");

        return TypedResults.Ok(await SummaryAsync(db, me.Scope, province, RegistryFilter.Year(registeredFrom), RegistryFilter.Year(registeredTo), ct));
    }

    /// <summary>Per district of the province: products registered in the range, and the entrepreneurs with at least one.</summary>
    public static async Task<RegistrySummary> SummaryAsync(AppDbContext db, OrgScope scope, string province, int? from, int? to, CancellationToken ct)
    {
        var districts = await db.OrgUnits.AsNoTracking().VisibleTo(scope)
            .Where(o => o.ParentCode == province && o.Level == OrgLevel.District)
            .OrderBy(o => o.Code).Select(o => new { o.Code, o.NameTh }).ToListAsync(ct);
        var products = db.Entrepreneurs.AsNoTracking().VisibleTo(scope)
            .Where(e => e.ProvinceCode == province)
            .SelectMany(e => e.Products, (e, p) => new { e.DistrictCode, p.EntrepreneurId, p.RegisteredYear });
        if (from is { } f) products = products.Where(p => p.RegisteredYear >= f);
        if (to is { } t) products = products.Where(p => p.RegisteredYear <= t);
        var counts = await products.GroupBy(p => p.DistrictCode)
            .Select(g => new { District = g.Key, Products = g.Count(), Entrepreneurs = g.Select(p => p.EntrepreneurId).Distinct().Count() })
            .ToDictionaryAsync(x => x.District, ct);
        var rows = districts.Select(d => counts.TryGetValue(d.Code, out var c)
            ? new SummaryRow(d.Code, d.NameTh, c.Entrepreneurs, c.Products)
            : new SummaryRow(d.Code, d.NameTh, 0, 0)).ToList();
        return new RegistrySummary(rows, new SummaryTotal(rows.Sum(r => r.Entrepreneurs), rows.Sum(r => r.Products)));
    }

    private static async Task<IResult> PutListings(string productCode, List<ListingInput?>? listings, CurrentUser me, AppDbContext db,
        TimeProvider clock, DistrictWriteGuard guard, CancellationToken ct)
    {
        if (!me.CanWrite) return Problems.Forbidden("ผู้ดูข้อมูลแก้ไขช่องทางจำหน่ายไม่ได้");
        if (listings is null) return Problems.BadRequest("ส่งรายการช่องทางจำหน่ายเป็น JSON array (ส่ง [] เพื่อล้างทั้งหมด)");

        var product = await db.Entrepreneurs.VisibleTo(me.Scope)
            .SelectMany(e => e.Products).Include(p => p.Listings).Include(p => p.Entrepreneur)
            .FirstOrDefaultAsync(p => p.Code == productCode, ct);
        if (product is null) return Problems.NotFound($"ไม่พบผลิตภัณฑ์รหัส {productCode}");
        if (await guard.CheckAsync(product.Entrepreneur.DistrictCode, DistrictWrite.Of(DistrictWriteKind.Listings), ct) is { } closed) return closed.ToProblem();

        var channels = await db.SalesChannels.AsNoTracking().Select(c => c.Code).ToListAsync(ct);
        var today = Bangkok.Today(clock.GetUtcNow());
        var errors = new Dictionary<string, string[]>();
        var parsed = new List<(string Channel, string Url, DateOnly Since, DateOnly? Until)>();
        for (var i = 0; i < listings.Count; i++)
        {
            var item = listings[i];
            if (item is null)
            {
                errors[$"[{i}]"] = ["รายการว่าง"];
                continue;
            }
            var channel = item.Channel?.Trim().ToLowerInvariant() ?? "";
            if (!channels.Contains(channel))
            {
                errors[$"[{i}].channel"] = [$"ไม่รู้จักช่องทางจำหน่าย '{item.Channel}' (ใช้ได้: {string.Join(", ", channels)})"];
            }
            var url = item.Url?.Trim() ?? "";
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || url.Length > 1000)
            {
                errors[$"[{i}].url"] = ["ที่อยู่ร้านค้า (url) ต้องเป็นลิงก์เต็มที่ขึ้นต้นด้วย http:// หรือ https://"];
            }
            if (!DateOnly.TryParseExact(item.Since?.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.None, out var since))
            {
                errors[$"[{i}].since"] = ["วันที่เริ่มจำหน่าย (since) ต้องเป็นวันที่แบบ ISO เช่น 2021-01-15"];
            }
            else if (since > today)
            {
                errors[$"[{i}].since"] = ["วันที่เริ่มจำหน่าย (since) ต้องไม่เป็นวันในอนาคต"];
            }
            DateOnly? until = null;
            if (!string.IsNullOrWhiteSpace(item.Until))
            {
                if (!DateOnly.TryParseExact(item.Until.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
                        System.Globalization.DateTimeStyles.None, out var u))
                {
                    errors[$"[{i}].until"] = ["วันที่เลิกจำหน่าย (until) ต้องเป็นวันที่แบบ ISO เช่น 2021-06-30"];
                }
                else if (ListingActivity.EndError(since, u) is { } endError && !errors.ContainsKey($"[{i}].since")) errors[$"[{i}].until"] = [endError];
                else until = u;
            }
            parsed.Add((channel, url, since, until));
        }
        if (errors.Count > 0) return Problems.Invalid(errors);

        var old = product.Listings.OrderBy(l => l.Since).Select(ToDto).ToList();
        // A listing sent again unchanged (channel, URL, since) keeps the row, so its recorded-at: otherwise re-sending the
        // same list would drop it from a round whose results cut-off has passed (CONTRACT.md "Online-market indicator").
        var kept = new List<OnlineListing>();
        var stored = product.Listings.ToList();
        var now = clock.GetUtcNow();
        foreach (var (channel, url, since, until) in parsed)
        {
            var same = stored.FirstOrDefault(l => l.ChannelCode == channel && l.Url == url && l.Since == since && !kept.Contains(l));
            if (same is not null)
            {
                same.EndedOn = until; // ending a listing keeps its recording: it was sold, and counted, until then
                kept.Add(same);
                continue;
            }
            var added = OnlineListing.Recorded(product.Id, channel, url, since, now, me.UserName);
            added.EndedOn = until;
            db.OnlineListings.Add(added);
        }
        db.OnlineListings.RemoveRange(stored.Except(kept));
        var updated = parsed.OrderBy(l => l.Since).Select(l => new ListingDto(l.Channel, l.Url, l.Since.ToString("yyyy-MM-dd"),
            l.Until?.ToString("yyyy-MM-dd"))).ToList();
        AuditLog.Record(db, me, clock, "online-listings", product.Code, "replace", old, updated,
            provinceCode: product.Entrepreneur.ProvinceCode);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(updated);
    }

    private static ListingDto ToDto(OnlineListing l) => new(l.ChannelCode, l.Url, l.Since.ToString("yyyy-MM-dd"), l.EndedOn?.ToString("yyyy-MM-dd"));

    private static async Task<IResult> ListProducts([AsParameters] ProductQuery query, CurrentUser me, AppDbContext db, CancellationToken ct)
    {
        var filter = query.ToFilter();
        var errors = filter.Errors();
        if (errors.Count > 0) return Problems.Invalid(errors);
        if (filter.District is { Length: > 0 } d && !me.Scope.Covers(ThaiDigits.ToArabic(d.Trim()))) return Problems.Forbidden();
        var (page, size) = Paging(query.Page, query.PageSize);

        var products = filter.Apply(db, me.Scope);
        var total = await products.CountAsync(ct);
        var rows = await RegistryFilter.InDisplayOrder(products).Skip((page - 1) * size).Take(size).ToRows().ToListAsync(ct);
        return TypedResults.Ok(new PagedList<ProductListItem>(rows.Select(r => new ProductListItem(r.Code, r.Name, OtopLabels.Code(r.Category),
            r.RegisteredYear, Status(r.Status), r.EntrepreneurCode, r.EntrepreneurName, r.DistrictCode, r.Listings > 0)).ToList(), total, page, size));
    }

    public sealed record ProductQuery(string? District, string? Subdistrict, string? Category, string? Type, string? RegisteredFrom,
        string? RegisteredTo, string? Online, string? Q, int? Page, int? PageSize)
    {
        public RegistryFilter ToFilter() => new()
        {
            District = District, Subdistrict = Subdistrict, Category = Category, Type = Type,
            RegisteredFrom = RegisteredFrom, RegisteredTo = RegisteredTo, Online = Online, Q = Q,
        };
    }

    /// <summary>
    /// The page and its size, clamped: a size of 1 to 500, and a page no further than int.MaxValue rows in, so that
    /// <c>(page - 1) * size</c> never overflows into a negative OFFSET (PostgreSQL refused it with a 500; SQLite read it as 0).
    /// </summary>
    private static (int Page, int Size) Paging(int? page, int? size)
    {
        var s = Math.Clamp(size ?? 50, 1, 500);
        return (Math.Clamp(page ?? 1, 1, int.MaxValue / s), s);
    }

    public static string Status(RegistryStatus s) => s switch { RegistryStatus.Active => "active", RegistryStatus.Merged => "merged", _ => "ceased" };

    private static async Task<IResult> GetProduct(string productCode, CurrentUser me, AppDbContext db, CancellationToken ct)
    {
        var product = await db.Entrepreneurs.AsNoTracking().VisibleTo(me.Scope)
            .SelectMany(e => e.Products).Include(p => p.Listings).Include(p => p.Entrepreneur)
            .FirstOrDefaultAsync(p => p.Code == productCode, ct);
        return product is null ? Problems.NotFound($"ไม่พบผลิตภัณฑ์รหัส {productCode}") : TypedResults.Ok(Detail(product));
    }

    private static ProductDetail Detail(Product p) => new(p.Code, p.Name, OtopLabels.Code(p.Category), p.RegisteredYear, p.StarLevel,
        p.StarYear, p.Standards, Status(p.Status), p.Entrepreneur.Code, p.Entrepreneur.Name, p.Entrepreneur.DistrictCode, p.Version,
        p.Listings.OrderBy(l => l.Since).Select(ToDto).ToList());

    private static async Task<IResult> ListEntrepreneurs(string? district, string? type, string? q, int? page, int? pageSize,
        CurrentUser me, AppDbContext db, CancellationToken ct)
    {
        district = ThaiDigits.ToArabic(district?.Trim() ?? "");
        if (district.Length > 0 && !me.Scope.Covers(district)) return Problems.Forbidden();
        var (p, size) = Paging(page, pageSize);
        var query = db.Entrepreneurs.AsNoTracking().VisibleTo(me.Scope);
        if (district.Length > 0) query = query.Where(e => e.DistrictCode == district);
        if (OtopLabels.TryParseEntrepreneurType(type, out var t)) query = query.Where(e => e.Type == t);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim();
            var code = ThaiDigits.ToArabic(text);
            var key = ThaiSearch.Key(text);
            query = query.Where(e => (key.Length > 0 && e.SearchKey.Contains(key)) || e.Code.StartsWith(code));
        }
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(e => e.DistrictCode).ThenBy(e => e.Code).Skip((p - 1) * size).Take(size)
            .Select(e => new { e.Code, e.Name, e.Type, e.DistrictCode, e.SubdistrictCode, e.Status, Products = e.Products.Count })
            .ToListAsync(ct);
        return TypedResults.Ok(new PagedList<EntrepreneurListItem>(items.Select(e => new EntrepreneurListItem(e.Code, e.Name,
            OtopLabels.Code(e.Type), e.DistrictCode, e.SubdistrictCode, Status(e.Status), e.Products)).ToList(), total, p, size));
    }

    private static async Task<IResult> GetEntrepreneur(string code, CurrentUser me, AppDbContext db, CancellationToken ct)
    {
        var e = await db.Entrepreneurs.AsNoTracking().VisibleTo(me.Scope)
            .Include(x => x.Products).ThenInclude(p => p.Listings)
            .AsSplitQuery()
            .FirstOrDefaultAsync(x => x.Code == code, ct);
        if (e is null) return Problems.NotFound($"ไม่พบผู้ประกอบการรหัส {code}");
        foreach (var p in e.Products) p.Entrepreneur = e;
        return TypedResults.Ok(new EntrepreneurDetail(e.Code, e.Name, OtopLabels.Code(e.Type), e.DistrictCode, e.ProvinceCode,
            e.SubdistrictCode, e.Address, e.Phone, e.Members, Status(e.Status), e.Version,
            e.Products.OrderBy(p => p.Code).Select(Detail).ToList(), e.MergedIntoCode));
    }

    private static async Task<IResult> Channels(AppDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.SalesChannels.AsNoTracking().OrderBy(c => c.SortOrder)
            .Select(c => new { code = c.Code, nameTh = c.NameTh, nameEn = c.NameEn }).ToListAsync(ct));

    private static async Task<IResult> Export([AsParameters] ProductQuery query, string? format, CurrentUser me, AppDbContext db,
        HttpContext http, CancellationToken ct)
    {
        var filter = query.ToFilter();
        var errors = filter.Errors();
        if (errors.Count > 0) return Problems.Invalid(errors);
        if (filter.District is { Length: > 0 } d && !me.Scope.Covers(ThaiDigits.ToArabic(d.Trim()))) return Problems.Forbidden();
        await WriteExportAsync(http.Response, filter, format, me, db, ct);
        return TypedResults.Empty;
    }

    /// <summary>Writes the filtered registry as the import template (CSV by default, XLSX on request) to the response.</summary>
    public static async Task WriteExportAsync(HttpResponse response, RegistryFilter filter, string? format, CurrentUser me, AppDbContext db,
        CancellationToken ct)
    {
        var rows = RegistryFilter.InDisplayOrder(filter.Apply(db, me.Scope)).ToRows().AsAsyncEnumerable();
        var xlsx = string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase);
        response.ContentType = xlsx ? RegistryExport.XlsxContentType : RegistryExport.CsvContentType;
        response.Headers.ContentDisposition = $"attachment; filename=\"otop-registry.{(xlsx ? "xlsx" : "csv")}\"";
        if (xlsx) await RegistryExport.WriteXlsxAsync(response.Body, rows, ct);
        else await RegistryExport.WriteCsvAsync(response.Body, rows, ct);
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Circulars;
using Otop.Web.Platform.Audit;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Writes;

namespace Otop.Web.Features.Registry;

/// <summary>
/// Create a product under a producer (/Registry/ProductEdit?producer=27010001) or edit one (/Registry/ProductEdit/27010001-01).
/// Every field is bound as typed text, so a rejected form shows exactly what was typed.
/// </summary>
public sealed class ProductEditModel(AppDbContext db, CurrentUser me, TimeProvider clock, DistrictWriteGuard guard) : PageModel
{
    public sealed class ProductInput
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
        public string? Category { get; set; }
        public string? RegisteredYear { get; set; }
        public string? StarLevel { get; set; }
        public string? StarYear { get; set; }
        public string? Standards { get; set; }
        public string? Status { get; set; }
        public int Version { get; set; }
    }

    [BindProperty] public ProductInput Input { get; set; } = new();
    public bool IsNew { get; private set; }
    public string ProducerCode { get; private set; } = "";
    public string ProducerName { get; private set; } = "";
    public int CurrentBeYear { get; private set; }
    public Dictionary<string, string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(string? code, string? producer, CancellationToken ct)
    {
        if (!me.CanWrite) return Forbid();
        IsNew = code is null;
        CurrentBeYear = ThaiDates.ToBuddhistYear(Bangkok.ToLocal(clock.GetUtcNow()).Year);
        if (!IsNew)
        {
            var p = await db.Entrepreneurs.AsNoTracking().VisibleTo(me.Scope)
                .SelectMany(e => e.Products).Include(x => x.Entrepreneur)
                .FirstOrDefaultAsync(x => x.Code == code, ct);
            if (p is null) return NotFound();
            (ProducerCode, ProducerName) = (p.Entrepreneur.Code, p.Entrepreneur.Name);
            Input = new ProductInput
            {
                Code = p.Code, Name = p.Name, Category = OtopLabels.Code(p.Category), RegisteredYear = p.RegisteredYear.ToString(),
                StarLevel = p.StarLevel?.ToString(), StarYear = p.StarYear?.ToString(), Standards = p.Standards,
                Status = p.Status == RegistryStatus.Active ? "active" : "ceased", Version = p.Version,
            };
        }
        else
        {
            var e = await db.Entrepreneurs.AsNoTracking().VisibleTo(me.Scope).FirstOrDefaultAsync(x => x.Code == producer, ct);
            if (e is null) return NotFound();
            (ProducerCode, ProducerName) = (e.Code, e.Name);
            // The national code pattern is <producer code>-<running number> (letter 1's table), so suggest the next one.
            var taken = await db.Products.AsNoTracking().Where(p => p.EntrepreneurId == e.Id).Select(p => p.Code).ToListAsync(ct);
            Input.Code = Enumerable.Range(1, 99).Select(n => $"{e.Code}-{n:00}").First(c => !taken.Contains(c));
            Input.Category = "food";
            Input.Status = "active";
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? code, string? producer, CancellationToken ct)
    {
        if (!me.CanWrite) return Forbid();
        IsNew = code is null;
        CurrentBeYear = ThaiDates.ToBuddhistYear(Bangkok.ToLocal(clock.GetUtcNow()).Year);
        Product? entity = null;
        Entrepreneur owner;
        if (!IsNew)
        {
            entity = await db.Entrepreneurs.VisibleTo(me.Scope)
                .SelectMany(e => e.Products).Include(x => x.Entrepreneur)
                .FirstOrDefaultAsync(x => x.Code == code, ct);
            if (entity is null) return NotFound();
            owner = entity.Entrepreneur;
            Input.Code = entity.Code;
        }
        else
        {
            var e = await db.Entrepreneurs.VisibleTo(me.Scope).FirstOrDefaultAsync(x => x.Code == producer, ct);
            if (e is null) return NotFound();
            owner = e;
        }
        (ProducerCode, ProducerName) = (owner.Code, owner.Name);
        if (await guard.CheckAsync(owner.DistrictCode, DistrictWrite.Of(DistrictWriteKind.Registry), ct) is { } closed)
        {
            Errors[""] = closed.Message;
            Response.StatusCode = closed.Status;
            return Page();
        }

        var newCode = ThaiDigits.ToArabic(Input.Code?.Trim() ?? "");
        if (IsNew)
        {
            if (newCode.Length == 0) Errors["Code"] = "กรุณากรอกรหัสผลิตภัณฑ์";
            else if (!RegistryRules.IsValidCode(newCode)) Errors["Code"] = "รหัสผลิตภัณฑ์ใช้ได้เฉพาะตัวเลข ตัวอักษรอังกฤษ และ - _ / . ไม่เกิน 40 ตัว";
            // Product codes are national: the check ignores scope on purpose, so a code used in another province is refused too.
            else if (await db.Products.AnyAsync(x => x.Code == newCode, ct)) Errors["Code"] = $"รหัสผลิตภัณฑ์ {newCode} มีอยู่ในทะเบียนแล้ว";
        }
        var name = Input.Name?.Trim() ?? "";
        if (name.Length == 0) Errors["Name"] = "กรุณากรอกชื่อผลิตภัณฑ์";
        else if (name.Length > 300) Errors["Name"] = "ชื่อผลิตภัณฑ์ยาวได้ไม่เกิน 300 ตัวอักษร";
        if (!OtopLabels.TryParseCategory(Input.Category, out var category)) Errors["Category"] = "กรุณาเลือกประเภทผลิตภัณฑ์";
        int year = 0;
        if (string.IsNullOrWhiteSpace(Input.RegisteredYear)) Errors["RegisteredYear"] = "กรุณากรอกปีที่ลงทะเบียน (พ.ศ.)";
        else if (!ThaiDigits.TryParseInt(Input.RegisteredYear, out year) || year < 2400 || year > CurrentBeYear)
        {
            Errors["RegisteredYear"] = $"ปีที่ลงทะเบียนต้องเป็นปี พ.ศ. 2400–{CurrentBeYear} (พิมพ์เลขไทยได้ เช่น ๒๕๖๒)";
        }
        int? starLevel = null;
        if (!string.IsNullOrWhiteSpace(Input.StarLevel))
        {
            if (ThaiDigits.TryParseInt(Input.StarLevel, out var s) && s is >= 1 and <= 5) starLevel = s;
            else Errors["StarLevel"] = "ระดับดาวต้องเป็น 1 ถึง 5 หรือเว้นว่างถ้ายังไม่ได้รับการคัดสรร";
        }
        int? starYear = null;
        if (!string.IsNullOrWhiteSpace(Input.StarYear))
        {
            if (!ThaiDigits.TryParseInt(Input.StarYear, out var y) || y < 2400 || y > CurrentBeYear) Errors["StarYear"] = $"ปีที่ได้รับระดับดาวต้องเป็นปี พ.ศ. 2400–{CurrentBeYear} (พิมพ์เลขไทยได้)";
            else if (starLevel is null && !Errors.ContainsKey("StarLevel")) Errors["StarYear"] = "ระบุปีที่ได้รับระดับดาวได้เมื่อระบุระดับดาวแล้วเท่านั้น";
            else starYear = y;
        }
        var standards = Input.Standards?.Trim();
        if (standards?.Length > 500) Errors["Standards"] = "มาตรฐานที่ได้รับยาวได้ไม่เกิน 500 ตัวอักษร";
        var status = Input.Status == "ceased" ? RegistryStatus.Ceased : RegistryStatus.Active;
        if (Errors.Count > 0) return Page();

        if (entity is null)
        {
            entity = new Product { Code = newCode, Name = name, EntrepreneurId = owner.Id, Entrepreneur = owner };
            db.Products.Add(entity);
        }
        else if (entity.Version != Input.Version)
        {
            Errors[""] = StaleMessage(entity);
            return Page();
        }
        var old = IsNew ? null : Snapshot(entity);
        entity.Name = name;
        entity.Category = category;
        entity.RegisteredYear = year;
        entity.StarLevel = starLevel;
        entity.StarYear = starYear;
        entity.Standards = string.IsNullOrEmpty(standards) ? null : standards;
        entity.Status = status;
        if (!IsNew) entity.Version++;
        entity.UpdatedAt = clock.GetUtcNow();
        entity.UpdatedBy = me.UserName;
        AuditLog.Record(db, me, clock, "product", entity.Code, IsNew ? "create" : "update", old, Snapshot(entity), provinceCode: owner.ProvinceCode);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone saved between our read and write: name them from the stored row, and keep what was typed.
            var latest = await db.Products.AsNoTracking().Where(p => p.Id == entity.Id).Select(p => new { p.UpdatedBy, p.UpdatedAt }).FirstOrDefaultAsync(ct);
            Errors[""] = latest is null ? "ผลิตภัณฑ์นี้ถูกลบไปแล้ว" : StaleMessage(latest.UpdatedBy, latest.UpdatedAt);
            return Page();
        }
        catch (DbUpdateException e) when (IsNew && DbErrors.IsUniqueViolation(e))
        {
            // Same code created by someone else between the check and the insert: the unique index refuses it.
            Errors["Code"] = $"รหัสผลิตภัณฑ์ {newCode} มีอยู่ในทะเบียนแล้ว";
            return Page();
        }
        return Redirect($"/Registry/Producer/{Uri.EscapeDataString(owner.Code)}");
    }

    private static string StaleMessage(Product p) => StaleMessage(p.UpdatedBy, p.UpdatedAt);

    private static string StaleMessage(string updatedBy, DateTimeOffset updatedAt) =>
        RegistryRules.StaleMessage("ผลิตภัณฑ์นี้", updatedBy, updatedAt);

    private static object Snapshot(Product p) => new
    {
        p.Name, category = OtopLabels.Code(p.Category), p.RegisteredYear, p.StarLevel, p.StarYear, p.Standards, p.Status,
    };

    public string Invalid(string field) => Errors.ContainsKey(field) ? "is-invalid" : "";
}

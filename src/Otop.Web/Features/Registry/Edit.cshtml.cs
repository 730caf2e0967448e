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

/// <summary>Create or edit a producer. Every field is bound as typed text, so a rejected form shows exactly what was typed.</summary>
public sealed class EditModel(AppDbContext db, CurrentUser me, TimeProvider clock, DistrictWriteGuard guard) : PageModel
{
    public sealed class ProducerInput
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
        public string? Type { get; set; }
        public string? DistrictCode { get; set; }
        public string? SubdistrictCode { get; set; }
        public string? Address { get; set; }
        public string? Phone { get; set; }
        public string? Members { get; set; }
        public string? Status { get; set; }
        public int Version { get; set; }
    }

    [BindProperty] public ProducerInput Input { get; set; } = new();
    public bool IsNew { get; private set; }
    public Dictionary<string, string> Errors { get; } = [];
    public List<(string Code, string Name)> Districts { get; private set; } = [];
    public List<(string Code, string Name)> Subdistricts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? code, CancellationToken ct)
    {
        if (!me.CanWrite) return Forbid();
        IsNew = code is null;
        if (code is not null)
        {
            var e = await db.Entrepreneurs.AsNoTracking().VisibleTo(me.Scope).FirstOrDefaultAsync(x => x.Code == code, ct);
            if (e is null) return NotFound();
            Input = new ProducerInput
            {
                Code = e.Code, Name = e.Name, Type = OtopLabels.Code(e.Type), DistrictCode = e.DistrictCode, SubdistrictCode = e.SubdistrictCode,
                Address = e.Address, Phone = e.Phone, Members = e.Members?.ToString(), Status = e.Status == RegistryStatus.Active ? "active" : "ceased",
                Version = e.Version,
            };
        }
        else
        {
            Input.DistrictCode = me.IsDistrictStaff ? me.Scope.Code : null;
            Input.Type = "group";
            Input.Status = "active";
        }
        await LoadChoicesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? code, CancellationToken ct)
    {
        if (!me.CanWrite) return Forbid();
        IsNew = code is null;
        Entrepreneur? entity = null;
        if (!IsNew)
        {
            entity = await db.Entrepreneurs.VisibleTo(me.Scope).FirstOrDefaultAsync(x => x.Code == code, ct);
            if (entity is null) return NotFound();
            Input.Code = entity.Code;
        }
        if (me.IsDistrictStaff) Input.DistrictCode = me.Scope.Code;
        await LoadChoicesAsync(ct);
        if (await guard.CheckAsync(entity?.DistrictCode ?? me.Scope.Code, DistrictWrite.Of(DistrictWriteKind.Registry), ct) is { } closed)
        {
            Errors[""] = closed.Message;
            Response.StatusCode = closed.Status;
            return Page();
        }

        var newCode = ThaiDigits.ToArabic(Input.Code?.Trim() ?? "");
        if (IsNew)
        {
            if (newCode.Length == 0) Errors["Code"] = "กรุณากรอกรหัสผู้ประกอบการ";
            else if (!RegistryRules.IsValidCode(newCode)) Errors["Code"] = "รหัสผู้ประกอบการใช้ได้เฉพาะตัวเลข ตัวอักษรอังกฤษ และ - _ / . ไม่เกิน 40 ตัว";
            else if (await db.Entrepreneurs.AnyAsync(x => x.Code == newCode, ct)) Errors["Code"] = $"รหัสผู้ประกอบการ {newCode} มีอยู่ในทะเบียนแล้ว";
        }
        var name = Input.Name?.Trim() ?? "";
        if (name.Length == 0) Errors["Name"] = "กรุณากรอกชื่อผู้ประกอบการ";
        else if (name.Length > 300) Errors["Name"] = "ชื่อผู้ประกอบการยาวได้ไม่เกิน 300 ตัวอักษร";
        if (!OtopLabels.TryParseEntrepreneurType(Input.Type, out var type)) Errors["Type"] = "กรุณาเลือกประเภทผู้ประกอบการ";
        var district = ThaiDigits.ToArabic(Input.DistrictCode?.Trim() ?? "");
        if (!Districts.Any(d => d.Code == district)) Errors["DistrictCode"] = "กรุณาเลือกอำเภอในหน่วยงานของท่าน";
        var sub = ThaiDigits.ToArabic(Input.SubdistrictCode?.Trim() ?? "");
        if (sub.Length > 0 && !Errors.ContainsKey("DistrictCode") && !ReferenceData.IsSubdistrictOf(sub, district))
        {
            Errors["SubdistrictCode"] = "รหัสตำบลต้องเป็นรหัส 6 หลักของตำบลในอำเภอที่เลือก";
        }
        int? members = null;
        if (!string.IsNullOrWhiteSpace(Input.Members))
        {
            if (ThaiDigits.TryParseInt(Input.Members.Replace(",", ""), out var m) && m is >= 0 and <= 100_000) members = m;
            else Errors["Members"] = "จำนวนสมาชิกต้องเป็นจำนวนเต็มไม่ติดลบ (พิมพ์เลขไทยได้)";
        }
        var address = Input.Address?.Trim();
        if (address?.Length > 500) Errors["Address"] = "ที่อยู่ยาวได้ไม่เกิน 500 ตัวอักษร";
        var phone = ThaiDigits.ToArabic(Input.Phone?.Trim() ?? "");
        if (phone.Length > 0 && (phone.Length > 40 || !phone.All(c => char.IsAsciiDigit(c) || c is '-' or ' ' or '+' or ',')))
        {
            Errors["Phone"] = "หมายเลขโทรศัพท์ใช้ได้เฉพาะตัวเลข และ - + ,";
        }
        // A merged-away record stays merged (issue 16, item 9): its pointer is what old references resolve through.
        var status = entity?.Status == RegistryStatus.Merged ? RegistryStatus.Merged
            : Input.Status == "ceased" ? RegistryStatus.Ceased : RegistryStatus.Active;
        if (Errors.Count > 0) return Page();

        var now = clock.GetUtcNow();
        if (entity is null)
        {
            entity = new Entrepreneur { Code = newCode, Name = name, DistrictCode = district, ProvinceCode = district[..2] };
            db.Entrepreneurs.Add(entity);
        }
        else if (entity.Version != Input.Version)
        {
            Errors[""] = StaleMessage(entity.UpdatedBy, entity.UpdatedAt);
            return Page();
        }
        var old = IsNew ? null : Snapshot(entity);
        entity.Name = name;
        entity.Type = type;
        entity.DistrictCode = district;
        entity.ProvinceCode = district[..2];
        entity.SubdistrictCode = sub.Length > 0 ? sub : null;
        entity.Address = string.IsNullOrEmpty(address) ? null : address;
        entity.Phone = phone.Length > 0 ? phone : null;
        entity.Members = members;
        entity.Status = status;
        if (!IsNew) entity.Version++;
        entity.UpdatedAt = now;
        entity.UpdatedBy = me.UserName;
        AuditLog.Record(db, me, clock, "entrepreneur", entity.Code, IsNew ? "create" : "update", old, Snapshot(entity), provinceCode: entity.ProvinceCode);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone saved between our read and write: name them from the stored row, and keep what was typed.
            var latest = await db.Entrepreneurs.AsNoTracking().Where(e => e.Id == entity.Id).Select(e => new { e.UpdatedBy, e.UpdatedAt }).FirstOrDefaultAsync(ct);
            Errors[""] = latest is null ? "ผู้ประกอบการรายนี้ถูกลบไปแล้ว" : StaleMessage(latest.UpdatedBy, latest.UpdatedAt);
            return Page();
        }
        catch (DbUpdateException e) when (IsNew && DbErrors.IsUniqueViolation(e))
        {
            // Same code created by someone else between the check and the insert: the unique index refuses it.
            Errors["Code"] = $"รหัสผู้ประกอบการ {newCode} มีอยู่ในทะเบียนแล้ว";
            return Page();
        }
        return Redirect($"/Registry/Producer/{Uri.EscapeDataString(entity.Code)}");
    }

    private static string StaleMessage(string updatedBy, DateTimeOffset updatedAt) =>
        RegistryRules.StaleMessage("ข้อมูลผู้ประกอบการรายนี้", updatedBy, updatedAt);

    private static object Snapshot(Entrepreneur e) => new
    {
        e.Name, type = OtopLabels.Code(e.Type), e.DistrictCode, e.SubdistrictCode, e.Address, e.Phone, e.Members, e.Status,
    };

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        Districts = (await db.OrgUnits.AsNoTracking().VisibleTo(me.Scope).Where(o => o.Level == OrgLevel.District)
            .OrderBy(o => o.Code).Select(o => new { o.Code, o.NameTh }).ToListAsync(ct)).Select(d => (d.Code, d.NameTh)).ToList();
        var district = ThaiDigits.ToArabic(Input.DistrictCode ?? "");
        if (Districts.Any(d => d.Code == district)) Subdistricts = ReferenceData.SubdistrictsOf(district).ToList();
    }

    public string Invalid(string field) => Errors.ContainsKey(field) ? "is-invalid" : "";
}

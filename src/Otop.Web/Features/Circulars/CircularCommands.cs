using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Platform.Audit;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Files;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.Circulars;

/// <summary>A letter as typed on the form or sent to the API: text fields stay text so a rejected form keeps them.</summary>
public sealed class CircularInput
{
    public string? Number { get; set; }
    /// <summary>d/M/BE ("23/2/2564") or ISO, Thai digits accepted.</summary>
    public string? IssuedOn { get; set; }
    public string? Subject { get; set; }
    public string? Body { get; set; }
    /// <summary>Every district of the issuing province (a department letter: every province).</summary>
    public bool AllUnits { get; set; }
    public List<string> Recipients { get; set; } = [];
    public List<TaskInput> Tasks { get; set; } = [];
}

public sealed class TaskInput
{
    public string? Title { get; set; }
    public string? DueDate { get; set; }
    public CircularTaskKind Kind { get; set; }
    public string? FiscalYear { get; set; }
    public string? Round { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Title) && string.IsNullOrWhiteSpace(DueDate);
}

/// <summary>Draft, publish, correct and submit: the rules shared by the pages and <c>/api/v1/circulars</c>. Every change is audited.</summary>
public static class CircularCommands
{
    public static bool IsIssuer(CurrentUser me, Circular c) => CircularRules.CanIssue(me) && me.Scope.Code == c.IssuerCode;

    /// <summary>The units a letter of this issuer may address: its districts (a province), or provinces and districts (the department).</summary>
    public static IQueryable<OrgUnit> AddressableBy(AppDbContext db, string issuerCode) => issuerCode == OrgUnit.DepartmentCode
        ? db.OrgUnits.Where(o => o.Level != OrgLevel.Department)
        : db.OrgUnits.Where(o => o.Level == OrgLevel.District && o.ParentCode == issuerCode);

    public static async Task<(Circular? Circular, Refusal? Refusal)> SaveDraftAsync(AppDbContext db, CurrentUser me, TimeProvider clock,
        int? id, int version, CircularInput input, CancellationToken ct)
    {
        if (!CircularRules.CanIssue(me) || !me.CanWrite) return (null, new Refusal(403, "เฉพาะเจ้าหน้าที่จังหวัดหรือผู้ดูแลระบบระดับกรมเท่านั้นที่ออกหนังสือได้"));
        Circular? circular = null;
        if (id is { } existing)
        {
            circular = await db.Circulars.VisibleTo(me.Scope).Include(c => c.Recipients).Include(c => c.Tasks)
                .FirstOrDefaultAsync(c => c.Id == existing, ct);
            if (circular is null) return (null, new Refusal(404, "ไม่พบหนังสือนี้"));
            if (!IsIssuer(me, circular)) return (null, new Refusal(403, "แก้ไขได้เฉพาะหน่วยงานที่ออกหนังสือ"));
            if (circular.Status == CircularStatus.Published) return (null, new Refusal(409, "หนังสือที่เผยแพร่แล้วแก้ไขไม่ได้ ใช้ \"บันทึกการแก้ไข\" พร้อมเหตุผลแทน"));
            if (circular.Version != version) return (null, new Refusal(409, $"หนังสือถูกแก้ไขโดย {circular.UpdatedBy} เมื่อ {ThaiDates.FormatDateTime(circular.UpdatedAt)} กรุณาเปิดใหม่แล้วแก้ไขอีกครั้ง"));
        }

        var errors = new Dictionary<string, string[]>();
        var number = input.Number?.Trim() ?? "";
        if (number.Length == 0) errors["number"] = ["กรุณาระบุเลขที่หนังสือ เช่น สก ๐๐๑๙/ว ๐๙๓๑"];
        else if (number.Length > 100) errors["number"] = ["เลขที่หนังสือยาวได้ไม่เกิน 100 ตัวอักษร"];
        if (!ThaiDates.TryParseDate(input.IssuedOn?.Trim(), out var issuedOn)) errors["issuedOn"] = [$"วันที่หนังสือ '{input.IssuedOn}' ไม่ถูกต้อง กรอกแบบ 23/2/2564"];
        var subject = input.Subject?.Trim() ?? "";
        if (subject.Length == 0) errors["subject"] = ["กรุณาระบุเรื่อง"];
        else if (subject.Length > 500) errors["subject"] = ["เรื่องยาวได้ไม่เกิน 500 ตัวอักษร"];
        var body = input.Body?.Trim() ?? "";
        if (body.Length > 10000) errors["body"] = ["ข้อความยาวได้ไม่เกิน 10,000 ตัวอักษร"];

        var issuer = circular?.IssuerCode ?? me.Scope.Code;
        var addressable = await AddressableBy(db, issuer).Select(o => new { o.Code, o.Level }).ToListAsync(ct);
        List<string> recipients;
        if (input.AllUnits)
        {
            var level = issuer == OrgUnit.DepartmentCode ? OrgLevel.Province : OrgLevel.District;
            recipients = addressable.Where(o => o.Level == level).Select(o => o.Code).ToList();
        }
        else
        {
            recipients = input.Recipients.Select(r => r.Trim()).Where(r => r.Length > 0).Distinct().ToList();
            var unknown = recipients.Where(r => addressable.All(o => o.Code != r)).ToList();
            if (unknown.Count > 0) errors["recipients"] = [$"ส่งถึงหน่วยงาน {string.Join(", ", unknown)} ไม่ได้: อยู่นอกเขตของผู้ออกหนังสือหรือไม่มีรหัสนี้"];
        }

        var tasks = new List<CircularTask>();
        for (var i = 0; i < input.Tasks.Count; i++)
        {
            var t = input.Tasks[i];
            if (t.IsEmpty) continue;
            var row = $"tasks[{i}]";
            var title = t.Title?.Trim() ?? "";
            if (title.Length == 0) errors[$"{row}.title"] = [$"งานที่ {i + 1}: กรุณาระบุสิ่งที่ต้องทำ"];
            else if (title.Length > 500) errors[$"{row}.title"] = [$"งานที่ {i + 1}: ยาวได้ไม่เกิน 500 ตัวอักษร"];
            if (!ThaiDates.TryParseDate(t.DueDate?.Trim(), out var due)) errors[$"{row}.dueDate"] = [$"งานที่ {i + 1}: กำหนดส่ง '{t.DueDate}' ไม่ถูกต้อง กรอกแบบ 24/2/2564"];
            if (!Enum.IsDefined(t.Kind)) errors[$"{row}.kind"] = [$"งานที่ {i + 1}: ประเภทงานไม่ถูกต้อง"];
            int? fiscalYear = null, round = null;
            if (t.Kind != CircularTaskKind.Submission)
            {
                if (ThaiDigits.TryParseInt(t.FiscalYear, out var fy) && fy is >= 2500 and <= 2700) fiscalYear = fy;
                else errors[$"{row}.fiscalYear"] = [$"งานที่ {i + 1}: ระบุปีงบประมาณ พ.ศ. ของแบบฟอร์ม เช่น 2564"];
                round = ThaiDigits.TryParseInt(t.Round, out var r) && r is 1 or 2 ? r : 1;
            }
            tasks.Add(new CircularTask { Ordinal = tasks.Count + 1, Title = title, DueDate = due, Kind = t.Kind, FiscalYear = fiscalYear, Round = round });
        }

        var key = CircularRules.NumberKey(number);
        if (number.Length > 0 && await db.Circulars.AnyAsync(c => c.IssuerCode == issuer && c.NumberKey == key && c.Id != (id ?? 0), ct))
        {
            errors["number"] = [$"เลขที่หนังสือ {number} ของหน่วยงานนี้มีอยู่แล้ว"];
        }
        if (errors.Count > 0) return (null, Refusal.Invalid(errors));

        var now = clock.GetUtcNow();
        var old = circular is null ? null : Snapshot(circular);
        if (circular is null)
        {
            circular = new Circular { IssuerCode = issuer, Number = number, NumberKey = key, Subject = subject };
            db.Circulars.Add(circular);
        }
        circular.Number = number;
        circular.NumberKey = key;
        circular.IssuedOn = issuedOn;
        circular.Subject = subject;
        circular.Body = body;
        circular.UpdatedAt = now;
        circular.UpdatedBy = me.UserName;
        circular.Version++;
        // Same key removed and added again would clash in the change tracker: change only the difference.
        circular.Recipients.RemoveAll(r => !recipients.Contains(r.UnitCode));
        circular.Recipients.AddRange(recipients.Where(r => circular.Recipients.All(x => x.UnitCode != r)).Select(r => new CircularRecipient { UnitCode = r }));
        circular.Tasks.Clear();
        circular.Tasks.AddRange(tasks);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await SaveOrConflictAsync(db, ct) is { } conflict) return (null, conflict);
        AuditLog.Record(db, me, clock, "circular", circular.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), old is null ? "create" : "update",
            old, Snapshot(circular), provinceCode: issuer == OrgUnit.DepartmentCode ? null : issuer);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (circular, null);
    }

    public static async Task<(Circular? Circular, Refusal? Refusal)> PublishAsync(AppDbContext db, CurrentUser me, TimeProvider clock,
        int id, int version, CancellationToken ct)
    {
        var circular = await db.Circulars.VisibleTo(me.Scope).Include(c => c.Recipients).Include(c => c.Tasks)
            .FirstOrDefaultAsync(c => c.Id == id, ct);
        if (circular is null) return (null, new Refusal(404, "ไม่พบหนังสือนี้"));
        if (!IsIssuer(me, circular)) return (null, new Refusal(403, "เผยแพร่ได้เฉพาะหน่วยงานที่ออกหนังสือ"));
        if (circular.Status == CircularStatus.Published) return (null, new Refusal(409, "หนังสือนี้เผยแพร่แล้ว"));
        if (circular.Version != version) return (null, new Refusal(409, "หนังสือถูกแก้ไขหลังจากที่ท่านเปิดหน้านี้ กรุณาตรวจสอบอีกครั้ง"));
        if (circular.Recipients.Count == 0) return (null, Refusal.Invalid("recipients", "กรุณาเลือกหน่วยงานผู้รับอย่างน้อยหนึ่งแห่ง"));

        var now = clock.GetUtcNow();
        circular.Status = CircularStatus.Published;
        circular.PublishedAt = now;
        circular.PublishedBy = me.UserName;
        circular.UpdatedAt = now;
        circular.UpdatedBy = me.UserName;
        circular.Version++;
        foreach (var task in circular.Tasks)
        {
            foreach (var unit in circular.Recipients)
            {
                task.Assignments.Add(new TaskAssignment { UnitCode = unit.UnitCode, ProvinceCode = unit.UnitCode[..2] });
            }
        }
        AuditLog.Record(db, me, clock, "circular", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "publish", null,
            new { circular.Number, recipients = circular.Recipients.Select(r => r.UnitCode).ToList(), tasks = circular.Tasks.Count },
            provinceCode: circular.IssuerCode == OrgUnit.DepartmentCode ? null : circular.IssuerCode);
        if (await SaveOrConflictAsync(db, ct) is { } conflict) return (null, conflict);
        return (circular, null);
    }

    /// <summary>A published letter changes only here: the old text, the reason and who are kept.</summary>
    public static async Task<Refusal?> CorrectAsync(AppDbContext db, CurrentUser me, TimeProvider clock, int id, int version,
        string? subject, string? body, string? reason, CancellationToken ct)
    {
        var circular = await db.Circulars.VisibleTo(me.Scope).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (circular is null) return new Refusal(404, "ไม่พบหนังสือนี้");
        if (!IsIssuer(me, circular)) return new Refusal(403, "แก้ไขได้เฉพาะหน่วยงานที่ออกหนังสือ");
        if (circular.Status != CircularStatus.Published) return new Refusal(409, "หนังสือฉบับร่างแก้ไขได้โดยตรง");
        if (circular.Version != version) return new Refusal(409, "หนังสือถูกแก้ไขหลังจากที่ท่านเปิดหน้านี้ กรุณาตรวจสอบอีกครั้ง");
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(reason)) errors["reason"] = ["กรุณาระบุเหตุผลของการแก้ไข"];
        if (string.IsNullOrWhiteSpace(subject)) errors["subject"] = ["กรุณาระบุเรื่อง"];
        if (errors.Count > 0) return Refusal.Invalid(errors);

        var now = clock.GetUtcNow();
        db.CircularCorrections.Add(new CircularCorrection
        {
            CircularId = id, At = now, By = me.UserName, Reason = reason!.Trim(), OldSubject = circular.Subject, OldBody = circular.Body,
        });
        var old = new { circular.Subject, circular.Body };
        circular.Subject = subject!.Trim();
        circular.Body = body?.Trim() ?? "";
        circular.UpdatedAt = now;
        circular.UpdatedBy = me.UserName;
        circular.Version++;
        AuditLog.Record(db, me, clock, "circular", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "correct", old,
            new { circular.Subject, circular.Body }, reason.Trim(), circular.IssuerCode == OrgUnit.DepartmentCode ? null : circular.IssuerCode);
        return await SaveOrConflictAsync(db, ct);
    }

    public static async Task<Refusal?> AddEnclosureAsync(AppDbContext db, CurrentUser me, TimeProvider clock, int id, string? title,
        IFormFile? file, long maxBytes, CancellationToken ct)
    {
        var circular = await db.Circulars.VisibleTo(me.Scope).Include(c => c.Enclosures).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (circular is null) return new Refusal(404, "ไม่พบหนังสือนี้");
        if (!IsIssuer(me, circular)) return new Refusal(403, "แนบไฟล์ได้เฉพาะหน่วยงานที่ออกหนังสือ");
        if (circular.Status == CircularStatus.Published) return new Refusal(409, "หนังสือที่เผยแพร่แล้วเพิ่มสิ่งที่ส่งมาด้วยไม่ได้");
        var reading = await UploadedFile.ReadAsync(file, maxBytes, CircularRules.AcceptedFiles, ct);
        var errors = new Dictionary<string, string[]>();
        if (reading.Error is not null) errors["file"] = [reading.Error];
        // The title is shown and printed as one line: typed, or the safe name without its extension (never the raw claim,
        // which may carry U+202E or control characters).
        var name = PlainText.SingleLine(string.IsNullOrWhiteSpace(title) && reading.File is { } read ? Path.GetFileNameWithoutExtension(read.FileName) : title);
        if (name.Length > 300) errors["title"] = ["ชื่อสิ่งที่ส่งมาด้วยยาวได้ไม่เกิน 300 ตัวอักษร"];
        if (errors.Count > 0) return Refusal.Invalid(errors);

        var enclosure = new CircularEnclosure
        {
            CircularId = id, Ordinal = circular.Enclosures.Count + 1, Title = name, FileName = reading.File!.FileName,
            ContentType = reading.File.ContentType, Size = reading.File.Bytes.Length, Content = reading.File.Bytes, Token = CircularRules.NewToken(),
            UploadedAt = clock.GetUtcNow(), UploadedBy = me.UserName,
        };
        circular.Enclosures.Add(enclosure);
        AuditLog.Record(db, me, clock, "circular", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "add-enclosure", null,
            new { enclosure.Ordinal, enclosure.Title, enclosure.FileName, enclosure.Size }, provinceCode: circular.IssuerCode == OrgUnit.DepartmentCode ? null : circular.IssuerCode);
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>
    /// A recipient sends its part of a plain task: a note and/or a file. Sending again replaces the earlier sending (kept in
    /// the audit). Late when at or after 00:00 Bangkok on the day after the due date.
    /// </summary>
    public static async Task<Refusal?> SubmitAsync(AppDbContext db, CurrentUser me, TimeProvider clock, int assignmentId,
        string? note, IFormFile? file, long maxBytes, CancellationToken ct)
    {
        var assignment = await db.TaskAssignments.VisibleTo(me.Scope).Include(a => a.Task).ThenInclude(t => t.Circular)
            .FirstOrDefaultAsync(a => a.Id == assignmentId, ct);
        if (assignment is null) return new Refusal(404, "ไม่พบงานนี้");
        if (assignment.UnitCode != me.Scope.Code || !me.CanWrite || !(me.IsDistrictStaff || me.IsProvinceOfficer))
        {
            return new Refusal(403, "ส่งงานได้เฉพาะเจ้าหน้าที่ของหน่วยงานผู้รับ");
        }
        if (assignment.Task.Kind != CircularTaskKind.Submission)
        {
            return new Refusal(409, $"งานนี้ส่งผ่านหน้า {CircularRules.KindName(assignment.Task.Kind)} ระบบจะนับว่าส่งแล้วเมื่อส่งแบบฟอร์มนั้น");
        }
        var errors = new Dictionary<string, string[]>();
        Upload? upload = null;
        if (file is { Length: > 0 })
        {
            var reading = await UploadedFile.ReadAsync(file, maxBytes, CircularRules.AcceptedFiles, ct);
            upload = reading.File;
            if (reading.Error is not null) errors["file"] = [reading.Error];
        }
        note = note?.Trim();
        if (string.IsNullOrEmpty(note) && upload is null && !errors.ContainsKey("file")) errors["note"] = ["กรุณาพิมพ์ข้อความหรือแนบไฟล์อย่างน้อยหนึ่งอย่าง"];
        if (note is { Length: > 2000 }) errors["note"] = ["ข้อความยาวได้ไม่เกิน 2,000 ตัวอักษร"];
        if (errors.Count > 0) return Refusal.Invalid(errors);

        var now = clock.GetUtcNow();
        var old = assignment.SubmittedAt is null ? null : new { assignment.SubmittedAt, assignment.SubmittedBy, assignment.Note, assignment.FileName, assignment.Late };
        assignment.SubmittedAt = now;
        assignment.SubmittedBy = me.UserName;
        assignment.Note = string.IsNullOrEmpty(note) ? null : note;
        assignment.Late = CircularRules.IsLate(now, assignment.Task.DueDate);
        if (upload is not null)
        {
            assignment.FileName = upload.FileName;
            assignment.FileContentType = upload.ContentType;
            assignment.FileContent = upload.Bytes;
        }
        assignment.Version++;
        AuditLog.Record(db, me, clock, "circular-task", $"{assignment.Task.CircularId}/{assignment.Task.Ordinal}/{assignment.UnitCode}", old is null ? "submit" : "resubmit",
            old, new { assignment.SubmittedAt, assignment.SubmittedBy, assignment.Note, assignment.FileName, assignment.Late }, provinceCode: assignment.ProvinceCode);
        return await SaveOrConflictAsync(db, ct);
    }

    /// <summary>
    /// The version check above reads, then writes: a second writer between the two is caught by the concurrency token, and
    /// answers 409 like a stale version rather than a 500.
    /// </summary>
    private static async Task<Refusal?> SaveOrConflictAsync(AppDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new Refusal(409, "ข้อมูลถูกแก้ไขโดยผู้อื่นพร้อมกัน กรุณาเปิดใหม่แล้วทำอีกครั้ง");
        }
    }

    private static object Snapshot(Circular c) => new
    {
        c.Number, issuedOn = c.IssuedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), c.Subject, c.Body,
        recipients = c.Recipients.Select(r => r.UnitCode).OrderBy(x => x, StringComparer.Ordinal).ToList(),
        tasks = c.Tasks.Select(t => new { t.Title, dueDate = t.DueDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), kind = t.Kind.ToString(), t.FiscalYear, t.Round }).ToList(),
        c.Version,
    };
}

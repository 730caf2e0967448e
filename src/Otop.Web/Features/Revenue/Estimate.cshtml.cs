using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Circulars;
using Otop.Web.Features.Registry;
using Otop.Web.Platform.Audit;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;
using Otop.Web.Platform.Files;
using Otop.Web.Platform.Forms;
using Otop.Web.Platform.Writes;

namespace Otop.Web.Features.Revenue;

/// <summary>
/// แบบประมาณการรายได้ (letter 2, clause 2, enclosure 4): per producer, the estimated revenue of each month of the fiscal
/// year; certified by the district OTOP committee (meeting date, reference, chair, scanned minutes) and sent to the
/// province. A province sees every district's estimate and the province total (the sum of its districts).
/// </summary>
[RequestFormLimits(ValueCountLimit = EstimateFormValues, ValueLengthLimit = 8 * 1024 * 1024)]
public sealed class EstimateModel(AppDbContext db, CurrentUser me, TimeProvider clock, DistrictWriteGuard guard, RevenueWriteLimit limit) : PageModel
{
    /// <summary>
    /// Without the script the grid posts one value per cell: 13 a producer, so the page takes enough for the largest
    /// estimate (<see cref="RevenueEstimateCommands.MaxEntries"/>) instead of the framework's 1,024 (78 producers).
    /// </summary>
    public const int EstimateFormValues = (RevenueEstimateCommands.MaxEntries * 13) + 100;

    [BindProperty(SupportsGet = true)] public string? District { get; set; }
    [BindProperty(SupportsGet = true, BinderType = typeof(FiscalYearBinder))] public int? FiscalYear { get; set; }
    [BindProperty] public int Version { get; set; }
    [BindProperty] public List<LineInput> Lines { get; set; } = [];
    /// <summary>The grid as JSON (<c>[{"code","amounts":[…12]}]</c>), sent by the page's script instead of one form value per cell.</summary>
    [BindProperty] public string? LinesJson { get; set; }
    [BindProperty] public string? MeetingDate { get; set; }
    [BindProperty] public string? MeetingReference { get; set; }
    [BindProperty] public string? ChairName { get; set; }
    [BindProperty] public IFormFile? Minutes { get; set; }
    /// <summary>The filled estimate template (XLSX) of the upload handler.</summary>
    [BindProperty] public IFormFile? Template { get; set; }
    [BindProperty] public string? ReturnReason { get; set; }

    public sealed class LineInput
    {
        public string Code { get; set; } = "";
        public List<string?> Amounts { get; set; } = [];
    }

    public sealed record ProducerLine(int Index, string Code, string Name, List<string> Amounts, decimal Total, List<string> Errors);
    public sealed record DistrictSummary(string Code, string Name, decimal Total, string Status, bool Sent, DateTimeOffset? SentAt, bool Late, string? Committee);

    public List<YearMonth> Months { get; private set; } = [];
    public List<(string Code, string Name)> Districts { get; private set; } = [];
    public string DistrictName { get; private set; } = "";
    public List<ProducerLine> Grid { get; private set; } = [];
    public RevenueEstimate? Stored { get; private set; }
    /// <summary>Letter 2, clause 2: the fiscal year's estimate due date set on the calendar page (null: none set).</summary>
    public DateOnly? DueDate { get; private set; }
    public List<DistrictSummary> ProvinceSummary { get; } = [];
    public bool CanEdit { get; private set; }
    /// <summary>For the form's draft key (<c>estimate:{user}:{district}:{fy}</c>), which the local-draft module reads.</summary>
    public string UserName => me.UserName;
    /// <summary>A sent estimate is locked (decision 014): the district edits it again only once the province returns it.</summary>
    public bool Locked => Stored?.Status == RevenueEstimateStatus.Sent;
    public bool Editable => CanEdit && !Locked;
    public bool CanReturn => Locked && (me.IsProvinceOfficer || me.IsDepartmentAdmin);
    public string? Message { get; private set; }
    /// <summary>The errors of the error summary (Shared/_ErrorSummary); a figure's error links to its cell (<see cref="CellId"/>).</summary>
    public FormErrors Errors { get; } = new();

    /// <summary>The id of a producer's cell for a month of the year (0 = October), which an error links to.</summary>
    public static string CellId(string code, int month) =>
        $"estimate-{code}-{month.ToString(CultureInfo.InvariantCulture)}";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await ResolveAsync(ct) is { } r) return r;
        Message = TempData["EstimateMessage"] as string;
        await LoadAsync(null, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(bool send, CancellationToken ct)
    {
        if (await ResolveAsync(ct) is { } r) return r;
        if (!CanEdit) return Forbid();
        if (!string.IsNullOrEmpty(LinesJson) && ReadLinesJson(LinesJson) is { } fromJson) Lines = fromJson;
        if (Lines.Count > RevenueEstimateCommands.MaxEntries)
        {
            Errors.Add($"ส่งได้ไม่เกิน {RevenueEstimateCommands.MaxEntries:N0} ผู้ประกอบการต่อครั้ง");
            return await ShowAsync(422, Lines, ct);
        }
        var names = await db.Entrepreneurs.AsNoTracking().VisibleTo(me.Scope)
            .Where(e => e.DistrictCode == District).Select(e => new { e.Code, e.Name }).ToDictionaryAsync(e => e.Code, e => e.Name, ct);
        var entries = new List<EstimateEntryInput>();
        foreach (var line in Lines.Where(l => names.ContainsKey(l.Code)))
        {
            var months = new Dictionary<string, decimal?>();
            for (var j = 0; j < Months.Count && j < line.Amounts.Count; j++)
            {
                var typed = ThaiMoney.Read(line.Amounts[j]);
                if (typed.IsEmpty) continue;
                if (typed.Error is { } amountError)
                {
                    Errors.Add(CellId(line.Code, j), $"{line.Code} {names[line.Code]} เดือน{RevenueMonth.ThaiMonth(Months[j])}: {amountError}");
                    continue;
                }
                months[Months[j].ToString()] = typed.Amount;
            }
            entries.Add(new EstimateEntryInput(line.Code, months));
        }
        DateOnly? meetingDate = null;
        if (!string.IsNullOrWhiteSpace(MeetingDate))
        {
            if (ThaiDates.TryParseDate(MeetingDate, out var d)) meetingDate = d;
            else Errors.Add("md", $"วันที่ประชุม '{MeetingDate}' ไม่ถูกต้อง (เช่น 15/11/2565)");
        }
        if (MeetingReference?.Trim().Length > 200) Errors.Add("mr", "ครั้งที่/เลขที่การประชุมยาวได้ไม่เกิน 200 ตัวอักษร");
        if (ChairName?.Trim().Length > 200) Errors.Add("cn", "ชื่อประธานคณะกรรมการยาวได้ไม่เกิน 200 ตัวอักษร");
        RevenueFile? minutes = null;
        if (Minutes is not null)
        {
            var (file, fileError) = await RevenueFiles.ReadAsync(Minutes, District!, RevenueFilePurpose.CommitteeMinutes, null, null, me.UserName, clock.GetUtcNow(), ct);
            if (fileError is not null) Errors.Add("mf", "รายงานการประชุม: " + fileError);
            minutes = file;
        }
        if (send)
        {
            var hasMinutes = await db.RevenueEstimates.AsNoTracking().VisibleTo(me.Scope)
                .AnyAsync(e => e.DistrictCode == District && e.FiscalYear == FiscalYear && e.MinutesFileId != null, ct);
            if (meetingDate is null) Errors.Add("md", "ส่งจังหวัดไม่ได้: กรุณาระบุวันที่ประชุมคณะกรรมการ นตผ. อำเภอ");
            if (string.IsNullOrWhiteSpace(MeetingReference)) Errors.Add("mr", "ส่งจังหวัดไม่ได้: กรุณาระบุครั้งที่/เลขที่การประชุม");
            if (string.IsNullOrWhiteSpace(ChairName)) Errors.Add("cn", "ส่งจังหวัดไม่ได้: กรุณาระบุชื่อประธานคณะกรรมการ");
            if (minutes is null && !hasMinutes) Errors.Add("mf", "ส่งจังหวัดไม่ได้: กรุณาแนบรายงานการประชุมที่สแกนแล้ว");
        }
        // The close and a sent estimate's lock are the command's first answer, whatever was typed (decision 014).
        var (_, locked) = await RevenueEstimateCommands.WritableAsync(db, me, guard, District!, FiscalYear!.Value, ct);
        if (locked is not null) Errors.Clear();
        if (locked is not null || Errors.Count > 0)
        {
            if (locked is not null) Errors.Add(locked.Message);
            return await ShowAsync(locked?.Status ?? 422, locked?.Extensions?.GetValueOrDefault("lock") is "estimate-sent" ? null : Lines, ct);
        }
        db.ChangeTracker.Clear();

        using var permit = await limit.EnterAsync(me, District, RevenueAction.Edit, ct);
        var (version, refusal) = permit.Refusal is { } busy ? (0, busy)
            : await RevenueEstimateCommands.SaveAsync(db, me, clock, guard, District!, FiscalYear!.Value, Version, entries,
                new EstimateCommittee(meetingDate, MeetingReference, ChairName, minutes, send, DueDate), ct);
        if (refusal is not null)
        {
            Errors.Add(refusal.Message);
            if (refusal.Extensions?.GetValueOrDefault("currentVersion") is int current) Version = current;
            db.ChangeTracker.Clear();
            return await ShowAsync(refusal.Status, Lines, ct);
        }
        var message = send ? "ส่งประมาณการรายได้ให้จังหวัดแล้ว" : "บันทึกประมาณการรายได้แล้ว";
        TempData["EstimateMessage"] = message;
        var next = Url.Page("/Revenue/Estimate", new { district = District, fiscalYear = FiscalYear });
        if (FromScript) return new JsonResult(new { version, message, redirect = next });
        return RedirectToPage(new { district = District, fiscalYear = FiscalYear });
    }

    /// <summary>The filled XLSX template (<see cref="RevenueEstimateFile"/>): all or nothing, every bad row listed in Thai.</summary>
    [Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Hardening.ImportPolicy)]
    public async Task<IActionResult> OnPostUploadAsync(CancellationToken ct)
    {
        if (await ResolveAsync(ct) is { } r) return r;
        if (!CanEdit) return Forbid();
        var (version, refusal) = await RevenueEstimateFile.UploadAsync(db, me, clock, guard, limit, District!, FiscalYear!.Value, Template, ct);
        if (refusal is not null)
        {
            if (refusal.Status == 403) return Forbid();
            Errors.Add(refusal.Detail);
            Errors.AddRange(refusal.Errors?.SelectMany(e => e.Value) ?? []);
            db.ChangeTracker.Clear();
            return await ShowAsync(refusal.Status, null, ct);
        }
        TempData["EstimateMessage"] = $"นำเข้าประมาณการรายได้จากไฟล์แล้ว (ฉบับที่ {version})";
        return RedirectToPage(new { district = District, fiscalYear = FiscalYear });
    }

    /// <summary>The page again with what was typed and the Thai errors beside Save; the script gets them as JSON and keeps its inputs.</summary>
    private async Task<IActionResult> ShowAsync(int status, List<LineInput>? typed, CancellationToken ct)
    {
        if (FromScript)
        {
            return new JsonResult(new { errors = Errors.Messages, fields = Errors.Where(e => e.FieldId is not null).Select(e => new { id = e.FieldId, message = e.Message }), version = Version })
                { StatusCode = status };
        }
        Response.StatusCode = status == 422 ? 200 : status;
        var version = Version;
        await LoadAsync(typed, ct);
        if (typed is not null) Version = version;
        return Page();
    }

    /// <summary>The estimate script (wwwroot/js/estimate.js) sends the grid as one JSON field, so no form limit is ever near.</summary>
    private bool FromScript => Request.Headers["X-Otop-Script"] == "estimate";

    private static List<LineInput>? ReadLinesJson(string json)
    {
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<List<LineInput>>(json, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>The province sends a sent estimate back with a reason (audited), like a month; the district then edits and sends it again.</summary>
    public async Task<IActionResult> OnPostReturnAsync(CancellationToken ct)
    {
        if (await ResolveAsync(ct) is { } r) return r;
        if (!(me.IsProvinceOfficer || me.IsDepartmentAdmin)) return Forbid();
        var reason = string.IsNullOrWhiteSpace(ReturnReason) ? null : ReturnReason.Trim();
        var estimate = await db.RevenueEstimates.VisibleTo(me.Scope)
            .FirstOrDefaultAsync(e => e.DistrictCode == District && e.FiscalYear == FiscalYear, ct);
        var refusal = await guard.CheckAsync(District!, DistrictWrite.Of(DistrictWriteKind.Estimate), ct)
            ?? (estimate is not { Status: RevenueEstimateStatus.Sent } ? new Platform.Http.Refusal(409, "ส่งคืนได้เฉพาะประมาณการที่อำเภอส่งจังหวัดแล้ว")
            : reason is null ? Platform.Http.Refusal.Invalid("ReturnReason", "กรุณาระบุเหตุผลที่ส่งคืน")
            : reason.Length > 2000 ? Platform.Http.Refusal.Invalid("ReturnReason", "เหตุผลยาวได้ไม่เกิน 2,000 ตัวอักษร")
            : null);
        if (refusal is not null)
        {
            Errors.Add(refusal.Message);
            Response.StatusCode = refusal.Status;
            await LoadAsync(null, ct);
            ReturnReason = reason;
            return Page();
        }
        var old = new { estimate!.Total, estimate.Version, status = estimate.Status.ToString() };
        var now = clock.GetUtcNow();
        estimate.Status = RevenueEstimateStatus.Returned;
        estimate.ReturnReason = reason;
        estimate.ReturnedBy = me.UserName;
        estimate.ReturnedAt = now;
        estimate.Version++;
        estimate.UpdatedBy = me.UserName;
        estimate.UpdatedAt = now;
        AuditLog.Record(db, me, clock, "revenue-estimate", $"{District}/{FiscalYear}", "return", old,
            new { estimate.Total, estimate.Version, status = estimate.Status.ToString() }, reason, estimate.ProvinceCode);
        await Notifications.Notices.AddForDistrictAsync(db, clock, District!, new Notifications.NoticeText("estimate-returned",
            $"revenue-estimate/{District}/{FiscalYear}/return/{estimate.Version}", $"จังหวัดส่งคืนประมาณการรายได้ปีงบประมาณ {FiscalYear}",
            $"เหตุผล: {reason}", $"/Revenue/Estimate?district={District}&fiscalYear={FiscalYear}"), ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            Errors.Add("ประมาณการนี้ถูกแก้ไขพร้อมกันโดยผู้อื่น กรุณาโหลดข้อมูลล่าสุดแล้วลองอีกครั้ง");
            Response.StatusCode = 409;
            db.ChangeTracker.Clear();
            await LoadAsync(null, ct);
            ReturnReason = reason;
            return Page();
        }
        TempData["EstimateMessage"] = "ส่งคืนประมาณการรายได้ให้อำเภอแก้ไขแล้ว";
        return RedirectToPage(new { district = District, fiscalYear = FiscalYear });
    }

    public async Task<IActionResult> OnGetMinutesAsync(int id, CancellationToken ct)
    {
        var file = await db.RevenueFiles.AsNoTracking().VisibleTo(me.Scope).FirstOrDefaultAsync(f => f.Id == id, ct);
        return file is null ? NotFound() : File(file.Content, file.ContentType, UploadedFile.SafeFileName(file.FileName));
    }

    private async Task<IActionResult?> ResolveAsync(CancellationToken ct)
    {
        var today = Bangkok.Today(clock.GetUtcNow());
        FiscalYear ??= YearMonth.Of(today).FiscalYear;
        if (Domain.FiscalYear.InputError(FiscalYear.Value) is { } yearError) return this.Refuse(400, yearError);
        Months = new FiscalYear(FiscalYear.Value).Months.ToList();
        Districts = (await db.OrgUnits.AsNoTracking().VisibleTo(me.Scope).Where(o => o.Level == OrgLevel.District)
            .OrderBy(o => o.Code).Select(o => new { o.Code, o.NameTh }).Take(1000).ToListAsync(ct)).Select(o => (o.Code, o.NameTh)).ToList();
        if (Districts.Count == 0) return Forbid();
        District ??= Districts[0].Code;
        if (!Districts.Any(d => d.Code == District)) return NotFound();
        DistrictName = Districts.First(d => d.Code == District).Name;
        CanEdit = me.IsDistrictStaff || me.IsDepartmentAdmin;
        DueDate = await db.FiscalYearSettings.AsNoTracking().Where(s => s.FiscalYear == FiscalYear)
            .Select(s => s.EstimateDueDate).FirstOrDefaultAsync(ct);
        return null;
    }

    private async Task LoadAsync(List<LineInput>? typed, CancellationToken ct)
    {
        Stored = await db.RevenueEstimates.AsNoTracking().VisibleTo(me.Scope).Include(e => e.Lines)
            .FirstOrDefaultAsync(e => e.DistrictCode == District && e.FiscalYear == FiscalYear, ct);
        if (typed is null)
        {
            Version = Stored?.Version ?? 0;
            MeetingDate = Stored?.CommitteeMeetingDate is { } d ? ThaiDates.FormatInput(d) : null;
            MeetingReference = Stored?.CommitteeMeetingReference;
            ChairName = Stored?.CommitteeChairName;
        }
        var producers = await db.Entrepreneurs.AsNoTracking().VisibleTo(me.Scope)
            .Where(e => e.DistrictCode == District && e.Status == RegistryStatus.Active)
            .OrderBy(e => e.Code).Select(e => new { e.Id, e.Code, e.Name }).ToListAsync(ct);
        var typedByCode = typed?.GroupBy(t => t.Code).ToDictionary(g => g.Key, g => g.First());
        Grid = producers.Select((p, i) =>
        {
            List<string> amounts;
            if (typedByCode is not null)
            {
                var t = typedByCode.GetValueOrDefault(p.Code);
                amounts = Months.Select((_, j) => t?.Amounts.ElementAtOrDefault(j) ?? "").ToList();
            }
            else
            {
                amounts = Months.Select(m => Stored?.Lines.FirstOrDefault(l => l.EntrepreneurId == p.Id && l.Month == m.ToString()) is { } l
                    ? ThaiMoney.Format(l.Amount) : "").ToList();
            }
            var total = amounts.Sum(a => ThaiMoney.ValueOrNull(a) ?? 0m);
            return new ProducerLine(i, p.Code, p.Name, amounts, total, []);
        }).ToList();

        if (me.Scope.Level != OrgLevel.District)
        {
            var province = District![..2];
            var estimates = await db.RevenueEstimates.AsNoTracking().VisibleTo(me.Scope)
                .Where(e => e.ProvinceCode == province && e.FiscalYear == FiscalYear).ToListAsync(ct);
            foreach (var (code, name) in Districts.Where(d => d.Code.StartsWith(province, StringComparison.Ordinal)))
            {
                var e = estimates.FirstOrDefault(x => x.DistrictCode == code);
                ProvinceSummary.Add(new DistrictSummary(code, name, e?.Total ?? 0m,
                    e is null ? "ยังไม่จัดทำ" : e.Status == RevenueEstimateStatus.Sent ? "ส่งจังหวัดแล้ว" : e.Status == RevenueEstimateStatus.Returned ? "ส่งคืนให้แก้ไข" : "ร่าง",
                    e?.Status == RevenueEstimateStatus.Sent, e?.SentAt, e?.Status == RevenueEstimateStatus.Sent && e.Late, e?.CommitteeMeetingReference is null ? null : $"{e.CommitteeMeetingReference} · {e.CommitteeChairName}"));
            }
        }
        ModelState.Clear();
    }
}

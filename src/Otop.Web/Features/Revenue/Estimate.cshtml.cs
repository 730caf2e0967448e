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
using Otop.Web.Platform.Writes;

namespace Otop.Web.Features.Revenue;

/// <summary>
/// แบบประมาณการรายได้ (letter 2, clause 2, enclosure 4): per producer, the estimated revenue of each month of the fiscal
/// year; certified by the district OTOP committee (meeting date, reference, chair, scanned minutes) and sent to the
/// province. A province sees every district's estimate and the province total (the sum of its districts).
/// </summary>
public sealed class EstimateModel(AppDbContext db, CurrentUser me, TimeProvider clock, DistrictWriteGuard guard) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? District { get; set; }
    [BindProperty(SupportsGet = true, BinderType = typeof(FiscalYearBinder))] public int? FiscalYear { get; set; }
    [BindProperty] public int Version { get; set; }
    [BindProperty] public List<LineInput> Lines { get; set; } = [];
    [BindProperty] public string? MeetingDate { get; set; }
    [BindProperty] public string? MeetingReference { get; set; }
    [BindProperty] public string? ChairName { get; set; }
    [BindProperty] public IFormFile? Minutes { get; set; }
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
    /// <summary>A sent estimate is locked (decision 014): the district edits it again only once the province returns it.</summary>
    public bool Locked => Stored?.Status == RevenueEstimateStatus.Sent;
    public bool Editable => CanEdit && !Locked;
    public bool CanReturn => Locked && (me.IsProvinceOfficer || me.IsDepartmentAdmin);
    public string? Message { get; private set; }
    public List<string> Errors { get; } = [];

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
        // One read of the estimate serves the lock (decision 014) and the save below.
        var estimate = await db.RevenueEstimates.VisibleTo(me.Scope).Include(e => e.Lines)
            .FirstOrDefaultAsync(e => e.DistrictCode == District && e.FiscalYear == FiscalYear, ct);
        var sent = estimate?.Status == RevenueEstimateStatus.Sent;
        if (await guard.CheckAsync(District!, DistrictWrite.Estimate(sent), ct, fiscalYear: FiscalYear) is { } locked)
        {
            Errors.Add(locked.Message);
            Response.StatusCode = locked.Status;
            await LoadAsync(sent ? null : Lines, ct);
            return Page();
        }
        var producers = await db.Entrepreneurs.AsNoTracking().VisibleTo(me.Scope)
            .Where(e => e.DistrictCode == District).Select(e => new { e.Id, e.Code, e.Name }).ToDictionaryAsync(e => e.Code, ct);
        var parsed = new List<(int EntrepreneurId, string Month, decimal Amount)>();
        foreach (var line in Lines)
        {
            if (!producers.TryGetValue(line.Code, out var p)) continue;
            for (var j = 0; j < Months.Count && j < line.Amounts.Count; j++)
            {
                var text = line.Amounts[j];
                if (string.IsNullOrWhiteSpace(text)) continue;
                if (!ThaiDigits.TryParseDecimal(text, out var amount) || RevenueFigures.AmountError(amount) is not null)
                {
                    Errors.Add($"{p.Code} {p.Name} เดือน{RevenueMonth.ThaiMonth(Months[j])}: '{text}' ไม่ใช่จำนวนเงินที่ถูกต้อง (ไม่ติดลบ ทศนิยมไม่เกิน 2 ตำแหน่ง)");
                    continue;
                }
                parsed.Add((p.Id, Months[j].ToString(), amount));
            }
        }
        DateOnly? meetingDate = null;
        if (!string.IsNullOrWhiteSpace(MeetingDate))
        {
            if (ThaiDates.TryParseDate(MeetingDate, out var d)) meetingDate = d;
            else Errors.Add($"วันที่ประชุม '{MeetingDate}' ไม่ถูกต้อง (เช่น 15/11/2565)");
        }
        if (MeetingReference?.Trim().Length > 200) Errors.Add("ครั้งที่/เลขที่การประชุมยาวได้ไม่เกิน 200 ตัวอักษร");
        if (ChairName?.Trim().Length > 200) Errors.Add("ชื่อประธานคณะกรรมการยาวได้ไม่เกิน 200 ตัวอักษร");

        if ((estimate?.Version ?? 0) != Version)
        {
            Errors.Add($"ประมาณการนี้ถูกแก้ไขโดย {estimate!.UpdatedBy} เมื่อ {ThaiDates.FormatDateTime(estimate.UpdatedAt)} หลังจากที่ท่านเปิดไว้ กรุณาตรวจสอบแล้วบันทึกอีกครั้ง");
            Version = estimate.Version;
        }
        RevenueFile? minutes = null;
        if (Minutes is not null)
        {
            var (file, fileError) = await RevenueFiles.ReadAsync(Minutes, District!, RevenueFilePurpose.CommitteeMinutes, null, null, me.UserName, clock.GetUtcNow(), ct);
            if (fileError is not null) Errors.Add("รายงานการประชุม: " + fileError);
            minutes = file;
        }
        if (send)
        {
            if (meetingDate is null) Errors.Add("ส่งจังหวัดไม่ได้: กรุณาระบุวันที่ประชุมคณะกรรมการ นตผ. อำเภอ");
            if (string.IsNullOrWhiteSpace(MeetingReference)) Errors.Add("ส่งจังหวัดไม่ได้: กรุณาระบุครั้งที่/เลขที่การประชุม");
            if (string.IsNullOrWhiteSpace(ChairName)) Errors.Add("ส่งจังหวัดไม่ได้: กรุณาระบุชื่อประธานคณะกรรมการ");
            if (minutes is null && estimate?.MinutesFileId is null) Errors.Add("ส่งจังหวัดไม่ได้: กรุณาแนบรายงานการประชุมที่สแกนแล้ว");
        }
        if (Errors.Count > 0)
        {
            await LoadAsync(Lines, ct);
            return Page();
        }

        var old = estimate is null ? null : new { estimate.Total, estimate.Version, status = estimate.Status.ToString() };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (estimate is null)
        {
            estimate = new RevenueEstimate { DistrictCode = District!, ProvinceCode = District![..2], FiscalYear = FiscalYear!.Value };
            db.RevenueEstimates.Add(estimate);
        }
        estimate.Lines.Clear();
        await db.SaveChangesAsync(ct); // removes the old lines first so the same keys can be added again
        foreach (var (id, month, amount) in parsed) estimate.Lines.Add(new RevenueEstimateLine { EntrepreneurId = id, Month = month, Amount = amount });
        if (minutes is not null)
        {
            db.RevenueFiles.Add(minutes);
            await db.SaveChangesAsync(ct);
            estimate.MinutesFileId = minutes.Id;
        }
        estimate.Total = parsed.Sum(p => p.Amount);
        estimate.CommitteeMeetingDate = meetingDate;
        estimate.CommitteeMeetingReference = string.IsNullOrWhiteSpace(MeetingReference) ? null : MeetingReference.Trim();
        estimate.CommitteeChairName = string.IsNullOrWhiteSpace(ChairName) ? null : ChairName.Trim();
        // Saving a returned estimate keeps it returned (the province's reason stays in view) until it is sent again.
        estimate.Status = send ? RevenueEstimateStatus.Sent
            : estimate.Status == RevenueEstimateStatus.Returned ? RevenueEstimateStatus.Returned : RevenueEstimateStatus.Draft;
        if (send) { estimate.SentBy = me.UserName; estimate.SentAt = clock.GetUtcNow(); }
        estimate.Late = send && RevenueEstimate.IsLate(clock.GetUtcNow(), DueDate);
        estimate.Version++;
        estimate.UpdatedBy = me.UserName;
        estimate.UpdatedAt = clock.GetUtcNow();
        AuditLog.Record(db, me, clock, "revenue-estimate", $"{District}/{FiscalYear}", send ? "send" : "update", old,
            new { estimate.Total, estimate.Version, status = estimate.Status.ToString(), late = estimate.Late, minutes = RevenueFiles.Describe(minutes) },
            provinceCode: estimate.ProvinceCode);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        TempData["EstimateMessage"] = send ? "ส่งประมาณการรายได้ให้จังหวัดแล้ว" : "บันทึกประมาณการรายได้แล้ว";
        return RedirectToPage(new { district = District, fiscalYear = FiscalYear });
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
                    ? l.Amount.ToString("0.##", CultureInfo.InvariantCulture) : "").ToList();
            }
            var total = amounts.Sum(a => ThaiDigits.TryParseDecimal(a, out var v) ? v : 0m);
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

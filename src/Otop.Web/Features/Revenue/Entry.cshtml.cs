using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Otop.Domain;
using Otop.Web.Features.Circulars;
using Otop.Web.Features.Registry;
using Otop.Web.Platform.Audit;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Files;
using Otop.Web.Platform.Forms;
using Otop.Web.Platform.Writes;

namespace Otop.Web.Features.Revenue;

/// <summary>
/// รต.1 entry grid for one district and month (letter 2, clause 3): every active producer with last year's same month and
/// the estimate beside the figure, a running total, flags with explanations, evidence files, and the workflow buttons of
/// the caller's role. The same rules as the API (RevenueMonthCommands, RevenueWindow).
/// </summary>
// The month-end surge (docs/benchmarks.md, B2) arrives here as much as through the API: the page's Save and Act share the
// API's per-node write limit, taking a slot only after the form is read and the role checked (RevenueWriteLimit).
public sealed class EntryModel(AppDbContext db, CurrentUser me, TimeProvider clock, RevenueWriteLimit limit, DistrictWriteGuard guard,
    IOptions<RevenueOptions> options, RevenueMetrics metrics) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? District { get; set; }
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }
    [BindProperty] public int Version { get; set; }
    /// <summary>The figures the page started from (<see cref="EntryMerge.Encode"/>): the base of the three-way merge.</summary>
    [BindProperty] public string? Base { get; set; }
    [BindProperty] public List<GridInput> Rows { get; set; } = [];
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public string? EvidenceFor { get; set; }

    public sealed class GridInput
    {
        public string Code { get; set; } = "";
        public string? Amount { get; set; }
        public string? Explanation { get; set; }
        /// <summary>"ไม่มียอดขายเดือนนี้" ticked: a figure of 0 that says the producer sold nothing (issue 16, item 6).</summary>
        public bool NoSales { get; set; }
        /// <summary>The row was shown as a conflict of the merge: it is written only once <see cref="Choice"/> says whose figure wins.</summary>
        public bool Conflict { get; set; }
        /// <summary>"mine" (the typed figure) or "theirs" (the figure saved by the colleague, as in <see cref="Base"/>).</summary>
        public string? Choice { get; set; }
    }

    public sealed record GridRow(int Index, int EntrepreneurId, string Code, string Name, string AmountText, string? Explanation, bool NoSales,
        decimal? LastYear, decimal? Estimate, bool Flagged, string? Error, List<(int Id, string Name)> Evidence,
        bool IsConflict = false, string? Mine = null, string? Theirs = null);

    public CurrentUser Me => me;
    public List<(string Code, string Name)> Districts { get; private set; } = [];
    public string DistrictName { get; private set; } = "";
    public YearMonth SelectedMonth { get; private set; }
    /// <summary>This month in Bangkok, around which the BE month picker offers its months (Shared/_MonthPicker).</summary>
    public YearMonth ThisMonth { get; private set; }
    public RevenueMonthDto Current { get; private set; } = null!;
    public List<GridRow> Grid { get; private set; } = [];
    public string? Message { get; private set; }
    public string? Error { get; private set; }
    public bool Conflict { get; private set; }
    public int ConflictCount { get; private set; }
    public List<(string Code, string Name)> NotReported { get; private set; } = [];
    public DateOnly CertifyOpensOn { get; private set; }
    public bool MayCertifyNow { get; private set; }
    public string? WindowMessage { get; private set; }
    /// <summary>During the 6th–10th close, why the province cannot approve, return or unlock and when it can (issue 15, item 6): the buttons are not offered.</summary>
    public string? ProvinceActionsClosed { get; private set; }
    public bool CanEdit { get; private set; }
    public decimal TypedTotal { get; private set; }
    public List<(int Id, string Name, DateTimeOffset At)> SignedScans { get; private set; } = [];
    public DateTimeOffset ConfirmDeadline { get; private set; }
    public MonthlyCycle Cycle { get; private set; } = MonthlyCycle.Default;
    /// <summary>The rows in error for the error summary (Shared/_ErrorSummary), each linking to <see cref="AmountId"/>.</summary>
    public FormErrors Errors { get; } = new();

    /// <summary>The id of a row's amount input, which the error summary links to; its message is <c>{id}-error</c>.</summary>
    public static string AmountId(int index) => $"amount-{index.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await ResolveAsync(ct) is { } result) return result;
        Message = TempData["RevenueMessage"] as string;
        await LoadAsync(typed: null, errors: null, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        if (await ResolveAsync(ct) is { } result) return result;
        if (!(me.IsDistrictStaff || me.IsDepartmentAdmin)) return Forbid();
        var errors = new Dictionary<string, string>();
        var baseRows = EntryMerge.Decode(Base);
        var entries = new List<EntryInput>();
        foreach (var row in Rows)
        {
            row.Code = row.Code?.Trim() ?? ""; // a posted row without a code binds null
            if (row.Conflict)
            {
                // A row both officers changed: nothing is written until the officer says whose figure it keeps.
                if (row.Choice is not ("mine" or "theirs")) { AddRowError(errors, row.Code, "แถวนี้ท่านและผู้อื่นแก้ไขต่างกัน กรุณาเลือกว่าจะใช้ตัวเลขใด"); continue; }
                if (row.Choice == "theirs")
                {
                    if (baseRows.TryGetValue(row.Code, out var theirs)) entries.Add(theirs.ToInput(row.Code));
                    continue;
                }
            }
            var typed = ThaiMoney.Read(row.Amount);
            if (typed.IsEmpty)
            {
                if (row.NoSales) entries.Add(new EntryInput(row.Code, null, row.Explanation, true));
                continue; // no figure typed and not marked: the producer has not reported this month
            }
            if (typed.Error is { } amountError) { AddRowError(errors, row.Code, amountError); continue; }
            entries.Add(new EntryInput(row.Code, typed.Amount, row.Explanation, row.NoSales ? true : null));
        }
        if (errors.Count > 0)
        {
            Error = $"บันทึกไม่ได้: มี {errors.Count} รายการที่จำนวนเงินไม่ถูกต้องหรือยังไม่ได้เลือกตัวเลข (ทำเครื่องหมายไว้ในตาราง) ข้อมูลที่พิมพ์ยังอยู่ครบ";
            await LoadAsync(Rows, errors, ct);
            return Page();
        }

        // The form is read and the role checked: only now a write slot (RevenueWriteLimit).
        using var permit = await limit.EnterAsync(me, District, RevenueAction.Edit, ct);
        if (permit.Refusal is { } busy)
        {
            Error = busy.Detail + " ข้อมูลที่พิมพ์ยังอยู่ครบ";
            Busy();
            await LoadAsync(Rows, null, ct);
            return Page();
        }
        var version = Version;
        var kept = 0;
        for (var attempt = 0; ; attempt++)
        {
            var (saved, refusal) = await RevenueMonthCommands.SaveAsync(db, me, clock, metrics, District!, Month!, version, entries, ct);
            if (refusal is null)
            {
                TempData["RevenueMessage"] = $"บันทึกแล้ว (ฉบับที่ {saved}) รวม {ThaiDigits.FormatNumber(entries.Sum(e => e.EffectiveAmount!.Value), 2, false)} บาท"
                    + (kept > 0 ? $" · คงตัวเลขที่ผู้อื่นแก้ไขไว้ {kept} ราย" : "");
                return RedirectToPage(new { district = District, month = Month });
            }
            if (refusal.Status == 409 && refusal.Extensions?.ContainsKey("currentVersion") == true && attempt < 3)
            {
                // Saved by a colleague since this page was opened: merge per producer (issue 15, item 3).
                var (current, _) = await RevenueMonthQueries.ReadAsync(db, me, District!, Month!, ct);
                var merge = EntryMerge.Merge(baseRows, current!.Entries, entries);
                kept += merge.Count(m => m.Outcome == RowMergeOutcome.TheirsKept);
                if (merge.Any(m => m.Outcome == RowMergeOutcome.Conflict))
                {
                    Conflict = true;
                    ConflictCount = merge.Count(m => m.Outcome == RowMergeOutcome.Conflict);
                    Error = refusal.Detail + $" ระบบรวมแถวที่แก้ไขฝั่งเดียวให้แล้ว เหลือ {ConflictCount} แถวที่ท่านและผู้อื่นแก้ไขต่างกัน (แถบสีส้ม) กรุณาเลือกตัวเลขที่จะใช้แล้วกดบันทึกอีกครั้ง";
                    await LoadAsync(Rows, null, ct, merge.ToDictionary(m => m.Key, StringComparer.Ordinal));
                    return Page();
                }
                entries = merge.Where(m => m.Merged is not null).Select(m => m.Merged!.ToInput(m.Key)).ToList();
                baseRows = current.Entries.ToDictionary(e => e.EntrepreneurCode, EntryFigure.Of, StringComparer.Ordinal);
                version = current.Version;
                continue;
            }
            Error = refusal.Message;
            if (refusal.Status == 423) Response.StatusCode = 423;
            // One row may have several errors (a producer not of the district and an explanation too long), and two rows
            // may name the same producer: every message is kept beside its row, never a duplicate key (a 500).
            var rowErrors = new Dictionary<string, string>();
            foreach (var (key, messages) in refusal.Errors ?? new Dictionary<string, string[]>())
            {
                if (!key.StartsWith("entries[", StringComparison.Ordinal) || !int.TryParse(key.AsSpan(8, Math.Max(0, key.IndexOf(']') - 8)),
                    System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index) || index >= entries.Count) continue;
                AddRowError(rowErrors, entries[index].EntrepreneurCode ?? "", string.Join(" ", messages));
            }
            await LoadAsync(Rows, rowErrors, ct);
            return Page();
        }
    }

    private static void AddRowError(Dictionary<string, string> errors, string code, string message) =>
        errors[code] = errors.TryGetValue(code, out var earlier) && earlier != message ? $"{earlier} {message}" : message;

    private void Busy()
    {
        Response.StatusCode = StatusCodes.Status429TooManyRequests;
        Response.Headers.RetryAfter = RevenueWriteLimit.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<IActionResult> OnPostActAsync(string action, CancellationToken ct)
    {
        if (await ResolveAsync(ct) is { } result) return result;
        if (!Enum.TryParse<RevenueAction>(action, ignoreCase: true, out var revenueAction) || revenueAction == RevenueAction.Edit) return BadRequest();

        RevenueFile? scan = null;
        if (revenueAction == RevenueAction.Certify && Upload is not null)
        {
            var (file, fileError) = await RevenueFiles.ReadAsync(Upload, District!, RevenueFilePurpose.SignedRt2, Month, null, me.UserName, clock.GetUtcNow(), ct);
            if (fileError is not null)
            {
                Error = "รับรองไม่ได้: " + fileError;
                await LoadAsync(null, null, ct);
                return Page();
            }
            scan = file;
        }

        using var permit = await limit.EnterAsync(me, District, revenueAction, ct);
        if (permit.Refusal is { } busy)
        {
            Error = busy.Detail;
            Busy();
            await LoadAsync(null, null, ct);
            return Page();
        }
        var (_, refusal) = await RevenueMonthCommands.TransitionAsync(db, me, clock, District!, Month!, revenueAction, Reason, ct, options.Value);
        if (refusal is { Status: 403 }) return Forbid();
        if (refusal is not null)
        {
            Error = refusal.Message;
            if (refusal.Status == 423) Response.StatusCode = 423;
            await LoadAsync(null, null, ct);
            return Page();
        }
        if (scan is not null)
        {
            db.RevenueFiles.Add(scan);
            AuditLog.Record(db, me, clock, "revenue-file", $"{District}/{Month}", "attach-signed-rt2",
                newValue: RevenueFiles.Describe(scan), provinceCode: District![..2]);
            await db.SaveChangesAsync(ct);
        }
        TempData["RevenueMessage"] = $"{RevenueWorkflow.ThaiActionName(revenueAction)}ข้อมูลเดือน{RevenueMonth.ThaiMonth(SelectedMonth)} แล้ว";
        return RedirectToPage(new { district = District, month = Month });
    }

    public async Task<IActionResult> OnPostEvidenceAsync(CancellationToken ct)
    {
        if (await ResolveAsync(ct) is { } result) return result;
        if (!(me.IsDistrictStaff || me.IsDepartmentAdmin)) return Forbid();
        // A certified (or later) month's evidence is what the head signed: frozen until returned or unlocked; and the close (decision 014).
        var key = SelectedMonth.ToString();
        var status = await db.RevenueMonths.AsNoTracking().VisibleTo(me.Scope).Where(m => m.DistrictCode == District && m.Month == key)
            .Select(m => (RevenueStatus?)m.Status).FirstOrDefaultAsync(ct);
        if (await guard.CheckAsync(District!, DistrictWrite.File(status), ct, SelectedMonth) is { } locked)
        {
            Error = locked.Message;
            Response.StatusCode = locked.Status;
            await LoadAsync(null, null, ct);
            return Page();
        }
        var producer = await db.Entrepreneurs.AsNoTracking().VisibleTo(me.Scope)
            .FirstOrDefaultAsync(e => e.DistrictCode == District && e.Code == EvidenceFor, ct);
        if (!(me.IsDistrictStaff || me.IsDepartmentAdmin)) Error = "เฉพาะเจ้าหน้าที่อำเภอเท่านั้นที่แนบหลักฐานได้";
        else if (producer is null) Error = "กรุณาเลือกผู้ประกอบการที่จะแนบหลักฐาน";
        else
        {
            var (file, fileError) = await RevenueFiles.ReadAsync(Upload, District!, RevenueFilePurpose.Evidence, Month, producer.Id, me.UserName, clock.GetUtcNow(), ct);
            if (fileError is not null) Error = "แนบหลักฐานไม่ได้: " + fileError;
            else
            {
                db.RevenueFiles.Add(file!);
                AuditLog.Record(db, me, clock, "revenue-file", $"{District}/{Month}", "attach-evidence",
                    newValue: new { entrepreneur = producer.Code, file = RevenueFiles.Describe(file) }, provinceCode: District![..2]);
                await db.SaveChangesAsync(ct);
                TempData["RevenueMessage"] = $"แนบหลักฐานของ {producer.Code} แล้ว";
                return RedirectToPage(new { district = District, month = Month });
            }
        }
        await LoadAsync(null, null, ct);
        return Page();
    }

    public async Task<IActionResult> OnGetFileAsync(int id, CancellationToken ct)
    {
        var file = await db.RevenueFiles.AsNoTracking().VisibleTo(me.Scope).FirstOrDefaultAsync(f => f.Id == id, ct);
        return file is null ? NotFound() : File(file.Content, file.ContentType, UploadedFile.SafeFileName(file.FileName));
    }

    private async Task<IActionResult?> ResolveAsync(CancellationToken ct)
    {
        Districts = (await db.OrgUnits.AsNoTracking().VisibleTo(me.Scope).Where(o => o.Level == OrgLevel.District)
            .OrderBy(o => o.Code).Select(o => new { o.Code, o.NameTh }).Take(1000).ToListAsync(ct))
            .Select(o => (o.Code, o.NameTh)).ToList();
        if (Districts.Count == 0) return Forbid();
        District ??= Districts[0].Code;
        if (!Districts.Any(d => d.Code == District)) return NotFound();
        DistrictName = Districts.First(d => d.Code == District).Name;

        var today = Bangkok.Today(clock.GetUtcNow());
        ThisMonth = YearMonth.Of(today);
        if (!YearMonth.TryParse(Month, out var month))
        {
            // Until the close on the 6th the previous month is still being finished (letter 2, clauses 4 and 6).
            var thisMonth = YearMonth.Of(today);
            var cycle = await db.CycleForAsync(thisMonth.Previous(), ct);
            month = today.Day < cycle.CloseFromDay ? thisMonth.Previous() : thisMonth;
        }
        SelectedMonth = month;
        Month = month.ToString();
        return null;
    }

    private async Task LoadAsync(List<GridInput>? typed, Dictionary<string, string>? errors, CancellationToken ct,
        Dictionary<string, RowMergeResult<EntryFigure>>? merge = null)
    {
        var (current, _) = await RevenueMonthQueries.ReadAsync(db, me, District!, Month!, ct);
        Current = current!;
        var now = clock.GetUtcNow();
        Cycle = await db.CycleForAsync(SelectedMonth, ct);
        ConfirmDeadline = MonthWindow.ConfirmDeadline(SelectedMonth, Cycle);
        CertifyOpensOn = CompleteMonth.CertifyOpensOn(SelectedMonth, options.Value.CertifyFromDay);
        MayCertifyNow = CompleteMonth.MayCertify(SelectedMonth, now, options.Value.CertifyFromDay);
        var window = RevenueWindow.RefusalFor(me, SelectedMonth, now, Cycle, Current.Unlocked, RevenueAction.Edit);
        WindowMessage = window?.Detail;
        ProvinceActionsClosed = me.IsProvinceOfficer
            ? RevenueWindow.RefusalFor(me, SelectedMonth, now, Cycle, Current.Unlocked, RevenueAction.Approve)?.Detail : null;
        RevenueWorkflow.TryParseStatus(Current.Status, out var status);
        CanEdit = (me.IsDistrictStaff || me.IsDepartmentAdmin) && window is null && RevenueWorkflow.CanApply(status, RevenueAction.Edit);
        NotReported = await RevenueCompleteness.NotReportedAsync(db, District!, SelectedMonth, ct);

        var key = Month!;
        var producers = await db.Entrepreneurs.AsNoTracking().VisibleTo(me.Scope)
            .Where(e => e.DistrictCode == District && (e.Status == RegistryStatus.Active
                || db.Set<RevenueEntry>().Any(r => r.EntrepreneurId == e.Id && r.RevenueMonth.Month == key)))
            .OrderBy(e => e.Code)
            .Select(e => new { e.Id, e.Code, e.Name })
            .ToListAsync(ct);
        var references = await RevenueMonthQueries.ReferenceFiguresAsync(db, District!, SelectedMonth, ct);
        var evidence = (await db.RevenueFiles.AsNoTracking().VisibleTo(me.Scope)
                .Where(f => f.DistrictCode == District && f.Month == key)
                .Select(f => new { f.Id, f.FileName, f.Purpose, f.EntrepreneurId, f.UploadedAt })
                .ToListAsync(ct));
        SignedScans = evidence.Where(f => f.Purpose == RevenueFilePurpose.SignedRt2).Select(f => (f.Id, f.FileName, f.UploadedAt)).ToList();
        var stored = Current.Entries.ToDictionary(e => e.EntrepreneurCode);
        var typedByCode = typed?.Where(t => !string.IsNullOrEmpty(t.Code)).GroupBy(t => t.Code).ToDictionary(g => g.Key, g => g.First());

        Grid = producers.Select((p, i) =>
        {
            var (lastYear, estimate) = references.GetValueOrDefault(p.Id);
            stored.TryGetValue(p.Code, out var entry);
            string amountText;
            string? explanation;
            bool noSales;
            RowMergeResult<EntryFigure>? merged = null;
            if (merge is not null && merge.TryGetValue(p.Code, out merged) && merged.Outcome != RowMergeOutcome.Conflict)
            {
                amountText = EntryMerge.AmountText(merged.Merged);
                explanation = merged.Merged?.Explanation;
                noSales = merged.Merged?.NoSales ?? false;
            }
            else if (typedByCode is not null)
            {
                typedByCode.TryGetValue(p.Code, out var t);
                amountText = t?.Amount ?? "";
                explanation = t?.Explanation;
                noSales = t?.NoSales ?? false;
            }
            else
            {
                amountText = entry is null || entry.NoSales ? "" : ThaiMoney.Format(entry.Amount);
                explanation = entry?.Explanation;
                noSales = entry?.NoSales ?? false;
            }
            var flagged = !noSales && ThaiMoney.ValueOrNull(amountText) is { } a && RevenueFigures.IsFlagged(a, lastYear, estimate);
            var conflict = merged is { Outcome: RowMergeOutcome.Conflict };
            return new GridRow(i, p.Id, p.Code, p.Name, amountText, explanation, noSales, lastYear, estimate, flagged,
                errors?.GetValueOrDefault(p.Code),
                evidence.Where(f => f.Purpose == RevenueFilePurpose.Evidence && f.EntrepreneurId == p.Id).Select(f => (f.Id, f.FileName)).ToList(),
                conflict, conflict ? merged!.Typed?.Display ?? "(ว่าง)" : null, conflict ? merged!.Saved?.Display ?? "(ว่าง)" : null);
        }).ToList();
        TypedTotal = Grid.Sum(r => ThaiMoney.ValueOrNull(r.AmountText) ?? 0m);
        // The error summary: each row in error, named by its producer, linking to its amount; an error of a posted row the
        // grid does not show (a code not of this district) is listed without a link.
        Errors.Clear();
        foreach (var r in Grid.Where(r => r.Error is not null)) Errors.Add(AmountId(r.Index), $"{r.Code} {r.Name}: {r.Error}");
        foreach (var (code, message) in errors ?? [])
        {
            if (!Grid.Any(r => r.Code == code)) Errors.Add(code.Length == 0 ? message : $"{code}: {message}");
        }
        // The merge shows the figures saved now as the new base; any other refusal keeps the version and base the user
        // started from, so a concurrent change is still caught and merged.
        if (typed is null || Conflict)
        {
            Version = Current.Version;
            Base = EntryMerge.Encode(Current.Entries);
        }
        ModelState.Clear();
    }
}

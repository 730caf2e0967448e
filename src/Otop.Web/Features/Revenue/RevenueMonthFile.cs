using System.Globalization;
using Otop.Domain;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Files;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.Revenue;

/// <summary>
/// <c>POST /api/v1/revenue/{districtCode}/{month}/file</c> (CONTRACT.md "Revenue") and the page "กรอกจาก Excel": the month's
/// entries replaced from a file, through the same command as the PUT (<see cref="RevenueMonthCommands.SaveAsync"/>), so the
/// same roles, window, version and figure rules apply. Two files are taken: the รต.1 XLSX exactly as the report gives it
/// (its hidden sheet carries the district, the month and the version it was made from, so a month changed since the
/// download answers 409), with the amounts filled in; or a CSV <c>entrepreneur_code,amount,explanation</c>, taken
/// against the current version. A blank amount is "not reported" (no entry); <c>0</c> is a figure. All-or-nothing: any
/// bad row answers 422 naming its row ("แถว 12: …") and nothing is written.
/// </summary>
public static class RevenueMonthFile
{
    public static readonly string[] CsvHeader = ["entrepreneur_code", "amount", "explanation"];

    public static async Task<IResult> HandleAsync(string districtCode, string month, HttpRequest request, CurrentUser me, AppDbContext db,
        TimeProvider clock, RevenueWriteLimit limit, RevenueMetrics metrics, CancellationToken ct)
    {
        // Who and when before the file is even read: a caller who may not write, or a closed month, learns nothing of its rows.
        if (await RefusalBeforeReadingAsync(db, me, clock, districtCode, month, ct) is { } early) return early.ToProblem();
        var (file, missing) = await FilledSheetUpload.FormFileAsync(request, ct);
        if (missing is not null) return missing.ToProblem();
        var (version, refusal) = await UploadAsync(db, me, clock, limit, metrics, districtCode, month, file, ct);
        if (refusal is not null) return refusal.Status == 429 ? Problems.TooMany(refusal.Detail, RevenueWriteLimit.RetryAfterSeconds) : refusal.ToProblem();
        return TypedResults.Ok(new { version });
    }

    /// <summary>The page's and the API's upload: read, matched to the month, saved by the command; the new version or why not.</summary>
    public static async Task<(int Version, Refusal? Refusal)> UploadAsync(AppDbContext db, CurrentUser me, TimeProvider clock, RevenueWriteLimit limit, RevenueMetrics metrics,
        string districtCode, string monthText, IFormFile? upload, CancellationToken ct)
    {
        if (await RefusalBeforeReadingAsync(db, me, clock, districtCode, monthText, ct) is { } early) return (0, early);
        var (sheet, unreadable) = await FilledSheetUpload.ReadAsync(upload, ct);
        if (unreadable is not null) return (0, unreadable);
        var (current, _) = await RevenueMonthQueries.ReadAsync(db, me, districtCode, monthText, ct);
        var (version, entries, rows, invalid) = sheet!.IsXlsx ? FromRt1(sheet, districtCode, monthText) : FromCsv(sheet, current!.Version);
        if (invalid is not null) return (0, invalid);

        using var permit = await limit.EnterAsync(me, districtCode, RevenueAction.Edit, ct);
        if (permit.Refusal is { } busy) return (0, busy);
        var (saved, refusal) = await RevenueMonthCommands.SaveAsync(db, me, clock, metrics, districtCode, monthText, version, entries, ct);
        return refusal is null ? (saved, null) : (0, FilledSheetUpload.ByRow(refusal, rows));
    }

    /// <summary>The role, scope, district and month checks, and the month's window (423), as the PUT makes them first.</summary>
    private static async Task<Refusal?> RefusalBeforeReadingAsync(AppDbContext db, CurrentUser me, TimeProvider clock, string districtCode, string monthText, CancellationToken ct)
    {
        if (!(me.IsDistrictStaff || me.IsDepartmentAdmin))
        {
            return new Refusal(403, "เฉพาะพัฒนากรและพัฒนาการอำเภอของอำเภอนั้น (หรือผู้ดูแลระบบระดับกรม) เท่านั้นที่บันทึกรายได้ได้");
        }
        if (!me.Scope.Covers(districtCode)) return ScopedDistricts.OutOfScope(districtCode);
        var (dto, refusal) = await RevenueMonthQueries.ReadAsync(db, me, districtCode, monthText, ct);
        if (refusal is not null) return refusal;
        RevenueMonthQueries.ParseMonth(monthText, out var month);
        var cycle = await db.CycleForAsync(month, ct);
        return RevenueWindow.RefusalFor(me, month, clock.GetUtcNow(), cycle, dto!.Unlocked, RevenueAction.Edit);
    }

    private static (int? Version, List<EntryInput> Entries, List<int> Rows, Refusal? Refusal) FromRt1(FilledSheet sheet, string districtCode, string monthText)
    {
        var facts = sheet.Facts;
        if (facts.GetValueOrDefault("form") != "rt1" || !int.TryParse(facts.GetValueOrDefault("version"), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return (null, [], [], new Refusal(422, $"ไฟล์ {sheet.FileName} ไม่ใช่แบบ รต.1 ที่ดาวน์โหลดจากระบบ กรุณาดาวน์โหลดแบบ รต.1 ของเดือนนี้ กรอกรายได้ แล้วส่งไฟล์นั้น (หรือส่ง CSV {string.Join(",", CsvHeader)})"));
        }
        if (facts.GetValueOrDefault("district") != districtCode || facts.GetValueOrDefault("month") != monthText)
        {
            return (null, [], [], new Refusal(422, $"ไฟล์ {sheet.FileName} เป็นแบบ รต.1 ของอำเภอ {facts.GetValueOrDefault("district")} เดือน {facts.GetValueOrDefault("month")} ไม่ใช่ของอำเภอ {districtCode} เดือน {monthText}"));
        }
        var header = sheet.Rows.FirstOrDefault(r => r.Cells.Contains("รหัสผู้ประกอบการ"));
        if (header.Cells is null) return (null, [], [], new Refusal(422, $"ไฟล์ {sheet.FileName} ไม่มีแถวหัวตารางของแบบ รต.1 (รหัสผู้ประกอบการ, รายได้ (บาท))"));
        var code = Array.IndexOf(header.Cells, "รหัสผู้ประกอบการ");
        var amount = Array.IndexOf(header.Cells, "รายได้ (บาท)");
        var note = Array.IndexOf(header.Cells, "หมายเหตุ/คำชี้แจง");
        // The data rows run from below the header to the total line (the first row without a producer's code).
        var data = sheet.Rows.Where(r => r.Row > header.Row).TakeWhile(r => FilledSheetUpload.Cell(r, code).Length > 0);
        var (entries, rows, invalid) = Entries(data, code, amount, note);
        return (version, entries, rows, invalid);
    }

    private static (int? Version, List<EntryInput> Entries, List<int> Rows, Refusal? Refusal) FromCsv(FilledSheet sheet, int currentVersion)
    {
        var header = sheet.Rows.FirstOrDefault().Cells?.Select(c => c.Trim().ToLowerInvariant()).ToArray() ?? [];
        if (!(header.SequenceEqual(CsvHeader) || header.SequenceEqual(CsvHeader[..2])))
        {
            return (null, [], [], Refusal.Invalid("rows[1]", $"แถว 1: แถวหัวตารางต้องเป็น {string.Join(",", CsvHeader)}"));
        }
        var (entries, rows, invalid) = Entries(sheet.Rows.Skip(1).Where(r => !r.IsBlank), 0, 1, header.Length > 2 ? 2 : -1);
        return (currentVersion, entries, rows, invalid);
    }

    /// <summary>Each row's figure as typed (Thai digits and thousands separators too); a blank amount is not an entry.</summary>
    private static (List<EntryInput> Entries, List<int> Rows, Refusal? Refusal) Entries(IEnumerable<FileRow> data, int code, int amount, int note)
    {
        var entries = new List<EntryInput>();
        var rows = new List<int>();
        var errors = new SortedDictionary<int, List<string>>();
        foreach (var row in data)
        {
            var text = FilledSheetUpload.Cell(row, amount);
            var explanation = FilledSheetUpload.Cell(row, note);
            var typed = ThaiMoney.Read(text);
            if (typed.IsEmpty)
            {
                if (explanation.Length > 0) FilledSheetUpload.Add(errors, row.Row, "มีคำชี้แจงแต่ไม่มีรายได้ (ช่องรายได้ว่าง = ยังไม่รายงาน ใส่ 0 หากไม่มีรายได้)");
                continue;
            }
            if (typed.Error is { } amountError)
            {
                FilledSheetUpload.Add(errors, row.Row, "รายได้ " + amountError);
                continue;
            }
            entries.Add(new EntryInput(FilledSheetUpload.Cell(row, code), typed.Amount, explanation.Length == 0 ? null : explanation));
            rows.Add(row.Row);
        }
        return (entries, rows, errors.Count > 0 ? FilledSheetUpload.RowErrors(errors) : null);
    }
}

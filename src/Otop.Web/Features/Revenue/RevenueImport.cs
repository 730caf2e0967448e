using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Circulars;
using Otop.Web.Features.Registry;
using Otop.Web.Platform.Audit;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Files;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.Revenue;


/// <summary>
/// <c>POST /api/v1/revenue/import</c> (DepartmentAdmin, multipart field <c>file</c>, CSV <c>entrepreneur_code,month,amount</c>):
/// history such as the previous year's baseline, whatever the window. All-or-nothing like the registry import: any bad row
/// and the answer is 422 with every bad row (row 1 is the header) and nothing written. Each (district, month) touched gets
/// the file's figures for the producers named (others in that month are kept), its total recomputed, and status
/// <c>approved</c>: history is already checked figures, not a month to send through the district cycle again.
/// <c>?commit=false</c> only validates.
/// </summary>
public static class RevenueImport
{
    public static readonly string[] Header = ["entrepreneur_code", "month", "amount"];

    public static async Task<IResult> HandleAsync(HttpRequest request, bool? commit, CurrentUser me, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (!me.IsDepartmentAdmin) return Problems.Forbidden("เฉพาะผู้ดูแลระบบระดับกรมเท่านั้นที่นำเข้าข้อมูลรายได้ย้อนหลังได้");
        if (!request.HasFormContentType) return Problems.BadRequest("ต้องส่งไฟล์แบบ multipart/form-data ในช่อง file");
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (InvalidDataException e) when (!e.Message.Contains("body length", StringComparison.OrdinalIgnoreCase))
        {
            return Problems.BadRequest("อ่านข้อมูลแบบ multipart ไม่ได้ หัวข้อมูลของไฟล์ (เช่น ชื่อไฟล์) ยาวเกินไปหรือผิดรูปแบบ");
        }
        catch (Exception e) when (e is BadHttpRequestException { StatusCode: 413 } or InvalidDataException)
        {
            // Over the server's request limit (30 MB by default): a history file is far smaller than that.
            return Problems.Status(413, "ไฟล์ใหญ่เกินกำหนด กรุณาแบ่งไฟล์แล้วนำเข้าทีละส่วน");
        }
        var file = form.Files["file"];
        if (file is null || file.Length == 0) return Problems.BadRequest("ไม่พบไฟล์ในช่อง file");

        List<FileRow> lines;
        try
        {
            lines = TabularFile.ReadRows(file.OpenReadStream()).ToList();
        }
        catch (UnreadableFileException e)
        {
            return Problems.Status(e.Status, e.Message);
        }
        var (inserted, updated, rejected, _) = await ImportAsync(db, me, clock, lines, commit ?? true, ct);
        return rejected.Count > 0
            ? Problems.ImportRejected(rejected, inserted, updated)
            : TypedResults.Ok(new { inserted, updated, rejected });
    }

    public sealed record Counts(int Months, int Entries);

    /// <summary>What a file loaded into one province's month (issue 16, item 3: "a summary of what was loaded per province and month").</summary>
    public sealed record LoadedMonth(string ProvinceCode, YearMonth Month, int Districts, int Producers, decimal Amount);

    public sealed record Result(Counts Inserted, Counts Updated, List<RejectedRow> Rejected, List<LoadedMonth> Loaded)
    {
        public static Result Refused(List<RejectedRow> rejected) => new(new Counts(0, 0), new Counts(0, 0), rejected, []);
    }

    public static async Task<Result> ImportAsync(AppDbContext db, CurrentUser me,
        TimeProvider clock, IReadOnlyList<FileRow> lines, bool commit, CancellationToken ct)
    {
        var rejected = new List<RejectedRow>();
        if (lines.Count == 0 || !lines[0].Cells.Select(h => h.Trim().ToLowerInvariant()).SequenceEqual(Header))
        {
            rejected.Add(new RejectedRow(1, [$"แถวหัวตารางต้องเป็น {string.Join(",", Header)}"]));
            return Result.Refused(rejected);
        }
        if (lines.Count == 1)
        {
            rejected.Add(new RejectedRow(1, ["ไฟล์ไม่มีข้อมูลรายได้"]));
            return Result.Refused(rejected);
        }

        var codes = lines.Skip(1).Where(l => l.Cells.Length > 0).Select(l => l.Cells[0].Trim()).Distinct().ToList();
        var producers = await db.Entrepreneurs.AsNoTracking().VisibleTo(me.Scope)
            .Where(e => codes.Contains(e.Code))
            .Select(e => new { e.Id, e.Code, e.DistrictCode, e.ProvinceCode })
            .ToDictionaryAsync(e => e.Code, ct);

        var rows = new List<(string District, string Province, YearMonth Month, int EntrepreneurId, decimal Amount, int Row)>();
        var seen = new Dictionary<(string, YearMonth), int>();
        for (var i = 1; i < lines.Count; i++)
        {
            var rowNumber = lines[i].Row;
            var cells = lines[i].Cells;
            if (cells.All(string.IsNullOrWhiteSpace)) continue;
            var errors = new List<string>();
            if (cells.Length != Header.Length) errors.Add($"ต้องมี {Header.Length} คอลัมน์ ({string.Join(",", Header)}) แต่พบ {cells.Length}");
            var code = cells.ElementAtOrDefault(0)?.Trim() ?? "";
            var monthText = ThaiDigits.ToArabic(cells.ElementAtOrDefault(1)?.Trim() ?? "");
            var amountText = cells.ElementAtOrDefault(2) ?? "";

            if (!producers.TryGetValue(code, out var producer)) errors.Add($"entrepreneur_code: ไม่พบผู้ประกอบการรหัส '{code}'");
            if (!YearMonth.TryParse(monthText, out var month)) errors.Add($"month: '{monthText}' ไม่ใช่เดือนในรูปแบบ YYYY-MM (ค.ศ.)");
            if (!ThaiMoney.TryParse(amountText, out var amount, out var amountError)) errors.Add("amount: " + amountError);
            if (producer is not null && month != default && seen.TryGetValue((code, month), out var first))
            {
                errors.Add($"ผู้ประกอบการ {code} เดือน {month} ซ้ำกับแถวที่ {first}");
            }

            if (errors.Count > 0)
            {
                rejected.Add(new RejectedRow(rowNumber, errors));
                continue;
            }
            seen[(code, month)] = rowNumber;
            rows.Add((producer!.DistrictCode, producer.ProvinceCode, month, producer.Id, amount, rowNumber));
        }
        if (rejected.Count > 0) return Result.Refused(rejected);

        var groups = rows.GroupBy(r => (r.District, r.Province, r.Month)).ToList();
        var monthKeys = groups.Select(g => g.Key.Month.ToString()).Distinct().ToList();
        var districtCodes = groups.Select(g => g.Key.District).Distinct().ToList();
        var existing = await db.RevenueMonths.VisibleTo(me.Scope)
            .Where(m => monthKeys.Contains(m.Month) && districtCodes.Contains(m.DistrictCode))
            .Include(m => m.Entries)
            .ToListAsync(ct);

        int monthsInserted = 0, monthsUpdated = 0, entriesInserted = 0, entriesUpdated = 0;
        var now = clock.GetUtcNow();
        foreach (var group in groups.OrderBy(g => g.Key.District).ThenBy(g => g.Key.Month))
        {
            var key = group.Key.Month.ToString();
            var month = existing.FirstOrDefault(m => m.DistrictCode == group.Key.District && m.Month == key);
            var old = month is null ? null : new { status = RevenueWorkflow.StatusName(month.Status), version = month.Version, total = month.Total };
            if (month is null)
            {
                month = new RevenueMonth { DistrictCode = group.Key.District, ProvinceCode = group.Key.Province, Month = key };
                db.RevenueMonths.Add(month);
                monthsInserted++;
            }
            else
            {
                monthsUpdated++;
            }

            foreach (var r in group)
            {
                var entry = month.Entries.FirstOrDefault(e => e.EntrepreneurId == r.EntrepreneurId);
                if (entry is null)
                {
                    month.Entries.Add(new RevenueEntry { EntrepreneurId = r.EntrepreneurId, Amount = r.Amount });
                    entriesInserted++;
                }
                else
                {
                    entry.Amount = r.Amount;
                    entriesUpdated++;
                }
            }
            month.Total = month.Entries.Sum(e => e.Amount);
            if (RevenueFigures.MonthTotalError(month.Total) is { } tooLarge)
            {
                // A group-level refusal, named at the month's rows in the file (with what it already holds, if anything).
                rejected.Add(new RejectedRow(group.Min(r => r.Row),
                    [$"amount: อำเภอ {group.Key.District} เดือน {key} (แถว {string.Join(", ", group.Select(r => r.Row))}) รวมได้ {month.Total:N2} บาท {tooLarge}"]));
                continue;
            }
            month.Status = RevenueStatus.Approved;
            month.Unlocked = false;
            month.Version++;
            month.UpdatedBy = me.UserName;
            month.UpdatedAt = now;
            AuditLog.Record(db, me, clock, "revenue", RevenueMonth.AuditKey(month.DistrictCode, group.Key.Month), "import", old,
                new { status = "approved", version = month.Version, total = month.Total, entries = group.Count() }, provinceCode: month.ProvinceCode);
        }

        if (rejected.Count > 0)
        {
            db.ChangeTracker.Clear();
            return Result.Refused(rejected);
        }

        var loaded = rows.GroupBy(r => (r.Province, r.Month)).OrderBy(g => g.Key.Province).ThenBy(g => g.Key.Month)
            .Select(g => new LoadedMonth(g.Key.Province, g.Key.Month, g.Select(r => r.District).Distinct().Count(), g.Count(), g.Sum(r => r.Amount)))
            .ToList();
        var result = new Result(new Counts(monthsInserted, entriesInserted), new Counts(monthsUpdated, entriesUpdated), rejected, loaded);
        if (!commit)
        {
            db.ChangeTracker.Clear();
            return result;
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return result;
    }
}

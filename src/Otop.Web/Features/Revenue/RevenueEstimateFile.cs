using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Registry;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Documents;
using Otop.Web.Platform.Files;
using Otop.Web.Platform.Http;
using Otop.Web.Platform.Writes;

namespace Otop.Web.Features.Revenue;

/// <summary>
/// The estimate as a spreadsheet to fill offline: the report form <c>revenue-estimate-template</c> (XLSX through
/// <c>/api/v1/reports</c> and the pages' download) lists the district's producers × the 12 months of the fiscal year
/// (Buddhist-era month headers) with what is saved, the months unlocked, and the version inside (hidden sheet); the filled
/// file comes back through <see cref="UploadAsync"/> (page and <c>POST …/estimates/{district}/{fiscalYear}/file</c>) and
/// the same command as the PUT. All-or-nothing with per-row Thai errors; 409 when the estimate changed since the download.
/// </summary>
public static class RevenueEstimateFile
{
    public const string Form = "revenue-estimate-template";
    private const int FirstMonthColumn = 3;

    public static async Task<(ReportDocument? Document, Refusal? Refusal)> TemplateAsync(ReportRequest q)
    {
        var (district, refusal) = await RevenueReports.DistrictAsync(q);
        if (refusal is not null) return (null, refusal);
        if (!int.TryParse(q.Query("fiscalYear"), NumberStyles.None, CultureInfo.InvariantCulture, out var fiscalYear)
            || RevenueEstimateCommands.YearRefusal(fiscalYear) is not null)
        {
            return (null, Refusal.Invalid("fiscalYear", "กรุณาระบุปีงบประมาณ พ.ศ. เช่น 2570"));
        }
        var (estimate, unread) = await RevenueEstimateCommands.ReadAsync(q.Db, q.Me, district!.Code, fiscalYear, q.Cancel);
        if (unread is not null) return (null, unread);
        var saved = estimate!.Entries.ToDictionary(e => e.EntrepreneurCode);
        var codes = saved.Keys.ToList();
        var producers = await q.Db.Entrepreneurs.AsNoTracking().VisibleTo(q.Me.Scope)
            .Where(e => e.DistrictCode == district.Code && (e.Status == RegistryStatus.Active || codes.Contains(e.Code)))
            .Select(e => new { e.Code, e.Name }).ToListAsync(q.Cancel);
        var months = new FiscalYear(fiscalYear).Months.ToList();
        var rows = producers.OrderBy(p => p.Code, StringComparer.Ordinal).Select((p, i) =>
        {
            var line = saved.GetValueOrDefault(p.Code);
            return new object?[] { i + 1, p.Code, p.Name }
                .Concat(months.Select(m => line?.Months.TryGetValue(m.ToString(), out var v) == true ? (object?)v : null)).ToArray();
        }).ToList();
        var unit = $"สำนักงานพัฒนาชุมชนอำเภอ{district.NameTh}";
        var period = $"ปีงบประมาณ พ.ศ. {fiscalYear} · กรอกรายได้ที่คาดว่าจะได้รับแต่ละเดือน (บาท) แล้วนำเข้าที่หน้าประมาณการรายได้";
        string[] headers = ["ลำดับ", "รหัส", "ผู้ประกอบการ", .. months.Select(RevenueReports.MonthHeader)];
        string?[] formats = ["0", null, null, .. months.Select(_ => "#,##0.00")];
        List<KeyValuePair<string, string>> facts = [new("form", Form), new("district", district.Code),
            new("fiscalYear", fiscalYear.ToString(CultureInfo.InvariantCulture)), new("version", estimate.Version.ToString(CultureInfo.InvariantCulture))];
        var table = new ReportTable("ประมาณการ", [RevenueReports.EstimateTitle, unit, period], headers, formats, rows, null, facts,
            Enumerable.Range(FirstMonthColumn, months.Count).ToList());
        return (new ReportDocument(Form, "แบบประมาณการรายได้ (สำหรับกรอก)", RevenueReports.EstimateTitle, district.Code, unit, period, table, [],
            $"revenue-estimate-template-{district.Code}-{fiscalYear}", $"district={district.Code}&fiscalYear={fiscalYear}"), null);
    }

    public static async Task<(int Version, Refusal? Refusal)> UploadAsync(AppDbContext db, CurrentUser me, TimeProvider clock, DistrictWriteGuard guard,
        RevenueWriteLimit limit, string districtCode, int fiscalYear, IFormFile? upload, CancellationToken ct)
    {
        // Who first (as the PUT): a caller who may not write learns nothing of the file's rows.
        var (current, early) = await RevenueEstimateCommands.WritableAsync(db, me, guard, districtCode, fiscalYear, ct);
        if (early is not null) return (0, early);
        db.ChangeTracker.Clear();
        var (sheet, unreadable) = await FilledSheetUpload.ReadAsync(upload, ct);
        if (unreadable is not null) return (0, unreadable);
        var facts = sheet!.Facts;
        if (!sheet.IsXlsx || facts.GetValueOrDefault("form") != Form
            || !int.TryParse(facts.GetValueOrDefault("version"), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return (0, new Refusal(422, $"ไฟล์ {sheet.FileName} ไม่ใช่แบบประมาณการรายได้ที่ดาวน์โหลดจากระบบ กรุณาดาวน์โหลดแบบสำหรับกรอกของอำเภอนี้ กรอกแล้วส่งไฟล์นั้น"));
        }
        if (facts.GetValueOrDefault("district") != districtCode || facts.GetValueOrDefault("fiscalYear") != fiscalYear.ToString(CultureInfo.InvariantCulture))
        {
            return (0, new Refusal(422, $"ไฟล์ {sheet.FileName} เป็นประมาณการของอำเภอ {facts.GetValueOrDefault("district")} ปีงบประมาณ {facts.GetValueOrDefault("fiscalYear")} ไม่ใช่ของอำเภอ {districtCode} ปีงบประมาณ {fiscalYear}"));
        }
        // The version read first (409), then every line (422 naming it), as the save: an old download is stale whatever it holds.
        if (version != (current?.Version ?? 0)) return (0, await RevenueEstimateCommands.StaleAsync(db, current));
        var fiscal = new FiscalYear(fiscalYear).Months.ToList();
        var months = fiscal.Select(m => m.ToString()).ToList();
        var header = sheet.Rows.FirstOrDefault(r => r.Cells.Length > 1 && r.Cells[0] == "ลำดับ" && r.Cells[1] == "รหัส");
        if (header.Cells is null) return (0, new Refusal(422, $"ไฟล์ {sheet.FileName} ไม่มีแถวหัวตาราง (ลำดับ, รหัส, ผู้ประกอบการ, เดือน…)"));

        var entries = new List<EstimateEntryInput>();
        var rows = new List<int>();
        var errors = new SortedDictionary<int, List<string>>();
        foreach (var row in sheet.Rows.Where(r => r.Row > header.Row && !r.IsBlank))
        {
            var code = FilledSheetUpload.Cell(row, 1);
            var amounts = new Dictionary<string, decimal?>();
            for (var j = 0; j < months.Count; j++)
            {
                var typed = ThaiMoney.Read(FilledSheetUpload.Cell(row, FirstMonthColumn + j));
                if (typed.IsEmpty) continue;
                if (typed.Error is { } amountError) FilledSheetUpload.Add(errors, row.Row, $"เดือน{RevenueMonth.ThaiMonth(fiscal[j])}: {amountError}");
                else amounts[months[j]] = typed.Amount;
            }
            entries.Add(new EstimateEntryInput(code, amounts));
            rows.Add(row.Row);
        }
        if (errors.Count > 0) return (0, FilledSheetUpload.RowErrors(errors));

        using var permit = await limit.EnterAsync(me, districtCode, RevenueAction.Edit, ct);
        if (permit.Refusal is { } busy) return (0, busy);
        var (saved, refusal) = await RevenueEstimateCommands.SaveAsync(db, me, clock, guard, districtCode, fiscalYear, version, entries, null, ct);
        return refusal is null ? (saved, null) : (0, FilledSheetUpload.ByRow(refusal, rows));
    }
}

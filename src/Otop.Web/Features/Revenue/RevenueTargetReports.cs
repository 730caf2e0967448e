using Otop.Domain;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Documents;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.Revenue;

/// <summary>The <c>revenue-targets</c> report: letter 2's enclosures 1 and 2 laid out like letter 1's target table, the same numbers as the JSON.</summary>
public static class RevenueTargetReports
{
    public const string Title = "ค่าเป้าหมายตัวชี้วัดร้อยละที่เพิ่มขึ้นของรายได้จากการจำหน่ายผลิตภัณฑ์ชุมชน (OTOP)";

    /// <summary>"รอบการประเมินที่ 1 ประจำปีงบประมาณ พ.ศ. 2570 ( เดือนตุลาคม 2569 - มีนาคม 2570 )", as the letters head their tables.</summary>
    public static string RoundLine(int fiscalYear, int round)
    {
        var months = new FiscalYear(fiscalYear).MonthsOfRound(round);
        return $"รอบการประเมินที่ {round} ประจำปีงบประมาณ พ.ศ. {fiscalYear} ( เดือน{RevenueMonth.ThaiMonth(months[0])} - {RevenueMonth.ThaiMonth(months[^1])} )";
    }

    public static string BaselineLine(RevenueTargetsResult t) =>
        t.BaselineMonths.Count == 0 ? "" :
        $"ฐาน: รายได้เดือน{Thai(t.BaselineMonths[0])} - {Thai(t.BaselineMonths[^1])} (เฉพาะเดือนที่อำเภอรับรองแล้ว)";

    private static string Thai(string month) => YearMonth.TryParse(month, out var m) ? RevenueMonth.ThaiMonth(m) : month;

    public static async Task<(ReportDocument? Document, Refusal? Refusal)> TargetsAsync(ReportRequest q)
    {
        if (q.Query("province") == OrgUnit.DepartmentCode) return await NationalAsync(q);
        var (province, refused) = await RevenueReports.ProvinceAsync(q);
        if (province is null) return (null, refused);
        if (RoundQuery(q, out var fiscalYear, out var round) is { } bad) return (null, bad);
        var (t, refusal) = await RevenueTargetTable.ComputeAsync(q.Db, q.Me, fiscalYear, round, province.Code, q.Cancel);
        if (t is null) return (null, refusal);

        var headers = new[] { "ลำดับ", "รหัสอำเภอ", "อำเภอ", "รายได้ฐาน (บาท)" }
            .Concat(t.Percents.Select((p, i) => $"{i + 1} คะแนน (เพิ่มขึ้นร้อยละ {p})")).ToArray();
        var formats = new string?[] { "0", null, null, "#,##0.00" }.Concat(t.Percents.Select(_ => "#,##0.00")).ToArray();
        var rows = t.Rows.Select((r, i) => new object?[] { i + 1, r.DistrictCode, r.DistrictName, r.Baseline }
            .Concat(r.Unscored is null ? r.Thresholds.Cast<object?>() : t.Percents.Select((_, k) => k == 0 ? (object?)"ไม่มีข้อมูลฐาน" : null)).ToArray()).ToList();
        var total = new object?[] { null, null, "รวม", t.Total.Baseline }.Concat(t.Percents.Select(_ => (object?)null)).ToArray();
        var unit = $"สำนักงานพัฒนาชุมชนจังหวัด{province.NameTh}";
        var line = RoundLine(fiscalYear, round);
        var published = t.PublishedAt is { } at ? $"ประกาศเมื่อ {ThaiDates.FormatDateTime(at)} โดย {t.PublishedBy}" : "ยังไม่ประกาศ: รายได้ฐานเปลี่ยนตามข้อมูลที่นำเข้า";
        var table = new ReportTable("ค่าเป้าหมาย", [Title, line, $"จังหวัด{province.NameTh}"], headers, formats, rows, total);
        return (new ReportDocument("revenue-targets", $"สิ่งที่ส่งมาด้วย {round}", Title, province.Code, unit, line, table,
            [new Signature("ผู้จัดทำ", null, $"พัฒนาการจังหวัด{province.NameTh}", null)],
            $"revenue-targets-{fiscalYear}-{round}-{province.Code}", $"fiscalYear={fiscalYear}&round={round}&province={province.Code}",
            Notes: [ThresholdNote, BaselineLine(t), published]), null);
    }

    private const string ThresholdNote = "รายได้ที่ต้องได้ = รายได้ฐาน × (100 + ร้อยละ) ÷ 100 ปัดทศนิยม 2 ตำแหน่ง (หนังสือจังหวัด สิ่งที่ส่งมาด้วย 1 และ 2)";

    private static Refusal? RoundQuery(ReportRequest q, out int fiscalYear, out int round)
    {
        round = 0;
        if (!int.TryParse(q.Query("fiscalYear"), out fiscalYear) || fiscalYear is < 2400 or > 2700)
            return Refusal.Invalid("fiscalYear", "กรุณาระบุปีงบประมาณ พ.ศ. เช่น 2570");
        if (!int.TryParse(q.Query("round"), out round) || round is not (1 or 2))
            return Refusal.Invalid("round", "รอบการประเมินต้องเป็น 1 หรือ 2");
        return null;
    }

    /// <summary>
    /// <c>province=0</c> (issue 17 item 7): the nation's target table, one row per province, the same numbers as
    /// GET /api/v1/kpi/revenue/targets?province=0; the department only, as รต.4's national summary.
    /// </summary>
    private static async Task<(ReportDocument? Document, Refusal? Refusal)> NationalAsync(ReportRequest q)
    {
        if (!q.Me.Scope.IsDepartment) return (null, new Refusal(403, "ค่าเป้าหมายระดับประเทศ (province=0) เปิดได้เฉพาะผู้ใช้ระดับกรม"));
        if (RoundQuery(q, out var fiscalYear, out var round) is { } bad) return (null, bad);
        var (t, refusal) = await RevenueTargetTable.ByProvinceAsync(q.Db, q.Me, fiscalYear, round, q.Cancel);
        if (t is null) return (null, refusal);

        var headers = new[] { "ลำดับ", "รหัสจังหวัด", "จังหวัด", "จำนวนอำเภอ", "อำเภอที่ประกาศฐานแล้ว", "รายได้ฐาน (บาท)" }
            .Concat(t.Percents.Select((p, i) => $"{i + 1} คะแนน (เพิ่มขึ้นร้อยละ {p})")).ToArray();
        var formats = new string?[] { "0", null, null, "#,##0", "#,##0", "#,##0.00" }.Concat(t.Percents.Select(_ => "#,##0.00")).ToArray();
        var rows = t.Rows.Select((r, i) => new object?[] { i + 1, r.ProvinceCode, r.ProvinceName, r.Districts, r.PublishedDistricts, r.Baseline }
            .Concat(r.Unscored is null ? r.Thresholds.Cast<object?>() : t.Percents.Select((_, k) => k == 0 ? (object?)"ไม่มีข้อมูลฐาน" : null)).ToArray()).ToList();
        var total = new object?[] { null, null, "รวมทั้งประเทศ", t.Rows.Sum(r => r.Districts), t.Rows.Sum(r => r.PublishedDistricts), t.Total.Baseline }
            .Concat(t.Percents.Select(_ => (object?)null)).ToArray();
        const string unit = "กรมการพัฒนาชุมชน";
        var line = RoundLine(fiscalYear, round);
        var table = new ReportTable("ค่าเป้าหมาย", [Title, line, "ทั้งประเทศ รายจังหวัด"], headers, formats, rows, total);
        return (new ReportDocument("revenue-targets", "ค่าเป้าหมายระดับประเทศ", Title, t.Province, unit, line, table,
            [new Signature("ผู้จัดทำ", null, "เจ้าหน้าที่กรมการพัฒนาชุมชน", null)],
            $"revenue-targets-{fiscalYear}-{round}-{t.Province}", $"fiscalYear={fiscalYear}&round={round}&province={t.Province}",
            Notes: [ThresholdNote + " ของผลรวมรายได้ฐานของจังหวัด",
                t.BaselineMonths.Count == 0 ? "" : $"ฐาน: รายได้เดือน{Thai(t.BaselineMonths[0])} - {Thai(t.BaselineMonths[^1])} (เฉพาะเดือนที่อำเภอรับรองแล้ว ใช้ฐานที่ประกาศแล้วของจังหวัดที่ประกาศ)",
                $"จังหวัดที่ประกาศค่าเป้าหมายแล้ว {t.PublishedProvinces} จาก {t.Rows.Count} จังหวัด"]), null);
    }
}

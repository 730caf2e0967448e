using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Revenue;
using Otop.Web.Platform.Audit;
using Otop.Web.Platform.Documents;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.Compilation;

/// <summary>
/// Issue 17 item 7: the compilation report for the OPDC and the ministry, form <c>compilation?month=&amp;compiledAt=</c>,
/// one row per province and the national total, from the same read as <c>GET /api/v1/compilations/{month}</c>
/// (<see cref="CompilationQueries.ReadAsync"/>), so the files carry the JSON's figures. The department's document (403
/// otherwise; 404 before the month is compiled); its notes print when it was compiled and the latest signed audit
/// checkpoint, by which the audit chains that hold the compilation can be checked.
/// </summary>
public static class CompilationReports
{
    public const string Form = "compilation";
    private const string Money = "#,##0.00";

    public static async Task<(ReportDocument? Document, Refusal? Refusal)> CompilationAsync(ReportRequest q)
    {
        if (!q.Me.Scope.IsDepartment) return (null, new Refusal(403, "รายงานผลการรวบรวมระดับประเทศเปิดได้เฉพาะผู้ใช้ระดับกรม"));
        var (dto, refusal) = await CompilationQueries.ReadAsync(q.Db, q.Me, q.Query("month") ?? "", q.Query("compiledAt"), q.Cancel);
        if (dto is null) return (null, refusal);

        var month = YearMonth.TryParse(dto.Month, out var ym) ? ym : throw new InvalidOperationException($"Stored month '{dto.Month}'");
        var rows = dto.Provinces.Select((p, i) => new object?[] { i + 1, p.Code, p.NameTh, p.Districts, p.Confirmed, p.Late, p.Missing, p.Revenue })
            .ToList();
        var t = dto.Total;
        var total = new object?[] { null, null, "รวมทั้งประเทศ", t.Districts, t.Confirmed, t.Late, t.Missing, t.Revenue };
        var period = $"เดือน{RevenueMonth.ThaiMonth(month)} รวบรวมเมื่อ {ThaiDates.FormatDateTime(dto.CompiledAt)}";
        const string title = "รายงานผลการรวบรวมข้อมูลรายได้จากการจำหน่ายผลิตภัณฑ์ OTOP ระดับประเทศ";
        var table = new ReportTable("รวบรวมผล", [title, "กรมการพัฒนาชุมชน", period],
            ["ลำดับ", "รหัสจังหวัด", "จังหวัด", "อำเภอ", "ยืนยันแล้ว", "ยืนยันล่าช้า", "ยังไม่ยืนยัน", "รายได้ (บาท)"],
            ["0", null, null, "0", "0", "0", "0", Money], rows, total);

        // Each chain's newest signed head (AuditCheckpoints.LatestAsync, as Audit/Checkpoint prints them): the latest signed,
        // and the department's chain, the one that holds this compilation's own entry, with its key and HMAC to re-check.
        var heads = await AuditCheckpoints.LatestAsync(q.Db, q.Cancel);
        var checkpoint = heads.Values.OrderByDescending(c => c.At).ThenByDescending(c => c.Id).FirstOrDefault();
        var department = heads.GetValueOrDefault(AuditChain.DepartmentChain);
        var notes = new List<string>
        {
            $"รวบรวมเมื่อ {ThaiDates.FormatDateTime(dto.CompiledAt)} โดย {(dto.Trigger == NationalCompilation.ScheduleTrigger ? "ระบบ (รวบรวมอัตโนมัติเมื่อถึงวันปิดระบบ)" : dto.CompiledBy)}"
                + " · ตัวเลขเป็นข้อมูล ณ เวลาที่รวบรวม การแก้ไขภายหลังไม่เปลี่ยนรายงานฉบับนี้",
            "ยืนยันแล้ว = อำเภอที่ยืนยันหรือจังหวัดอนุมัติข้อมูลแล้ว · ยืนยันล่าช้า = ยืนยันหลังวันที่กำหนด · ยังไม่ยืนยัน = อำเภอที่ยังไม่ยืนยัน (รวมที่ยังไม่บันทึก) · รายได้ = ยอดรวมที่บันทึกไว้ของทุกอำเภอ",
            checkpoint is null
                ? "จุดตรวจสอบบันทึกการตรวจสอบ (audit checkpoint): ยังไม่มีจุดตรวจสอบที่ลงนาม"
                : $"จุดตรวจสอบบันทึกการตรวจสอบ (audit checkpoint) ที่ลงนามล่าสุด: {Describe(checkpoint)}",
        };
        if (department is not null)
        {
            notes.Add($"จุดตรวจสอบของสายกรม (สายที่บันทึกการรวบรวมนี้): {Describe(department)} กุญแจ {department.KeyId} HMAC {department.Mac}");
        }
        var signatures = new[]
        {
            new Signature("ผู้รวบรวม", null, "เจ้าหน้าที่กรมการพัฒนาชุมชน", null),
            new Signature("ผู้รับรอง", null, "ผู้อำนวยการกองส่งเสริมภูมิปัญญาท้องถิ่นและวิสาหกิจชุมชน", null),
        };
        static string Describe(AuditCheckpoint c) =>
            $"เลขที่ {c.Id} เวลา {ThaiDates.FormatDateTime(c.At)} สาย {c.Chain} ลำดับ {c.Sequence} hash {c.Hash}";
        var compiledAt = Uri.EscapeDataString(dto.CompiledAt.ToUniversalTime().ToString("O"));
        return (new ReportDocument(Form, "รายงานผลการรวบรวม", title, "0", "กรมการพัฒนาชุมชน", period, table, signatures,
            $"compilation-{dto.Month}", $"month={dto.Month}&compiledAt={compiledAt}", Landscape: false, Notes: notes), null);
    }
}

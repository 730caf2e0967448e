using Otop.Domain;
using Otop.Web.Platform.Audit;

namespace Otop.Web.Features.Audit;

/// <summary>
/// The audit in Thai: what each entity, action and field the app records (<c>AuditLog.Record</c>) is called, for the
/// audit page and its print view. The API keeps the codes (CONTRACT "Audit"). A code without a label here is shown as
/// it is; AuditLabelsTests fails for an entity or action recorded anywhere in the code without one.
/// </summary>
public static class AuditLabels
{
    public static readonly IReadOnlyDictionary<string, string> Entities = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["revenue"] = "รายได้รายเดือน (รต.1)",
        ["revenue-file"] = "ไฟล์แนบรายได้",
        ["revenue-estimate"] = "ประมาณการรายได้",
        ["fiscal-year-setting"] = "ปฏิทินปีงบประมาณ",
        ["entrepreneur"] = "ผู้ประกอบการ",
        ["product"] = "ผลิตภัณฑ์",
        ["registry-import"] = "นำเข้าทะเบียน",
        ["registry-check"] = "ตรวจทะเบียน",
        ["online-listings"] = "ช่องทางออนไลน์ของผลิตภัณฑ์",
        ["online-listing"] = "ช่องทางจำหน่ายออนไลน์",
        ["online-market-targets"] = "เป้าหมายตลาดออนไลน์",
        ["readiness-survey"] = "แบบสำรวจความพร้อม",
        ["indicator"] = "ตัวชี้วัด",
        ["circular"] = "หนังสือสั่งการ",
        ["circular-task"] = "งานตามหนังสือสั่งการ",
        ["calendar-feed"] = "ลิงก์ปฏิทิน",
        ["user"] = "บัญชีผู้ใช้",
        ["line-link"] = "การเชื่อมบัญชี LINE",
        ["result-report"] = "การส่งรายงานผลตลาดออนไลน์",
        ["revenue-targets"] = "เป้าหมายรายได้ (ประกาศค่าฐาน)",
        ["compilation"] = "การรวบรวมผลระดับประเทศ",
    };

    public static readonly IReadOnlyDictionary<string, string> Actions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["create"] = "สร้าง",
        ["update"] = "แก้ไข",
        ["edit"] = "แก้ไข",
        ["delete"] = "ลบ",
        ["merge"] = "รวมรายการที่ซ้ำเข้ามา",
        ["merged-into"] = "ถูกรวมเข้ากับรายการอื่น",
        ["code"] = "ขอรหัสเชื่อม LINE",
        ["link"] = "เชื่อมบัญชี",
        ["unlink"] = "ยกเลิกการเชื่อม",
        ["copy"] = "คัดลอกจากปีก่อน",
        ["end"] = "สิ้นสุด",
        ["add"] = "เพิ่ม",
        ["replace"] = "แทนที่ทั้งชุด",
        ["import"] = "นำเข้า",
        ["mark"] = "บันทึกว่าตรวจแล้ว",
        ["revoke"] = "ยกเลิก",
        ["move"] = "ย้ายหน่วยงาน/บทบาท",
        ["enable"] = "เปิดใช้งาน",
        ["disable"] = "ระงับการใช้งาน",
        ["password-set"] = "ตั้งรหัสผ่าน",
        ["publish"] = "เผยแพร่",
        ["republish"] = "เผยแพร่ใหม่",
        ["correct"] = "แก้ไขคำผิด",
        ["add-enclosure"] = "เพิ่มสิ่งที่ส่งมาด้วย",
        ["submit"] = "ส่งงาน",
        ["resubmit"] = "ส่งงานใหม่",
        ["save"] = "บันทึกร่าง",
        ["send"] = "ส่ง",
        ["return"] = "ส่งคืนแก้ไข",
        ["certify"] = "รับรอง",
        ["confirm"] = "ยืนยัน",
        ["approve"] = "อนุมัติ",
        ["unlock"] = "ปลดล็อก",
        ["attach-signed-rt2"] = "แนบ รต.2 ที่ลงนาม",
        ["attach-evidence"] = "แนบหลักฐาน",
        ["compile"] = "สั่งรวบรวมผลอีกครั้ง",
        ["compile-scheduled"] = "รวบรวมผลอัตโนมัติตามกำหนด",
    };

    public static readonly IReadOnlyDictionary<string, string> Fields = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["status"] = "สถานะ", ["version"] = "ครั้งที่บันทึก", ["total"] = "ยอดรวม", ["amount"] = "จำนวนเงิน",
        ["late"] = "ส่งช้า", ["unlocked"] = "ปลดล็อกแล้ว", ["returnReason"] = "เหตุผลที่ส่งคืน", ["entries"] = "รายการ",
        ["entrepreneurCode"] = "รหัสผู้ประกอบการ", ["name"] = "ชื่อ", ["category"] = "ประเภทผลิตภัณฑ์", ["type"] = "ประเภทผู้ประกอบการ",
        ["registeredYear"] = "ปีที่ลงทะเบียน", ["starLevel"] = "ระดับดาว", ["starYear"] = "ปีที่คัดสรร", ["standards"] = "มาตรฐาน",
        ["districtCode"] = "อำเภอ", ["subdistrictCode"] = "ตำบล", ["address"] = "ที่อยู่", ["phone"] = "โทรศัพท์", ["members"] = "จำนวนสมาชิก",
        ["userName"] = "ชื่อผู้ใช้", ["displayName"] = "ชื่อที่แสดง", ["role"] = "บทบาท", ["orgUnit"] = "หน่วยงาน", ["email"] = "อีเมล",
        ["disabled"] = "ระงับการใช้งาน", ["fiscalYear"] = "ปีงบประมาณ", ["code"] = "รหัส", ["nameTh"] = "ชื่อ", ["round"] = "รอบ",
        ["rounds"] = "รอบการประเมิน", ["number"] = "เลขที่หนังสือ", ["issuedOn"] = "ลงวันที่", ["subject"] = "เรื่อง", ["body"] = "ข้อความ",
        ["recipients"] = "หน่วยรับ", ["tasks"] = "งาน", ["title"] = "ชื่องาน", ["dueDate"] = "กำหนดส่ง", ["answers"] = "คำตอบ",
        ["ready"] = "พร้อม", ["channel"] = "ช่องทาง", ["url"] = "ลิงก์", ["since"] = "ตั้งแต่", ["evidence"] = "หลักฐาน",
        ["fileName"] = "ชื่อไฟล์", ["size"] = "ขนาด (ไบต์)", ["purpose"] = "ประเภทไฟล์", ["file"] = "ไฟล์", ["entrepreneur"] = "ผู้ประกอบการ",
        ["confirmByDay"] = "ยืนยันภายในวันที่", ["closeFromDay"] = "ปิดรับตั้งแต่วันที่", ["reopenDay"] = "เปิดรับวันที่",
        ["inserted"] = "เพิ่ม", ["updated"] = "ปรับปรุง", ["rows"] = "จำนวนแถว", ["checkedBy"] = "ผู้ตรวจ", ["set"] = "วิธีตั้ง",
        ["compiledAt"] = "เวลาที่รวบรวม", ["revenue"] = "รายได้รวม", ["districts"] = "จำนวนอำเภอ", ["confirmed"] = "ยืนยันแล้ว",
        ["missing"] = "ยังไม่ยืนยัน",
    };

    public static string Entity(string code) => Entities.GetValueOrDefault(code, code);

    public static string Action(string code) => Actions.GetValueOrDefault(code, code);

    public static string Field(string name) => Fields.GetValueOrDefault(name, name);

    /// <summary>Status codes shown in Thai (the revenue workflow's; others as they are).</summary>
    public static string? Value(string field, string value) =>
        field == "status" && RevenueWorkflow.TryParseStatus(value, out var s) ? RevenueWorkflow.ThaiName(s) : null;

    /// <summary>What the entry changed, line by line in Thai (<see cref="AuditDiff"/>).</summary>
    public static List<string> Changes(AuditEntry e) => AuditDiff.Lines(e.OldValue, e.NewValue, Field, Value);
}

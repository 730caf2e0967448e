namespace Otop.Domain.Tests;

public class AuditDiffTests
{
    private static string Label(string name) => name switch
    {
        "total" => "ยอดรวม",
        "status" => "สถานะ",
        "entries" => "รายการ",
        "version" => "ครั้งที่",
        "fiscalYear" => "ปีงบประมาณ",
        "amount" => "จำนวนเงิน",
        "note" => "หมายเหตุ",
        _ => name,
    };

    private static string? Value(string field, string value) => field == "status" && value == "draft" ? "ร่าง" : field == "status" && value == "certified" ? "รับรองแล้ว" : null;

    public static TheoryData<string?, string?, string[]> Cases => new()
    {
        // A month saved again: one producer's amount changed, one added, one removed; the total and version changed.
        {
            """{"status":"draft","version":1,"total":41000.00,"entries":[{"entrepreneurCode":"27010002","amount":40000.00},{"entrepreneurCode":"27010004","amount":1000}]}""",
            """{"status":"draft","version":2,"total":40700.00,"entries":[{"entrepreneurCode":"27010002","amount":39500.00},{"entrepreneurCode":"27010003","amount":1200.5}]}""",
            ["ครั้งที่: 1 → 2", "ยอดรวม: 41,000.00 → 40,700.00", "27010002: 40,000.00 → 39,500.00", "27010004: ลบ (เดิม 1,000.00)", "27010003: เพิ่ม 1,200.50"]
        },
        // Created: every field as it is, rows by their code, no arrows.
        {
            null,
            """{"fiscalYear":2566,"total":12500,"entries":[{"entrepreneurCode":"27010002","amount":12500}]}""",
            ["ปีงบประมาณ: 2566", "ยอดรวม: 12,500.00", "27010002: 12,500.00"]
        },
        // Deleted: what there was.
        { """{"note":"ผ้าไหม"}""", null, ["หมายเหตุ: ลบ (เดิม ผ้าไหม)"] },
        // A workflow step: the status in Thai, unchanged fields left out.
        { """{"status":"draft","version":3,"late":false}""", """{"status":"certified","version":3,"late":false}""", ["สถานะ: ร่าง → รับรองแล้ว"] },
        // Booleans and nulls in Thai.
        { """{"late":false,"reason":null}""", """{"late":true,"reason":"แก้ตามจังหวัด"}""", ["late: ไม่ใช่ → ใช่", "reason: — → แก้ตามจังหวัด"] },
        // A long text is shown whole, never cut off with "…".
        { """{"note":"ก"}""", "{\"note\":\"" + new string('ข', 500) + "\"}", ["หมายเหตุ: ก → " + new string('ข', 500)] },
        // Rows with several fields: each named in Thai.
        {
            """{"entries":[{"code":"P1","amount":10,"note":"ก"}]}""",
            """{"entries":[{"code":"P1","amount":20,"note":"ข"}]}""",
            ["P1: จำนวนเงิน 10.00, หมายเหตุ ก → จำนวนเงิน 20.00, หมายเหตุ ข"]
        },
        // A list of plain values: added and removed.
        { """{"recipients":["27","11"]}""", """{"recipients":["27","30"]}""", ["recipients ลบ 11", "recipients เพิ่ม 30"] },
        // Nested objects keep their path.
        { """{"file":{"name":"a.pdf","size":1024}}""", """{"file":{"name":"b.pdf","size":1024}}""", ["file › name: a.pdf → b.pdf"] },
        // Nothing changed: no lines.
        { """{"total":5}""", """{"total":5.00}""", [] },
        // Not JSON (an old entry): the text itself.
        { null, "ข้อความ", ["ข้อความ"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Lines_SayWhatChanged_FieldByFieldAndRowByRow(string? oldJson, string? newJson, string[] expected)
    {
        AuditDiff.Lines(oldJson, newJson, Label, Value).ShouldBe(expected);
    }

    [Fact]
    public void Lines_WithoutLabels_UseTheFieldNames()
    {
        AuditDiff.Lines("""{"total":1}""", """{"total":2}""").ShouldBe(["total: 1.00 → 2.00"]);
    }
}

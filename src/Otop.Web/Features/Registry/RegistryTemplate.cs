using Otop.Domain;

namespace Otop.Web.Features.Registry;

/// <summary>
/// The blank import template (issue 16, item 9): the Thai column labels the import accepts, and in the XLSX a second sheet
/// "คำอธิบาย" saying what each column takes (the import reads only the first sheet). The CSV has the header alone, so that
/// nothing typed as an example is ever imported; the import page says the same in words.
/// </summary>
public static class RegistryTemplate
{
    public static IReadOnlyList<string[]> Instructions(string? districtCode)
    {
        var thai = RegistryImport.ThaiColumns;
        var types = string.Join(", ", Enum.GetValues<EntrepreneurType>().Select(OtopLabels.Thai));
        var categories = string.Join(", ", Enum.GetValues<ProductCategory>().Select(OtopLabels.Thai));
        string[] Line(int column, string meaning, string allowed) => [thai[column], RegistryImport.Columns[column], meaning, allowed];
        return
        [
            ["คอลัมน์", "ชื่อคอลัมน์ภาษาอังกฤษ (ใช้แทนได้)", "ความหมาย", "ค่าที่ใช้ได้"],
            Line(0, "รหัสผู้ประกอบการ", "ตัวเลข ตัวอักษรอังกฤษ และ - _ / . ไม่เกิน 40 ตัว เช่น 27010001"),
            Line(1, "ชื่อกลุ่มหรือผู้ประกอบการ", "ไม่เกิน 300 ตัวอักษร"),
            Line(2, "ประเภทผู้ประกอบการ", types),
            Line(3, "รหัสอำเภอ 4 หลัก", districtCode is null ? "รหัสอำเภอ (กรมการปกครอง) ในหน่วยงานของท่าน เช่น 2701" : $"อำเภอของท่าน: {districtCode}"),
            Line(4, "รหัสผลิตภัณฑ์", "ไม่ซ้ำกันทั้งประเทศ เช่น 27010001-01"),
            Line(5, "ชื่อผลิตภัณฑ์", "ไม่เกิน 300 ตัวอักษร"),
            Line(6, "ประเภทผลิตภัณฑ์", categories),
            Line(7, "ปีที่ลงทะเบียนผลิตภัณฑ์", "ปี พ.ศ. เช่น 2560 (พิมพ์เลขไทยได้ เช่น ๒๕๖๐)"),
            [],
            ["หนึ่งแถวต่อหนึ่งผลิตภัณฑ์ กรอกในแผ่นงานแรก (registry) ใต้แถวหัวตาราง ระบบอ่านเฉพาะแผ่นงานแรก"],
            ["ถ้ามีแถวใดผิด ระบบจะไม่บันทึกข้อมูลใดเลย และแจ้งทุกแถวที่ต้องแก้ นำเข้าไฟล์เดิมซ้ำได้โดยข้อมูลไม่ซ้ำ"],
        ];
    }
}

using System.Globalization;
using Otop.Domain;
using Otop.Web.Platform.Files;

namespace Otop.Web.Features.Registry;

/// <summary>Reading and checking the file's rows: the header, each cell, every reason a row is refused (in Thai).</summary>
public sealed partial class RegistryImport
{
    private static readonly Dictionary<string, string> ColumnThai = new()
    {
        ["entrepreneur_code"] = "รหัสผู้ประกอบการ",
        ["entrepreneur_name"] = "ชื่อผู้ประกอบการ",
        ["entrepreneur_type"] = "ประเภทผู้ประกอบการ",
        ["district_code"] = "รหัสอำเภอ",
        ["product_code"] = "รหัสผลิตภัณฑ์",
        ["product_name"] = "ชื่อผลิตภัณฑ์",
        ["category"] = "ประเภทผลิตภัณฑ์",
        ["registered_year"] = "ปีที่ลงทะเบียน",
    };


    /// <summary>The Thai column labels in file order: the blank template's header, which the import reads like CONTRACT's names.</summary>
    public static IReadOnlyList<string> ThaiColumns => Columns.Select(c => ColumnThai[c]).ToList();

    private sealed record Row(int Number, string EntrepreneurCode, string EntrepreneurName, EntrepreneurType Type,
        string DistrictCode, string ProductCode, string ProductName, ProductCategory Category, int RegisteredYear);


    private static int[]? MapHeader(FileRow header, List<RejectedRow> rejected)
    {
        // English (CONTRACT.md) or Thai column labels (issue 16, item 9), the Thai compared by their search keys: a label
        // typed with a zero-width space, "นํ้า" for "น้ำ" or extra spaces is still the column.
        var names = header.Cells.Select(c => c.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToList();
        var keys = names.Select(ThaiSearch.Key).ToList();
        var index = Columns.Select(c => names.IndexOf(c) is var i and >= 0 ? i : keys.IndexOf(ThaiSearch.Key(ColumnThai[c]))).ToArray();
        var missing = Columns.Where((_, i) => index[i] < 0).ToList();
        if (missing.Count == 0) return index;
        rejected.Add(new RejectedRow(header.Row,
        [
            $"แถวหัวตารางไม่มีคอลัมน์ {string.Join(", ", missing.Select(m => $"{m} ({ColumnThai[m]})"))} (ต้องมี {string.Join(",", Columns)} หรือชื่อคอลัมน์ภาษาไทย)",
        ]));
        return null;
    }

    private Row? ParseRow(FileRow fileRow, int[] index, Dictionary<string, string> districts, int currentBeYear, List<string> errors)
    {
        string Cell(int column) => index[column] < fileRow.Cells.Length ? WithoutFormulaGuard(fileRow.Cells[index[column]].Trim()) : "";
        string Required(int column, int maxLength)
        {
            var value = Cell(column);
            var name = $"{ColumnThai[Columns[column]]} ({Columns[column]})";
            if (value.Length == 0) errors.Add($"{name} ต้องไม่ว่าง");
            else if (value.Length > maxLength) errors.Add($"{name} ยาวเกิน {maxLength} ตัวอักษร");
            return value;
        }
        string Code(int column)
        {
            var value = ThaiDigits.ToArabic(Required(column, RegistryRules.CodeMaxLength));
            if (value.Length > 0 && !value.All(RegistryRules.IsCodeCharacter))
            {
                errors.Add($"{ColumnThai[Columns[column]]} ({Columns[column]}) '{value}' มีอักขระที่ใช้ไม่ได้ (ใช้ได้เฉพาะตัวเลข ตัวอักษรอังกฤษ และ - _ / .)");
            }
            return value;
        }

        var entrepreneurCode = Code(0);
        var entrepreneurName = Required(1, 300);
        var typeText = Cell(2);
        if (!OtopLabels.TryParseEntrepreneurType(typeText, out var type))
        {
            errors.Add(typeText.Length == 0
                ? "ประเภทผู้ประกอบการ (entrepreneur_type) ต้องไม่ว่าง"
                : $"ประเภทผู้ประกอบการ (entrepreneur_type) '{typeText}' ไม่ถูกต้อง ต้องเป็น group, single, sme หรือ กลุ่มผู้ผลิตชุมชน, ผู้ผลิตชุมชนที่เป็นเจ้าของรายเดียว, ผู้ผลิตชุมชนที่เป็น SMEs");
        }
        var district = ThaiDigits.ToArabic(Cell(3));
        if (district.Length == 0) errors.Add("รหัสอำเภอ (district_code) ต้องไม่ว่าง");
        else if (!districts.ContainsKey(district)) errors.Add($"รหัสอำเภอ (district_code) '{district}' ไม่มีในระบบ (ใช้รหัสอำเภอ 4 หลักของกรมการปกครอง)");
        else if (!me.Scope.Covers(district))
        {
            errors.Add($"อำเภอ{districts[district]} ({district}) อยู่นอกหน่วยงานของท่าน นำเข้าได้เฉพาะข้อมูลของหน่วยงานตนเอง");
        }
        var productCode = Code(4);
        var productName = Required(5, 300);
        var categoryText = Cell(6);
        if (!OtopLabels.TryParseCategory(categoryText, out var category))
        {
            errors.Add(categoryText.Length == 0
                ? "ประเภทผลิตภัณฑ์ (category) ต้องไม่ว่าง"
                : $"ประเภทผลิตภัณฑ์ (category) '{categoryText}' ไม่ถูกต้อง ต้องเป็น food, beverage, textile, decorative, herbal หรือชื่อประเภทภาษาไทย");
        }
        var yearText = Cell(7);
        var year = 0;
        if (yearText.Length == 0) errors.Add("ปีที่ลงทะเบียน (registered_year) ต้องไม่ว่าง");
        else if (!TryParseYear(yearText, out year)) errors.Add($"ปีที่ลงทะเบียน (registered_year) '{yearText}' ไม่ใช่ปี พ.ศ. (เช่น 2562 หรือ ๒๕๖๒)");
        else if (year is < 2400 or > 2700) errors.Add($"ปีที่ลงทะเบียน (registered_year) {year} ต้องเป็นปี พ.ศ. ระหว่าง 2400 ถึง 2700");
        else if (year > currentBeYear) errors.Add($"ปีที่ลงทะเบียน (registered_year) {year} เป็นปีในอนาคต (ปีปัจจุบันคือ พ.ศ. {currentBeYear})");

        return errors.Count > 0
            ? null
            : new Row(fileRow.Row, entrepreneurCode, entrepreneurName, type, district, productCode, productName, category, year);
    }

    // The registry export writes '=… for a name starting with a formula character (RegistryExport); read it back as typed.
    private static string WithoutFormulaGuard(string cell) =>
        cell.Length > 1 && cell[0] == '\'' && cell[1] is '=' or '+' or '-' or '@' or '\t' or '\r' ? cell[1..] : cell;

    // "๒๕๖๒", "2562", "2562.0" from a spreadsheet number, or a date cell ("2019-06-01", a CE year Excel stores): BE year.
    private static bool TryParseYear(string text, out int year)
    {
        var plain = ThaiDigits.ToArabic(text.Trim());
        if (plain.EndsWith(".0", StringComparison.Ordinal)) plain = plain[..^2];
        if (ThaiDigits.TryParseInt(plain, out year)) return true;
        if (DateOnly.TryParseExact(plain, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            year = date.Year < 2400 ? ThaiDates.ToBuddhistYear(date.Year) : date.Year;
            return true;
        }
        return false;
    }
}

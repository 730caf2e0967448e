namespace Otop.Domain;

/// <summary>
/// A fiscal year as officers type it into a form or a link: the BE year (2566), the CE year by habit (2023, read as 2566),
/// Thai digits (๒๕๖๖), optionally after "พ.ศ." or "ค.ศ."; an empty field means "not given". Anything else is refused with a
/// Thai sentence that names the field, so a page can show it instead of a 500 or a silently different year.
/// </summary>
public static class YearInput
{
    public const string FiscalYearField = "ปีงบประมาณ";

    /// <summary>The BE year, or null when the text is empty; <paramref name="error"/> says in Thai why it is neither.</summary>
    public static int? Parse(string? text, out string? error, string field = FiscalYearField)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text)) return null;
        var s = ThaiDigits.ToArabic(text.Trim());
        var era = Era.Either;
        if (s.StartsWith("พ.ศ.", StringComparison.Ordinal)) { era = Era.Buddhist; s = s[4..].TrimStart(); }
        else if (s.StartsWith("ค.ศ.", StringComparison.Ordinal)) { era = Era.Common; s = s[4..].TrimStart(); }
        if (s.Length is 0 or > 6 || !s.All(char.IsAsciiDigit) || !int.TryParse(s, out var year))
        {
            error = $"{field} \"{Shorten(text.Trim())}\" อ่านไม่ได้ ต้องเป็นปี พ.ศ. ระหว่าง {FiscalYear.MinBuddhistYear} ถึง {FiscalYear.MaxBuddhistYear} เช่น 2566";
            return null;
        }

        const int ceMin = FiscalYear.MinBuddhistYear - 543, ceMax = FiscalYear.MaxBuddhistYear - 543;
        if (era != Era.Common && year is >= FiscalYear.MinBuddhistYear and <= FiscalYear.MaxBuddhistYear) return year;
        if (era != Era.Buddhist && year is >= ceMin and <= ceMax) return year + 543;
        error = $"{field} {year} ไม่ถูกต้อง ต้องเป็นปี พ.ศ. ระหว่าง {FiscalYear.MinBuddhistYear} ถึง {FiscalYear.MaxBuddhistYear} เช่น 2566";
        return null;
    }

    private static string Shorten(string s) => s.Length <= 20 ? s : s[..20] + "…";

    private enum Era { Either, Buddhist, Common }
}

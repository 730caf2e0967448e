using System.Globalization;

namespace Otop.Domain;

// Printed documents show BE dates with Thai month names, optionally in Thai digits
// ("๒๐ กุมภาพันธ์ ๒๕๖๖", the date line of letter 2; DOMAIN.md "Rules"). Built by hand rather than
// with CultureInfo("th-TH") so the output does not depend on the host's ICU data (STACK.md).
public static class ThaiDates
{
    public const int BuddhistEraOffset = 543;

    private static readonly string[] Names =
    [
        "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
        "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
    ];

    private static readonly string[] Abbreviations =
    [
        "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
        "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
    ];

    // Copies, so that no caller can rename a month for everyone else.
    public static string[] MonthNames => (string[])Names.Clone();

    public static string[] MonthAbbreviations => (string[])Abbreviations.Clone();

    public static string MonthName(int month) => Names[CheckMonth(month) - 1];

    public static string MonthAbbreviation(int month) => Abbreviations[CheckMonth(month) - 1];

    // BE = CE + 543 (DOMAIN.md "Rules").
    public static int ToBuddhistYear(int ceYear) => ceYear + BuddhistEraOffset;

    public static int ToGregorianYear(int beYear) => beYear - BuddhistEraOffset;

    public static string FormatLong(DateOnly date, bool thaiDigits = false) =>
        Digits(Invariant($"{date.Day} {Names[date.Month - 1]} {ToBuddhistYear(date.Year)}"), thaiDigits);

    public static string FormatShort(DateOnly date, bool thaiDigits = false) =>
        Digits(Invariant($"{date.Day} {Abbreviations[date.Month - 1]} {ToBuddhistYear(date.Year) % 100:00}"), thaiDigits);

    public static string FormatMonth(int year, int month, bool thaiDigits = false) =>
        Digits(Invariant($"{MonthName(month)} {ToBuddhistYear(year)}"), thaiDigits);

    public static string FormatDateTime(DateTimeOffset instantUtcOrAny, bool thaiDigits = false)
    {
        var local = Bangkok.ToLocal(instantUtcOrAny);
        return Digits(
            Invariant($"{local.Day} {Abbreviations[local.Month - 1]} {ToBuddhistYear(local.Year)} {local.Hour:00}:{local.Minute:00} น."),
            thaiDigits);
    }

    /// <summary>A date as an officer types it into a form, "20/2/2566" (d/M/BE): what <see cref="TryParseDate"/> reads back.</summary>
    public static string FormatInput(DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{date.Day}/{date.Month}/{ToBuddhistYear(date.Year)}");

    // Accepts ISO "2023-02-20" (CE, what <input type=date> sends) and the officers' "20/02/2566"
    // (d/M/BE year), in Thai or Arabic digits. A BE year typed in ISO form ("2566-02-20") or a CE
    // year typed in Thai form ("20/02/2023") is rejected rather than read as a date 543 years off.
    public static bool TryParseDate(string? input, out DateOnly date)
    {
        date = default;
        if (input is null)
        {
            return false;
        }

        var s = ThaiDigits.ToArabic(input.Trim());
        var iso = s.Split('-');
        if (iso.Length == 3 && IsDigits(iso[0], 4, 4) && IsDigits(iso[1], 2, 2) && IsDigits(iso[2], 2, 2))
        {
            var year = int.Parse(iso[0], CultureInfo.InvariantCulture);
            return year is >= 1 and < 2400 && TryCreate(year, iso[1], iso[2], out date);
        }

        var thai = s.Split('/');
        if (thai.Length == 3 && IsDigits(thai[0], 1, 2) && IsDigits(thai[1], 1, 2) && IsDigits(thai[2], 4, 4))
        {
            var beYear = int.Parse(thai[2], CultureInfo.InvariantCulture);
            return beYear is >= 2400 and <= 2700 && TryCreate(ToGregorianYear(beYear), thai[1], thai[0], out date);
        }

        return false;
    }

    private static bool TryCreate(int year, string month, string day, out DateOnly date)
    {
        var m = int.Parse(month, CultureInfo.InvariantCulture);
        var d = int.Parse(day, CultureInfo.InvariantCulture);
        if (m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(year, m))
        {
            date = default;
            return false;
        }

        date = new DateOnly(year, m, d);
        return true;
    }

    private static bool IsDigits(string s, int minLength, int maxLength) =>
        s.Length >= minLength && s.Length <= maxLength && s.All(c => c is >= '0' and <= '9');

    private static int CheckMonth(int month)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        return month;
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static string Digits(string s, bool thai) => thai ? ThaiDigits.ToThai(s) : s;
}

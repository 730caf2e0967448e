using System.Globalization;

namespace Otop.Domain;

// A calendar month, CE year: the unit of revenue entry and of the month cycle (letter 2, clauses
// 3–4 and 6). Months travel as Gregorian "YYYY-MM" in the API (CONTRACT.md "Conventions").
public readonly record struct YearMonth(int Year, int Month) : IComparable<YearMonth>
{
    public int Year { get; } = Year is >= 1 and <= 9999
        ? Year
        : throw new ArgumentOutOfRangeException(nameof(Year), Year, "ปีต้องอยู่ระหว่าง 1 ถึง 9999 (ค.ศ.)");

    public int Month { get; } = Month is >= 1 and <= 12
        ? Month
        : throw new ArgumentOutOfRangeException(nameof(Month), Month, "เดือนต้องอยู่ระหว่าง 1 ถึง 12");

    public DateOnly FirstDay => new(Year, Month, 1);

    public DateOnly LastDay => new(Year, Month, DateTime.DaysInMonth(Year, Month));

    // The fiscal year runs 1 Oct – 30 Sep and is named by the BE year in which it ends, so
    // October 2022 belongs to FY 2566 (DOMAIN.md "Rules").
    public int FiscalYear => ThaiDates.ToBuddhistYear(Month >= 10 ? Year + 1 : Year);

    public static YearMonth Of(DateOnly d) => new(d.Year, d.Month);

    // Exactly "YYYY-MM" with ASCII digits: this is the machine format, not something people type.
    public static bool TryParse(string? s, out YearMonth ym)
    {
        ym = default;
        if (s is not { Length: 7 } || s[4] != '-')
        {
            return false;
        }

        for (var i = 0; i < 7; i++)
        {
            if (i != 4 && s[i] is < '0' or > '9')
            {
                return false;
            }
        }

        var year = int.Parse(s.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture);
        var month = int.Parse(s.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture);
        if (year < 1 || month is < 1 or > 12)
        {
            return false;
        }

        ym = new YearMonth(year, month);
        return true;
    }

    public YearMonth Next() => AddMonths(1);

    public YearMonth Previous() => AddMonths(-1);

    public YearMonth AddMonths(int months)
    {
        var index = (Year * 12L) + (Month - 1) + months;
        if (index < 12 || index >= 10000 * 12L)
        {
            throw new ArgumentOutOfRangeException(nameof(months), months, "เดือนที่ได้อยู่นอกช่วงที่รองรับ");
        }

        return new YearMonth((int)(index / 12), (int)(index % 12) + 1);
    }

    public int CompareTo(YearMonth other) =>
        Year != other.Year ? Year.CompareTo(other.Year) : Month.CompareTo(other.Month);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}");

    public static bool operator <(YearMonth left, YearMonth right) => left.CompareTo(right) < 0;

    public static bool operator >(YearMonth left, YearMonth right) => left.CompareTo(right) > 0;

    public static bool operator <=(YearMonth left, YearMonth right) => left.CompareTo(right) <= 0;

    public static bool operator >=(YearMonth left, YearMonth right) => left.CompareTo(right) >= 0;
}

namespace Otop.Domain;

// The Thai government fiscal year: 1 Oct – 30 Sep, named by the BE year in which it ends
// (FY 2566 = 1 Oct 2022 – 30 Sep 2023), assessed in two rounds: round 1 = Oct–Mar, round 2 = Apr–Sep
// (DOMAIN.md "Rules"; letter 1 names round 1 of FY 2564 "ตุลาคม 2563 - มีนาคม 2564").
public readonly record struct FiscalYear(int BuddhistYear)
{
    // A CE year passed by mistake (2023) would silently mean the 15th century; refuse it.
    public int BuddhistYear { get; } = BuddhistYear is >= 2400 and <= 2700
        ? BuddhistYear
        : throw new ArgumentOutOfRangeException(nameof(BuddhistYear), BuddhistYear, "ปีงบประมาณต้องเป็นปี พ.ศ. ระหว่าง 2400 ถึง 2700");

    public const int MinBuddhistYear = 2400;
    public const int MaxBuddhistYear = 2700;

    /// <summary>
    /// Why a year typed or put in a link cannot name a fiscal year, in Thai; null when it can. A CE year (2023) is named
    /// as such with its BE spelling (2566), the mistake officers and scripts make most; anything else names the range.
    /// </summary>
    public static string? InputError(int year) => year switch
    {
        >= MinBuddhistYear and <= MaxBuddhistYear => null,
        >= MinBuddhistYear - 543 and <= MaxBuddhistYear - 543 =>
            $"ปีงบประมาณ {year} เป็นปี ค.ศ. ระบบใช้ปีงบประมาณเป็นปี พ.ศ. กรุณาใช้ {year + 543}",
        _ => $"ปีงบประมาณ {year} ไม่ถูกต้อง ต้องเป็นปี พ.ศ. ระหว่าง {MinBuddhistYear} ถึง {MaxBuddhistYear} เช่น 2566",
    };

    public DateOnly Start => new(ThaiDates.ToGregorianYear(BuddhistYear) - 1, 10, 1);

    public DateOnly End => new(ThaiDates.ToGregorianYear(BuddhistYear), 9, 30);

    public IReadOnlyList<YearMonth> Months
    {
        get
        {
            var first = YearMonth.Of(Start);
            var months = new YearMonth[12];
            for (var i = 0; i < 12; i++)
            {
                months[i] = first.AddMonths(i);
            }

            return months;
        }
    }

    public FiscalYear Previous => new(BuddhistYear - 1);

    public static FiscalYear Of(DateOnly d) => Of(YearMonth.Of(d));

    public static FiscalYear Of(YearMonth m) => new(m.FiscalYear);

    public bool Contains(YearMonth m) => m.FiscalYear == BuddhistYear;

    public IReadOnlyList<YearMonth> MonthsOfRound(int round)
    {
        CheckRound(round);
        return Months.Skip(round == 1 ? 0 : 6).Take(6).ToArray();
    }

    public int RoundOf(YearMonth m)
    {
        if (!Contains(m))
        {
            throw new ArgumentOutOfRangeException(nameof(m), m, $"เดือน {m} ไม่อยู่ในปีงบประมาณ {BuddhistYear}");
        }

        return m.Month is >= 10 or <= 3 ? 1 : 2;
    }

    public DateOnly RoundFirstDay(int round)
    {
        CheckRound(round);
        return round == 1 ? Start : new DateOnly(ThaiDates.ToGregorianYear(BuddhistYear), 4, 1);
    }

    public DateOnly RoundLastDay(int round)
    {
        CheckRound(round);
        return round == 1 ? new DateOnly(ThaiDates.ToGregorianYear(BuddhistYear), 3, 31) : End;
    }

    private static void CheckRound(int round)
    {
        if (round is not (1 or 2))
        {
            throw new ArgumentOutOfRangeException(nameof(round), round, "รอบการประเมินต้องเป็น 1 หรือ 2");
        }
    }
}

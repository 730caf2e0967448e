namespace Otop.Domain;

// Letter 1 scores a district by the highest level whose threshold it reaches (step); the OPDC's
// linear interpolation between levels (8.5% → 3.5) must be available per indicator (DOMAIN.md).
public enum ScoringMethod
{
    Step,
    Linear,
}

public sealed record ScoreBand(int Score, decimal Percent);

public sealed class ScoreTable
{
    public ScoreTable(IEnumerable<ScoreBand> bands)
    {
        ArgumentNullException.ThrowIfNull(bands);
        var list = bands.ToArray();
        if (list.Length < 2)
        {
            throw new ArgumentException("เกณฑ์การให้คะแนนต้องมีอย่างน้อย 2 ระดับ", nameof(bands));
        }

        if (list.Any(b => b is null))
        {
            throw new ArgumentException("เกณฑ์การให้คะแนนต้องไม่มีระดับที่ว่าง", nameof(bands));
        }

        for (var i = 1; i < list.Length; i++)
        {
            if (list[i].Score <= list[i - 1].Score)
            {
                throw new ArgumentException("คะแนนของแต่ละระดับต้องเพิ่มขึ้นตามลำดับ", nameof(bands));
            }

            if (list[i].Percent <= list[i - 1].Percent)
            {
                throw new ArgumentException("ร้อยละของแต่ละระดับต้องเพิ่มขึ้นตามลำดับ", nameof(bands));
            }
        }

        Bands = list;
    }

    // Letter 1, enclosure 1 (FY 2564 online markets): scores 1–5 at 6, 7, 8, 9, 10 %.
    public static ScoreTable Letter1 { get; } = new(
    [
        new ScoreBand(1, 6m),
        new ScoreBand(2, 7m),
        new ScoreBand(3, 8m),
        new ScoreBand(4, 9m),
        new ScoreBand(5, 10m),
    ]);

    public IReadOnlyList<ScoreBand> Bands { get; }

    public decimal Score(decimal achievedPercent, ScoringMethod method) => method switch
    {
        ScoringMethod.Step => StepScore(achievedPercent),
        ScoringMethod.Linear => LinearScore(achievedPercent),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };

    // Letter 1, enclosure 1: a threshold cell is products × percent / 100, one decimal, half away
    // from zero (406 × 7% = 28.42 → 28.4; 270 × 10% = 27.0).
    public static decimal Threshold(int count, decimal percent) =>
        Rounding.HalfAwayFromZero(count * percent / 100m, 1);

    // Achieved percentages are rounded to 2 decimals (CONTRACT.md "Conventions").
    public static decimal AchievedPercent(decimal part, decimal whole) =>
        whole == 0m ? 0m : Rounding.HalfAwayFromZero(100m * part / whole, 2);

    // The smallest k with 100·k/count ≥ percent: "how many products still have to go online for the
    // next score". Exact in decimal, so 406 × 7% needs 29, not the 28.4 printed in the letter.
    public static int ItemsNeeded(int count, decimal percent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return (int)Math.Ceiling(count * percent / 100m);
    }

    // Revenue increase = (revenue − baseline) / baseline × 100 (letter 2; DOMAIN.md "Rules").
    public static decimal IncreasePercent(decimal revenue, decimal baseline) =>
        baseline == 0m ? 0m : Rounding.HalfAwayFromZero((revenue - baseline) / baseline * 100m, 2);

    // The lowest band is a floor: letter 1's score-1 column reads "< 7%" although it prints 6%,
    // so anything below band 2 (even 0%) scores band 1.
    private decimal StepScore(decimal p)
    {
        var score = Bands[0].Score;
        foreach (var band in Bands)
        {
            if (p >= band.Percent)
            {
                score = band.Score;
            }
        }

        return score;
    }

    private decimal LinearScore(decimal p)
    {
        if (p <= Bands[0].Percent)
        {
            return Bands[0].Score;
        }

        var last = Bands[^1];
        if (p >= last.Percent)
        {
            return last.Score;
        }

        var i = 0;
        while (p >= Bands[i + 1].Percent)
        {
            i++;
        }

        var low = Bands[i];
        var high = Bands[i + 1];

        // Multiply before dividing so that exact cases stay exact.
        var score = low.Score + ((p - low.Percent) * (high.Score - low.Score) / (high.Percent - low.Percent));
        return Rounding.HalfAwayFromZero(score, 4);
    }
}

using static Otop.Domain.Tests.TestData;

namespace Otop.Domain.Tests;

public class RevenueForecastTests
{
    // Round 1 of FY 2567: Oct 2023 – Mar 2024.
    private static readonly IReadOnlyList<YearMonth> Round = new FiscalYear(2567).MonthsOfRound(1);

    /// <summary>"2023-10=100;2023-11=100" → a month → total dictionary.</summary>
    private static Dictionary<YearMonth, decimal> Months(string spec) => spec.Length == 0
        ? []
        : spec.Split(';').Select(p => p.Split('=')).ToDictionary(p => Ym(p[0]), p => D(p[1]));

    /// <summary>One earlier round, k years back, with its six months in order ("50,50,50,50,50,50"; "-" leaves a month out).</summary>
    private static string Year(int k, string figures) => string.Join(';', figures.Split(',')
        .Select((f, i) => (f, m: Round[i].AddMonths(-12 * k))).Where(x => x.f != "-").Select(x => $"{x.m}={x.f}"));

    public static TheoryData<string, string, string, int, string, string, string, string, int> Cases => new()
    {
        // case, observed, history, years, observed sum, projected, low, high, years used
        // One year: the rest of the round was twice the first two months → 200 × (1 + 2).
        { "one year", "2023-10=100;2023-11=100", Year(1, "50,50,50,50,50,50"), 5, "200", "600", "600", "600", 1 },
        // Two years, r = 2 and r = 1: the median 1.5, the interval from 1 to 2.
        { "two years", "2023-10=100;2023-11=100", Year(1, "50,50,50,50,50,50") + ";" + Year(2, "100,100,50,50,50,50"), 5, "200", "500", "400", "600", 2 },
        // Three years, r = 2, 1, 3: the median is the middle one.
        { "three years", "2023-10=100;2023-11=100",
            Year(1, "50,50,50,50,50,50") + ";" + Year(2, "100,100,50,50,50,50") + ";" + Year(3, "10,10,15,15,15,15"), 5, "200", "600", "400", "800", 3 },
        // Only as many years as asked: the third year back is not read with years = 2.
        { "years limit", "2023-10=100;2023-11=100",
            Year(1, "50,50,50,50,50,50") + ";" + Year(2, "100,100,50,50,50,50") + ";" + Year(3, "10,10,15,15,15,15"), 2, "200", "500", "400", "600", 2 },
        // An earlier round with a month missing is not used (a gap is not a month without sales).
        { "incomplete year skipped", "2023-10=100;2023-11=100", Year(1, "50,50,50,50,50,50") + ";" + Year(2, "100,100,-,50,50,50"), 5, "200", "600", "600", "600", 1 },
        // An earlier year with nothing in the observed months gives no ratio.
        { "zero year skipped", "2023-10=100;2023-11=100", Year(1, "50,50,50,50,50,50") + ";" + Year(2, "0,0,50,50,50,50"), 5, "200", "600", "600", "600", 1 },
        // A gap in the round: Oct and Dec observed, Nov still to come with Jan–Mar. r = (20+10+10+10)/(10+30) = 1.25.
        { "gap in the round", "2023-10=100;2023-12=300", Year(1, "10,20,30,10,10,10"), 5, "400", "900", "900", "900", 1 },
        // Thirds: 100 × (1 + 5/3) = 266.666… → 266.67.
        { "rounded to satang", "2023-10=100", Year(1, "300,100,100,100,100,100"), 5, "100", "266.67", "266.67", "266.67", 1 },
        // Half away from zero: 0.01 × 2.5 = 0.025 → 0.03 (banker's rounding would give 0.02).
        { "half away from zero", "2023-10=0.01", Year(1, "2,1,0.5,0.5,0.5,0.5"), 5, "0.01", "0.03", "0.03", "0.03", 1 },
        // The whole round observed: the total is known, no history needed.
        { "complete round", "2023-10=1;2023-11=2;2023-12=3;2024-01=4;2024-02=5;2024-03=6", "", 5, "21", "21", "21", "21", 0 },
        // A month outside the round is not part of it.
        { "month outside the round ignored", "2023-09=999;2023-10=100;2023-11=100", Year(1, "50,50,50,50,50,50"), 5, "200", "600", "600", "600", 1 },
        // Five months: one month left, r = 60 / 300 = 0.2.
        { "five months", "2023-10=100;2023-11=100;2023-12=100;2024-01=100;2024-02=100", Year(1, "60,60,60,60,60,60"), 5, "500", "600", "600", "600", 1 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Project_ExtendsTheObservedMonthsByTheSeasonalityOfEarlierYears(string name, string observed, string history, int years,
        string sum, string projected, string low, string high, int yearsUsed)
    {
        var (projection, reason) = RevenueForecast.Project(Round, Months(observed), Months(history), years);

        reason.ShouldBeNull(name);
        projection.ShouldNotBeNull(name);
        projection.Observed.ShouldBe(D(sum), name);
        projection.Projected.ShouldBe(D(projected), name);
        projection.Low.ShouldBe(D(low), name);
        projection.High.ShouldBe(D(high), name);
        projection.YearsUsed.ShouldBe(yearsUsed, name);
        projection.MonthsObserved.ShouldBe(Months(observed).Keys.Count(Round.Contains), name);
    }

    [Theory]
    [InlineData("nothing observed", "", "2022-10=50", RevenueForecast.NotReported)]
    [InlineData("only months outside the round", "2024-04=100", "2022-10=50", RevenueForecast.NotReported)]
    [InlineData("no earlier year at all", "2023-10=100", "", RevenueForecast.NoHistory)]
    [InlineData("an earlier year with a month missing", "2023-10=100", "2022-10=50;2022-11=50;2022-12=50;2023-01=50;2023-02=50", RevenueForecast.NoHistory)]
    public void Project_GivesNoForecastAndSaysWhy_WhenThereIsNothingToExtendFrom(string name, string observed, string history, string expected)
    {
        var (projection, reason) = RevenueForecast.Project(Round, Months(observed), Months(history));

        projection.ShouldBeNull(name);
        reason.ShouldBe(expected, name);
    }

    [Fact]
    public void Project_NeverPutsTheIntervalBelowWhatIsAlreadyObserved()
    {
        // An earlier year with nothing after the observed months: r = 0, the low end is the observed sum itself.
        var (projection, _) = RevenueForecast.Project(Round, Months("2023-10=100;2023-11=100"),
            Months(Year(1, "50,50,0,0,0,0") + ";" + Year(2, "50,50,50,50,50,50")));

        projection.ShouldNotBeNull();
        projection.Low.ShouldBe(200m);
        projection.High.ShouldBe(600m);
        projection.Projected.ShouldBe(400m);
    }

    // Letter 2's bands as the demo has them: 1–5 at 1 %, 2 %, 3 %, 4 %, 5 %.
    private static readonly ScoreTable Bands = new(Enumerable.Range(1, 5).Select(s => new ScoreBand(s, s)));

    [Theory]
    [InlineData("105", "100", ScoringMethod.Step, "5", "5", false)]
    [InlineData("104.99", "100", ScoringMethod.Step, "4.99", "4", true)]
    [InlineData("100", "100", ScoringMethod.Step, "0", "1", true)]
    [InlineData("90", "100", ScoringMethod.Step, "-10", "1", true)]
    [InlineData("104.5", "100", ScoringMethod.Linear, "4.5", "4.5", true)]
    [InlineData("120", "100", ScoringMethod.Linear, "20", "5", false)]
    public void Score_ScoresTheProjectionWithTheBandsAndFlagsBelowTheTopBand(string projected, string baseline, ScoringMethod method,
        string percent, string score, bool atRisk)
    {
        var p = D(projected);
        var result = RevenueForecast.Score(new RevenueProjection(p, 2, p, p, p, 1), D(baseline), Bands, method);

        result.IncreasePercent.ShouldBe(D(percent));
        result.Score.ShouldBe(D(score));
        result.AtRisk.ShouldBe(atRisk);
    }

    [Fact]
    public void Score_IsNothing_WithoutABaseline()
    {
        var result = RevenueForecast.Score(new RevenueProjection(100m, 2, 300m, 300m, 300m, 1), 0m, Bands, ScoringMethod.Step);

        result.ShouldBe(new RevenueForecastScore(null, null, null));
    }

    [Fact]
    public void Score_GivesThePercentOnly_WithoutBands()
    {
        var result = RevenueForecast.Score(new RevenueProjection(100m, 2, 300m, 300m, 300m, 1), 200m, null, ScoringMethod.Step);

        result.ShouldBe(new RevenueForecastScore(50m, null, null));
    }

    [Theory]
    [InlineData("2023-10", 1)]
    [InlineData("2023-12", 3)]
    [InlineData("2024-03", 6)]
    [InlineData("2024-04", 1)]
    [InlineData("2024-06", 3)]
    [InlineData("2024-09", 6)]
    public void MonthOfRound_CountsFromTheRoundsFirstMonth(string month, int expected) =>
        RevenueForecast.MonthOfRound(Ym(month)).ShouldBe(expected);
}

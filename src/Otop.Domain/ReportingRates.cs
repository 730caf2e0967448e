namespace Otop.Domain;

/// <summary>Where one district's month stands in the reporting-rate table (issue 17, item 4).</summary>
public enum ReportState
{
    /// <summary>Confirmed (or approved) and not late: its first confirmation was by the deadline.</summary>
    OnTime,
    /// <summary>Confirmed (or approved) with the month's late flag (<see cref="ConfirmationLateness"/>).</summary>
    Late,
    /// <summary>The deadline has passed and the month is not confirmed (a draft, certified only, returned or unlocked).</summary>
    NotReported,
    /// <summary>The confirmation deadline has not passed yet: the month is not expected, whatever its status.</summary>
    NotYetDue,
}

/// <summary>
/// Reporting rates as DHIS2's reporting-rate summary has them (issue 17, item 4): a month is <em>expected</em> once its
/// confirmation deadline (letter 2, clause 4: the end of day ConfirmByDay of M+1, Bangkok; <see cref="MonthWindow.ConfirmDeadline"/>)
/// has passed; the reporting rate is the share of expected reports received (confirmed or approved, as the national
/// progress counts them), the on-time rate the share received by the deadline. The late flag is the month's own, decided
/// by its first confirmation (issue 15, item 6), so a month the province returned or unlocked and the district confirmed
/// again is not late. Percentages round half away from zero to 2 places; with nothing expected there is no rate.
/// </summary>
public static class ReportingRates
{
    public static bool IsExpected(YearMonth month, DateTimeOffset now, MonthlyCycle cycle) => now >= MonthWindow.ConfirmDeadline(month, cycle);

    /// <summary>A report is received when the district head has confirmed it (or the province approved it since).</summary>
    public static bool IsReceived(RevenueStatus? status) => status is RevenueStatus.Confirmed or RevenueStatus.Approved;

    /// <summary>The cell's state from the stored month (null: never written) and its late flag.</summary>
    public static ReportState StateOf(YearMonth month, DateTimeOffset now, MonthlyCycle cycle, RevenueStatus? status, bool late) =>
        !IsExpected(month, now, cycle) ? ReportState.NotYetDue
        : !IsReceived(status) ? ReportState.NotReported
        : late ? ReportState.Late
        : ReportState.OnTime;

    /// <summary>The last Bangkok day on which month <paramref name="month"/> is confirmed on time (the 3rd of M+1 by default).</summary>
    public static DateOnly LastOnTimeDay(YearMonth month, MonthlyCycle cycle) => Bangkok.Today(MonthWindow.ConfirmDeadline(month, cycle).AddTicks(-1));

    /// <summary>Bangkok days from the last on-time day to the (first) confirmation: 0 when on time.</summary>
    public static int LateDays(YearMonth month, DateTimeOffset confirmedAt, MonthlyCycle cycle) =>
        Math.Max(0, Bangkok.Today(confirmedAt).DayNumber - LastOnTimeDay(month, cycle).DayNumber);

    /// <summary>Part of whole in percent, half away from zero to 2 places; null when nothing is expected.</summary>
    public static decimal? Percent(int part, int whole) =>
        whole <= 0 ? null : Rounding.HalfAwayFromZero(100m * part / whole, 2);

    /// <summary>The counts of a row or column of the table, and the rates they give.</summary>
    public readonly record struct Tally(int OnTime, int Late, int NotReported, int NotYetDue)
    {
        public int Expected => OnTime + Late + NotReported;

        public int Received => OnTime + Late;

        /// <summary>% of the expected reports received, on time or late.</summary>
        public decimal? ReportingRate => Percent(Received, Expected);

        /// <summary>% of the expected reports received by the deadline.</summary>
        public decimal? OnTimeRate => Percent(OnTime, Expected);

        public static Tally Of(IEnumerable<ReportState> states)
        {
            int onTime = 0, late = 0, missing = 0, notDue = 0;
            foreach (var s in states)
            {
                switch (s)
                {
                    case ReportState.OnTime: onTime++; break;
                    case ReportState.Late: late++; break;
                    case ReportState.NotReported: missing++; break;
                    default: notDue++; break;
                }
            }
            return new Tally(onTime, late, missing, notDue);
        }
    }
}

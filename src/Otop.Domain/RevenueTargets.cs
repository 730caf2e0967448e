namespace Otop.Domain;

// Letter 2's target table (enclosures 1 and 2; CONTRACT.md "Revenue"): the revenue a district needs for each score is
// baseline × (100 + percent) / 100, half away from zero to 2 decimals (money). The results count a month only once the
// district has vouched for it: certified, confirmed or approved (a draft or a month sent back is not yet a figure).
public static class RevenueTargets
{
    public static readonly RevenueStatus[] CountedStatuses = [RevenueStatus.Certified, RevenueStatus.Confirmed, RevenueStatus.Approved];

    public static decimal Threshold(decimal baseline, decimal percent) =>
        Rounding.HalfAwayFromZero(baseline * (100m + percent) / 100m, 2);

    public static bool Counts(RevenueStatus status) => Array.IndexOf(CountedStatuses, status) >= 0;
}

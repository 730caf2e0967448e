namespace Otop.Domain;

// Thresholds, percentages and money round half away from zero, in decimal arithmetic
// (letter 1's target table: 406 × 7% = 28.42 → 28.4; DOMAIN.md "Rules"; CONTRACT.md "Conventions").
// Math.Round's default (banker's rounding) would give 0.2 for 0.25, which the letters never do.
public static class Rounding
{
    public static decimal HalfAwayFromZero(decimal value, int decimals)
    {
        var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);

        // -0.004 rounds to a "negative zero" decimal that prints "-0.00"; a report must show 0.00.
        return rounded == 0m ? Math.Abs(rounded) : rounded;
    }
}

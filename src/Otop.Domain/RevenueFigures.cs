using System.Globalization;

namespace Otop.Domain;

// The numbers of a district's revenue month (letter 2, clause 3: each producer's revenue, in baht with satang,
// DOMAIN.md "Rules"), the same for the API, the entry page, the estimate and the history import.
public static class RevenueFigures
{
    // The largest figure, and month total, that numeric(14,2) holds.
    public const decimal MaxAmount = 999_999_999_999.99m;

    // CONTRACT.md "Revenue": 422 for a negative amount or more than 2 decimals.
    public static string? AmountError(decimal? amount) => amount switch
    {
        null => "กรุณาระบุจำนวนเงิน",
        < 0m => "จำนวนเงินต้องไม่ติดลบ",
        var a when Math.Round(a.Value, 2) != a.Value => "จำนวนเงินมีทศนิยมได้ไม่เกิน 2 ตำแหน่ง (สตางค์)",
        > MaxAmount => "จำนวนเงินมากเกินไป",
        _ => null,
    };

    // A month's total is numeric(14,2) like each figure, so figures that each fit may add up to more than it holds:
    // every path that writes a month (the save, the history import) refuses that before writing.
    public static string? MonthTotalError(decimal total) =>
        total > MaxAmount ? string.Create(CultureInfo.InvariantCulture, $"ยอดรวมของเดือนต้องไม่เกิน {MaxAmount:N2} บาท") : null;

    // The data-quality guard of docs/decisions/005: a figure more than 3× or under a third of the producer's same month
    // last year or of its estimate is flagged, to be explained before certifying. A missing or zero reference never flags.
    public static bool IsFlagged(decimal amount, decimal? lastYear, decimal? estimate) =>
        IsFarFrom(amount, lastYear) || IsFarFrom(amount, estimate);

    // JSON "-0.00" is a decimal negative zero, which would be stored and shown as "-0.00": a zero is stored as 0.
    public static decimal WithoutNegativeZero(decimal amount) => amount == 0m ? 0m : amount;

    private static bool IsFarFrom(decimal amount, decimal? reference) =>
        reference is > 0m && (amount > 3m * reference.Value || amount * 3m < reference.Value);
}

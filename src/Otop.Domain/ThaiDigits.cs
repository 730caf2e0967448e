using System.Globalization;
using System.Text;

namespace Otop.Domain;

// Officers type Thai digits and thousands separators: ๑๒,๓๔๕.๕๐ means 12345.50 (DOMAIN.md "Rules").
// .NET never reads or writes Thai digits in any culture (STACK.md "Thai text, dates and numbers"),
// so they are mapped by hand, and every parse uses InvariantCulture so the host culture cannot
// change what a comma or a point means.
public static class ThaiDigits
{
    private const char ThaiZero = '\u0E50';
    private const char ThaiNine = '\u0E59';

    public static string ToThai(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return string.Create(s.Length, s, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c is >= '0' and <= '9' ? (char)(ThaiZero + (c - '0')) : c;
            }
        });
    }

    public static string ToArabic(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return string.Create(s.Length, s, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c is >= ThaiZero and <= ThaiNine ? (char)('0' + (c - ThaiZero)) : c;
            }
        });
    }

    public static bool IsThaiDigit(char c) => c is >= ThaiZero and <= ThaiNine;

    public static bool TryParseDecimal(string? input, out decimal value)
    {
        value = 0m;
        if (!TryNormalize(input, allowFraction: true, out var plain))
        {
            return false;
        }

        return decimal.TryParse(
            plain,
            NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
            CultureInfo.InvariantCulture,
            out value);
    }

    public static bool TryParseInt(string? input, out int value)
    {
        value = 0;
        if (!TryNormalize(input, allowFraction: false, out var plain))
        {
            return false;
        }

        return int.TryParse(plain, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    // Printed documents may show Thai digits (DOMAIN.md "Rules"); grouping is always ',' and '.'
    // whatever the host culture.
    public static string FormatNumber(decimal value, int decimals, bool thaiDigits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, 28);

        var rounded = Rounding.HalfAwayFromZero(value, decimals);
        var text = rounded.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return thaiDigits ? ToThai(text) : text;
    }

    // Accepts: optional '-', digits either plain or in ',' groups of exactly three after a first
    // group of one to three ("1,234" yes, "1,2345" and "12,34" no), then optionally '.' and at
    // least one digit. Returns the same number with Arabic digits and no separators.
    private static bool TryNormalize(string? input, bool allowFraction, out string plain)
    {
        plain = "";
        if (input is null)
        {
            return false;
        }

        var s = input.Trim();
        var sb = new StringBuilder(s.Length);
        var i = 0;
        if (i < s.Length && s[i] == '-')
        {
            sb.Append('-');
            i++;
        }

        var digitsInGroup = 0;
        var grouped = false;
        for (; i < s.Length && s[i] != '.'; i++)
        {
            var c = s[i];
            if (TryDigit(c, out var d))
            {
                sb.Append(d);
                digitsInGroup++;
            }
            else if (c == ',')
            {
                if (digitsInGroup == 0 || (grouped ? digitsInGroup != 3 : digitsInGroup > 3))
                {
                    return false;
                }

                grouped = true;
                digitsInGroup = 0;
            }
            else
            {
                return false;
            }
        }

        if (digitsInGroup == 0 || (grouped && digitsInGroup != 3))
        {
            return false;
        }

        if (i < s.Length)
        {
            if (!allowFraction)
            {
                return false;
            }

            sb.Append('.');
            i++;
            var fractionDigits = 0;
            for (; i < s.Length; i++)
            {
                if (!TryDigit(s[i], out var d))
                {
                    return false;
                }

                sb.Append(d);
                fractionDigits++;
            }

            if (fractionDigits == 0)
            {
                return false;
            }
        }

        plain = sb.ToString();
        return true;
    }

    // Only ASCII and Thai digits: char.IsDigit would also let Arabic-Indic or Devanagari digits in.
    private static bool TryDigit(char c, out char arabic)
    {
        if (c is >= '0' and <= '9')
        {
            arabic = c;
            return true;
        }

        if (IsThaiDigit(c))
        {
            arabic = (char)('0' + (c - ThaiZero));
            return true;
        }

        arabic = '\0';
        return false;
    }
}

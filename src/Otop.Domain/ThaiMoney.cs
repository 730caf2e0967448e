using System.Globalization;
using System.Text;

namespace Otop.Domain;

/// <summary>What an amount field held: a figure, nothing (the field was left empty: "not entered", which is not 0), or text
/// that is not an amount, with the Thai sentence that says why.</summary>
public enum MoneyInputKind { Amount, Empty, Invalid }

/// <param name="Amount">The figure when <see cref="Kind"/> is <see cref="MoneyInputKind.Amount"/>, otherwise 0.</param>
/// <param name="Error">The Thai reason when <see cref="Kind"/> is <see cref="MoneyInputKind.Invalid"/>; it quotes what was typed.</param>
public readonly record struct MoneyInput(MoneyInputKind Kind, decimal Amount, string? Error)
{
    public bool IsEmpty => Kind == MoneyInputKind.Empty;
    public bool IsAmount => Kind == MoneyInputKind.Amount;
}

/// <summary>
/// The one reading of a money figure typed or uploaded by an officer (issue 15, item 4): baht with at most 2 decimals
/// (satang), not negative, within numeric(14,2) (<see cref="RevenueFigures.MaxAmount"/>). Accepts Thai or Arabic digits,
/// thousands grouped by commas or spaces (40,000 · 40 000, always groups of three), a '.' decimal point, a leading "฿",
/// a leading or trailing "บาท" / "บ.", and the ".-" of a figure written without satang (40,000.-). Everything else is
/// refused with a Thai sentence that quotes the text and says what is wrong; callers put the field and row in front.
/// </summary>
public static class ThaiMoney
{
    /// <summary>The sentence for a required amount left empty.</summary>
    public const string EmptyError = "ยังไม่ได้กรอกจำนวนเงิน";

    private const int MaxIntegerDigits = 12; // numeric(14,2)
    private const int QuotedLength = 40;

    /// <summary>An empty field is not an error here: it is <see cref="MoneyInputKind.Empty"/>, and the caller decides.</summary>
    public static MoneyInput Read(string? input)
    {
        if (input is null) return new(MoneyInputKind.Empty, 0m, null);
        if (input.All(c => char.IsWhiteSpace(c) || c is '\u200B' or '\uFEFF')) return new(MoneyInputKind.Empty, 0m, null);
        var s = Clean(input);
        var amount = 0m;
        var reason = s.Length == 0 ? NoDigits : Reason(s, out amount);
        return reason is null
            ? new(MoneyInputKind.Amount, amount, null)
            : new(MoneyInputKind.Invalid, 0m, $"'{PlainText.Truncate(input.Trim(), QuotedLength)}' ไม่ใช่จำนวนเงินที่ถูกต้อง: {reason}");
    }

    /// <summary>For a required amount: an empty field is refused too, with <see cref="EmptyError"/>.</summary>
    public static bool TryParse(string? input, out decimal amount, out string? errorTh)
    {
        var read = Read(input);
        amount = read.Amount;
        errorTh = read.Kind switch
        {
            MoneyInputKind.Empty => EmptyError,
            MoneyInputKind.Invalid => read.Error,
            _ => null,
        };
        return read.IsAmount;
    }

    /// <summary>The figure if the text is one, otherwise null (an empty or invalid field counts nothing in a running total).</summary>
    public static decimal? ValueOrNull(string? input) => Read(input) is { IsAmount: true } r ? r.Amount : null;

    /// <summary>A saved amount as the forms show it again: thousands separators and 2 decimals (40,000.00), whatever the culture.</summary>
    public static string Format(decimal amount) => ThaiDigits.FormatNumber(amount, 2, thaiDigits: false);

    // Thai digits to Arabic, the currency words off, spaces at the ends off; inner spaces are kept (they may group thousands).
    private static string Clean(string input)
    {
        var sb = new StringBuilder(input.Length);
        foreach (var c in input)
        {
            if (c is '\u200B' or '\uFEFF') continue; // zero-width space (Thai text often carries it) and BOM
            sb.Append(ThaiDigits.IsThaiDigit(c) ? (char)('0' + (c - '\u0E50')) : char.IsWhiteSpace(c) ? ' ' : c);
        }
        var s = sb.ToString().Trim();
        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var word in (string[])["฿", "บาท", "บ."])
            {
                if (s.StartsWith(word, StringComparison.Ordinal)) { s = s[word.Length..].TrimStart(); changed = true; }
            }
            foreach (var word in (string[])["บาท", "บ."])
            {
                if (s.EndsWith(word, StringComparison.Ordinal)) { s = s[..^word.Length].TrimEnd(); changed = true; }
            }
        }
        if (s.EndsWith(".-", StringComparison.Ordinal) && s.Length > 2 && char.IsAsciiDigit(s[^3])) s = s[..^2];
        return s;
    }

    private static string? Reason(string s, out decimal amount)
    {
        amount = 0m;
        if (s[0] is '-' or '\u2212' or '\u2013' || (s[0] == '(' && s[^1] == ')'))
        {
            // "-0.00" is zero, as RevenueFigures.WithoutNegativeZero stores it; anything else with a sign is negative.
            var unsigned = s[0] == '(' ? s[1..^1].Trim() : s[1..].TrimStart();
            return unsigned.Length > 0 && Reason(unsigned, out var magnitude) is null && magnitude == 0m ? null : RevenueFigures.AmountError(-1m);
        }
        var other = s.FirstOrDefault(c => !(char.IsAsciiDigit(c) || c is ',' or '.' or ' '));
        if (other != default) return $"มีอักขระ '{other}' ซึ่งไม่ใช่ตัวเลข พิมพ์ได้เฉพาะตัวเลข (ไทยหรืออารบิก) จุลภาคคั่นหลักพัน จุดทศนิยม และคำว่า บาท";
        if (!s.Any(char.IsAsciiDigit)) return NoDigits;

        var dots = s.Count(c => c == '.');
        if (dots > 1) return "มีจุดมากกว่าหนึ่งจุด ใช้จุลภาค (,) คั่นหลักพันและจุด (.) เฉพาะหน้าสตางค์ เช่น 1,234,567.50";
        var point = s.IndexOf('.');
        var whole = point < 0 ? s : s[..point];
        var fraction = point < 0 ? "" : s[(point + 1)..];
        if (point >= 0 && fraction.Length == 0) return "ไม่มีตัวเลขหลังจุดทศนิยม (ไม่มีสตางค์ให้พิมพ์ไม่ต้องมีจุด เช่น 40000)";
        if (!fraction.All(char.IsAsciiDigit)) return Misplaced;
        if (fraction.Length > 2)
        {
            var hint = fraction.Length == 3 && whole.Length is > 0 and <= 3 && whole[0] != '0' && whole.All(char.IsAsciiDigit)
                ? $" หากหมายถึง {whole},{fraction} บาท ให้ใช้จุลภาค (,) คั่นหลักพัน"
                : "";
            return $"มีทศนิยม {fraction.Length} ตำแหน่ง จำนวนเงินมีทศนิยมได้ไม่เกิน 2 ตำแหน่ง (สตางค์){hint}";
        }

        var digits = GroupedDigits(whole);
        if (digits is null) return Misplaced;
        if (digits.TrimStart('0').Length > MaxIntegerDigits) return TooLarge;
        var plain = (digits.Length == 0 ? "0" : digits) + (fraction.Length > 0 ? "." + fraction : "");
        if (!decimal.TryParse(plain, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out amount) || amount > RevenueFigures.MaxAmount)
        {
            amount = 0m;
            return TooLarge;
        }
        return null;
    }

    private const string NoDigits = "ไม่มีตัวเลข";
    private static readonly string Misplaced = "ใส่เครื่องหมายคั่นหลักผิดที่ ต้องคั่นทุก 3 หลักนับจากจุดทศนิยม เช่น 40,000 หรือ 1,250,000.50";
    private static readonly string TooLarge = string.Create(CultureInfo.InvariantCulture, $"มากเกินกว่าที่บันทึกได้ (ไม่เกิน {RevenueFigures.MaxAmount:N2} บาท)");

    // "40000", "40,000", "40 000": the digits; null for separators out of place ("4,00,0", "40,00", ",400", "4, 000").
    private static string? GroupedDigits(string whole)
    {
        if (whole.All(char.IsAsciiDigit)) return whole;
        var comma = whole.Contains(',');
        var space = whole.Contains(' ');
        if (comma && space) return null;
        var groups = whole.Split(comma ? ',' : ' ');
        if (groups[0].Length is 0 or > 3 || groups.Skip(1).Any(g => g.Length != 3)) return null;
        return groups.All(g => g.All(char.IsAsciiDigit)) ? string.Concat(groups) : null;
    }
}

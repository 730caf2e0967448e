using System.Globalization;
using System.Text;

namespace Otop.Domain;

/// <summary>
/// Text from users or data made safe where a line of plain text is all that may go: file names, mail headers. Control
/// characters (NUL, CR, LF, tab), invisible format characters (zero-width space and joiners, BOM, the bidirectional
/// overrides such as U+202E that make "gpj.exe" read "exe.jpg"), line and paragraph separators and unassigned code
/// points are never kept (docs/hostile-input.md, "Uploads, mail and input").
/// </summary>
public static class PlainText
{
    /// <summary>True for a character that must not reach a name or a header (see <see cref="PlainText"/>).</summary>
    public static bool IsHidden(Rune rune) =>
        rune == Rune.ReplacementChar || Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
            or UnicodeCategory.Surrogate;

    /// <summary>
    /// One line: line breaks, tabs and other controls become a space, invisible format characters go, runs of white space
    /// become one space, the ends are trimmed (NFC), and at most <paramref name="maxLength"/> characters are kept without
    /// cutting a character in two.
    /// </summary>
    public static string SingleLine(string? text, int maxLength = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        var kept = new StringBuilder(text?.Length ?? 0);
        var space = false;
        foreach (var rune in (text ?? "").EnumerateRunes())
        {
            var blank = Rune.IsWhiteSpace(rune) || Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
            if (blank)
            {
                space = kept.Length > 0;
                continue;
            }
            if (IsHidden(rune)) continue;
            if (space) kept.Append(' ');
            space = false;
            kept.Append(rune.ToString());
        }
        return Truncate(kept.ToString().Normalize(NormalizationForm.FormC), maxLength);
    }

    /// <summary>At most <paramref name="maxLength"/> UTF-16 units, never ending on half of a surrogate pair.</summary>
    public static string Truncate(string text, int maxLength)
    {
        if (text.Length <= maxLength) return text;
        var keep = maxLength;
        if (char.IsHighSurrogate(text[keep - 1])) keep--;
        return text[..keep];
    }
}

using System.Globalization;
using System.Text;

namespace Otop.Domain;

/// <summary>
/// The registry's search key (issue 16, item 9): one spelling for the ways the same Thai word is typed. "นํ้า" (nikhahit,
/// tone, sara aa) and "น้ำ" (tone, sara am) are the same; so are marks typed in another order ("กี่" and "ก่ี"), a mark
/// typed twice, Thai digits, zero-width and other invisible characters, spaces anywhere, and Latin capitals.
/// Stored beside each producer and product name (migration 024) and applied to the query, so a search compares keys.
/// </summary>
public static class ThaiSearch
{
    public static string Key(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        string s;
        try
        {
            // NFKC splits sara am (U+0E33) into nikhahit + sara aa (U+0E4D U+0E32): both spellings meet there.
            s = ThaiDigits.ToArabic(text).Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            s = ThaiDigits.ToArabic(text); // a lone surrogate: compare it as typed
        }

        var sb = new StringBuilder(s.Length);
        var marks = new List<char>(4);
        foreach (var c in s)
        {
            if (char.IsWhiteSpace(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format) continue;
            if (MarkOrder(c) > 0)
            {
                if (!marks.Contains(c)) marks.Add(c);
                continue;
            }
            Flush(sb, marks);
            sb.Append(char.ToLowerInvariant(c));
        }
        Flush(sb, marks);
        return sb.ToString();
    }

    // Marks sit on a consonant in one order once sorted: vowels above or below first, then the tone, then nikhahit.
    private static void Flush(StringBuilder sb, List<char> marks)
    {
        if (marks.Count == 0) return;
        marks.Sort((a, b) => MarkOrder(a) != MarkOrder(b) ? MarkOrder(a).CompareTo(MarkOrder(b)) : a.CompareTo(b));
        foreach (var m in marks) sb.Append(m);
        marks.Clear();
    }

    private static int MarkOrder(char c) => c switch
    {
        '\u0E31' or (>= '\u0E34' and <= '\u0E3A') or '\u0E47' => 1, // ั ิ ี ึ ื ุ ู ฺ ็
        >= '\u0E48' and <= '\u0E4B' => 2,                             // ่ ้ ๊ ๋
        '\u0E4C' or '\u0E4D' or '\u0E4E' => 3,                        // ์ ํ ๎
        _ => 0,
    };
}

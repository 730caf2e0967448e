using System.Text;

namespace Otop.Domain;

public static class ThaiText
{
    // Longest first, so "กลุ่มวิสาหกิจชุมชน" is not read as "กลุ่ม" + a name.
    private static readonly string[] Prefixes =
    [
        "กลุ่มวิสาหกิจชุมชน",
        "วิสาหกิจชุมชน",
        "ห้างหุ้นส่วนจำกัด",
        "บริษัท",
        "กลุ่ม",
        "ร้าน",
        "หจก.",
    ];

    // The prefixes compared in the same (NFKC) form as the names: "ห้างหุ้นส่วนจำกัด" has a sara am.
    private static readonly string[] NormalizedPrefixes = [.. Prefixes.Select(p => p.Normalize(NormalizationForm.FormKC))];

    // For duplicate detection in the registry (letter 1, task 1: make the 2557–2563 registry correct
    // and current): "กลุ่ม ทอผ้า บ้านหนองแวง" and "วิสาหกิจชุมชนทอผ้าบ้านหนองแวง" are the same producer.
    // Spaces are not meaningful in Thai names, so all are removed, including the zero-width space
    // that Thai word processors insert. Compatibility normalisation (NFKC) makes "ำ" (U+0E33) and "ํา" (nikhahit +
    // sara aa, as some keyboards and PDF copies produce it) one spelling, and composes Latin accents (NFC vs NFD); every
    // invisible format character (zero-width space and joiners, BOM, direction marks) is dropped.
    public static string NormalizeName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);

        var sb = new StringBuilder(name.Length);
        var text = ThaiDigits.ToArabic(name);
        foreach (var c in Compatible(text))
        {
            if (!char.IsWhiteSpace(c) && char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format)
            {
                sb.Append(c is >= 'A' and <= 'Z' ? char.ToLowerInvariant(c) : c);
            }
        }

        var s = sb.ToString();
        var stripped = true;
        while (stripped)
        {
            stripped = false;
            foreach (var prefix in NormalizedPrefixes)
            {
                // Never strip a name down to nothing: "ร้าน" alone stays "ร้าน".
                if (s.Length > prefix.Length && s.StartsWith(prefix, StringComparison.Ordinal))
                {
                    s = s[prefix.Length..];
                    stripped = true;
                    break;
                }
            }
        }

        return s;
    }

    private static string Compatible(string text)
    {
        try
        {
            return text.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            return text; // not well-formed UTF-16 (a lone surrogate): compare it as it is
        }
    }
}

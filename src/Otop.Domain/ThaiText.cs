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

    // For duplicate detection in the registry (letter 1, task 1: make the 2557–2563 registry correct
    // and current): "กลุ่ม ทอผ้า บ้านหนองแวง" and "วิสาหกิจชุมชนทอผ้าบ้านหนองแวง" are the same producer.
    // Spaces are not meaningful in Thai names, so all are removed, including the zero-width space
    // that Thai word processors insert.
    public static string NormalizeName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);

        var sb = new StringBuilder(name.Length);
        foreach (var c in ThaiDigits.ToArabic(name))
        {
            if (!char.IsWhiteSpace(c) && c is not ('\u200B' or '\uFEFF'))
            {
                sb.Append(c is >= 'A' and <= 'Z' ? char.ToLowerInvariant(c) : c);
            }
        }

        var s = sb.ToString();
        var stripped = true;
        while (stripped)
        {
            stripped = false;
            foreach (var prefix in Prefixes)
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
}

using System.Text;

namespace Otop.Domain;

// The three producer types that may register (OTOP registration rules, OTOP-FACTS §4) and the five
// product categories (OTOP-FACTS §3); CSV imports use the codes or the Thai labels (CONTRACT.md
// "Registry").
public enum EntrepreneurType
{
    Group,
    Single,
    Sme,
}

public enum ProductCategory
{
    Food = 1,
    Beverage = 2,
    Textile = 3,
    Decorative = 4,
    Herbal = 5,
}

public static class OtopLabels
{
    public static string Thai(EntrepreneurType t) => t switch
    {
        EntrepreneurType.Group => "กลุ่มผู้ผลิตชุมชน",
        EntrepreneurType.Single => "ผู้ผลิตชุมชนที่เป็นเจ้าของรายเดียว",
        EntrepreneurType.Sme => "ผู้ผลิตชุมชนที่เป็น SMEs",
        _ => throw new ArgumentOutOfRangeException(nameof(t), t, null),
    };

    public static string Code(EntrepreneurType t) => t switch
    {
        EntrepreneurType.Group => "group",
        EntrepreneurType.Single => "single",
        EntrepreneurType.Sme => "sme",
        _ => throw new ArgumentOutOfRangeException(nameof(t), t, null),
    };

    public static string Thai(ProductCategory c) => c switch
    {
        ProductCategory.Food => "อาหาร",
        ProductCategory.Beverage => "เครื่องดื่ม",
        ProductCategory.Textile => "ผ้า เครื่องแต่งกาย",
        ProductCategory.Decorative => "ของใช้ ของตกแต่ง ของที่ระลึก",
        ProductCategory.Herbal => "สมุนไพรที่ไม่ใช่อาหาร",
        _ => throw new ArgumentOutOfRangeException(nameof(c), c, null),
    };

    public static string Code(ProductCategory c) => c switch
    {
        ProductCategory.Food => "food",
        ProductCategory.Beverage => "beverage",
        ProductCategory.Textile => "textile",
        ProductCategory.Decorative => "decorative",
        ProductCategory.Herbal => "herbal",
        _ => throw new ArgumentOutOfRangeException(nameof(c), c, null),
    };

    private static readonly (string Key, EntrepreneurType Type)[] EntrepreneurKeys =
        BuildKeys<EntrepreneurType>(
            (EntrepreneurType.Group, ["group", "กลุ่มผู้ผลิตชุมชน"]),
            (EntrepreneurType.Single, ["single", "ผู้ผลิตชุมชนที่เป็นเจ้าของรายเดียว"]),
            // The registration rules call it "ผู้ผลิตที่เป็นวิสาหกิจขนาดกลางและขนาดย่อม" (OTOP-FACTS §4).
            (EntrepreneurType.Sme, ["sme", "ผู้ผลิตชุมชนที่เป็น SMEs", "ผู้ผลิตที่เป็น SMEs", "ผู้ผลิตที่เป็นวิสาหกิจขนาดกลางและขนาดย่อม"]));

    private static readonly (string Key, ProductCategory Category)[] CategoryKeys =
        BuildKeys<ProductCategory>(
            (ProductCategory.Food, ["food", "1", "อาหาร"]),
            (ProductCategory.Beverage, ["beverage", "2", "เครื่องดื่ม"]),
            // CDD pages also write "ผ้าและเครื่องแต่งกาย" (OTOP-FACTS §3).
            (ProductCategory.Textile, ["textile", "3", "ผ้า เครื่องแต่งกาย", "ผ้าและเครื่องแต่งกาย"]),
            // The legacy 6-type scheme split this category in two; both map here (OTOP-FACTS §3).
            (ProductCategory.Decorative, ["decorative", "4", "ของใช้ ของตกแต่ง ของที่ระลึก", "ของใช้และของประดับตกแต่ง", "ศิลปะประดิษฐ์และของที่ระลึก"]),
            (ProductCategory.Herbal, ["herbal", "5", "สมุนไพรที่ไม่ใช่อาหาร"]));

    public static bool TryParseEntrepreneurType(string? s, out EntrepreneurType t) =>
        TryLookup(s, EntrepreneurKeys, out t);

    public static bool TryParseCategory(string? s, out ProductCategory c) =>
        TryLookup(s, CategoryKeys, out c);

    private static bool TryLookup<T>(string? s, (string Key, T Value)[] keys, out T value)
        where T : struct, Enum
    {
        if (s is not null)
        {
            var key = Key(s);
            foreach (var (k, v) in keys)
            {
                if (k == key)
                {
                    value = v;
                    return true;
                }
            }
        }

        value = default;
        return false;
    }

    private static (string, T)[] BuildKeys<T>(params (T Value, string[] Labels)[] entries) =>
        entries.SelectMany(e => e.Labels.Select(l => (Key(l), e.Value))).ToArray();

    // Labels arrive with or without spaces, with or without "และ" between the parts, in any case,
    // and with Thai digits ("๔"): compare them without any of that.
    private static string Key(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in ThaiDigits.ToArabic(s))
        {
            if (!char.IsWhiteSpace(c) && c != ',' && c != '\u200B')
            {
                sb.Append(char.ToLowerInvariant(c));
            }
        }

        return sb.ToString().Replace("และ", "", StringComparison.Ordinal);
    }
}

using Otop.Domain;

namespace Otop.Web.Features.Registry;

/// <summary>What the registry import and the producer/product edit pages check alike, written once.</summary>
public static class RegistryRules
{
    public const int CodeMaxLength = 40;

    /// <summary>Entrepreneur and product codes (national ones look like 27010001 and 27010001-01).</summary>
    public static bool IsCodeCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '/' or '.';

    public static bool IsValidCode(string code) => code.Length is > 0 and <= CodeMaxLength && code.All(IsCodeCharacter);

    /// <summary>A stale edit names who saved first and when; what the user typed stays in the form.</summary>
    public static string StaleMessage(string what, string updatedBy, DateTimeOffset updatedAt) =>
        $"{updatedBy} แก้ไข{what}ไปก่อนแล้วเมื่อ {ThaiDates.FormatDateTime(updatedAt)} ข้อมูลที่ท่านพิมพ์ยังไม่ถูกบันทึก กรุณาเปิดหน้านี้ใหม่แล้วแก้ไขอีกครั้ง";
}

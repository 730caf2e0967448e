using System.Globalization;
using Otop.Domain;
using Otop.Web.Platform.Files;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.OnlineMarket;

/// <summary>
/// What letter 1's two district forms share when they go out to be filled offline and come back (issue 16, item 5, as the
/// month's รต.1 does): the facts the fill-in XLSX carries (form, district, fiscal year, round, the version it was made
/// from), the check that an upload is that form of this district and round, and the reading of a tick cell.
/// </summary>
public static class DistrictFormFiles
{
    public static List<KeyValuePair<string, string>> Facts(string form, string district, OnlineMarketRound om, string version) =>
    [
        new("form", form), new("district", district), new("fiscalYear", om.Indicator.FiscalYear.ToString(CultureInfo.InvariantCulture)),
        new("round", om.Round.Round.ToString(CultureInfo.InvariantCulture)), new("version", version),
    ];

    /// <summary>
    /// An XLSX must be the fill-in form <paramref name="form"/> of this district and round, and answers the version it was
    /// made from; a CSV carries none (null: taken against the current version, as the รต.1 CSV is).
    /// </summary>
    public static (string? Version, Refusal? Refusal) Check(FilledSheet sheet, string form, string formName, string district, OnlineMarketRound om)
    {
        if (!sheet.IsXlsx) return (null, null);
        var facts = sheet.Facts;
        if (facts.GetValueOrDefault("form") != form || facts.GetValueOrDefault("version") is not { Length: > 0 } version)
        {
            return (null, new Refusal(422, $"ไฟล์ {sheet.FileName} ไม่ใช่{formName} (แบบสำหรับกรอก) ที่ดาวน์โหลดจากระบบ กรุณาดาวน์โหลด \"แบบสำหรับกรอก\" ของอำเภอนี้ กรอกแล้วส่งไฟล์นั้น"));
        }
        var (fy, round) = (om.Indicator.FiscalYear.ToString(CultureInfo.InvariantCulture), om.Round.Round.ToString(CultureInfo.InvariantCulture));
        if (facts.GetValueOrDefault("district") != district || facts.GetValueOrDefault("fiscalYear") != fy || facts.GetValueOrDefault("round") != round)
        {
            return (null, new Refusal(422, $"ไฟล์ {sheet.FileName} เป็น{formName}ของอำเภอ {facts.GetValueOrDefault("district")} ปีงบประมาณ {facts.GetValueOrDefault("fiscalYear")} รอบที่ {facts.GetValueOrDefault("round")} ไม่ใช่ของอำเภอ {district} ปีงบประมาณ {fy} รอบที่ {round}"));
        }
        return (version, null);
    }

    /// <summary>The form changed after this file was downloaded: 409, and the page says to download again.</summary>
    public static Refusal Stale(string formName, string? changedBy) => new(409,
        $"{formName}ของอำเภอถูกแก้ไขหลังจากที่ท่านดาวน์โหลดไฟล์นี้{(string.IsNullOrEmpty(changedBy) ? "" : $" (โดย {changedBy})")} ยังไม่ได้บันทึกข้อมูลใดจากไฟล์ " +
        "กรุณาดาวน์โหลดแบบสำหรับกรอกใหม่ กรอกอีกครั้งแล้วส่งไฟล์ใหม่");

    /// <summary>A tick cell: 1, ใช่, ✓, x, y, yes, true is ticked; 0, ไม่ใช่, no, false or blank is not; anything else is an error.</summary>
    public static (bool Ticked, bool Valid) Tick(string text)
    {
        var t = ThaiDigits.ToArabic(text.Trim()).ToLowerInvariant();
        return t switch
        {
            "" or "0" or "ไม่ใช่" or "ไม่" or "no" or "n" or "false" or "-" => (false, true),
            "1" or "ใช่" or "✓" or "✔" or "/" or "x" or "y" or "yes" or "true" => (true, true),
            _ => (false, false),
        };
    }

    public const string TickHelp = "ใส่ 1 (ใช่) หรือ 0/เว้นว่าง (ไม่ใช่)";
}

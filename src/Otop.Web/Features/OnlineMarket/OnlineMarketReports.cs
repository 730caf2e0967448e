using Microsoft.EntityFrameworkCore;
using Otop.Web.Features.Registry;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Documents;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.OnlineMarket;

/// <summary>The <c>online-market-targets</c> and <c>online-market-results</c> report files: letter 1's tables, same numbers as the JSON.</summary>
public static class OnlineMarketReports
{
    public const string TargetsTitle = "เป้าหมายตัวชี้วัดระดับความสำเร็จของการส่งเสริมผลิตภัณฑ์ OTOP ในตลาดออนไลน์";
    public const string ResultsTitle = "ผลการดำเนินงานตัวชี้วัดระดับความสำเร็จของการส่งเสริมผลิตภัณฑ์ OTOP ในตลาดออนไลน์";

    /// <summary>"รอบการประเมินที่ 1 ประจำปีงบประมาณ พ.ศ. 2564 ( เดือนตุลาคม 2563 - มีนาคม 2564 )", as letter 1 heads its table.</summary>
    public static string RoundLine(OnlineMarketRound om) =>
        $"รอบการประเมินที่ {om.Round.Round} ประจำปีงบประมาณ พ.ศ. {om.Indicator.FiscalYear} ( เดือน{OnlineMarketKpi.RoundMonths(om)} )";

    public static async Task<(ReportDocument? Document, Refusal? Refusal)> TargetsAsync(ReportRequest q)
    {
        var (om, province, refusal) = await OnlineMarketApi.ResolveAsync(q.Query("fiscalYear"), q.Query("round"), q.Query("province"), q.Me, q.Db, q.Cancel);
        if (refusal is not null) return (null, refusal);
        var t = await OnlineMarketKpi.TargetsAsync(q.Db, om!, province, q.Cancel);
        var national = province == OrgUnit.DepartmentCode;
        var provinceName = national ? "ทั้งประเทศ" : await ProvinceNameAsync(q, province);
        var headers = new[] { "ลำดับ", "รหัสอำเภอ", "อำเภอ", "จำนวนผู้ประกอบการ", "จำนวนผลิตภัณฑ์" }
            .Concat(om!.Table.Bands.Select(b => $"{b.Score} คะแนน (ร้อยละ {OnlineMarketKpi.WithoutTrailingZeros(b.Percent)})")).ToArray();
        var formats = new string?[] { "0", null, null, "#,##0", "#,##0" }.Concat(t.Percents.Select(_ => "0.0")).ToArray();
        var rows = t.Rows.Select((r, i) => new object?[] { i + 1, r.DistrictCode, r.DistrictName, r.Entrepreneurs, r.Products }
            .Concat(r.Thresholds.Cast<object?>()).ToArray()).ToList();
        var total = new object?[] { null, null, "รวม", t.Total.Entrepreneurs, t.Total.Products }.Concat(t.Percents.Select(_ => (object?)null)).ToArray();
        // The nation (province=0, the department): every district of the country, issued by the department.
        var unit = national ? "กรมการพัฒนาชุมชน" : $"สำนักงานพัฒนาชุมชนจังหวัด{provinceName}";
        var table = new ReportTable("เป้าหมาย", [TargetsTitle, RoundLine(om), national ? "ทั้งประเทศ ทุกอำเภอ" : $"จังหวัด{provinceName}"], headers, formats, rows, total);
        return (new ReportDocument("online-market-targets", "สิ่งที่ส่งมาด้วย 1", TargetsTitle, province, unit, RoundLine(om), table,
            [new Signature("ผู้จัดทำ", null, national ? "เจ้าหน้าที่กรมการพัฒนาชุมชน" : $"พัฒนาการจังหวัด{provinceName}", null)],
            $"online-market-targets-{t.FiscalYear}-{t.Round}-{province}", $"fiscalYear={t.FiscalYear}&round={t.Round}&province={province}",
            Notes: ["จำนวนผลิตภัณฑ์ที่ต้องจำหน่ายในตลาดออนไลน์ = จำนวนผลิตภัณฑ์ × ร้อยละ ÷ 100 ปัดทศนิยม 1 ตำแหน่ง (หนังสือจังหวัด สิ่งที่ส่งมาด้วย 1)"]), null);
    }

    public static async Task<(ReportDocument? Document, Refusal? Refusal)> ResultsAsync(ReportRequest q)
    {
        var (om, province, refusal) = await OnlineMarketApi.ResolveAsync(q.Query("fiscalYear"), q.Query("round"), q.Query("province"), q.Me, q.Db, q.Cancel);
        if (refusal is not null) return (null, refusal);
        if (province == OrgUnit.DepartmentCode) return (await NationalResultsAsync(q, om!), null);
        var t = await OnlineMarketKpi.ResultsAsync(q.Db, om!, province, q.Cancel);
        var provinceName = await ProvinceNameAsync(q, province);
        string[] headers = ["ลำดับ", "รหัสอำเภอ", "อำเภอ", "จำนวนผลิตภัณฑ์", "จำนวนผลิตภัณฑ์ที่จำหน่ายออนไลน์", "ร้อยละ", "คะแนน"];
        string?[] formats = ["0", null, null, "#,##0", "#,##0", "0.00", "General"];
        var rows = t.Rows.Select((r, i) => new object?[] { i + 1, r.DistrictCode, r.DistrictName, r.Products, r.ProductsOnline, r.Percent, r.Score }).ToList();
        var total = new object?[] { null, null, "รวม", t.Total.Products, t.Total.ProductsOnline, t.Total.Percent, t.Total.Score };
        var unit = $"สำนักงานพัฒนาชุมชนจังหวัด{provinceName}";
        var table = new ReportTable("ผลการดำเนินงาน", [ResultsTitle, RoundLine(om!), $"จังหวัด{provinceName}"], headers, formats, rows, total);
        return (new ReportDocument("online-market-results", "แบบรายงานผล", ResultsTitle, province, unit, RoundLine(om!), table,
            [new Signature("ผู้รายงาน", null, $"พัฒนาการจังหวัด{provinceName}", null)],
            $"online-market-results-{t.FiscalYear}-{t.Round}-{province}", $"fiscalYear={t.FiscalYear}&round={t.Round}&province={province}",
            Landscape: false), null);
    }

    /// <summary><c>province=0</c>: one row per province and the national total, the same numbers as the JSON.</summary>
    private static async Task<ReportDocument> NationalResultsAsync(ReportRequest q, OnlineMarketRound om)
    {
        var t = await OnlineMarketKpi.ByProvinceAsync(q.Db, om, q.Cancel);
        string[] headers = ["ลำดับ", "รหัสจังหวัด", "จังหวัด", "จำนวนผลิตภัณฑ์", "จำนวนผลิตภัณฑ์ที่จำหน่ายออนไลน์", "ร้อยละ", "คะแนน"];
        string?[] formats = ["0", null, null, "#,##0", "#,##0", "0.00", "General"];
        var rows = t.Rows.Select((r, i) => new object?[] { i + 1, r.ProvinceCode, r.ProvinceName, r.Products, r.ProductsOnline, r.Percent, r.Score }).ToList();
        var total = new object?[] { null, null, "รวมทั้งประเทศ", t.Total.Products, t.Total.ProductsOnline, t.Total.Percent, t.Total.Score };
        const string unit = "กรมการพัฒนาชุมชน";
        var table = new ReportTable("ผลการดำเนินงาน", [ResultsTitle, RoundLine(om), "ทั้งประเทศ รายจังหวัด"], headers, formats, rows, total);
        return new ReportDocument("online-market-results", "แบบรายงานผล", ResultsTitle, t.Province, unit, RoundLine(om), table,
            [new Signature("ผู้รายงาน", null, unit, null)],
            $"online-market-results-{t.FiscalYear}-{t.Round}-{t.Province}", $"fiscalYear={t.FiscalYear}&round={t.Round}&province={t.Province}",
            Landscape: false);
    }

    internal static async Task<string> ProvinceNameAsync(ReportRequest q, string province) =>
        await q.Db.OrgUnits.AsNoTracking().Where(o => o.Code == province).Select(o => o.NameTh).FirstOrDefaultAsync(q.Cancel) ?? province;
}

using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Circulars;
using Otop.Web.Features.Kpi;
using Otop.Web.Features.Registry;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Documents;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.Revenue;

/// <summary>
/// Letter 2's forms as documents: รต.1 (the district's producers and what each earned in a month), รต.2 (the district's
/// monthly report that the district CD officer certifies), รต.3 (the district check: producers × months), รต.4 (the province
/// summary: districts × months, cumulative against the same months of the previous year) and the revenue estimate.
/// The figures come from the same stored rows as the JSON calls and the Revenue pages (docs/decisions/006-documents.md).
/// </summary>
public static class RevenueReports
{
    public const string Rt1Title = "แบบรายงานรายได้จากการจำหน่ายผลิตภัณฑ์ชุมชน (OTOP) รายผู้ประกอบการ";
    public const string Rt2Title = "รายงานรายได้จากการจำหน่ายผลิตภัณฑ์ชุมชน (OTOP) ระดับอำเภอ";
    public const string Rt3Title = "รายงานการตรวจสอบข้อมูลรายได้จากการจำหน่ายผลิตภัณฑ์ชุมชน (OTOP) ระดับอำเภอ";
    public const string Rt4Title = "รายงานสรุปรายได้จากการจำหน่ายผลิตภัณฑ์ชุมชน (OTOP) ระดับจังหวัด";
    public const string EstimateTitle = "แบบประมาณการรายได้จากการจำหน่ายผลิตภัณฑ์ชุมชน (OTOP)";

    private const string Money = "#,##0.00";

    // ------------------------------------------------------------------ รต.1
    public static async Task<(ReportDocument? Document, Refusal? Refusal)> Rt1Async(ReportRequest q)
    {
        var (district, month, refusal) = await DistrictMonthAsync(q);
        if (refusal is not null) return (null, refusal);
        var (dto, unread) = await RevenueMonthQueries.ReadAsync(q.Db, q.Me, district!.Code, month.ToString(), q.Cancel);
        if (unread is not null) return (null, unread);

        var entries = dto!.Entries.ToDictionary(e => e.EntrepreneurCode);
        var codes = entries.Keys.ToList();
        var producers = await q.Db.Entrepreneurs.AsNoTracking().VisibleTo(q.Me.Scope)
            .Where(e => e.DistrictCode == district.Code && (e.Status == RegistryStatus.Active || codes.Contains(e.Code)))
            .Select(e => new { e.Code, e.Name, e.Type })
            .ToListAsync(q.Cancel);
        var rows = producers.OrderBy(p => p.Code, StringComparer.Ordinal).Select((p, i) =>
        {
            var e = entries.GetValueOrDefault(p.Code);
            return new object?[] { i + 1, p.Code, p.Name, OtopLabels.Thai(p.Type), e?.Amount, e?.Explanation };
        }).ToList();
        var total = new object?[] { null, null, "รวมทั้งอำเภอ", null, dto.Total, null };
        var unit = $"สำนักงานพัฒนาชุมชนอำเภอ{district.NameTh}";
        var period = $"ประจำเดือน{RevenueMonth.ThaiMonth(month)}";
        var table = new ReportTable("รต.1", [Rt1Title, unit, period],
            ["ลำดับ", "รหัสผู้ประกอบการ", "ชื่อผู้ประกอบการ", "ประเภท", "รายได้ (บาท)", "หมายเหตุ/คำชี้แจง"],
            ["0", null, null, null, Money, null], rows, total, MonthFileFacts(district.Code, month, dto.Version), [4, 5]);
        var recorder = await NameAsync(q.Db, dto.UpdatedBy, q.Cancel);
        return (new ReportDocument("rt1", "แบบ รต.1", Rt1Title, district.Code, unit, period, table,
            [new Signature("ผู้บันทึกข้อมูล", recorder, "พัฒนากรผู้รับผิดชอบ", dto.UpdatedAt)],
            $"rt1-{district.Code}-{month}", $"district={district.Code}&month={month}", Landscape: false,
            Notes: ["หลักฐานของตัวเลขทุกรายการเก็บไว้ที่กลุ่ม/ผู้ประกอบการ (หนังสือจังหวัด ข้อ 5)"]), null);
    }

    /// <summary>
    /// What the รต.1 XLSX carries so it can come back filled (<see cref="RevenueMonthFile"/>): the form, the district, the month
    /// and the version it was made from; the amount and explanation columns are the ones left unlocked.
    /// </summary>
    public static List<KeyValuePair<string, string>> MonthFileFacts(string district, YearMonth month, int version) =>
        [new("form", "rt1"), new("district", district), new("month", month.ToString()), new("version", version.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    // ------------------------------------------------------------------ รต.2
    public static async Task<(ReportDocument? Document, Refusal? Refusal)> Rt2Async(ReportRequest q)
    {
        var (district, month, refusal) = await DistrictMonthAsync(q);
        if (refusal is not null) return (null, refusal);
        var (dto, unread) = await RevenueMonthQueries.ReadAsync(q.Db, q.Me, district!.Code, month.ToString(), q.Cancel);
        if (unread is not null) return (null, unread);

        var codes = dto!.Entries.Select(e => e.EntrepreneurCode).ToList();
        var names = await q.Db.Entrepreneurs.AsNoTracking().VisibleTo(q.Me.Scope)
            .Where(e => e.DistrictCode == district.Code && codes.Contains(e.Code))
            .ToDictionaryAsync(e => e.Code, e => (e.Name, e.Type), q.Cancel);
        var table = Rt2Table(district.NameTh, month, dto.Entries.Select(e => (e.EntrepreneurCode, names[e.EntrepreneurCode].Name, names[e.EntrepreneurCode].Type, e.Amount)));
        var certifier = await CertifierAsync(q.Db, dto.CertifiedBy, q.Cancel);
        var unit = $"สำนักงานพัฒนาชุมชนอำเภอ{district.NameTh}";
        var status = dto.CertifiedBy is null
            ? $"สถานะ: {StatusThai(dto.Status)} (ยังไม่ได้รับรอง)"
            : $"สถานะ: {StatusThai(dto.Status)} · รับรองเมื่อ {ThaiDates.FormatDateTime(dto.CertifiedAt!.Value)}";
        return (new ReportDocument("rt2", "แบบ รต.2", Rt2Title, district.Code, unit, $"ประจำเดือน{RevenueMonth.ThaiMonth(month)}", table,
            [new Signature("ผู้รับรองข้อมูล", certifier, $"พัฒนาการอำเภอ{district.NameTh}", dto.CertifiedAt)],
            $"rt2-{district.Code}-{month}", $"district={district.Code}&month={month}", Landscape: false,
            Notes: [status, "ขอรับรองว่าข้อมูลรายได้ข้างต้นถูกต้องตรงตามหลักฐานที่กลุ่ม/ผู้ประกอบการเก็บไว้ และได้ผ่านการรับรองของคณะกรรมการ นตผ. อำเภอ"]), null);
    }

    /// <summary>รต.2's table from the month's entries, also used when the month is certified so the stored hash is the document's.</summary>
    public static ReportTable Rt2Table(string districtName, YearMonth month, IEnumerable<(string Code, string Name, EntrepreneurType Type, decimal Amount)> entries)
    {
        var ordered = entries.OrderBy(e => e.Code, StringComparer.Ordinal).ToList();
        var rows = ordered.Select((e, i) => new object?[] { i + 1, e.Code, e.Name, OtopLabels.Thai(e.Type), e.Amount }).ToList();
        var total = new object?[] { null, null, "รวมทั้งอำเภอ", $"{ordered.Count} ราย", ordered.Sum(e => e.Amount) };
        return new ReportTable("รต.2", [Rt2Title, $"สำนักงานพัฒนาชุมชนอำเภอ{districtName}", $"ประจำเดือน{RevenueMonth.ThaiMonth(month)}"],
            ["ลำดับ", "รหัสผู้ประกอบการ", "ชื่อผู้ประกอบการ", "ประเภท", "รายได้ (บาท)"], ["0", null, null, null, Money], rows, total);
    }

    public static string Rt2Hash(string districtName, YearMonth month, IEnumerable<(string Code, string Name, EntrepreneurType Type, decimal Amount)> entries) =>
        DocumentHash.Of("rt2", Rt2Table(districtName, month, entries));

    // ------------------------------------------------------------------ รต.3
    public static async Task<(ReportDocument? Document, Refusal? Refusal)> Rt3Async(ReportRequest q)
    {
        var (district, refusal) = await DistrictAsync(q);
        if (refusal is not null) return (null, refusal);
        var (months, monthRefusal) = MonthsThrough(q);
        if (monthRefusal is not null) return (null, monthRefusal);

        var all = WithSameMonthsLastYear(months);
        var entries = await q.Db.RevenueMonths.AsNoTracking().VisibleTo(q.Me.Scope)
            .Where(m => m.DistrictCode == district!.Code && all.Contains(m.Month))
            .SelectMany(m => m.Entries, (m, e) => new { e.Entrepreneur.Code, e.Entrepreneur.Name, m.Month, e.Amount })
            .ToListAsync(q.Cancel);
        var producers = entries.GroupBy(e => e.Code).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.First().Name));
        var (rows, total) = MonthLines(producers, entries.ToDictionary(e => (e.Code, e.Month), e => e.Amount), months, "รวมทั้งอำเภอ");

        var unit = $"สำนักงานพัฒนาชุมชนอำเภอ{district!.NameTh}";
        var period = PeriodThrough(months);
        var table = new ReportTable("รต.3", [Rt3Title, unit, period], MonthHeaders("ลำดับ", "รหัส", "ผู้ประกอบการ", months),
            MonthFormats(months.Count), rows, total);
        return (new ReportDocument("rt3", "แบบ รต.3", Rt3Title, district.Code, unit, period, table,
            [new Signature("ผู้ตรวจสอบ", null, $"พัฒนาการอำเภอ{district.NameTh}", null)],
            $"rt3-{district.Code}-{months[^1]}", $"district={district.Code}&month={months[^1]}",
            Notes: ["ฐาน = รายได้ของเดือนเดียวกันในปีงบประมาณก่อน · เพิ่มขึ้น (ร้อยละ) = (สะสม − ฐาน) ÷ ฐาน × 100"]), null);
    }

    // ------------------------------------------------------------------ รต.4
    public static async Task<(ReportDocument? Document, Refusal? Refusal)> Rt4Async(ReportRequest q)
    {
        if (q.Query("province") == OrgUnit.DepartmentCode) return await NationalRt4Async(q);
        var (province, refusal) = await ProvinceAsync(q);
        if (refusal is not null) return (null, refusal);
        var (months, monthRefusal) = MonthsThrough(q);
        if (monthRefusal is not null) return (null, monthRefusal);

        var all = WithSameMonthsLastYear(months);
        var districts = await q.Db.OrgUnits.AsNoTracking().VisibleTo(q.Me.Scope)
            .Where(o => o.Level == OrgLevel.District && o.ParentCode == province!.Code)
            .OrderBy(o => o.Code).Select(o => new { o.Code, o.NameTh }).ToListAsync(q.Cancel);
        var stored = await q.Db.RevenueMonths.AsNoTracking().VisibleTo(q.Me.Scope)
            .Where(m => m.ProvinceCode == province!.Code && all.Contains(m.Month))
            .Select(m => new { m.DistrictCode, m.Month, m.Total })
            .ToListAsync(q.Cancel);
        var (rows, total) = MonthLines(districts.Select(d => (d.Code, d.NameTh)), stored.ToDictionary(m => (m.DistrictCode, m.Month), m => m.Total),
            months, "รวมทั้งจังหวัด");
        var unit = $"สำนักงานพัฒนาชุมชนจังหวัด{province!.NameTh}";
        return (await Rt4DocumentAsync(q, months, province.Code, unit, ("รหัสอำเภอ", "อำเภอ"), rows, total,
            new Signature("ผู้ตรวจสอบ", null, $"พัฒนาการจังหวัด{province.NameTh}", null)), null);
    }

    /// <summary>
    /// CONTRACT.md "National compilation": <c>rt4?province=0</c> is the national summary, one row per province, for the
    /// department. Each province's month is the sum of its districts' stored month totals, the same rows รต.4 of the
    /// province adds up, so the nation's total equals the sum of the 76 provincial รต.4 totals.
    /// </summary>
    private static async Task<(ReportDocument? Document, Refusal? Refusal)> NationalRt4Async(ReportRequest q)
    {
        if (!q.Me.Scope.IsDepartment) return (null, new Refusal(403, "รายงาน รต.4 ระดับประเทศ (province=0) เปิดได้เฉพาะผู้ใช้ระดับกรม"));
        var (months, monthRefusal) = MonthsThrough(q);
        if (monthRefusal is not null) return (null, monthRefusal);

        var all = WithSameMonthsLastYear(months);
        var provinces = await q.Db.OrgUnits.AsNoTracking()
            .Where(o => o.Level == OrgLevel.Province && q.Db.OrgUnits.Any(d => d.ParentCode == o.Code && d.Level == OrgLevel.District))
            .OrderBy(o => o.Code).Select(o => new { o.Code, o.NameTh }).ToListAsync(q.Cancel);
        // Summed in the database per province and month (77 × 24 sums, not up to 878 × 24 rows; issue 17 item 8): the same
        // stored month totals the provincial รต.4 lists.
        var amounts = await q.Db.RevenueMonths.AsNoTracking()
            .Where(m => all.Contains(m.Month))
            .GroupBy(m => new { m.ProvinceCode, m.Month })
            .Select(g => new { g.Key.ProvinceCode, g.Key.Month, Total = g.Sum(m => m.Total) })
            .ToDictionaryAsync(g => (g.ProvinceCode, g.Month), g => g.Total, q.Cancel);
        var (rows, total) = MonthLines(provinces.Select(p => (p.Code, p.NameTh)), amounts, months, "รวมทั้งประเทศ");
        return (await Rt4DocumentAsync(q, months, OrgUnit.DepartmentCode, "กรมการพัฒนาชุมชน", ("รหัสจังหวัด", "จังหวัด"), rows, total,
            new Signature("ผู้ตรวจสอบ", null, "เจ้าหน้าที่กรมการพัฒนาชุมชน", null)), null);
    }

    private static async Task<ReportDocument> Rt4DocumentAsync(ReportRequest q, List<YearMonth> months, string unitCode, string unit,
        (string Code, string Name) unitHeaders, List<object?[]> rows, object?[] total, Signature signature)
    {
        var notes = new List<string> { "สะสม = ตั้งแต่ต้นปีงบประมาณถึงเดือนที่รายงาน · ฐาน = เดือนเดียวกันของปีงบประมาณก่อน · เพิ่มขึ้น (ร้อยละ) = (สะสม − ฐาน) ÷ ฐาน × 100" };
        var fy = months[^1].FiscalYear;
        var round = new FiscalYear(fy).RoundOf(months[^1]);
        var bands = await q.Db.IndicatorBands.AsNoTracking()
            .Where(b => q.Db.Set<IndicatorRound>().Any(r => r.Id == b.IndicatorRoundId && r.Round == round
                && r.Indicator.FiscalYear == fy && r.Indicator.Kind == IndicatorKind.RevenueIncrease))
            .OrderBy(b => b.Score).Select(b => new { b.Score, b.Percent }).ToListAsync(q.Cancel);
        if (bands.Count > 0)
        {
            notes.Add($"ค่าเป้าหมายรอบการประเมินที่ {round}: " + string.Join(" · ", bands.Select(b => $"{b.Score} คะแนน = เพิ่มขึ้นร้อยละ {b.Percent:0.##}")));
        }

        var period = PeriodThrough(months);
        var table = new ReportTable("รต.4", [Rt4Title, unit, period], MonthHeaders("ลำดับ", unitHeaders.Code, unitHeaders.Name, months),
            MonthFormats(months.Count), rows, total);
        return new ReportDocument("rt4", "แบบ รต.4", Rt4Title, unitCode, unit, period, table, [signature],
            $"rt4-{unitCode}-{months[^1]}", $"province={unitCode}&month={months[^1]}", Notes: notes);
    }

    // ------------------------------------------------------------------ ประมาณการรายได้
    public static async Task<(ReportDocument? Document, Refusal? Refusal)> EstimateAsync(ReportRequest q)
    {
        var (district, refusal) = await DistrictAsync(q);
        if (refusal is not null) return (null, refusal);
        var fiscalYear = YearInput.Parse(q.Query("fiscalYear"), out var yearError) ?? 0;
        if (fiscalYear is < 2500 or > 2700)
        {
            return (null, Refusal.Invalid("fiscalYear", yearError ?? "กรุณาระบุปีงบประมาณ พ.ศ. เช่น 2566"));
        }
        var estimate = await q.Db.RevenueEstimates.AsNoTracking().VisibleTo(q.Me.Scope)
            .Include(e => e.Lines).ThenInclude(l => l.Entrepreneur)
            .FirstOrDefaultAsync(e => e.DistrictCode == district!.Code && e.FiscalYear == fiscalYear, q.Cancel);
        if (estimate is null)
        {
            return (null, new Refusal(404, $"อำเภอ{district!.NameTh} ยังไม่ได้จัดทำประมาณการรายได้ปีงบประมาณ {fiscalYear}"));
        }
        var months = new FiscalYear(fiscalYear).Months.ToList();
        var keys = months.Select(m => m.ToString()).ToList();
        var rows = estimate.Lines.GroupBy(l => (l.Entrepreneur.Code, l.Entrepreneur.Name)).OrderBy(g => g.Key.Code, StringComparer.Ordinal)
            .Select((g, i) => new object?[] { i + 1, g.Key.Code, g.Key.Name }
                .Concat(keys.Select(k => (object?)g.Where(l => l.Month == k).Select(l => (decimal?)l.Amount).FirstOrDefault()))
                .Append(g.Sum(l => l.Amount)).ToArray())
            .ToList();
        var total = new object?[] { null, null, "รวมทั้งอำเภอ" }
            .Concat(keys.Select((_, j) => (object?)rows.Sum(r => r[3 + j] as decimal? ?? 0m)))
            .Append(estimate.Total).ToArray();
        var unit = $"สำนักงานพัฒนาชุมชนอำเภอ{district!.NameTh}";
        var period = $"ปีงบประมาณ พ.ศ. {fiscalYear} (เดือน{RevenueMonth.ThaiMonth(months[0])} - {RevenueMonth.ThaiMonth(months[^1])})";
        string[] headers = ["ลำดับ", "รหัส", "ผู้ประกอบการ", .. months.Select(m => MonthHeader(m)), "รวมทั้งปี"];
        string?[] formats = ["0", null, null, .. months.Select(_ => Money), Money];
        var table = new ReportTable("ประมาณการ", [EstimateTitle, unit, period], headers, formats, rows, total);
        var notes = new List<string>
        {
            estimate.Status == RevenueEstimateStatus.Sent
                ? $"ส่งจังหวัดเมื่อ {ThaiDates.FormatDateTime(estimate.SentAt!.Value)}{(estimate.Late ? " (ส่งล่าช้า)" : "")}"
                : "สถานะ: ร่าง (ยังไม่ได้ส่งจังหวัด)",
        };
        if (estimate.CommitteeMeetingReference is not null)
        {
            notes.Add($"ผ่านการรับรองของคณะกรรมการ นตผ. อำเภอ ในการประชุม {estimate.CommitteeMeetingReference}"
                + (estimate.CommitteeMeetingDate is { } md ? $" เมื่อวันที่ {ThaiDates.FormatLong(md)}" : ""));
        }
        var meeting = estimate.CommitteeMeetingDate is { } day ? Bangkok.StartOfDay(day) : (DateTimeOffset?)null;
        return (new ReportDocument("revenue-estimate", "แบบประมาณการรายได้", EstimateTitle, district.Code, unit, period, table,
            [new Signature("ผู้รับรอง", estimate.CommitteeChairName, $"ประธานคณะกรรมการ นตผ. อำเภอ{district.NameTh}", meeting)],
            $"revenue-estimate-{district.Code}-{fiscalYear}", $"district={district.Code}&fiscalYear={fiscalYear}", Notes: notes), null);
    }

    // ------------------------------------------------------------------ shared pieces
    /// <summary>The report months' keys and the same months of the previous fiscal year (the baseline), for one read of both.</summary>
    private static List<string> WithSameMonthsLastYear(List<YearMonth> months) =>
        [.. months.Select(m => m.ToString()), .. months.Select(m => m.AddMonths(-12).ToString())];

    /// <summary>
    /// รต.3's producers or รต.4's districts: one line per unit with its months, cumulative, baseline (the same months last
    /// year) and increase; the total line is the sum of those lines, so the document adds up at its own level.
    /// </summary>
    private static (List<object?[]> Rows, object?[] Total) MonthLines(IEnumerable<(string Code, string Name)> units,
        Dictionary<(string Code, string Month), decimal> amounts, List<YearMonth> months, string totalLabel)
    {
        var keys = months.Select(m => m.ToString()).ToList();
        var previous = months.Select(m => m.AddMonths(-12).ToString()).ToList();
        var rows = new List<object?[]>();
        foreach (var (code, name) in units)
        {
            decimal? At(string k) => amounts.TryGetValue((code, k), out var amount) ? amount : null;
            rows.Add(Line(rows.Count + 1, code, name, keys.Select(At).ToList(), previous.Sum(k => At(k) ?? 0m)));
        }
        var totals = keys.Select((_, i) => rows.Any(r => r[3 + i] is decimal) ? rows.Sum(r => r[3 + i] as decimal? ?? 0m) : (decimal?)null).ToList();
        return (rows, Line(null, null, totalLabel, totals, rows.Sum(r => (decimal)r[^2]!)));
    }

    private static object?[] Line(int? no, string? code, string name, List<decimal?> cells, decimal baseline)
    {
        var cumulative = cells.Sum(c => c ?? 0m);
        return [no, code, name, .. cells.Cast<object?>(), cumulative, baseline, ScoreTable.IncreasePercent(cumulative, baseline)];
    }

    private static string[] MonthHeaders(string no, string code, string name, List<YearMonth> months) =>
        [no, code, name, .. months.Select(m => MonthHeader(m)), "สะสม", "ฐาน (ปีก่อน)", "เพิ่มขึ้น (ร้อยละ)"];

    private static string?[] MonthFormats(int count) => ["0", null, null, .. Enumerable.Repeat<string?>(Money, count + 2), "0.00"];

    /// <summary>"ต.ค. 65": a month column of a fiscal-year table, two-digit BE year as the printed forms have it.</summary>
    public static string MonthHeader(YearMonth m) => $"{ThaiDates.MonthAbbreviation(m.Month)} {ThaiDates.ToBuddhistYear(m.Year) % 100:00}";

    private static string PeriodThrough(List<YearMonth> months) =>
        $"ปีงบประมาณ พ.ศ. {months[^1].FiscalYear} ตั้งแต่เดือน{RevenueMonth.ThaiMonth(months[0])} ถึงเดือน{RevenueMonth.ThaiMonth(months[^1])}";

    /// <summary>
    /// The fiscal year's months up to the report month: <c>month</c> if given, else the last month of <c>fiscalYear</c> that
    /// has ended by now (Bangkok). The resolved month goes into the document's parameters, so its figures stay reproducible.
    /// </summary>
    private static (List<YearMonth> Months, Refusal? Refusal) MonthsThrough(ReportRequest q)
    {
        YearMonth through;
        if (q.Query("month") is { } text)
        {
            if (!YearMonth.TryParse(text, out through)) return ([], Refusal.Invalid("month", $"เดือน '{text}' ไม่ถูกต้อง ต้องอยู่ในรูปแบบ YYYY-MM (ค.ศ.) เช่น 2023-01"));
        }
        else if (YearInput.Parse(q.Query("fiscalYear"), out _) is { } fy and >= 2500 and <= 2700)
        {
            var fiscal = new FiscalYear(fy);
            var lastEnded = YearMonth.Of(Bangkok.Today(q.Clock.GetUtcNow())).Previous();
            through = fiscal.Months.Last();
            if (through > lastEnded) through = lastEnded;
            if (through < fiscal.Months.First()) through = fiscal.Months.First();
        }
        else
        {
            return ([], Refusal.Invalid("month", "กรุณาระบุเดือนที่รายงาน (month เช่น 2023-01) หรือปีงบประมาณ (fiscalYear เช่น 2566)"));
        }
        var first = new FiscalYear(through.FiscalYear).Months.First();
        var months = new List<YearMonth>();
        for (var m = first; m <= through; m = m.Next()) months.Add(m);
        return (months, null);
    }

    private static async Task<(OrgUnit? District, YearMonth Month, Refusal? Refusal)> DistrictMonthAsync(ReportRequest q)
    {
        var (district, refusal) = await DistrictAsync(q);
        if (refusal is not null) return (null, default, refusal);
        var text = q.Query("month");
        if (!YearMonth.TryParse(text, out var month))
        {
            return (null, default, Refusal.Invalid("month", $"กรุณาระบุเดือน (month) ในรูปแบบ YYYY-MM (ค.ศ.) เช่น 2023-01{(text is null ? "" : $" ไม่ใช่ '{text}'")}"));
        }
        return (district, month, null);
    }

    /// <summary>The <c>district</c> parameter: outside the caller's scope → 403, not a district → 404 (as the revenue JSON).</summary>
    public static async Task<(OrgUnit? District, Refusal? Refusal)> DistrictAsync(ReportRequest q)
    {
        if (q.Query("district") is not { } code) return (null, Refusal.Invalid("district", "กรุณาระบุรหัสอำเภอ 4 หลัก (district) เช่น 2701"));
        return await ScopedDistricts.FindAsync(q.Db, q.Me, code, q.Cancel);
    }

    /// <summary>The <c>province</c> parameter: outside the caller's scope → 403, not a province → 404.</summary>
    public static async Task<(OrgUnit? Province, Refusal? Refusal)> ProvinceAsync(ReportRequest q)
    {
        if (q.Query("province") is not { } code) return (null, Refusal.Invalid("province", "กรุณาระบุรหัสจังหวัด 2 หลัก (province) เช่น 27"));
        if (!q.Me.Scope.Covers(code)) return (null, new Refusal(403, $"จังหวัดรหัส {code} อยู่นอกหน่วยงานของท่าน"));
        var province = await q.Db.OrgUnits.AsNoTracking().VisibleTo(q.Me.Scope)
            .FirstOrDefaultAsync(o => o.Code == code && o.Level == OrgLevel.Province, q.Cancel);
        return province is null ? (null, new Refusal(404, $"ไม่พบจังหวัดรหัส {code}")) : (province, null);
    }

    /// <summary>
    /// The certifier as รต.2 and /v/ print it: the display name beside the account name (issue 14: an account named like
    /// the real head must not pass for the head on paper), e.g. "นายสมชาย ใจดี (muang.head)".
    /// </summary>
    public static async Task<string?> CertifierAsync(AppDbContext db, string? userName, CancellationToken ct) =>
        await NameAsync(db, userName, ct) is not { } name ? null : name == userName ? userName : $"{name} ({userName})";

    public static async Task<string?> NameAsync(AppDbContext db, string? userName, CancellationToken ct) =>
        userName is null ? null
            : await db.Users.AsNoTracking().Where(u => u.UserName == userName).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? userName;

    private static string StatusThai(string status) =>
        RevenueWorkflow.TryParseStatus(status, out var s) ? RevenueWorkflow.ThaiName(s) : status;
}

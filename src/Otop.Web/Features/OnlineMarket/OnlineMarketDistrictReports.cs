using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Registry;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Documents;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.OnlineMarket;

/// <summary>
/// A district's two forms of letter 1 as official documents (issue 16, item 7): <c>online-market-survey</c>, the readiness
/// survey (enclosure 3), and <c>online-market-result-report</c>, the result report (enclosure 4). Query
/// <c>district, fiscalYear, round</c>; the same figures as the Survey and Report pages.
/// </summary>
public static class OnlineMarketDistrictReports
{
    public const string SurveyTitle = "แบบสำรวจความพร้อมการส่งเสริมผลิตภัณฑ์ OTOP ในตลาดออนไลน์";
    public const string ResultReportTitle = "แบบรายงานผลการส่งเสริมผลิตภัณฑ์ OTOP ในตลาดออนไลน์";

    /// <summary>
    /// The district and round of the query: 422 bad values (all at once), then the revenue forms' district check (403 outside
    /// the caller's scope, 404 not a district), then 404 an unknown round.
    /// </summary>
    public static async Task<(OrgUnit? District, OnlineMarketRound? Round, Refusal? Refusal)> ResolveAsync(ReportRequest q)
    {
        var code = q.Query("district");
        // No province in this query: "00" only satisfies ParseQuery's province check, the district is checked below.
        var errors = OnlineMarketKpi.ParseQuery(q.Query("fiscalYear"), q.Query("round"), "00", out var fy, out var r, out _);
        if (code is null) errors["district"] = ["กรุณาระบุรหัสอำเภอ 4 หลัก (district) เช่น 2701"];
        else if (code.Length != 4 || !code.All(char.IsAsciiDigit)) errors["district"] = [$"รหัสอำเภอ (district) \"{code}\" ไม่ถูกต้อง ต้องเป็นรหัส 4 หลัก เช่น 2701"];
        if (errors.Count > 0) return (null, null, Refusal.Invalid(errors));
        var (district, outside) = await ScopedDistricts.FindAsync(q.Db, q.Me, code!, q.Cancel);
        if (outside is not null) return (null, null, outside);
        var (om, missing) = await OnlineMarketKpi.FindRoundAsync(q.Db, fy, r, q.Cancel);
        return (district, om, missing);
    }

    public static async Task<(ReportDocument? Document, Refusal? Refusal)> SurveyAsync(ReportRequest q)
    {
        var (district, om, refusal) = await ResolveAsync(q);
        if (refusal is not null) return (null, refusal);
        var scope = new OrgScope(district!.Code);
        var producers = await SurveyModel.ProducersAsync(q.Db, scope, om!, q.Cancel);
        var survey = await q.Db.ReadinessSurveys.AsNoTracking().VisibleTo(scope).Include(s => s.Answers)
            .FirstOrDefaultAsync(s => s.IndicatorId == om!.Indicator.Id && s.Round == om.Round.Round, q.Cancel);
        var channels = await q.Db.SalesChannels.AsNoTracking().ToDictionaryAsync(c => c.Code, c => c.NameTh, q.Cancel);
        var lacks = SurveyModel.LackNames;

        string[] headers = ["ลำดับ", "รหัสผู้ประกอบการ", "ผู้ประกอบการ", "จำนวนผลิตภัณฑ์", "พร้อมจำหน่ายออนไลน์", "ยังไม่พร้อม",
            .. lacks.Select(l => $"ขาด{l.Thai}"), "ช่องทางที่วางแผน"];
        string?[] formats = ["0", null, null, "#,##0", "#,##0", "#,##0", .. lacks.Select(_ => "#,##0"), null];
        var rows = producers.Select((p, i) =>
        {
            var a = survey?.Answers.FirstOrDefault(x => x.EntrepreneurId == p.Id);
            object?[] answer = a is null
                ? [null, null, .. lacks.Select(_ => (object?)null), "ยังไม่ตอบ"]
                : [a.Ready ? 1 : 0, a.Ready ? 0 : 1, .. lacks.Select(l => (object?)(a.Lacks.HasFlag(l.Lack) ? 1 : 0)), ChannelNames(a.PlannedChannels, channels)];
            return new object?[] { i + 1, p.Code, p.Name, p.Products }.Concat(answer).ToArray();
        }).ToList();
        // The answers counted as the province's overview counts them (every answer of the survey).
        var answers = survey?.Answers ?? [];
        object?[] total = [null, null, "รวม", producers.Sum(p => p.Products), answers.Count(a => a.Ready), answers.Count(a => !a.Ready),
            .. lacks.Select(l => (object?)answers.Count(a => a.Lacks.HasFlag(l.Lack))), null];

        var status = SurveyStatusLine(survey);
        var unit = $"สำนักงานพัฒนาชุมชนอำเภอ{district.NameTh}";
        var round = OnlineMarketReports.RoundLine(om!);
        var table = new ReportTable("แบบสำรวจ", [SurveyTitle, round, $"อำเภอ{district.NameTh} จังหวัด{await OnlineMarketReports.ProvinceNameAsync(q, district.Code[..2])}", status],
            headers, formats, rows, total);
        var query = $"district={district.Code}&fiscalYear={om!.Indicator.FiscalYear}&round={om.Round.Round}";
        return (new ReportDocument("online-market-survey", "สิ่งที่ส่งมาด้วย 3", SurveyTitle, district.Code, unit, round, table,
            [new Signature("ผู้รายงาน", null, $"พัฒนาการอำเภอ{district.NameTh}", survey?.SentAt)],
            $"online-market-survey-{om.Indicator.FiscalYear}-{om.Round.Round}-{district.Code}", query,
            Notes: [status, "พร้อมจำหน่ายออนไลน์ / ยังไม่พร้อม / ขาด…: 1 = ใช่, 0 = ไม่ใช่ (สิ่งที่ยังขาดเลือกได้หลายข้อ)"]), null);
    }

    public static async Task<(ReportDocument? Document, Refusal? Refusal)> ResultReportAsync(ReportRequest q)
    {
        var (district, om, refusal) = await ResolveAsync(q);
        if (refusal is not null) return (null, refusal);
        var code = district!.Code;
        var result = (await OnlineMarketKpi.ResultsAsync(q.Db, om!, code[..2], q.Cancel)).Rows.Single(r => r.DistrictCode == code);
        var products = await OnlineMarketKpi.OnlineProductsAsync(q.Db, om!, code, q.Cancel);
        var submission = await ResultReportSubmitting.FindAsync(q.Db, code, om!.Indicator.FiscalYear, om.Round.Round, q.Cancel);
        var channels = await q.Db.SalesChannels.AsNoTracking().ToDictionaryAsync(c => c.Code, c => c.NameTh, q.Cancel);

        string[] headers = ["ลำดับ", "รหัสผลิตภัณฑ์", "ผลิตภัณฑ์", "ผู้ประกอบการ", "ช่องทางจำหน่าย", "ที่อยู่ร้านค้า (URL)", "จำหน่ายตั้งแต่", "หลักฐาน", "จำนวนผลิตภัณฑ์"];
        string?[] formats = ["0", null, null, null, null, null, null, null, "#,##0"];
        // One line per listing counted in the round; the product's number and count on its first line only.
        var rows = products.SelectMany((p, i) => p.Listings.Select((l, j) => new object?[]
        {
            j == 0 ? i + 1 : null, p.ProductCode, p.ProductName, p.EntrepreneurName, channels.GetValueOrDefault(l.ChannelCode, l.ChannelCode),
            l.Url, ThaiDates.FormatShort(l.Since), l.HasEvidence ? "ภาพหน้าจอ" : "-", j == 0 ? 1 : null,
        })).ToList();
        var summary = $"ผลิตภัณฑ์ที่ลงทะเบียนปี {om.Indicator.RegisteredFrom}–{om.Indicator.RegisteredTo} จำนวน {result.Products:N0} ผลิตภัณฑ์ " +
                      $"จำหน่ายออนไลน์ {result.ProductsOnline:N0} ผลิตภัณฑ์ คิดเป็นร้อยละ {result.Percent:0.00} ได้ {result.Score} คะแนน";
        object?[] total = [null, null, "รวม", summary, null, null, null, null, result.ProductsOnline];
        var status = submission is null
            ? "สถานะ: ยังไม่ส่งแบบรายงานผล"
            : $"สถานะ: ส่งแบบรายงานผลแล้วเมื่อ {ThaiDates.FormatDateTime(submission.SubmittedAt)} โดย {submission.SubmittedBy}";
        var unit = $"สำนักงานพัฒนาชุมชนอำเภอ{district.NameTh}";
        var round = OnlineMarketReports.RoundLine(om);
        var table = new ReportTable("แบบรายงานผล", [ResultReportTitle, round, $"อำเภอ{district.NameTh} จังหวัด{await OnlineMarketReports.ProvinceNameAsync(q, code[..2])}", summary, status],
            headers, formats, rows, total);
        return (new ReportDocument("online-market-result-report", "สิ่งที่ส่งมาด้วย 4", ResultReportTitle, code, unit, round, table,
            [new Signature("ผู้รายงาน", null, $"พัฒนาการอำเภอ{district.NameTh}", submission?.SubmittedAt)],
            $"online-market-result-report-{om.Indicator.FiscalYear}-{om.Round.Round}-{code}",
            $"district={code}&fiscalYear={om.Indicator.FiscalYear}&round={om.Round.Round}",
            Notes: [summary, status, $"นับผลิตภัณฑ์ที่มีช่องทางจำหน่ายออนไลน์ตั้งแต่ก่อนหรือในวันที่ {ThaiDates.FormatLong(om.LastDay)} และบันทึกภายในวันตัดรอบผล {ThaiDates.FormatLong(om.CutOff)}"]), null);
    }

    private static string SurveyStatusLine(ReadinessSurvey? survey) => survey switch
    {
        null => "สถานะ: ยังไม่ได้จัดทำแบบสำรวจ",
        { Status: SurveyStatus.Sent, SentAt: { } at } => $"สถานะ: ส่งจังหวัดแล้วเมื่อ {ThaiDates.FormatDateTime(at)} โดย {survey.SentBy}{(survey.Late ? " (ล่าช้า)" : "")}",
        _ => $"สถานะ: ร่าง ยังไม่ส่งจังหวัด (บันทึกล่าสุด {ThaiDates.FormatDateTime(survey.UpdatedAt)})",
    };

    private static string ChannelNames(string codes, Dictionary<string, string> names) =>
        string.Join(", ", codes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(c => names.GetValueOrDefault(c, c)));
}

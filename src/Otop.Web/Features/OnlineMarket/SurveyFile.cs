using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Features.Registry;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Documents;
using Otop.Web.Platform.Files;
using Otop.Web.Platform.Http;
using Otop.Web.Platform.Writes;

namespace Otop.Web.Features.OnlineMarket;

/// <summary>
/// The readiness survey filled offline (issue 16, item 5, as the month's รต.1): the report form
/// <c>online-market-survey-template</c> lists the district's producers of the survey (code, name, products) with their
/// current answers, the answer cells unlocked and the survey's version inside (hidden sheet); the filled XLSX, or its CSV,
/// comes back through <see cref="UploadAsync"/> and the Survey page's own command (<see cref="ReadinessSurveyCommands"/>).
/// All-or-nothing with per-row Thai errors naming the column; 409 when the survey changed since the download. Every row
/// is the producer's whole answer, as the page posts every row (a blank answer is "not ready, lacks nothing").
/// </summary>
public static class SurveyFile
{
    public const string Form = "online-market-survey-template";
    public const string FormName = "แบบสำรวจความพร้อม";
    private const string CodeLabel = "รหัสผู้ประกอบการ", ReadyLabel = "พร้อมจำหน่ายออนไลน์", ChannelsLabel = "ช่องทางที่วางแผน";

    public static string LackLabel(string thai) => $"ขาด{thai}";

    public static string LackKey(ReadinessLack lack) => "lack_" + lack.ToString().ToLowerInvariant();

    public static async Task<(ReportDocument? Document, Refusal? Refusal)> TemplateAsync(ReportRequest q)
    {
        var (district, om, refusal) = await OnlineMarketDistrictReports.ResolveAsync(q);
        if (refusal is not null) return (null, refusal);
        var scope = new OrgScope(district!.Code);
        var producers = await SurveyModel.ProducersAsync(q.Db, scope, om!, q.Cancel);
        var survey = await ReadinessSurveyCommands.FindAsync(q.Db, scope, om!, q.Cancel);
        var lacks = SurveyModel.LackNames;
        string[] headers = ["ลำดับ", CodeLabel, "ผู้ประกอบการ", "จำนวนผลิตภัณฑ์", ReadyLabel, .. lacks.Select(l => LackLabel(l.Thai)), ChannelsLabel];
        string?[] formats = ["0", null, null, "#,##0", "0", .. lacks.Select(_ => "0"), null];
        var rows = producers.Select((p, i) =>
        {
            var a = survey?.Answers.FirstOrDefault(x => x.EntrepreneurId == p.Id);
            object?[] answer = a is null
                ? [null, .. lacks.Select(_ => (object?)null), null]
                : [a.Ready ? 1 : 0, .. lacks.Select(l => (object?)(a.Lacks.HasFlag(l.Lack) ? 1 : null)), a.PlannedChannels.Replace(",", ", ", StringComparison.Ordinal)];
            return new object?[] { i + 1, p.Code, p.Name, p.Products }.Concat(answer).ToArray();
        }).ToList();
        var unit = $"สำนักงานพัฒนาชุมชนอำเภอ{district.NameTh}";
        var round = OnlineMarketReports.RoundLine(om!);
        var help = $"กรอก {ReadyLabel} และ ขาด…: 1 = ใช่, 0 หรือเว้นว่าง = ไม่ใช่ · {ChannelsLabel}: shopee, lazada, facebook, line, tiktok, website, other · แล้วนำเข้าที่หน้าแบบสำรวจ";
        var editable = Enumerable.Range(4, lacks.Length + 2).ToList();
        var table = new ReportTable("แบบสำรวจ", [OnlineMarketDistrictReports.SurveyTitle, round, unit, help], headers, formats, rows, null,
            DistrictFormFiles.Facts(Form, district.Code, om!, (survey?.Version ?? 0).ToString(CultureInfo.InvariantCulture)), editable);
        return (new ReportDocument(Form, "แบบสำรวจความพร้อม (สำหรับกรอก)", OnlineMarketDistrictReports.SurveyTitle, district.Code, unit, round, table, [],
            $"online-market-survey-template-{om!.Indicator.FiscalYear}-{om.Round.Round}-{district.Code}",
            $"district={district.Code}&fiscalYear={om.Indicator.FiscalYear}&round={om.Round.Round}"), null);
    }

    /// <summary>What a taken file saved: the new version and the answers by kind, for the page's summary.</summary>
    public sealed record Saved(int Version, int Producers, int Ready, int NotReady, IReadOnlyList<(string Thai, int Count)> Lacks);

    public static async Task<(Saved? Saved, Refusal? Refusal)> UploadAsync(AppDbContext db, CurrentUser me, TimeProvider clock, DistrictWriteGuard guard,
        OnlineMarketRound om, IFormFile? upload, CancellationToken ct)
    {
        // Who and when before the file is read, as the page's save: a caller who may not write learns nothing of its rows.
        if (await ReadinessSurveyCommands.WritableAsync(me, guard, ct) is { } early) return (null, early);
        var (sheet, unreadable) = await FilledSheetUpload.ReadAsync(upload, ct);
        if (unreadable is not null) return (null, unreadable);
        var district = me.Scope.Code;
        var (fileVersion, wrong) = DistrictFormFiles.Check(sheet!, Form, FormName, district, om);
        if (wrong is not null) return (null, wrong);
        var current = await ReadinessSurveyCommands.FindAsync(db, me.Scope, om, ct);
        var version = current?.Version ?? 0;
        if (fileVersion is not null && fileVersion != version.ToString(CultureInfo.InvariantCulture)) return (null, DistrictFormFiles.Stale(FormName, current?.UpdatedBy));

        var lacks = SurveyModel.LackNames;
        if (FilledSheetUpload.HeaderRow(sheet!, CodeLabel, "entrepreneur_code") is not { } header)
        {
            return (null, new Refusal(422, $"ไฟล์ {sheet!.FileName} ไม่มีแถวหัวตารางของ{FormName} ({CodeLabel}, {ReadyLabel}, ขาด…, {ChannelsLabel})"));
        }
        var code = FilledSheetUpload.Column(header, CodeLabel, "entrepreneur_code");
        var ready = FilledSheetUpload.Column(header, ReadyLabel, "ready");
        var lackColumns = lacks.Select(l => FilledSheetUpload.Column(header, LackLabel(l.Thai), LackKey(l.Lack))).ToArray();
        var channels = FilledSheetUpload.Column(header, ChannelsLabel, "planned_channels");
        var missing = new[] { (ready, ReadyLabel), (channels, ChannelsLabel) }.Concat(lacks.Select((l, i) => (lackColumns[i], LackLabel(l.Thai))))
            .Where(c => c.Item1 < 0).Select(c => c.Item2).ToList();
        if (missing.Count > 0) return (null, Refusal.Invalid($"rows[{header.Row}]", $"แถว {header.Row}: ไม่มีคอลัมน์ {string.Join(", ", missing)}"));

        // The district's producers by code: the survey's own list, and the district's others (outside the registration range or inactive).
        var listed = (await SurveyModel.ProducersAsync(db, me.Scope, om, ct)).ToDictionary(p => p.Code, p => p.Id, StringComparer.OrdinalIgnoreCase);
        var inDistrict = (await db.Entrepreneurs.AsNoTracking().VisibleTo(me.Scope).Select(e => e.Code).ToListAsync(ct)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var answers = new List<SurveyAnswerInput>();
        var rows = new List<int>();
        var errors = new SortedDictionary<int, List<string>>();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in sheet!.Rows.Where(r => r.Row > header.Row && !r.IsBlank))
        {
            var producer = FilledSheetUpload.Cell(row, code);
            if (producer.Length == 0) { FilledSheetUpload.Add(errors, row.Row, $"ไม่มี{CodeLabel}"); continue; }
            if (!listed.TryGetValue(producer, out var id))
            {
                FilledSheetUpload.Add(errors, row.Row, inDistrict.Contains(producer)
                    ? $"ผู้ประกอบการรหัส {producer} ไม่อยู่ในรายชื่อของแบบสำรวจ (ไม่มีผลิตภัณฑ์ที่ลงทะเบียนปี {om.Indicator.RegisteredFrom}–{om.Indicator.RegisteredTo} หรือไม่ได้ดำเนินการแล้ว)"
                    : $"ไม่พบผู้ประกอบการรหัส {producer} ในอำเภอ {district}");
                continue;
            }
            if (seen.TryGetValue(producer, out var first)) { FilledSheetUpload.Add(errors, row.Row, $"ผู้ประกอบการรหัส {producer} ซ้ำกับแถว {first}"); continue; }
            seen[producer] = row.Row;
            var (isReady, readyValid) = DistrictFormFiles.Tick(FilledSheetUpload.Cell(row, ready));
            if (!readyValid) FilledSheetUpload.Add(errors, row.Row, $"คอลัมน์ \"{ReadyLabel}\": ค่า '{FilledSheetUpload.Cell(row, ready)}' ไม่ถูกต้อง {DistrictFormFiles.TickHelp}");
            var lacking = ReadinessLack.None;
            for (var i = 0; i < lacks.Length; i++)
            {
                var (ticked, valid) = DistrictFormFiles.Tick(FilledSheetUpload.Cell(row, lackColumns[i]));
                if (!valid) FilledSheetUpload.Add(errors, row.Row, $"คอลัมน์ \"{LackLabel(lacks[i].Thai)}\": ค่า '{FilledSheetUpload.Cell(row, lackColumns[i])}' ไม่ถูกต้อง {DistrictFormFiles.TickHelp}");
                else if (ticked) lacking |= lacks[i].Lack;
            }
            answers.Add(new SurveyAnswerInput(id, isReady, lacking, FilledSheetUpload.Cell(row, channels)));
            rows.Add(row.Row);
        }
        if (errors.Count > 0) return (null, FilledSheetUpload.RowErrors(errors));

        var (saved, refusal) = await ReadinessSurveyCommands.SaveAsync(db, me, clock, guard, om, version, answers, send: false, ct);
        if (refusal is { Status: 409 }) return (null, DistrictFormFiles.Stale(FormName, null));
        if (refusal is not null) return (null, FilledSheetUpload.ByRow(refusal, rows));
        return (new Saved(saved, answers.Count, answers.Count(a => a.Ready), answers.Count(a => !a.Ready),
            lacks.Select(l => (l.Thai, answers.Count(a => a.Lacks.HasFlag(l.Lack)))).ToList()), null);
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Platform.Audit;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Kpi;

/// <summary>
/// Creates or edits an indicator of a fiscal year: kind, registration range, scoring, baseline, and for each round its due
/// dates and score bands. Fields are kept as typed (Thai digits accepted); a stale version is refused, every change audited.
/// </summary>
public sealed class EditModel(AppDbContext db, CurrentUser me, TimeProvider clock) : PageModel
{
    public const int Levels = 5;

    [BindProperty(SupportsGet = true)] public int? Id { get; set; }
    [BindProperty] public IndicatorInput Input { get; set; } = new();
    public Dictionary<string, string> Errors { get; } = [];

    /// <summary>The errors for the shared error summary, each linked to its input.</summary>
    public Otop.Web.Platform.Forms.FormErrors Summary => Otop.Web.Platform.Forms.FormErrors.From(Errors,
        Errors.Keys.Where(k => FieldId(k) is not null).ToDictionary(k => k, k => FieldId(k)!));

    /// <summary>The id of the input an error key names, for the error summary's links and aria-describedby (issue 15, item 4); null for an error of the whole form.</summary>
    public static string? FieldId(string key)
    {
        switch (key)
        {
            case "FiscalYear": return "fy";
            case "Code": return "code";
            case "NameTh": return "name";
            case "RegisteredFrom": return "from";
            case "RegisteredTo": return "to";
        }
        var round = System.Text.RegularExpressions.Regex.Match(key, @"^Rounds\[(\d+)\]\.(ResultDueDate|SurveyDueDate|ResultsCutOff|Percents\[(\d+)\])$");
        if (!round.Success) return null;
        var r = round.Groups[1].Value;
        return round.Groups[2].Value switch
        {
            "ResultDueDate" => $"due{r}",
            "SurveyDueDate" => $"survey{r}",
            "ResultsCutOff" => $"cutoff{r}",
            _ => $"p{r}_{round.Groups[3].Value}",
        };
    }
    public string? Error { get; private set; }

    public sealed class IndicatorInput
    {
        public string? FiscalYear { get; set; }
        public string? Code { get; set; }
        public string? NameTh { get; set; }
        public IndicatorKind Kind { get; set; } = IndicatorKind.OnlineMarketShare;
        public string? RegisteredFrom { get; set; }
        public string? RegisteredTo { get; set; }
        public ScoringMethod ScoringMethod { get; set; }
        public BaselineMode BaselineMode { get; set; }
        public int Version { get; set; }
        public List<RoundInput> Rounds { get; set; } = [new() { Round = 1 }, new() { Round = 2 }];
    }

    public sealed class RoundInput
    {
        public int Round { get; set; }
        public bool Enabled { get; set; } = true;
        public string? ResultDueDate { get; set; }
        public string? SurveyDueDate { get; set; }
        /// <summary>The results cut-off day (empty: the round's last day): listings recorded after it do not count for the round.</summary>
        public string? ResultsCutOff { get; set; }
        public List<string?> Percents { get; set; } = [.. Enumerable.Repeat<string?>(null, Levels)];
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!me.IsDepartmentAdmin) return Forbid();
        if (Id is null) return Page();
        var i = await db.Indicators.AsNoTracking().Include(x => x.Rounds).ThenInclude(r => r.Bands).FirstOrDefaultAsync(x => x.Id == Id, ct);
        if (i is null) return NotFound();
        Input = new IndicatorInput
        {
            FiscalYear = i.FiscalYear.ToString(System.Globalization.CultureInfo.InvariantCulture), Code = i.Code, NameTh = i.NameTh, Kind = i.Kind,
            RegisteredFrom = i.RegisteredFrom?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            RegisteredTo = i.RegisteredTo?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ScoringMethod = i.ScoringMethod, BaselineMode = i.BaselineMode, Version = i.Version,
            Rounds = [.. new[] { 1, 2 }.Select(n => i.Rounds.FirstOrDefault(r => r.Round == n) is { } r
                ? new RoundInput
                {
                    Round = n, Enabled = true,
                    ResultDueDate = r.ResultDueDate is { } d ? ThaiDates.FormatInput(d) : null,
                    SurveyDueDate = r.SurveyDueDate is { } s ? ThaiDates.FormatInput(s) : null,
                    ResultsCutOff = r.ResultsCutOff is { } c ? ThaiDates.FormatInput(c) : null,
                    Percents = [.. r.Bands.OrderBy(b => b.Score).Select(b => (string?)(b.Percent / 1.0000000000m).ToString(System.Globalization.CultureInfo.InvariantCulture))],
                }
                : new RoundInput { Round = n, Enabled = false })],
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!me.IsDepartmentAdmin) return Forbid();
        var parsed = Validate();
        if (Errors.Count > 0) return Page();

        Indicator indicator;
        object? old = null;
        if (Id is { } id)
        {
            indicator = await db.Indicators.Include(x => x.Rounds).ThenInclude(r => r.Bands).FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new BadHttpRequestException("not found", 404);
            if (indicator.Version != Input.Version)
            {
                Error = "มีผู้อื่นแก้ไขตัวชี้วัดนี้ก่อนท่าน กรุณาเปิดหน้านี้ใหม่ (ข้อมูลที่ท่านกรอกยังอยู่ในฟอร์ม)";
                return Page();
            }
            old = Snapshot(indicator);
        }
        else
        {
            indicator = new Indicator { Code = "", NameTh = "" };
            db.Indicators.Add(indicator);
        }
        if (await db.Indicators.AnyAsync(x => x.FiscalYear == parsed.FiscalYear && x.Code == parsed.Code && x.Id != indicator.Id, ct))
        {
            Errors["Code"] = $"ปีงบประมาณ {parsed.FiscalYear} มีตัวชี้วัดรหัส {parsed.Code} แล้ว";
            return Page();
        }

        indicator.FiscalYear = parsed.FiscalYear;
        indicator.Code = parsed.Code;
        indicator.NameTh = parsed.NameTh;
        indicator.Kind = Input.Kind;
        indicator.RegisteredFrom = parsed.From;
        indicator.RegisteredTo = parsed.To;
        indicator.ScoringMethod = Input.ScoringMethod;
        indicator.BaselineMode = Input.BaselineMode;
        indicator.Version++;
        foreach (var round in indicator.Rounds.Where(r => parsed.Rounds.All(p => p.Round != r.Round)).ToList()) indicator.Rounds.Remove(round);
        foreach (var p in parsed.Rounds)
        {
            var round = indicator.Rounds.FirstOrDefault(r => r.Round == p.Round);
            if (round is null) indicator.Rounds.Add(round = new IndicatorRound { Round = p.Round });
            round.ResultDueDate = p.ResultDue;
            round.SurveyDueDate = p.SurveyDue;
            round.ResultsCutOff = p.CutOff;
            // Update bands in place (score i keeps its row) so the (round, score) unique index never sees two rows.
            foreach (var extra in round.Bands.Where(b => b.Score > p.Percents.Count).ToList()) round.Bands.Remove(extra);
            for (var i = 0; i < p.Percents.Count; i++)
            {
                var band = round.Bands.FirstOrDefault(b => b.Score == i + 1);
                if (band is null) round.Bands.Add(new IndicatorBand { Score = i + 1, Percent = p.Percents[i] });
                else band.Percent = p.Percents[i];
            }
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            Error = "มีผู้อื่นแก้ไขตัวชี้วัดนี้ก่อนท่าน กรุณาเปิดหน้านี้ใหม่ (ข้อมูลที่ท่านกรอกยังอยู่ในฟอร์ม)";
            return Page();
        }
        AuditLog.Record(db, me, clock, "indicator", $"{indicator.FiscalYear}/{indicator.Code}", old is null ? "create" : "update", old, Snapshot(indicator));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return RedirectToPage("/Kpi/Indicators");
    }

    /// <summary>"19/03/2564": the officers' d/M/BE form, which <see cref="ThaiDates.TryParseDate"/> reads back.</summary>

    private sealed record ParsedRound(int Round, DateOnly? ResultDue, DateOnly? SurveyDue, DateOnly? CutOff, List<decimal> Percents);
    private sealed record Parsed(int FiscalYear, string Code, string NameTh, int? From, int? To, List<ParsedRound> Rounds);

    private Parsed Validate()
    {
        // BE, CE (2024 → 2567) or Thai digits, like every year field (YearInput).
        var fy = YearInput.Parse(Input.FiscalYear, out var yearError) ?? 0;
        if (yearError is not null) Errors["FiscalYear"] = yearError;
        else if (fy is < 2500 or > 2700) Errors["FiscalYear"] = "ปีงบประมาณต้องเป็นปี พ.ศ. เช่น 2567";
        var code = Input.Code?.Trim() ?? "";
        if (code.Length is 0 or > 40) Errors["Code"] = "กรุณากรอกรหัสตัวชี้วัด (ไม่เกิน 40 ตัวอักษร) เช่น online-market";
        var name = Input.NameTh?.Trim() ?? "";
        if (name.Length is 0 or > 500) Errors["NameTh"] = "กรุณากรอกชื่อตัวชี้วัด";
        int? from = null, to = null;
        if (Input.Kind == IndicatorKind.OnlineMarketShare)
        {
            if (!ThaiDigits.TryParseInt(Input.RegisteredFrom, out var f) || f is < 2500 or > 2700) Errors["RegisteredFrom"] = "ปีที่ลงทะเบียนเริ่มต้นต้องเป็นปี พ.ศ. เช่น 2557";
            else from = f;
            if (!ThaiDigits.TryParseInt(Input.RegisteredTo, out var t) || t is < 2500 or > 2700) Errors["RegisteredTo"] = "ปีที่ลงทะเบียนสิ้นสุดต้องเป็นปี พ.ศ. เช่น 2563";
            else to = t;
            if (from > to) Errors["RegisteredTo"] = "ปีที่ลงทะเบียนสิ้นสุดต้องไม่น้อยกว่าปีเริ่มต้น";
        }
        var rounds = new List<ParsedRound>();
        foreach (var r in Input.Rounds.Where(r => r.Enabled && r.Round is 1 or 2))
        {
            var prefix = $"Rounds[{r.Round - 1}]";
            DateOnly? resultDue = null, surveyDue = null;
            if (!string.IsNullOrWhiteSpace(r.ResultDueDate))
            {
                if (ThaiDates.TryParseDate(r.ResultDueDate, out var d)) resultDue = d; else Errors[prefix + ".ResultDueDate"] = $"รอบที่ {r.Round}: วันที่ส่งผลไม่ถูกต้อง กรอกแบบ 19/03/2564";
            }
            if (!string.IsNullOrWhiteSpace(r.SurveyDueDate))
            {
                if (ThaiDates.TryParseDate(r.SurveyDueDate, out var d)) surveyDue = d; else Errors[prefix + ".SurveyDueDate"] = $"รอบที่ {r.Round}: วันที่ส่งแบบสำรวจไม่ถูกต้อง กรอกแบบ 24/02/2564";
            }
            DateOnly? cutOff = null;
            if (!string.IsNullOrWhiteSpace(r.ResultsCutOff))
            {
                if (!ThaiDates.TryParseDate(r.ResultsCutOff, out var c)) Errors[prefix + ".ResultsCutOff"] = $"รอบที่ {r.Round}: วันตัดรอบผลไม่ถูกต้อง กรอกแบบ 31/03/2564";
                else if (fy is >= 2500 and <= 2700 && ListingRecording.CutOffError(c, new Otop.Domain.FiscalYear(fy).RoundLastDay(r.Round)) is { } e)
                {
                    Errors[prefix + ".ResultsCutOff"] = $"รอบที่ {r.Round}: {e} ({ThaiDates.FormatLong(new Otop.Domain.FiscalYear(fy).RoundLastDay(r.Round))})";
                }
                // The round's last day itself is the default: stored as none, so the stored product counts stay in use.
                else if (fy is >= 2500 and <= 2700 && c != new Otop.Domain.FiscalYear(fy).RoundLastDay(r.Round)) cutOff = c;
            }
            var percents = new List<decimal>();
            for (var i = 0; i < r.Percents.Count && i < Levels; i++)
            {
                if (!ThaiDigits.TryParseDecimal(r.Percents[i], out var p) || p < 0 || p > 1000 || decimal.Round(p, 2) != p)
                {
                    Errors[$"{prefix}.Percents[{i}]"] = $"รอบที่ {r.Round} ระดับ {i + 1} คะแนน: กรอกร้อยละเป็นตัวเลข ทศนิยมไม่เกิน 2 ตำแหน่ง";
                }
                else if (percents.Count > 0 && p <= percents[^1])
                {
                    Errors[$"{prefix}.Percents[{i}]"] = $"รอบที่ {r.Round} ระดับ {i + 1} คะแนน: ร้อยละต้องมากกว่าระดับ {i} คะแนน ({percents[^1]})";
                    percents.Add(p);
                }
                else percents.Add(p);
            }
            rounds.Add(new ParsedRound(r.Round, resultDue, surveyDue, cutOff, percents));
        }
        if (rounds.Count == 0) Errors["Rounds"] = "ตัวชี้วัดต้องมีอย่างน้อยหนึ่งรอบการประเมิน";
        return new Parsed(fy, code, name, from, to, rounds);
    }

    private static object Snapshot(Indicator i) => new
    {
        i.FiscalYear, i.Code, i.NameTh, kind = i.Kind.ToString(), i.RegisteredFrom, i.RegisteredTo,
        scoring = i.ScoringMethod.ToString(), baseline = i.BaselineMode.ToString(), i.Version,
        rounds = i.Rounds.OrderBy(r => r.Round).Select(r => new { r.Round, r.ResultDueDate, r.SurveyDueDate, r.ResultsCutOff, bands = r.Bands.OrderBy(b => b.Score).Select(b => b.Percent).ToList() }).ToList(),
    };
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Circulars;
using Otop.Web.Features.Kpi;
using Otop.Web.Features.Registry;
using Otop.Web.Platform.Audit;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Writes;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.OnlineMarket;

/// <summary>
/// Letter 1, enclosure 3, the readiness survey: per producer, ready to sell online or not, what it lacks and which channels
/// it plans. A district fills and sends it by the due date (a later send is marked late); the province sees who has sent.
/// </summary>
/// <remarks>
/// One row per producer posts up to ten values (id, ready, six lacks, channels, note): MVC's default of 1,024 form values
/// refused the survey of any district over about a hundred producers with HTTP 400, losing every tick (issue 16, item 7;
/// district 2705). The page takes up to <see cref="MaxFormValues"/> values, enough for 6,000 producers, far above the
/// largest district; the body stays under Kestrel's 30 MB limit.
/// </remarks>
[RequestFormLimits(ValueCountLimit = MaxFormValues)]
public sealed class SurveyModel(AppDbContext db, CurrentUser me, TimeProvider clock, DistrictWriteGuard guard) : PageModel
{
    public const int MaxFormValues = 64 * 1024;

    /// <summary>The key under which 15a's draft module keeps unsent ticks: user, district, fiscal year, round.</summary>
    public string DraftKey => $"survey:{me.UserName}:{me.Scope.Code}:{FiscalYear}:{Round}";

    [BindProperty(SupportsGet = true, BinderType = typeof(FiscalYearBinder))] public int? FiscalYear { get; set; }
    [BindProperty(SupportsGet = true)] public int? Round { get; set; }
    [BindProperty] public List<AnswerInput> Answers { get; set; } = [];
    [BindProperty] public int Version { get; set; }

    public sealed class AnswerInput
    {
        public int EntrepreneurId { get; set; }
        public bool Ready { get; set; }
        public List<ReadinessLack> Lacks { get; set; } = [];
        public string? Channels { get; set; }
    }

    public sealed record ProducerLine(int Id, string Code, string Name, int Products);
    public sealed record DistrictStatus(string Code, string Name, SurveyStatus? Status, DateTimeOffset? SentAt, bool Late, int Ready, int NotReady,
        Dictionary<ReadinessLack, int> Lacks);

    public static readonly (ReadinessLack Lack, string Thai)[] LackNames =
    [
        (ReadinessLack.Internet, "อินเทอร์เน็ต"), (ReadinessLack.Device, "อุปกรณ์"), (ReadinessLack.Skills, "ทักษะ"),
        (ReadinessLack.Packaging, "บรรจุภัณฑ์"), (ReadinessLack.Delivery, "การขนส่ง"), (ReadinessLack.Payment, "การชำระเงิน"),
    ];

    public OnlineMarketRound? Om { get; private set; }
    public string? Error { get; private set; }
    public string? Message { get; private set; }
    public Dictionary<int, string> FieldErrors { get; } = [];
    public List<ProducerLine> Producers { get; private set; } = [];
    public ReadinessSurvey? Survey { get; private set; }
    public List<DistrictStatus> Overview { get; private set; } = [];
    public bool IsDistrict => me.Scope.Level == OrgLevel.District;
    public string District => me.Scope.Code;
    public bool CanWrite => me.IsDistrictStaff;
    public DateOnly? DueDate => Om?.Round.SurveyDueDate;
    public DateOnly Today => Bangkok.Today(clock.GetUtcNow());

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return;
        Answers = Producers.Select(p => Survey?.Answers.FirstOrDefault(a => a.EntrepreneurId == p.Id) is { } a
            ? new AnswerInput { EntrepreneurId = p.Id, Ready = a.Ready, Lacks = LackNames.Select(l => l.Lack).Where(l => a.Lacks.HasFlag(l)).ToList(), Channels = a.PlannedChannels }
            : new AnswerInput { EntrepreneurId = p.Id }).ToList();
        Version = Survey?.Version ?? 0;
    }

    public Task<IActionResult> OnPostSaveAsync(CancellationToken ct) => SaveAsync(send: false, ct);

    public Task<IActionResult> OnPostSendAsync(CancellationToken ct) => SaveAsync(send: true, ct);

    private async Task<IActionResult> SaveAsync(bool send, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Page();
        if (!CanWrite) return Forbid();
        if (await guard.CheckAsync(me.Scope.Code, DistrictWrite.Of(DistrictWriteKind.Survey), ct) is { } closed)
        {
            // What was typed stays on the form (Answers is bound), with the reason above it.
            Error = closed.Message;
            Response.StatusCode = closed.Status;
            return Page();
        }
        var channels = await db.SalesChannels.AsNoTracking().ToListAsync(ct);
        var known = Producers.Select(p => p.Id).ToHashSet();
        var parsed = new List<ReadinessAnswer>();
        foreach (var (a, i) in Answers.Select((a, i) => (a, i)))
        {
            if (!known.Contains(a.EntrepreneurId)) { FieldErrors[i] = "ผู้ประกอบการนี้ไม่อยู่ในอำเภอของท่าน"; continue; }
            var codes = new List<string>();
            foreach (var token in (a.Channels ?? "").Split([',', ' ', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var c = channels.FirstOrDefault(x => string.Equals(x.Code, token, StringComparison.OrdinalIgnoreCase)
                    || string.Equals(x.NameEn, token, StringComparison.OrdinalIgnoreCase)
                    || x.NameTh == token || x.NameTh.Split(" (")[0] == token);
                if (c is null) FieldErrors[i] = $"ไม่รู้จักช่องทาง \"{token}\" ใช้ได้: {string.Join(", ", channels.Select(x => x.Code))}";
                else if (!codes.Contains(c.Code)) codes.Add(c.Code);
            }
            parsed.Add(new ReadinessAnswer
            {
                EntrepreneurId = a.EntrepreneurId, Ready = a.Ready,
                Lacks = a.Lacks.Aggregate(ReadinessLack.None, (x, y) => x | y), PlannedChannels = string.Join(",", codes),
            });
        }
        if (FieldErrors.Count > 0)
        {
            Error = "กรุณาแก้ไขข้อมูลในแถวที่ระบุ";
            return Page();
        }

        var now = clock.GetUtcNow();
        var survey = await db.ReadinessSurveys.VisibleTo(me.Scope).Include(s => s.Answers)
            .FirstOrDefaultAsync(s => s.IndicatorId == Om!.Indicator.Id && s.Round == Om.Round.Round, ct);
        if ((survey?.Version ?? 0) != Version)
        {
            Error = StaleSurvey;
            return Page();
        }
        var old = survey is null ? null : Snapshot(survey);
        if (survey is null)
        {
            survey = new ReadinessSurvey { IndicatorId = Om!.Indicator.Id, Round = Om.Round.Round, DistrictCode = me.Scope.Code, ProvinceCode = me.Scope.Code[..2] };
            db.ReadinessSurveys.Add(survey);
        }
        survey.Answers.Clear();
        survey.Answers.AddRange(parsed);
        survey.Version++;
        survey.UpdatedAt = now;
        survey.UpdatedBy = me.UserName;
        if (send)
        {
            survey.Status = SurveyStatus.Sent;
            survey.SentAt = now;
            survey.SentBy = me.UserName;
            // Due "by" the date: late from 00:00 Bangkok of the next day (letter 1: send by 24 Feb 2564).
            survey.Late = DueDate is { } due && Bangkok.Today(now) > due;
        }
        AuditLog.Record(db, me, clock, "readiness-survey", $"{Om!.Indicator.FiscalYear}/{Om.Round.Round}/{me.Scope.Code}", send ? "send" : "save",
            old, Snapshot(survey), provinceCode: me.Scope.Code[..2]);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || DbErrors.IsUniqueViolation(e))
        {
            // Another officer of the district saved between our version check and our write (or created the survey first).
            Error = StaleSurvey;
            return Page();
        }
        return RedirectToPage(new { FiscalYear, Round, saved = send ? "sent" : "saved" });
    }

    private const string StaleSurvey = "มีผู้อื่นบันทึกแบบสำรวจนี้ก่อนท่าน กรุณาเปิดหน้านี้ใหม่แล้วบันทึกอีกครั้ง (ข้อมูลที่ท่านกรอกยังอยู่ในฟอร์ม)";

    private static object Snapshot(ReadinessSurvey s) => new
    {
        status = s.Status.ToString(), s.Late,
        answers = s.Answers.Select(a => new { a.EntrepreneurId, a.Ready, lacks = (int)a.Lacks, a.PlannedChannels }).ToList(),
    };

    /// <summary>The survey's rows: the scope's active producers with a product in the indicator's registration range, by code.</summary>
    public static Task<List<ProducerLine>> ProducersAsync(AppDbContext db, OrgScope scope, OnlineMarketRound om, CancellationToken ct)
    {
        var (from, to) = (om.RegisteredFrom, om.RegisteredTo);
        return db.Entrepreneurs.AsNoTracking().VisibleTo(scope)
            .Where(e => e.Status == RegistryStatus.Active && e.Products.Any(p => p.RegisteredYear >= from && p.RegisteredYear <= to))
            .OrderBy(e => e.Code)
            .Select(e => new ProducerLine(e.Id, e.Code, e.Name, e.Products.Count(p => p.RegisteredYear >= from && p.RegisteredYear <= to)))
            .ToListAsync(ct);
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var (om, province, refusal) = await OnlineMarketSelection.ResolveAsync(db, me, FiscalYear, Round, me.Scope.ProvinceCode, ct);
        (Om, Error) = (om, refusal?.Message);
        if (om is null) return false;
        FiscalYear = om.Indicator.FiscalYear;
        Round = om.Round.Round;
        Message = Request.Query["saved"].FirstOrDefault() switch { "sent" => "ส่งแบบสำรวจให้จังหวัดแล้ว", "saved" => "บันทึกร่างแล้ว", _ => null };
        if (IsDistrict)
        {
            Producers = await ProducersAsync(db, me.Scope, om, ct);
            Survey = await db.ReadinessSurveys.AsNoTracking().VisibleTo(me.Scope).Include(s => s.Answers)
                .FirstOrDefaultAsync(s => s.IndicatorId == om.Indicator.Id && s.Round == om.Round.Round, ct);
            return true;
        }

        var scope = new OrgScope(province);
        var districts = await db.OrgUnits.AsNoTracking().VisibleTo(scope).Where(o => o.Level == OrgLevel.District)
            .OrderBy(o => o.Code).Select(o => new { o.Code, o.NameTh }).ToListAsync(ct);
        var surveys = await db.ReadinessSurveys.AsNoTracking().VisibleTo(scope).Include(s => s.Answers)
            .Where(s => s.IndicatorId == om.Indicator.Id && s.Round == om.Round.Round).ToListAsync(ct);
        Overview = districts.Select(d =>
        {
            var s = surveys.FirstOrDefault(x => x.DistrictCode == d.Code);
            var answers = s?.Answers ?? [];
            return new DistrictStatus(d.Code, d.NameTh, s?.Status, s?.SentAt, s?.Late ?? false,
                answers.Count(a => a.Ready), answers.Count(a => !a.Ready),
                LackNames.ToDictionary(l => l.Lack, l => answers.Count(a => a.Lacks.HasFlag(l.Lack))));
        }).ToList();
        return true;
    }
}

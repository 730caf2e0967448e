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
        var answers = Answers.Select(a => new SurveyAnswerInput(a.EntrepreneurId, a.Ready, a.Lacks.Aggregate(ReadinessLack.None, (x, y) => x | y), a.Channels)).ToList();
        var (_, refusal) = await ReadinessSurveyCommands.SaveAsync(db, me, clock, guard, Om!, Version, answers, send, ct);
        if (refusal is null) return RedirectToPage(new { FiscalYear, Round, saved = send ? "sent" : "saved" });
        if (refusal.Status == 403) return Forbid();
        // What was typed stays on the form (Answers is bound), with the reason above it and each bad row's below it.
        Error = refusal.Detail;
        foreach (var (key, messages) in refusal.Errors ?? new Dictionary<string, string[]>())
        {
            if (int.TryParse(key.AsSpan()[(key.IndexOf('[') + 1)..key.IndexOf(']')], out var i)) FieldErrors[i] = messages[0];
        }
        if (refusal.Status != 422) Response.StatusCode = refusal.Status;
        return Page();
    }

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

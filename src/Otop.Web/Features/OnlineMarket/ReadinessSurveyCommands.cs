using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Registry;
using Otop.Web.Platform.Audit;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;
using Otop.Web.Platform.Writes;

namespace Otop.Web.Features.OnlineMarket;

/// <summary>One producer's answer as the page posts it or a filled file gives it; the channels as typed (codes or names).</summary>
public sealed record SurveyAnswerInput(int EntrepreneurId, bool Ready, ReadinessLack Lacks, string? Channels);

/// <summary>
/// Saving (or sending) a district's readiness survey (letter 1, enclosure 3): the one command behind the Survey page and
/// the filled file (<see cref="SurveyFile"/>), so both take the same roles, close, rules, audit and version. The answers
/// replace the survey's; a producer outside the survey's list or an unknown channel is refused by its entry
/// (<c>entries[3].channels</c>), nothing is written.
/// </summary>
public static class ReadinessSurveyCommands
{
    public const string StaleSurvey = "มีผู้อื่นบันทึกแบบสำรวจนี้ก่อนท่าน กรุณาเปิดหน้านี้ใหม่แล้วบันทึกอีกครั้ง (ข้อมูลที่ท่านกรอกยังอยู่ในฟอร์ม)";

    /// <summary>Who may write the survey and whether the district is open for it (decision 014's close): 403 or 423.</summary>
    public static async Task<Refusal?> WritableAsync(CurrentUser me, DistrictWriteGuard guard, CancellationToken ct)
    {
        if (!(me.IsDistrictStaff && me.Scope.Level == OrgLevel.District)) return new Refusal(403, "เฉพาะเจ้าหน้าที่ของอำเภอบันทึกแบบสำรวจความพร้อมได้");
        return await guard.CheckAsync(me.Scope.Code, DistrictWrite.Of(DistrictWriteKind.Survey), ct);
    }

    public static Task<ReadinessSurvey?> FindAsync(AppDbContext db, OrgScope scope, OnlineMarketRound om, CancellationToken ct) =>
        db.ReadinessSurveys.AsNoTracking().VisibleTo(scope).Include(s => s.Answers)
            .FirstOrDefaultAsync(s => s.IndicatorId == om.Indicator.Id && s.Round == om.Round.Round, ct);

    /// <summary>A channel by its code, English name or Thai name (with or without its bracketed English), as officers type it.</summary>
    public static SalesChannel? FindChannel(IEnumerable<SalesChannel> channels, string token) => channels.FirstOrDefault(x =>
        string.Equals(x.Code, token, StringComparison.OrdinalIgnoreCase)
        || string.Equals(x.NameEn, token, StringComparison.OrdinalIgnoreCase)
        || x.NameTh == token || x.NameTh.Split(" (")[0] == token);

    /// <summary>Saves the answers against <paramref name="version"/> (0 before the first save); the new version, or why not.</summary>
    public static async Task<(int Version, Refusal? Refusal)> SaveAsync(AppDbContext db, CurrentUser me, TimeProvider clock, DistrictWriteGuard guard,
        OnlineMarketRound om, int version, IReadOnlyList<SurveyAnswerInput> answers, bool send, CancellationToken ct)
    {
        if (await WritableAsync(me, guard, ct) is { } refused) return (0, refused);
        var district = me.Scope.Code;
        var channels = await db.SalesChannels.AsNoTracking().ToListAsync(ct);
        var known = (await SurveyModel.ProducersAsync(db, me.Scope, om, ct)).Select(p => p.Id).ToHashSet();
        var errors = new Dictionary<string, string[]>();
        var parsed = new List<ReadinessAnswer>();
        var seen = new HashSet<int>();
        foreach (var (a, i) in answers.Select((a, i) => (a, i)))
        {
            if (!known.Contains(a.EntrepreneurId)) { errors[$"entries[{i}].entrepreneurId"] = ["ผู้ประกอบการนี้ไม่อยู่ในอำเภอของท่าน"]; continue; }
            if (!seen.Add(a.EntrepreneurId)) { errors[$"entries[{i}].entrepreneurId"] = ["ผู้ประกอบการนี้มีคำตอบซ้ำ (หนึ่งรายต่อหนึ่งแถว)"]; continue; }
            var codes = new List<string>();
            foreach (var token in (a.Channels ?? "").Split([',', ' ', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var c = FindChannel(channels, token);
                if (c is null) errors[$"entries[{i}].channels"] = [$"ช่องทางที่วางแผน: ไม่รู้จักช่องทาง \"{token}\" ใช้ได้: {string.Join(", ", channels.Select(x => x.Code))}"];
                else if (!codes.Contains(c.Code)) codes.Add(c.Code);
            }
            parsed.Add(new ReadinessAnswer { EntrepreneurId = a.EntrepreneurId, Ready = a.Ready, Lacks = a.Lacks, PlannedChannels = string.Join(",", codes) });
        }
        if (errors.Count > 0) return (0, Refusal.Invalid(errors, "กรุณาแก้ไขข้อมูลในแถวที่ระบุ"));

        var now = clock.GetUtcNow();
        var survey = await db.ReadinessSurveys.VisibleTo(me.Scope).Include(s => s.Answers)
            .FirstOrDefaultAsync(s => s.IndicatorId == om.Indicator.Id && s.Round == om.Round.Round, ct);
        if ((survey?.Version ?? 0) != version) return (0, Stale(survey));
        var old = survey is null ? null : Snapshot(survey);
        if (survey is null)
        {
            survey = new ReadinessSurvey { IndicatorId = om.Indicator.Id, Round = om.Round.Round, DistrictCode = district, ProvinceCode = district[..2] };
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
            survey.Late = om.Round.SurveyDueDate is { } due && Bangkok.Today(now) > due;
        }
        AuditLog.Record(db, me, clock, "readiness-survey", $"{om.Indicator.FiscalYear}/{om.Round.Round}/{district}", send ? "send" : "save",
            old, Snapshot(survey), provinceCode: district[..2]);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || DbErrors.IsUniqueViolation(e))
        {
            // Another officer of the district saved between our version check and our write (or created the survey first).
            db.ChangeTracker.Clear();
            return (0, Stale(null));
        }
        return (survey.Version, null);
    }

    private static Refusal Stale(ReadinessSurvey? current) => new(409, StaleSurvey, Extensions: current is null ? null
        : new Dictionary<string, object?> { ["currentVersion"] = current.Version, ["updatedBy"] = current.UpdatedBy });

    private static object Snapshot(ReadinessSurvey s) => new
    {
        status = s.Status.ToString(), s.Late,
        answers = s.Answers.Select(a => new { a.EntrepreneurId, a.Ready, lacks = (int)a.Lacks, a.PlannedChannels }).ToList(),
    };
}

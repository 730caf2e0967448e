using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Kpi;
using Otop.Web.Features.OnlineMarket;
using Otop.Web.Features.Registry;
using Otop.Web.Features.Revenue;
using Otop.Web.Platform;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Files;

namespace Otop.Web.Features.Circulars;

/// <summary>Upload limits of circular enclosures and task submissions (<c>Circulars__MaxFileBytes</c>).</summary>
public sealed class CircularOptions : IConfiguredOptions
{
    public static string Section => "Circulars";

    [Range(1d, 1_073_741_824d, ErrorMessage = ConfiguredOptions.WholeNumber)]
    public long MaxFileBytes { get; set; } = CircularEnclosure.DefaultMaxBytes;
}

/// <summary>One recipient's state of one task, whether sent here or derived from the form it links to.</summary>
public sealed record AssignmentState(int AssignmentId, int TaskId, string UnitCode, string ProvinceCode, DateOnly DueDate,
    bool Sent, DateTimeOffset? SentAt, string? SentBy, bool Late, string? Note, string? FileName)
{
    public bool Overdue(DateTimeOffset now) => !Sent && now >= CircularTask.DueInstant(DueDate);
}

public static partial class CircularRules
{
    /// <summary>What an enclosure or a submission may be (told by its first bytes, <see cref="FileKind"/>).</summary>
    public static readonly IReadOnlyList<FileKind> AcceptedFiles = [FileKind.Pdf, FileKind.Xlsx, FileKind.Docx, FileKind.Png, FileKind.Jpeg];

    /// <summary>"สก ๐๐๑๙/ว ๐๙๓๑" and "สก 0019/ว 0931" are the same number: Arabic digits, single spaces.</summary>
    public static string NumberKey(string number) => Spaces().Replace(ThaiDigits.ToArabic(number.Trim()), " ");

    /// <summary>An unguessable URL key: 256 random bits, base64url (decision 007).</summary>
    public static string NewToken() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

    /// <summary>Who may issue: a province officer for its province, a department admin for the department.</summary>
    public static bool CanIssue(CurrentUser me) => me.IsProvinceOfficer || me.IsDepartmentAdmin;

    /// <summary>
    /// Letters the user may read: those its unit (or a unit above it) issued, and published ones addressed to its unit or a
    /// unit under it. Drafts only to the issuing unit.
    /// </summary>
    public static IQueryable<Circular> VisibleTo(this IQueryable<Circular> query, OrgScope scope)
    {
        if (scope.IsDepartment) return query;
        var code = scope.Code;
        var province = scope.ProvinceCode ?? "";
        return scope.Level == OrgLevel.Province
            ? query.Where(c => c.IssuerCode == code
                || (c.Status == CircularStatus.Published && c.Recipients.Any(r => r.UnitCode == code || (r.UnitCode.Length == 4 && r.UnitCode.StartsWith(code)))))
            : query.Where(c => c.Status == CircularStatus.Published && c.Recipients.Any(r => r.UnitCode == code));
    }

    /// <summary>Assignments of units inside the scope (a province sees its own and its districts').</summary>
    public static IQueryable<TaskAssignment> VisibleTo(this IQueryable<TaskAssignment> query, OrgScope scope) =>
        scope.Level switch
        {
            OrgLevel.Department when scope.IsDepartment => query,
            OrgLevel.Province => query.Where(a => a.ProvinceCode == scope.Code),
            _ => query.Where(a => a.UnitCode == scope.Code),
        };

    /// <summary>
    /// The state of each assignment. A plain task is sent when the recipient submitted here; a task that is an existing form
    /// (readiness survey, result report, revenue estimate) is sent when that form's own record says so, so nobody enters
    /// it twice (decision 007).
    /// </summary>
    public static async Task<List<AssignmentState>> StatesAsync(AppDbContext db, IQueryable<TaskAssignment> assignments, CancellationToken ct)
    {
        var rows = await assignments.AsNoTracking()
            .Select(a => new
            {
                a.Id, a.CircularTaskId, a.UnitCode, a.ProvinceCode, a.Task.DueDate, a.Task.Kind, a.Task.FiscalYear, a.Task.Round,
                a.SubmittedAt, a.SubmittedBy, a.Late, a.Note, a.FileName,
            })
            .ToListAsync(ct);
        var states = new List<AssignmentState>(rows.Count);
        var derived = new Dictionary<(CircularTaskKind, int, int, string), (DateTimeOffset At, string? By)>();
        foreach (var group in rows.Where(r => r.Kind != CircularTaskKind.Submission).GroupBy(r => (r.Kind, FiscalYear: r.FiscalYear ?? 0, Round: r.Round ?? 1)))
        {
            var units = group.Select(r => r.UnitCode).Distinct().ToList();
            foreach (var (unit, at, by) in await LinkedFormsSentAsync(db, group.Key.Kind, group.Key.FiscalYear, group.Key.Round, units, ct))
            {
                derived[(group.Key.Kind, group.Key.FiscalYear, group.Key.Round, unit)] = (at, by);
            }
        }
        foreach (var r in rows)
        {
            if (r.Kind == CircularTaskKind.Submission)
            {
                states.Add(new AssignmentState(r.Id, r.CircularTaskId, r.UnitCode, r.ProvinceCode, r.DueDate, r.SubmittedAt is not null,
                    r.SubmittedAt, r.SubmittedBy, r.Late, r.Note, r.FileName));
                continue;
            }
            var found = derived.TryGetValue((r.Kind, r.FiscalYear ?? 0, r.Round ?? 1, r.UnitCode), out var sent);
            states.Add(new AssignmentState(r.Id, r.CircularTaskId, r.UnitCode, r.ProvinceCode, r.DueDate, found,
                found ? sent.At : null, found ? sent.By : null, found && IsLate(sent.At, r.DueDate), null, null));
        }
        return states;
    }

    /// <summary>Late when sent at or after 00:00 (Asia/Bangkok) of the day after the due date.</summary>
    public static bool IsLate(DateTimeOffset sentAt, DateOnly dueDate) => sentAt >= CircularTask.DueInstant(dueDate);

    private static async Task<List<(string Unit, DateTimeOffset At, string? By)>> LinkedFormsSentAsync(
        AppDbContext db, CircularTaskKind kind, int fiscalYear, int round, List<string> units, CancellationToken ct)
    {
        switch (kind)
        {
            case CircularTaskKind.ReadinessSurvey:
            {
                var surveys = await db.ReadinessSurveys.AsNoTracking()
                    .Where(s => units.Contains(s.DistrictCode) && s.Round == round && s.Status == SurveyStatus.Sent
                        && db.Set<Indicator>().Any(i => i.Id == s.IndicatorId && i.FiscalYear == fiscalYear && i.Kind == IndicatorKind.OnlineMarketShare))
                    .Select(s => new { s.DistrictCode, s.SentAt, s.SentBy }).ToListAsync(ct);
                return surveys.Select(s => (s.DistrictCode, s.SentAt ?? DateTimeOffset.MinValue, s.SentBy)).ToList();
            }
            case CircularTaskKind.ResultReport:
            {
                // The result report is sent when the district submits it (issue 15, item 6; OnlineMarket's
                // ResultReportSubmission), not when its first listing was recorded: the first submission of the round counts.
                // One row per district, chosen by the database: a department letter covers every district in the country,
                // and the reminder pass asks this every minute near a due date.
                var firsts = await db.ResultReportSubmissions.AsNoTracking()
                    .Where(s => units.Contains(s.DistrictCode) && s.FiscalYear == fiscalYear && s.Round == round)
                    .GroupBy(s => s.DistrictCode)
                    .Select(g => g.OrderBy(s => s.SubmittedAt).ThenBy(s => s.Id).First())
                    .ToListAsync(ct);
                return firsts.Select(s => (s.DistrictCode, s.SubmittedAt, (string?)s.SubmittedBy)).ToList();
            }
            case CircularTaskKind.RevenueEstimate:
            {
                var estimates = await db.RevenueEstimates.AsNoTracking()
                    .Where(e => units.Contains(e.DistrictCode) && e.FiscalYear == fiscalYear && e.Status == RevenueEstimateStatus.Sent)
                    .Select(e => new { e.DistrictCode, e.SentAt, e.SentBy }).ToListAsync(ct);
                return estimates.Select(e => (e.DistrictCode, e.SentAt ?? DateTimeOffset.MinValue, e.SentBy)).ToList();
            }
            default:
                return [];
        }
    }

    /// <summary>The page where a linked form is filled in; null for a plain task.</summary>
    public static string? FormLink(CircularTaskKind kind, int? fiscalYear, int? round) => kind switch
    {
        CircularTaskKind.ReadinessSurvey => $"/OnlineMarket/Survey?fiscalYear={fiscalYear}&round={round ?? 1}",
        CircularTaskKind.ResultReport => $"/OnlineMarket/Report?fiscalYear={fiscalYear}&round={round ?? 1}",
        CircularTaskKind.RevenueEstimate => $"/Revenue/Estimate?fiscalYear={fiscalYear}",
        _ => null,
    };

    public static string KindName(CircularTaskKind kind) => kind switch
    {
        CircularTaskKind.ReadinessSurvey => "แบบสำรวจความพร้อม (ตลาดออนไลน์)",
        CircularTaskKind.ResultReport => "แบบรายงานผล (ตลาดออนไลน์)",
        CircularTaskKind.RevenueEstimate => "แบบประมาณการรายได้",
        _ => "ส่งเอกสาร/ข้อความในระบบ",
    };

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}

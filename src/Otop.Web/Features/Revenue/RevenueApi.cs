using Microsoft.Extensions.Options;
using Otop.Domain;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.Revenue;

public sealed record PutRevenueRequest(int? Version, List<EntryInput>? Entries);

public sealed record ReasonRequest(string? Reason);

/// <summary>CONTRACT.md "Revenue": the district month (GET/PUT), its workflow, the history import and the increase KPI.</summary>
public static class RevenueApi
{
    public static void MapRevenueApi(this RouteGroupBuilder api)
    {
        var revenue = api.MapGroup("/revenue").WithTags("Revenue");
        revenue.MapPost("/import", RevenueImport.HandleAsync).DisableAntiforgery().WithName("ImportRevenue").RequireRateLimiting(Hardening.ImportPolicy);
        revenue.MapRevenueFilesApi();
        revenue.MapGet("/{districtCode}/{month}", Get).WithName("GetRevenueMonth");
        revenue.MapPut("/{districtCode}/{month}", Put).WithName("PutRevenueMonth");
        revenue.MapPost("/{districtCode}/{month}/certify", (string districtCode, string month, CurrentUser me, AppDbContext db, TimeProvider clock, RevenueWriteLimit limit, IOptions<RevenueOptions> options, CancellationToken ct) =>
            Transition(districtCode, month, RevenueAction.Certify, null, me, db, clock, limit, options.Value, ct)).WithName("CertifyRevenueMonth");
        revenue.MapPost("/{districtCode}/{month}/confirm", (string districtCode, string month, CurrentUser me, AppDbContext db, TimeProvider clock, RevenueWriteLimit limit, IOptions<RevenueOptions> options, CancellationToken ct) =>
            Transition(districtCode, month, RevenueAction.Confirm, null, me, db, clock, limit, options.Value, ct)).WithName("ConfirmRevenueMonth");
        revenue.MapPost("/{districtCode}/{month}/approve", (string districtCode, string month, CurrentUser me, AppDbContext db, TimeProvider clock, RevenueWriteLimit limit, IOptions<RevenueOptions> options, CancellationToken ct) =>
            Transition(districtCode, month, RevenueAction.Approve, null, me, db, clock, limit, options.Value, ct)).WithName("ApproveRevenueMonth");
        revenue.MapPost("/{districtCode}/{month}/return", (string districtCode, string month, ReasonRequest? body, CurrentUser me, AppDbContext db, TimeProvider clock, RevenueWriteLimit limit, IOptions<RevenueOptions> options, CancellationToken ct) =>
            Transition(districtCode, month, RevenueAction.Return, body?.Reason, me, db, clock, limit, options.Value, ct)).WithName("ReturnRevenueMonth");
        revenue.MapPost("/{districtCode}/{month}/unlock", (string districtCode, string month, ReasonRequest? body, CurrentUser me, AppDbContext db, TimeProvider clock, RevenueWriteLimit limit, IOptions<RevenueOptions> options, CancellationToken ct) =>
            Transition(districtCode, month, RevenueAction.Unlock, body?.Reason, me, db, clock, limit, options.Value, ct)).WithName("UnlockRevenueMonth");

        api.MapGet("/kpi/revenue/results", Results).WithTags("Revenue").WithName("RevenueKpiResults");
        api.MapGet("/kpi/revenue/forecast", Forecast).WithTags("Revenue").WithName("RevenueKpiForecast");
        api.MapGet("/kpi/revenue/targets", Targets).WithTags("Revenue").WithName("RevenueKpiTargets");
        api.MapPost("/kpi/revenue/targets/publish", Publish).WithTags("Revenue").WithName("PublishRevenueTargets");
    }

    private static async Task<IResult> Get(string districtCode, string month, CurrentUser me, AppDbContext db, CancellationToken ct)
    {
        var (dto, refusal) = await RevenueMonthQueries.ReadAsync(db, me, districtCode, month, ct);
        if (refusal is not null) return refusal.ToProblem();
        return TypedResults.Ok(dto);
    }

    /// <summary>The body is read and bound before this runs, so the write permit is taken only once it is here (RevenueWriteLimit).</summary>
    private static async Task<IResult> Put(string districtCode, string month, PutRevenueRequest? body, CurrentUser me, AppDbContext db,
        TimeProvider clock, RevenueWriteLimit limit, RevenueMetrics metrics, CancellationToken ct)
    {
        if (body is null) return Problems.BadRequest("ไม่พบข้อมูลรายได้ในคำขอ");
        using var permit = await limit.EnterAsync(me, districtCode, RevenueAction.Edit, ct);
        if (permit.Refusal is { } busy) return Busy(busy);
        var (version, refusal) = await RevenueMonthCommands.SaveAsync(db, me, clock, metrics, districtCode, month, body.Version, body.Entries, ct);
        if (refusal is not null) return refusal.ToProblem();
        return TypedResults.Ok(new { version });
    }

    private static async Task<IResult> Transition(string districtCode, string month, RevenueAction action, string? reason, CurrentUser me,
        AppDbContext db, TimeProvider clock, RevenueWriteLimit limit, RevenueOptions options, CancellationToken ct)
    {
        using var permit = await limit.EnterAsync(me, districtCode, action, ct);
        if (permit.Refusal is { } busy) return Busy(busy);
        var (dto, refusal) = await RevenueMonthCommands.TransitionAsync(db, me, clock, districtCode, month, action, reason, ct, options);
        if (refusal is not null) return refusal.ToProblem();
        return TypedResults.Ok(dto);
    }

    private static IResult Busy(Refusal busy) => Problems.TooMany(busy.Detail, RevenueWriteLimit.RetryAfterSeconds);

    private static async Task<IResult> Results(int? fiscalYear, int? round, string? province, CurrentUser me, AppDbContext db,
        TimeProvider clock, CancellationToken ct)
    {
        if (RevenueRound.CheckQuery(me, fiscalYear, round, ref province) is { } bad) return bad.ToProblem();
        var (result, refusal) = await RevenueKpi.ComputeAsync(db, me, fiscalYear!.Value, round!.Value, province!, clock.GetUtcNow(), ct);
        if (refusal is not null) return refusal.ToProblem();
        return TypedResults.Ok(result);
    }

    /// <summary>Issue 17, item 6: the round-end forecast, with the same query checks and scope as the results.</summary>
    private static async Task<IResult> Forecast(int? fiscalYear, int? round, string? province, CurrentUser me, AppDbContext db,
        TimeProvider clock, CancellationToken ct)
    {
        if (RevenueRound.CheckQuery(me, fiscalYear, round, ref province) is { } bad) return bad.ToProblem();
        var (result, refusal) = await RevenueForecasts.ComputeAsync(db, me.Scope, fiscalYear!.Value, round!.Value, province!, clock.GetUtcNow(), ct);
        if (refusal is not null) return refusal.ToProblem();
        return TypedResults.Ok(result);
    }

    private static async Task<IResult> Targets(int? fiscalYear, int? round, string? province, CurrentUser me, AppDbContext db, CancellationToken ct)
    {
        if (RevenueRound.CheckQuery(me, fiscalYear, round, ref province) is { } bad) return bad.ToProblem();
        if (province == OrgUnit.DepartmentCode)
        {
            // Issue 17 item 7: the nation's table, one row per province (the department; anyone else was refused above).
            var (nation, why) = await RevenueTargetTable.ByProvinceAsync(db, me, fiscalYear!.Value, round!.Value, ct);
            return why is not null ? why.ToProblem() : TypedResults.Ok(nation);
        }
        var (result, refusal) = await RevenueTargetTable.ComputeAsync(db, me, fiscalYear!.Value, round!.Value, province!, ct);
        if (refusal is not null) return refusal.ToProblem();
        return TypedResults.Ok(result);
    }

    /// <summary>CONTRACT.md: the query names the round and province; <c>republish=true</c> replaces an earlier publication (else 409).</summary>
    private static async Task<IResult> Publish(int? fiscalYear, int? round, string? province, bool? republish, CurrentUser me, AppDbContext db,
        TimeProvider clock, CancellationToken ct)
    {
        // Who may publish is decided before the values are checked: a caller without the right learns nothing more.
        if (!RevenuePublications.CanPublish(me, province?.Trim() ?? "")) return Problems.Forbidden("การประกาศค่าเป้าหมายเป็นหน้าที่ของเจ้าหน้าที่จังหวัดหรือผู้ดูแลระบบระดับกรม");
        if (RevenueRound.CheckQuery(me, fiscalYear, round, ref province) is { } bad) return bad.ToProblem();
        var (plan, missing) = await RevenueRound.FindAsync(db, fiscalYear!.Value, round!.Value, ct);
        if (plan is null) return missing!.ToProblem();
        if (await RevenuePublications.PublishAsync(db, me, clock, plan, province!, republish == true, ct) is { } refused) return refused.ToProblem();
        var (result, refusal) = await RevenueTargetTable.ComputeAsync(db, me, fiscalYear.Value, round.Value, province!, ct);
        if (refusal is not null) return refusal.ToProblem();
        return TypedResults.Ok(result);
    }
}

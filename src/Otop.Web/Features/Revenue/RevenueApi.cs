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
        revenue.MapPost("/{districtCode}/{month}/certify", (string districtCode, string month, CurrentUser me, AppDbContext db, TimeProvider clock, RevenueWriteLimit limit, CancellationToken ct) =>
            Transition(districtCode, month, RevenueAction.Certify, null, me, db, clock, limit, ct)).WithName("CertifyRevenueMonth");
        revenue.MapPost("/{districtCode}/{month}/confirm", (string districtCode, string month, CurrentUser me, AppDbContext db, TimeProvider clock, RevenueWriteLimit limit, CancellationToken ct) =>
            Transition(districtCode, month, RevenueAction.Confirm, null, me, db, clock, limit, ct)).WithName("ConfirmRevenueMonth");
        revenue.MapPost("/{districtCode}/{month}/approve", (string districtCode, string month, CurrentUser me, AppDbContext db, TimeProvider clock, RevenueWriteLimit limit, CancellationToken ct) =>
            Transition(districtCode, month, RevenueAction.Approve, null, me, db, clock, limit, ct)).WithName("ApproveRevenueMonth");
        revenue.MapPost("/{districtCode}/{month}/return", (string districtCode, string month, ReasonRequest? body, CurrentUser me, AppDbContext db, TimeProvider clock, RevenueWriteLimit limit, CancellationToken ct) =>
            Transition(districtCode, month, RevenueAction.Return, body?.Reason, me, db, clock, limit, ct)).WithName("ReturnRevenueMonth");
        revenue.MapPost("/{districtCode}/{month}/unlock", (string districtCode, string month, ReasonRequest? body, CurrentUser me, AppDbContext db, TimeProvider clock, RevenueWriteLimit limit, CancellationToken ct) =>
            Transition(districtCode, month, RevenueAction.Unlock, body?.Reason, me, db, clock, limit, ct)).WithName("UnlockRevenueMonth");

        api.MapGet("/kpi/revenue/results", Results).WithTags("Revenue").WithName("RevenueKpiResults");
    }

    private static async Task<IResult> Get(string districtCode, string month, CurrentUser me, AppDbContext db, CancellationToken ct)
    {
        var (dto, refusal) = await RevenueMonthQueries.ReadAsync(db, me, districtCode, month, ct);
        if (refusal is not null) return refusal.ToProblem();
        return TypedResults.Ok(dto);
    }

    /// <summary>The body is read and bound before this runs, so the write permit is taken only once it is here (RevenueWriteLimit).</summary>
    private static async Task<IResult> Put(string districtCode, string month, PutRevenueRequest? body, CurrentUser me, AppDbContext db,
        TimeProvider clock, RevenueWriteLimit limit, CancellationToken ct)
    {
        if (body is null) return Problems.BadRequest("ไม่พบข้อมูลรายได้ในคำขอ");
        using var permit = await limit.EnterAsync(me, districtCode, RevenueAction.Edit, ct);
        if (permit.Refusal is { } busy) return Busy(busy);
        var (version, refusal) = await RevenueMonthCommands.SaveAsync(db, me, clock, districtCode, month, body.Version, body.Entries, ct);
        if (refusal is not null) return refusal.ToProblem();
        return TypedResults.Ok(new { version });
    }

    private static async Task<IResult> Transition(string districtCode, string month, RevenueAction action, string? reason, CurrentUser me,
        AppDbContext db, TimeProvider clock, RevenueWriteLimit limit, CancellationToken ct)
    {
        using var permit = await limit.EnterAsync(me, districtCode, action, ct);
        if (permit.Refusal is { } busy) return Busy(busy);
        var (dto, refusal) = await RevenueMonthCommands.TransitionAsync(db, me, clock, districtCode, month, action, reason, ct);
        if (refusal is not null) return refusal.ToProblem();
        return TypedResults.Ok(dto);
    }

    private static IResult Busy(Refusal busy) => Problems.TooMany(busy.Detail, RevenueWriteLimit.RetryAfterSeconds);

    private static async Task<IResult> Results(int? fiscalYear, int? round, string? province, CurrentUser me, AppDbContext db,
        TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (fiscalYear is not (>= 2400 and <= 2700)) errors["fiscalYear"] = ["กรุณาระบุปีงบประมาณ พ.ศ. เช่น 2566"];
        if (round is not (1 or 2)) errors["round"] = ["รอบการประเมินต้องเป็น 1 หรือ 2"];
        // The national view (docs/benchmarks.md, "National view"): province=0 for a department user; per province as CONTRACT.md has it.
        if (me.Scope.IsDepartment && province?.Trim() == OrgUnit.DepartmentCode) province = OrgUnit.DepartmentCode;
        else if (string.IsNullOrWhiteSpace(province) || province.Length != 2) errors["province"] = ["กรุณาระบุรหัสจังหวัด 2 หลัก เช่น 27"];
        if (errors.Count > 0) return Problems.Invalid(errors);

        // A district user reads its own row of its province; anyone else only provinces under their unit.
        var inScope = me.Scope.Covers(province!) || (me.Scope.Level == OrgLevel.District && me.Scope.ProvinceCode == province);
        if (!inScope) return Problems.Forbidden($"จังหวัดรหัส {province} อยู่นอกหน่วยงานของท่าน");

        var (result, refusal) = await RevenueKpi.ComputeAsync(db, me, fiscalYear!.Value, round!.Value, province!, clock.GetUtcNow(), ct);
        if (refusal is not null) return refusal.ToProblem();
        return TypedResults.Ok(result);
    }
}

using Otop.Domain;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Files;
using Otop.Web.Platform.Http;
using Otop.Web.Platform.Writes;

namespace Otop.Web.Features.Revenue;

/// <summary>
/// CONTRACT.md "Revenue": <c>GET/PUT /api/v1/revenue/estimates/{districtCode}/{fiscalYear}</c> (the estimate at any size),
/// <c>POST …/estimates/{districtCode}/{fiscalYear}/file</c> (its filled XLSX template) and
/// <c>POST /api/v1/revenue/{districtCode}/{month}/file</c> (a month from a file). Writes take the per-user revenue write
/// permit (<see cref="RevenueWriteLimit"/>) once the body is read; the file routes are also under the import rate limit.
/// </summary>
public static class RevenueEstimateApi
{
    public static void MapRevenueFilesApi(this RouteGroupBuilder revenue)
    {
        revenue.MapGet("/estimates/{districtCode}/{fiscalYear:int}", Get).WithName("GetRevenueEstimate");
        revenue.MapPut("/estimates/{districtCode}/{fiscalYear:int}", Put).WithName("PutRevenueEstimate");
        revenue.MapPost("/estimates/{districtCode}/{fiscalYear:int}/file", File).DisableAntiforgery()
            .RequireRateLimiting(Hardening.ImportPolicy).WithName("UploadRevenueEstimateFile");
        revenue.MapPost("/{districtCode}/{month}/file", RevenueMonthFile.HandleAsync).DisableAntiforgery()
            .RequireRateLimiting(Hardening.ImportPolicy).WithName("UploadRevenueMonthFile");
    }

    private static async Task<IResult> Get(string districtCode, int fiscalYear, CurrentUser me, AppDbContext db, CancellationToken ct)
    {
        var (dto, refusal) = await RevenueEstimateCommands.ReadAsync(db, me, districtCode, fiscalYear, ct);
        return refusal is not null ? refusal.ToProblem() : TypedResults.Ok(dto);
    }

    private static async Task<IResult> Put(string districtCode, int fiscalYear, PutEstimateRequest? body, CurrentUser me, AppDbContext db,
        TimeProvider clock, DistrictWriteGuard guard, RevenueWriteLimit limit, CancellationToken ct)
    {
        if (body is null) return Problems.BadRequest("ไม่พบข้อมูลประมาณการในคำขอ");
        using var permit = await limit.EnterAsync(me, districtCode, RevenueAction.Edit, ct);
        if (permit.Refusal is { } busy) return Problems.TooMany(busy.Detail, RevenueWriteLimit.RetryAfterSeconds);
        var (version, refusal) = await RevenueEstimateCommands.SaveAsync(db, me, clock, guard, districtCode, fiscalYear, body.Version, body.Entries, null, ct);
        return refusal is not null ? refusal.ToProblem() : TypedResults.Ok(new { version });
    }

    private static async Task<IResult> File(string districtCode, int fiscalYear, HttpRequest request, CurrentUser me, AppDbContext db,
        TimeProvider clock, DistrictWriteGuard guard, RevenueWriteLimit limit, CancellationToken ct)
    {
        var (_, early) = await RevenueEstimateCommands.WritableAsync(db, me, guard, districtCode, fiscalYear, ct);
        if (early is not null) return early.ToProblem();
        var (file, missing) = await FilledSheetUpload.FormFileAsync(request, ct);
        if (missing is not null) return missing.ToProblem();
        var (version, refusal) = await RevenueEstimateFile.UploadAsync(db, me, clock, guard, limit, districtCode, fiscalYear, file, ct);
        if (refusal is null) return TypedResults.Ok(new { version });
        return refusal.Status == 429 ? Problems.TooMany(refusal.Detail, RevenueWriteLimit.RetryAfterSeconds) : refusal.ToProblem();
    }
}

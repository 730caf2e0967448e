using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Features.Circulars;
using Otop.Web.Platform.Audit;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;
using Otop.Web.Platform.Secrets;

namespace Otop.Web.Features.Audit;

public sealed record AuditEntryDto(long Id, DateTimeOffset At, string User, string Entity, string Key, string Action,
    JsonElement? OldValue, JsonElement? NewValue, string? Reason);

public sealed record AuditVerification(bool Ok, DateTimeOffset CheckedAt, List<ChainVerification> Chains);

/// <summary>One chain's check: <c>firstBroken</c> as before (decision 008), <c>broken</c> every broken entry (the first 200; <c>problems</c> counts all), <c>checkpoint</c> its latest signed head.</summary>
public sealed record ChainVerification(string Chain, long Entries, bool Ok, BrokenEntry? FirstBroken, long Problems, List<BrokenEntry> Broken, CheckpointMark? Checkpoint);

public sealed record CheckpointDto(string Chain, long Sequence, string Hash, DateTimeOffset At, string Kind, string User, string KeyId, string Mac);

/// <summary><c>GET /api/v1/audit?entity=revenue&amp;key=2701/2023-01</c>: who changed what, when, oldest first.</summary>
public static class AuditApi
{
    public static void MapAuditApi(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", List).WithTags("Audit").WithName("ListAudit");
        api.MapGet("/audit/verify", Verify).WithTags("Audit").WithName("VerifyAudit")
            .WithSummary("Verify the audit chains: every chain for the department, its province's for a ProvinceOfficer; answered again for Audit__VerifyCacheSeconds");
        api.MapPost("/audit/checkpoints", WriteCheckpoint).WithTags("Audit").WithName("WriteAuditCheckpoint")
            .WithSummary("Sign the head of every chain now (DepartmentAdmin); truncating a chain afterwards is then detected");
        api.MapGet("/audit/checkpoints", LatestCheckpoints).WithTags("Audit").WithName("LatestAuditCheckpoints")
            .WithSummary("Each chain's latest signed checkpoint (DepartmentAdmin), as printed on /Audit/Checkpoint");
    }

    private static async Task<Results<Ok<List<AuditEntryDto>>, ProblemHttpResult>> List(
        string? entity, string? key, CurrentUser me, AppDbContext db, CancellationToken ct)
    {
        if (!AuditLog.MayRead(me))
        {
            return Problems.Forbidden("ประวัติการแก้ไขเปิดให้ผู้ดูแลระบบระดับกรมและเจ้าหน้าที่จังหวัดเท่านั้น");
        }

        var query = db.AuditEntries.AsNoTracking().VisibleTo(me.Scope);
        if (!string.IsNullOrWhiteSpace(entity)) query = query.Where(a => a.Entity == entity);
        if (!string.IsNullOrWhiteSpace(key)) query = query.Where(a => a.Key == key);

        var rows = await query.OrderBy(a => a.Id).Take(5000).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(a => new AuditEntryDto(a.Id, a.At, a.UserName, a.Entity, a.Key, a.Action,
            Parse(a.OldValue), Parse(a.NewValue), a.Reason)).ToList());
    }

    /// <summary>The department, or a ProvinceOfficer for its province's chains (<see cref="AuditVerifier"/>); counts and positions, no audited values.</summary>
    private static async Task<Results<Ok<AuditVerification>, ProblemHttpResult>> Verify(CurrentUser me, AppDbContext db, AuditVerifier verifier, CancellationToken ct)
    {
        if (await verifier.VerifyAsync(me, db, ct) is not { } verified)
        {
            return Problems.Forbidden("การตรวจสอบความครบถ้วนของประวัติการแก้ไขเปิดให้ผู้ดูแลระบบระดับกรมและเจ้าหน้าที่จังหวัด (เฉพาะจังหวัดของตน) เท่านั้น");
        }
        var (checkedAt, chains) = verified;
        return TypedResults.Ok(new AuditVerification(chains.All(c => c.Ok), checkedAt,
            chains.Select(c => new ChainVerification(c.Chain, c.Entries, c.Ok, c.FirstBroken, c.Problems, c.Broken, c.Checkpoint)).ToList()));
    }

    private static async Task<Results<Created<List<CheckpointDto>>, ProblemHttpResult>> WriteCheckpoint(
        CurrentUser me, AppDbContext db, KeyRing keys, TimeProvider clock, CancellationToken ct)
    {
        if (!me.IsDepartmentAdmin) return Problems.Forbidden(CheckpointsForbidden);
        var written = await AuditCheckpoints.WriteAsync(db, keys, clock, AuditCheckpoints.Manual, me.UserName, ct);
        return TypedResults.Created("/api/v1/audit/checkpoints", written.Select(Dto).ToList());
    }

    private static async Task<Results<Ok<List<CheckpointDto>>, ProblemHttpResult>> LatestCheckpoints(CurrentUser me, AppDbContext db, CancellationToken ct)
    {
        if (!me.IsDepartmentAdmin) return Problems.Forbidden(CheckpointsForbidden);
        var latest = await AuditCheckpoints.LatestAsync(db, ct);
        return TypedResults.Ok(latest.Values.OrderBy(c => c.Chain, StringComparer.Ordinal).Select(Dto).ToList());
    }

    internal const string CheckpointsForbidden = "จุดตรวจประวัติการแก้ไขเป็นงานของผู้ดูแลระบบระดับกรม";

    private static CheckpointDto Dto(AuditCheckpoint c) => new(c.Chain, c.Sequence, c.Hash, c.At, c.Kind, c.UserName, c.KeyId, c.Mac);

    private static JsonElement? Parse(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();
}

using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Features.Circulars;
using Otop.Web.Features.Kpi;
using Otop.Web.Features.Registry;
using Otop.Web.Platform.Audit;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.OnlineMarket;

/// <summary>Fiscal year and round may come as JSON numbers or strings (Thai digits too).</summary>
public sealed record PublishTargetsRequest(JsonElement? FiscalYear, JsonElement? Round, JsonElement? Province, bool Republish = false)
{
    public static string? Text(JsonElement? e) => e is { ValueKind: JsonValueKind.String or JsonValueKind.Number } v
        ? (v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText())
        : null;
}

/// <summary>
/// Letter 1's online-market indicator on the API: the target table (enclosure 1), results (enclosure 4) and a province
/// publishing a round's targets, which freezes the counts they were computed from.
/// </summary>
public static class OnlineMarketApi
{
    public static void MapOnlineMarketApi(this RouteGroupBuilder api)
    {
        var kpi = api.MapGroup("/kpi/online-market").WithTags("Online-market indicator");
        kpi.MapGet("/targets", Targets).WithName("OnlineMarketTargets");
        kpi.MapGet("/results", Results).WithName("OnlineMarketResults");
        kpi.MapPost("/targets/publish", Publish).WithName("PublishOnlineMarketTargets");
    }

    /// <summary>Resolves the query of every online-market call: 422 bad values, 403 another province, 404 unknown.</summary>
    public static async Task<(OnlineMarketRound? Round, string Province, Refusal? Refusal)> ResolveAsync(
        string? fiscalYear, string? round, string? province, CurrentUser me, AppDbContext db, CancellationToken ct)
    {
        // The national view (docs/benchmarks.md, "National view"): province=0 for a department user, province "0" in the
        // answer (the results: one row per province, issue 17 item 2; the targets: every district of the country). The per-province call stays as CONTRACT.md has it (a missing province is still 422).
        var nation = province?.Trim() == OrgUnit.DepartmentCode;
        if (nation && !me.Scope.IsDepartment) return (null, OrgUnit.DepartmentCode, new Refusal(403, "ผลระดับประเทศ (province=0) เปิดได้เฉพาะผู้ใช้ระดับกรม"));
        var national = nation && me.Scope.IsDepartment;
        var errors = OnlineMarketKpi.ParseQuery(fiscalYear, round, national ? "00" : province, out var fy, out var r, out var code);
        if (national) code = OrgUnit.DepartmentCode;
        if (errors.Count > 0) return (null, code, Refusal.Invalid(errors));
        if (!OnlineMarketKpi.CanRead(me, code)) return (null, code, new Refusal(403, $"จังหวัดรหัส {code} อยู่นอกหน่วยงานของท่าน"));
        if (!national && !await OnlineMarketKpi.ProvinceExistsAsync(db, code, ct)) return (null, code, new Refusal(404, $"ไม่พบจังหวัดรหัส {code}"));
        var (om, missing) = await OnlineMarketKpi.FindRoundAsync(db, fy, r, ct);
        return (om, code, missing);
    }

    private static async Task<Results<Ok<TargetTable>, ProblemHttpResult>> Targets(
        string? fiscalYear, string? round, string? province, CurrentUser me, AppDbContext db, CancellationToken ct)
    {
        var (om, code, refusal) = await ResolveAsync(fiscalYear, round, province, me, db, ct);
        if (refusal is not null) return refusal.ToProblem();
        return TypedResults.Ok(await OnlineMarketKpi.TargetsAsync(db, om!, code, ct));
    }

    /// <summary>Per province, one row per district; <c>province=0</c> (the department), one row per province and the national total.</summary>
    private static async Task<Results<Ok<ResultTable>, Ok<NationalResultTable>, ProblemHttpResult>> Results(
        string? fiscalYear, string? round, string? province, CurrentUser me, AppDbContext db, CancellationToken ct)
    {
        var (om, code, refusal) = await ResolveAsync(fiscalYear, round, province, me, db, ct);
        if (refusal is not null) return refusal.ToProblem();
        if (code == OrgUnit.DepartmentCode) return TypedResults.Ok(await OnlineMarketKpi.ByProvinceAsync(db, om!, ct));
        return TypedResults.Ok(await OnlineMarketKpi.ResultsAsync(db, om!, code, ct));
    }

    private static async Task<Results<Ok<TargetTable>, ProblemHttpResult>> Publish(
        PublishTargetsRequest body, CurrentUser me, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var (om, code, refusal) = await ResolveAsync(PublishTargetsRequest.Text(body.FiscalYear), PublishTargetsRequest.Text(body.Round), PublishTargetsRequest.Text(body.Province), me, db, ct);
        if (refusal is not null) return refusal.ToProblem();
        if (!OnlineMarketKpi.CanPublish(me, code))
        {
            return Problems.Forbidden("การประกาศค่าเป้าหมายเป็นหน้าที่ของเจ้าหน้าที่จังหวัดหรือผู้ดูแลระบบระดับกรม");
        }
        if (await PublishAsync(db, me, clock, om!, code, body.Republish, ct) is { } published) return published.ToProblem();
        return TypedResults.Ok(await OnlineMarketKpi.TargetsAsync(db, om!, code, ct));
    }

    /// <summary>Freezes today's counts as the published targets; refused (409) when already published and not asked to republish.</summary>
    public static async Task<Refusal?> PublishAsync(AppDbContext db, CurrentUser me, TimeProvider clock, OnlineMarketRound om,
        string province, bool republish, CancellationToken ct)
    {
        // The nation's table is read only: each province publishes its own districts' counts.
        if (province == OrgUnit.DepartmentCode) return Refusal.Invalid("province", "ประกาศค่าเป้าหมายได้ทีละจังหวัด กรุณาระบุรหัสจังหวัด 2 หลัก");
        var indicatorId = om.Indicator.Id;
        var roundNo = om.Round.Round;
        var existing = await db.PublishedTargets.VisibleTo(new OrgScope(province))
            .Where(t => t.IndicatorId == indicatorId && t.Round == roundNo)
            .ToListAsync(ct);
        if (existing.Count > 0 && !republish)
        {
            return new Refusal(409, $"ค่าเป้าหมายรอบที่ {roundNo} ของจังหวัดนี้ประกาศแล้วเมื่อ {Otop.Domain.ThaiDates.FormatDateTime(existing[0].PublishedAt)} " +
                   "หากต้องการประกาศใหม่จากข้อมูลทะเบียนปัจจุบัน ให้ส่ง republish: true");
        }
        var counts = await OnlineMarketKpi.CurrentCountsAsync(db, om, province, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.PublishedTargets.RemoveRange(existing);
        var now = clock.GetUtcNow();
        foreach (var d in counts)
        {
            db.PublishedTargets.Add(new PublishedTarget
            {
                IndicatorId = indicatorId, Round = roundNo, DistrictCode = d.Code, ProvinceCode = province,
                Entrepreneurs = d.Entrepreneurs, Products = d.Products, PublishedBy = me.UserName, PublishedAt = now,
            });
        }
        AuditLog.Record(db, me, clock, "online-market-targets", $"{om.Indicator.FiscalYear}/{roundNo}/{province}",
            existing.Count > 0 ? "republish" : "publish",
            existing.Count > 0 ? existing.Select(t => new { t.DistrictCode, t.Entrepreneurs, t.Products }).ToList() : null,
            counts.Select(d => new { DistrictCode = d.Code, d.Entrepreneurs, d.Products }).ToList(),
            provinceCode: province);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return null;
    }
}

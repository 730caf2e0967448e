using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.Org;

public sealed record OrgUnitDto(string Code, string NameTh, string NameEn);

/// <summary>The 76 provinces (Bangkok is not part of this work) and their districts, in DOPA code order.</summary>
public static class OrgApi
{
    public static void MapOrgApi(this RouteGroupBuilder api)
    {
        var org = api.MapGroup("/org").WithTags("Organisation");
        org.MapGet("/provinces", Provinces).WithName("ListProvinces");
        org.MapGet("/provinces/{code}/districts", Districts).WithName("ListDistricts");
    }

    private static async Task<Ok<List<OrgUnitDto>>> Provinces(AppDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.OrgUnits.AsNoTracking()
            .Where(o => o.Level == OrgLevel.Province)
            .OrderBy(o => o.Code)
            .Select(o => new OrgUnitDto(o.Code, o.NameTh, o.NameEn))
            .ToListAsync(ct));

    private static async Task<Results<Ok<List<OrgUnitDto>>, ProblemHttpResult>> Districts(string code, AppDbContext db, CancellationToken ct)
    {
        if (!await db.OrgUnits.AnyAsync(o => o.Code == code && o.Level == OrgLevel.Province, ct))
        {
            return Problems.NotFound($"ไม่พบจังหวัดรหัส {code}");
        }
        return TypedResults.Ok(await db.OrgUnits.AsNoTracking()
            .Where(o => o.ParentCode == code && o.Level == OrgLevel.District)
            .OrderBy(o => o.Code)
            .Select(o => new OrgUnitDto(o.Code, o.NameTh, o.NameEn))
            .ToListAsync(ct));
    }
}

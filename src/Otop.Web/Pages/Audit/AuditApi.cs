using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Data;
using Otop.Web.Infrastructure;
using Otop.Web.Infrastructure.Auth;

namespace Otop.Web.Pages.Audit;

public sealed record AuditEntryDto(long Id, DateTimeOffset At, string User, string Entity, string Key, string Action,
    JsonElement? OldValue, JsonElement? NewValue, string? Reason);

/// <summary><c>GET /api/v1/audit?entity=revenue&amp;key=2701/2023-01</c>: who changed what, when, oldest first.</summary>
public static class AuditApi
{
    public static void MapAuditApi(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", List).WithTags("Audit").WithName("ListAudit");
    }

    private static async Task<Results<Ok<List<AuditEntryDto>>, ProblemHttpResult>> List(
        string? entity, string? key, CurrentUser me, AppDbContext db, CancellationToken ct)
    {
        if (!(me.IsDepartmentAdmin || me.IsProvinceOfficer))
        {
            return Problems.Forbidden("ประวัติการแก้ไขเปิดให้ผู้ดูแลระบบระดับกรมและเจ้าหน้าที่จังหวัดเท่านั้น");
        }

        var query = db.AuditEntries.AsNoTracking();
        if (!me.Scope.IsDepartment)
        {
            var province = me.Scope.Code;
            query = query.Where(a => a.ProvinceCode == province);
        }
        if (!string.IsNullOrWhiteSpace(entity)) query = query.Where(a => a.Entity == entity);
        if (!string.IsNullOrWhiteSpace(key)) query = query.Where(a => a.Key == key);

        var rows = await query.OrderBy(a => a.Id).Take(5000).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(a => new AuditEntryDto(a.Id, a.At, a.UserName, a.Entity, a.Key, a.Action,
            Parse(a.OldValue), Parse(a.NewValue), a.Reason)).ToList());
    }

    private static JsonElement? Parse(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();
}

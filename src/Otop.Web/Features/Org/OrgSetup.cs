namespace Otop.Web.Features.Org;

/// <summary><c>/api/v1/org-units</c> (CONTRACT.md "Org units").</summary>
public static class OrgSetup
{
    public static void MapOrg(this WebApplication app, RouteGroupBuilder api) => api.MapOrgApi();
}

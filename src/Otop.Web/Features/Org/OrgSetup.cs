namespace Otop.Web.Features.Org;

/// <summary><c>/api/v1/org-units</c> (CONTRACT.md "Org units") and the unit picker's search (issue 17 item 2).</summary>
public static class OrgSetup
{
    public static void MapOrg(this WebApplication app, RouteGroupBuilder api)
    {
        api.MapOrgApi();
        app.MapUnitPicker();
    }
}

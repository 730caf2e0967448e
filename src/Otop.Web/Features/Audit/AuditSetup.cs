using Otop.Web.Platform;

namespace Otop.Web.Features.Audit;

/// <summary>The audit pages and <c>/api/v1/audit</c>, <c>/api/v1/audit/verify</c> (docs/decisions/008-audit-chain.md).</summary>
public static class AuditSetup
{
    public static WebApplicationBuilder AddAudit(this WebApplicationBuilder builder)
    {
        builder.AddConfiguredOptions<AuditVerifyOptions>();
        builder.Services.AddSingleton<AuditVerifier>();
        return builder;
    }

    public static void MapAudit(this WebApplication app, RouteGroupBuilder api) => api.MapAuditApi();
}

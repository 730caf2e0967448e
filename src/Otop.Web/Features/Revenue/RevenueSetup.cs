using Microsoft.EntityFrameworkCore;
using Otop.Web.Features.Circulars;
using Otop.Web.Platform;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Documents;
using Otop.Web.Platform.Writes;

namespace Otop.Web.Features.Revenue;

/// <summary>Letter 2's revenue cycle: the write limit, the forms รต.1–รต.4 and the estimate, and <c>/api/v1/revenue</c>.</summary>
public static class RevenueSetup
{
    public static WebApplicationBuilder AddRevenue(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.AddRevenueWriteLimit();
        services.AddSingleton<RevenueMetrics>();
        builder.AddConfiguredOptions<RevenueOptions>();
        services.AddScoped<ICloseCalendar, FiscalYearCloseCalendar>();
        services.AddScoped<RevenueForecastWarnings>();
        services.AddScoped<Kpi.IFiscalYearCopyStep, FiscalYearSettingCopy>();
        services.AddScoped<Registry.IProducerMergeStep, RevenueProducerMerge>();
        services.AddReportForm(new ReportForm("rt1", RevenueReports.Rt1Async));
        services.AddReportForm(new ReportForm("rt2", RevenueReports.Rt2Async, CertifiedRt2Async));
        services.AddReportForm(new ReportForm("rt3", RevenueReports.Rt3Async));
        services.AddReportForm(new ReportForm("rt4", RevenueReports.Rt4Async));
        services.AddReportForm(new ReportForm("revenue-estimate", RevenueReports.EstimateAsync));
        services.AddReportForm(new ReportForm("revenue-targets", RevenueTargetReports.TargetsAsync));
        services.AddReportForm(new ReportForm(RevenueEstimateFile.Form, RevenueEstimateFile.TemplateAsync));
        return builder;
    }

    public static void MapRevenue(this WebApplication app, RouteGroupBuilder api) => api.MapRevenueApi();

    /// <summary>What the district head certified for this รต.2 (the hash recorded at certification), to compare with now.</summary>
    private static async Task<(string? Hash, DateTimeOffset? At, string? By)> CertifiedRt2Async(ReportRequest q)
    {
        if (q.Query("district") is not { } district || q.Query("month") is not { } month) return (null, null, null);
        var certified = await q.Db.RevenueMonths.AsNoTracking().VisibleTo(q.Me.Scope)
            .Where(m => m.DistrictCode == district && m.Month == month)
            .Select(m => new { m.CertifiedFiguresHash, m.CertifiedAt, m.CertifiedBy }).FirstOrDefaultAsync(q.Cancel);
        return (certified?.CertifiedFiguresHash, certified?.CertifiedAt, await RevenueReports.CertifierAsync(q.Db, certified?.CertifiedBy, q.Cancel));
    }
}

using Otop.Web.Platform;
using Otop.Web.Platform.Documents;

namespace Otop.Web.Features.OnlineMarket;

/// <summary>Letter 1's online-market indicator: the stored product counts (docs/decisions/010), its forms and its API.</summary>
public static class OnlineMarketSetup
{
    public static WebApplicationBuilder AddOnlineMarket(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // Keeps the stored per-district product counts of the results up to date (docs/decisions/010-stored-product-counts.md).
        builder.AddConfiguredOptions<ProductCountOptions>();
        services.AddHostedService<ProductCountService>();
        services.AddScoped<Registry.IProducerMergeStep, ReadinessProducerMerge>();
        services.AddReportForm(new ReportForm("online-market-targets", OnlineMarketReports.TargetsAsync));
        services.AddReportForm(new ReportForm("online-market-results", OnlineMarketReports.ResultsAsync));
        services.AddReportForm(new ReportForm("online-market-survey", OnlineMarketDistrictReports.SurveyAsync));
        services.AddReportForm(new ReportForm("online-market-result-report", OnlineMarketDistrictReports.ResultReportAsync));
        // The two forms to fill offline and upload again (issue 16, item 5): the survey's answers, the report's listings.
        services.AddReportForm(new ReportForm(SurveyFile.Form, SurveyFile.TemplateAsync));
        services.AddReportForm(new ReportForm(ReportFile.Form, ReportFile.TemplateAsync));
        return builder;
    }

    public static void MapOnlineMarket(this WebApplication app, RouteGroupBuilder api) => api.MapOnlineMarketApi();
}

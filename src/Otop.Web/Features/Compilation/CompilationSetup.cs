using Otop.Web.Platform;
using Otop.Web.Platform.Documents;

namespace Otop.Web.Features.Compilation;

/// <summary>The national compilation: <c>/api/v1/compilations</c> and its scheduler, and its printed report.</summary>
public static class CompilationSetup
{
    public static WebApplicationBuilder AddCompilation(this WebApplicationBuilder builder)
    {
        builder.AddConfiguredOptions<CompilationOptions>();
        builder.Services.AddSingleton<CompilationMetrics>();
        builder.Services.AddHostedService<CompilationScheduler>();
        builder.Services.AddReportForm(new ReportForm(CompilationReports.Form, CompilationReports.CompilationAsync));
        return builder;
    }

    public static void MapCompilation(this WebApplication app, RouteGroupBuilder api) => api.MapCompilationApi();
}

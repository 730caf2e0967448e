using Otop.Web.Platform;

namespace Otop.Web.Features.Compilation;

/// <summary>The national compilation: <c>/api/v1/compilations</c> and its scheduler.</summary>
public static class CompilationSetup
{
    public static WebApplicationBuilder AddCompilation(this WebApplicationBuilder builder)
    {
        builder.AddConfiguredOptions<CompilationOptions>();
        builder.Services.AddHostedService<CompilationScheduler>();
        return builder;
    }

    public static void MapCompilation(this WebApplication app, RouteGroupBuilder api) => api.MapCompilationApi();
}

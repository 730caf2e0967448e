using Otop.Web.Platform.Data;
namespace Otop.Web.Features.Registry;

/// <summary>The registry of producers and products: its reference rows, pages and <c>/api/v1/entrepreneurs</c>, <c>/api/v1/products</c>.</summary>
public static class RegistrySetup
{
    public static WebApplicationBuilder AddRegistry(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IDatabaseStartupStep, SalesChannelReference>();
        return builder;
    }

    public static void MapRegistry(this WebApplication app, RouteGroupBuilder api) => api.MapRegistryApi();
}

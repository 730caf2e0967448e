using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Otop.Web.Platform;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Registry;

/// <summary>The registry of producers and products: its reference rows, pages and <c>/api/v1/entrepreneurs</c>, <c>/api/v1/products</c>.</summary>
public static class RegistrySetup
{
    public static WebApplicationBuilder AddRegistry(this WebApplicationBuilder builder)
    {
        builder.AddConfiguredOptions<RegistryOptions>();
        builder.Services.AddSingleton<IDatabaseStartupStep, SalesChannelReference>();
        builder.Services.AddSingleton<IDatabaseStartupStep, RegistrySearchKeys>();
        builder.Services.AddScoped<ProducerMerging>();
        return builder;
    }

    public static void MapRegistry(this WebApplication app, RouteGroupBuilder api)
    {
        api.MapRegistryApi(app.Services.GetRequiredService<IOptions<RegistryOptions>>().Value);
        api.MapProducerMergeApi();
    }
}

/// <summary><c>Registry__MaxUploadBytes</c>: the largest registry import file.</summary>
public sealed class RegistryOptions : IConfiguredOptions
{
    // A national registry of 250,000 rows in Thai is about 60 MB of UTF-8 (docs/benchmarks.md).
    public const long DefaultMaxUploadBytes = 100L * 1024 * 1024;

    public static string Section => "Registry";

    [Range(1d, 1_073_741_824d, ErrorMessage = ConfiguredOptions.WholeNumber)]
    public long MaxUploadBytes { get; set; } = DefaultMaxUploadBytes;
}

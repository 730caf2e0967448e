using Microsoft.Extensions.Options;
using Otop.Web.Platform;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Demo;

/// <summary><c>Seed__Demo</c> (CONTRACT.md "Configuration").</summary>
public sealed class SeedOptions : IConfiguredOptions
{
    public static string Section => "Seed";

    /// <summary>Null means the contract's default: on for SQLite in the Development environment (<c>dotnet run</c>), else off.</summary>
    public bool? Demo { get; set; }

    public bool DemoFor(DatabaseProvider provider, IHostEnvironment environment) =>
        Demo ?? (provider == DatabaseProvider.Sqlite && environment.IsDevelopment());
}

/// <summary>Sa Kaeo's demo data (README "Demo accounts") into an empty database, when <c>Seed__Demo</c> says so.</summary>
public sealed class DemoDataStep : IDatabaseStartupStep
{
    public int Order => 100;

    public async Task RunAsync(IServiceProvider services, AppDbContext db, CancellationToken ct)
    {
        var seed = services.GetRequiredService<IOptions<SeedOptions>>().Value;
        var provider = services.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider;
        if (seed.DemoFor(provider, services.GetRequiredService<IHostEnvironment>()))
        {
            await services.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(ct);
        }
    }
}

public static class DemoSetup
{
    public static WebApplicationBuilder AddDemo(this WebApplicationBuilder builder)
    {
        builder.AddConfiguredOptions<SeedOptions>();
        builder.Services.AddScoped<DemoSeeder>();
        builder.Services.AddSingleton<IDatabaseStartupStep, DemoDataStep>();
        return builder;
    }
}

namespace Otop.Web.Platform.Data;

/// <summary>
/// Work a feature needs done once per database before requests are served: its own reference rows, or the demo data.
/// <see cref="DatabaseStartup"/> runs every registered step in <see cref="Order"/> after the migrations, the org units,
/// the key ring and the admin bootstrap, under the same start-up lock, so several nodes starting together do it once.
/// </summary>
public interface IDatabaseStartupStep
{
    /// <summary>Lower runs first: reference data at 0, the demo data (which needs it) at 100.</summary>
    int Order { get; }

    Task RunAsync(IServiceProvider services, AppDbContext db, CancellationToken ct);
}

using System.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Otop.Web.Platform.Audit;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Secrets;

namespace Otop.Web.Platform.Data;

/// <summary>
/// Everything that must happen once per database before requests are served: migrate, reference data, the shared
/// data-protection key, the admin bootstrap, then each feature's <see cref="IDatabaseStartupStep"/> (its reference rows, the demo data). On PostgreSQL it runs under one advisory lock, so several
/// nodes starting together do it once and in order.
/// </summary>
public static class DatabaseStartup
{
    private const long AdvisoryLockKey = 0x0_7007_2566;

    public static async Task RunAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AppDbContext>();
        var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseStartup));

        if (db.IsSqlite) EnsureSqliteFolder(db);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (db.IsSqlite) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            else await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({AdvisoryLockKey})", ct);
            try
            {
                await new MigrationRunner(db, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<MigrationRunner>>()).MigrateAsync(ct);
                await ReferenceData.EnsureAsync(db, ct);
                await AuditChain.SealUnsealedAsync(db, ct);
                var keys = sp.GetRequiredService<KeyRing>();
                await AuditCheckpoints.EnsureLegacyAsync(db, keys, sp.GetRequiredService<TimeProvider>(), ct);
                // Keys stored before the key file existed: their secrets encrypted in place (docs/operations.md "Keys").
                await StoredKeyEncryption.EncryptPlainKeysAsync(db, keys, ct);

                // Create the key ring now, under the lock, so two nodes never each make a first key.
                sp.GetRequiredService<IDataProtectionProvider>().CreateProtector("Otop.Startup").Protect("ready");

                await AdminBootstrap.EnsureAsync(sp, ct);

                foreach (var step in sp.GetServices<IDatabaseStartupStep>().OrderBy(s => s.Order))
                {
                    await step.RunAsync(sp, db, ct);
                }
            }
            finally
            {
                if (!db.IsSqlite) await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        logger.LogInformation("Database ready ({Provider})", db.Database.ProviderName);
    }

    private static void EnsureSqliteFolder(AppDbContext db)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.Database.GetConnectionString());
        var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(folder) && builder.DataSource != ":memory:") Directory.CreateDirectory(folder);
    }
}

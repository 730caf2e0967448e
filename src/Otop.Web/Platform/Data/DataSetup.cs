using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Otop.Web.Platform;
using Otop.Web.Platform.Audit;

namespace Otop.Web.Platform.Data;

public static class DataSetup
{
    /// <summary>The embedded database when no connection string is configured; <c>--backup</c>/<c>--restore</c> use the same file.</summary>
    public static string DefaultSqliteConnectionString(IHostEnvironment environment) =>
        $"Data Source={Path.Combine(environment.ContentRootPath, "App_Data", "otop.db")};Default Timeout=30";

    /// <summary>
    /// <c>ConnectionStrings__Default</c>, or on SQLite the embedded file when it is empty; PostgreSQL has no default.
    /// </summary>
    public static string ConnectionString(ConnectionStringOptions options, DatabaseProvider provider, IHostEnvironment environment)
    {
        if (!string.IsNullOrWhiteSpace(options.Default)) return options.Default;
        if (provider == DatabaseProvider.Postgres)
        {
            throw new OptionsValidationException("ConnectionStrings:Default", typeof(ConnectionStringOptions),
                ["ConnectionStrings__Default is required when Database__Provider=Postgres."]);
        }
        return DefaultSqliteConnectionString(environment);
    }

    /// <summary>The full path of an SQLite connection string's file; null for an in-memory database.</summary>
    public static string? SqliteFile(string connectionString)
    {
        var source = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
        return string.IsNullOrEmpty(source) || source == ":memory:" ? null : Path.GetFullPath(source);
    }

    /// <summary>Statements a PostgreSQL connection keeps prepared when the connection string does not say (Npgsql's default is none).</summary>
    public const int DefaultMaxAutoPrepare = 64;

    /// <summary>Contexts a node keeps for reuse (EF's default is 1,024).</summary>
    public const int ContextPoolSize = 128;

    /// <summary>
    /// The PostgreSQL connection string with Npgsql's automatic preparation on (<c>Max Auto Prepare</c>), unless the operator
    /// set it (0 turns it off, e.g. behind a pooler that cannot keep prepared statements). A statement run five times on a
    /// pooled connection is then parsed and planned once, not on every call: at the month-end surge planning was about a
    /// sixth of PostgreSQL's CPU (docs/benchmarks.md, "B2: prepared statements").
    /// </summary>
    public static string WithPostgresDefaults(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.Keys.Cast<string>().Any(k => k.Replace(" ", "", StringComparison.Ordinal).Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)))
        {
            return connectionString;
        }
        return new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = DefaultMaxAutoPrepare }.ConnectionString;
    }

    /// <summary>The clock and the database of the configured provider (CONTRACT.md "Starting").</summary>
    public static WebApplicationBuilder AddData(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var clock = builder.AddConfiguredOptions<ClockOptions>().ParsedNow;
        services.AddSingleton<TimeProvider>(clock is { } now ? new ShiftedTimeProvider(now) : TimeProvider.System);

        var provider = builder.AddConfiguredOptions<DatabaseOptions>().Provider;
        var connectionString = ConnectionString(builder.AddConfiguredOptions<ConnectionStringOptions>(), provider, builder.Environment);
        if (provider == DatabaseProvider.Postgres) connectionString = WithPostgresDefaults(connectionString);

        services.AddSingleton<AuditChainInterceptor>();
        // Pooled: a request takes a context whose services are already resolved instead of building them again (at the
        // month-end surge about a twentieth of the node's CPU went to setting up contexts); EF resets each one on return.
        // At most ContextPoolSize are kept: the surge's hundreds of queued saves each lease one, and keeping them all
        // afterwards would only hold memory.
        services.AddDbContextPool<AppDbContext>((sp, options) =>
        {
            if (provider == DatabaseProvider.Postgres) options.UseNpgsql(connectionString);
            else options.UseSqlite(connectionString).AddInterceptors(SqliteBusyTimeout.Shared);
            options.AddInterceptors(sp.GetRequiredService<AuditChainInterceptor>());
        }, ContextPoolSize);
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return builder;
    }
}

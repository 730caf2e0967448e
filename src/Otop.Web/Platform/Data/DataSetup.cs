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

    /// <summary>The clock and the database of the configured provider (CONTRACT.md "Starting").</summary>
    public static WebApplicationBuilder AddData(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var clock = builder.AddConfiguredOptions<ClockOptions>().ParsedNow;
        services.AddSingleton<TimeProvider>(clock is { } now ? new ShiftedTimeProvider(now) : TimeProvider.System);

        var provider = builder.AddConfiguredOptions<DatabaseOptions>().Provider;
        var connectionString = ConnectionString(builder.AddConfiguredOptions<ConnectionStringOptions>(), provider, builder.Environment);

        services.AddSingleton<AuditChainInterceptor>();
        services.AddDbContext<AppDbContext>((sp, options) =>
        {
            if (provider == DatabaseProvider.Postgres) options.UseNpgsql(connectionString);
            else options.UseSqlite(connectionString).AddInterceptors(SqliteBusyTimeout.Shared);
            options.AddInterceptors(sp.GetRequiredService<AuditChainInterceptor>());
        });
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return builder;
    }
}

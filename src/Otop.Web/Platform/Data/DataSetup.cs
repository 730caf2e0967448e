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

    /// <summary>Options of CONTRACT.md, the clock, and the database of the configured provider.</summary>
    public static WebApplicationBuilder AddData(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DatabaseOptions>().BindConfiguration("Database").ValidateOnStart();
        services.AddOptions<AdminOptions>().BindConfiguration("Admin").ValidateOnStart();
        services.AddOptions<ClockOptions>().BindConfiguration("Clock").ValidateDataAnnotations().ValidateOnStart();

        var clock = builder.Configuration.GetSection("Clock").Get<ClockOptions>()?.ParsedNow;
        services.AddSingleton<TimeProvider>(clock is { } now ? new ShiftedTimeProvider(now) : TimeProvider.System);

        var provider = builder.Configuration.GetValue("Database:Provider", DatabaseProvider.Sqlite);
        var connectionString = builder.Configuration.GetConnectionString("Default");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider == DatabaseProvider.Postgres)
            {
                throw new OptionsValidationException("ConnectionStrings:Default", typeof(DatabaseOptions),
                    ["ConnectionStrings__Default is required when Database__Provider=Postgres."]);
            }
            connectionString = DefaultSqliteConnectionString(builder.Environment);
        }

        services.AddDbContext<AppDbContext>(options =>
        {
            if (provider == DatabaseProvider.Postgres) options.UseNpgsql(connectionString);
            else options.UseSqlite(connectionString).AddInterceptors(Data.SqliteBusyTimeout.Shared);
            options.AddInterceptors(Audit.AuditChainInterceptor.Shared);
        });
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return builder;
    }
}

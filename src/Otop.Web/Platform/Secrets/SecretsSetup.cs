using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Otop.Web.Platform.Data;

namespace Otop.Web.Platform.Secrets;

/// <summary>The key file (<see cref="KeyRing"/>) and the data-protection key ring kept in the database, encrypted with it.</summary>
public static class SecretsSetup
{
    /// <summary>
    /// Where the key file is: <c>Keys__File</c>; else beside the SQLite file (<c>otop.db</c> → <c>otop.keys</c>). On
    /// PostgreSQL without <c>Keys__File</c> the app refuses to start outside Development: every node must share one key
    /// file, and a key made quietly on one node would make the others' cookies and audit seals unreadable to it.
    /// </summary>
    public static string KeyFilePath(KeyOptions keys, DatabaseProvider provider, string connectionString, IHostEnvironment environment, out string? warning)
    {
        warning = null;
        if (!string.IsNullOrWhiteSpace(keys.File)) return keys.File;
        var fallback = Path.Combine(environment.ContentRootPath, "App_Data", "otop.keys");
        if (provider == DatabaseProvider.Sqlite)
        {
            return DataSetup.SqliteFile(connectionString) is { } file ? Path.ChangeExtension(file, ".keys") : fallback;
        }
        if (!environment.IsDevelopment())
        {
            throw new OptionsValidationException(KeyOptions.Section, typeof(KeyOptions),
                ["Keys__File is required when Database__Provider=Postgres (outside Development): an absolute path to the key file every node shares (docs/operations.md \"Keys\")."]);
        }
        warning = $"Keys__File is not set: the key file is {fallback} on this node. Every node of a PostgreSQL deployment must share one key file; set Keys__File.";
        return fallback;
    }

    /// <summary>Registers the <see cref="KeyRing"/>; the file is read (or made) when it is first needed, at start.</summary>
    public static WebApplicationBuilder AddOtopKeys(this WebApplicationBuilder builder)
    {
        var options = builder.AddConfiguredOptions<KeyOptions>();
        var provider = ConfiguredOptions.Read<DatabaseOptions>(builder.Configuration).Provider;
        var connectionString = DataSetup.ConnectionString(ConfiguredOptions.Read<ConnectionStringOptions>(builder.Configuration), provider, builder.Environment);
        var path = KeyFilePath(options, provider, connectionString, builder.Environment, out var warning);
        builder.Services.TryAddSingleton(sp =>
        {
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(KeyRing));
            if (warning is not null) logger.LogWarning("{Warning}", warning);
            var ring = KeyRing.OpenOrCreate(path, sp.GetRequiredService<TimeProvider>(), out var created);
            if (created) logger.LogWarning("Created the key file {Path} (key {KeyId}). Back it up apart from the database: a restore needs both (docs/operations.md \"Keys\").", path, ring.CurrentId);
            else logger.LogInformation("Key file {Path}, current key {KeyId}", path, ring.CurrentId);
            return ring;
        });
        return builder;
    }

    /// <summary>Data protection for every node: the key ring in the database, each key's secret encrypted with the key file.</summary>
    public static IServiceCollection AddOtopDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("Otop");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
        {
            o.XmlRepository = new DbXmlRepository(sp.GetRequiredService<IServiceScopeFactory>());
            o.XmlEncryptor = new KeyFileXmlEncryptor(sp.GetRequiredService<KeyRing>());
        }));
        return services;
    }
}

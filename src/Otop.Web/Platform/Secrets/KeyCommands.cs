using Otop.Web.Platform.Data;

namespace Otop.Web.Platform.Secrets;

/// <summary>
/// <c>dotnet Otop.Web.dll --rotate-key true</c>: adds a new key to the key file and makes it current (docs/operations.md
/// "Keys"). The retired keys stay in the file: what they sealed (data-protection keys, audit entries, checkpoints) still
/// decrypts and verifies. Other nodes sharing the file pick the new key up when they next meet it, or at restart.
/// </summary>
public static class KeyCommands
{
    public static bool RunIfAsked(WebApplicationBuilder builder)
    {
        if (!string.Equals(builder.Configuration["rotate-key"], "true", StringComparison.OrdinalIgnoreCase)) return false;
        var provider = ConfiguredOptions.Read<DatabaseOptions>(builder.Configuration).Provider;
        var connectionString = DataSetup.ConnectionString(ConfiguredOptions.Read<ConnectionStringOptions>(builder.Configuration), provider, builder.Environment);
        var path = SecretsSetup.KeyFilePath(ConfiguredOptions.Read<KeyOptions>(builder.Configuration), provider, connectionString, builder.Environment, out _);
        var ring = KeyRing.OpenOrCreate(path, TimeProvider.System, out _);
        var retired = ring.CurrentId;
        var current = ring.Rotate();
        Console.WriteLine($"key file {path}: current key {current} (retired {retired}; keep the file's backup up to date)");
        return true;
    }
}

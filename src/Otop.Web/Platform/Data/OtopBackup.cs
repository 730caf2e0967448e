using Microsoft.Data.Sqlite;
using Otop.Web.Platform;

namespace Otop.Web.Platform.Data;

/// <summary>
/// <c>dotnet Otop.Web.dll --backup &lt;file&gt;</c> and <c>--restore &lt;file&gt;</c> for the embedded SQLite database, through
/// SQLite's online backup API, so a running app can be backed up consistently (docs/operations.md). PostgreSQL is backed
/// up with pg_dump by scripts/backup.sh.
/// </summary>
public static class OtopBackup
{
    /// <summary>Runs the command named in the arguments, if any; true when the process should end afterwards.</summary>
    public static async Task<bool> RunIfAskedAsync(WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var (backup, restore) = (config["backup"], config["restore"]);
        if (backup is null && restore is null) return false;

        var provider = ConfiguredOptions.Read<DatabaseOptions>(config).Provider;
        if (provider != DatabaseProvider.Sqlite)
        {
            await Console.Error.WriteLineAsync("--backup/--restore handle SQLite; for PostgreSQL use scripts/backup.sh and scripts/restore.sh (pg_dump).");
            Environment.ExitCode = 2;
            return true;
        }
        var connectionString = DataSetup.ConnectionString(ConfiguredOptions.Read<ConnectionStringOptions>(config), provider, builder.Environment);
        if (backup is not null) await BackupSqliteAsync(connectionString, backup);
        else await RestoreSqliteAsync(connectionString, restore!);
        Console.WriteLine(backup is not null ? $"backed up to {backup}" : $"restored from {restore}");
        return true;
    }

    public static Task BackupSqliteAsync(string connectionString, string file)
    {
        var target = Path.GetFullPath(file);
        if (File.Exists(target)) File.Delete(target);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        using var source = new SqliteConnection(connectionString);
        using var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ConnectionString);
        source.Open();
        destination.Open();
        source.BackupDatabase(destination);
        return Task.CompletedTask;
    }

    /// <summary>Copies the backup over the database page by page; stop the app first (docs/operations.md).</summary>
    public static Task RestoreSqliteAsync(string connectionString, string file)
    {
        if (!File.Exists(file)) throw new FileNotFoundException("No such backup file.", file);
        using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(file), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
        using var destination = new SqliteConnection(connectionString);
        source.Open();
        destination.Open();
        source.BackupDatabase(destination);
        SqliteConnection.ClearAllPools();
        return Task.CompletedTask;
    }
}

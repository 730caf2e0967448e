using System.ComponentModel.DataAnnotations;
namespace Otop.Web.Platform.Data;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary><c>Database__Provider</c> (CONTRACT.md "Starting").</summary>
public sealed class DatabaseOptions : IConfiguredOptions
{
    public static string Section => "Database";

    [EnumDataType(typeof(DatabaseProvider), ErrorMessage = "must be Sqlite or Postgres")]
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}

/// <summary><c>ConnectionStrings__Default</c> (CONTRACT.md "Starting"): empty means the embedded SQLite file.</summary>
public sealed class ConnectionStringOptions : IConfiguredOptions
{
    public static string Section => "ConnectionStrings";

    public string? Default { get; set; }
}

using Npgsql;

namespace Otop.Web.Tests.Infrastructure;

/// <summary>
/// A fresh, empty database of the provider under test: OTOP_TEST_DB=Sqlite (default) or Postgres, with OTOP_TEST_PG the
/// server's connection string (scripts/test.sh starts a throwaway cluster). Dropped when disposed.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    public string Provider { get; }
    public string ConnectionString { get; }
    private readonly string? _file;
    private readonly string? _pgName;

    public static bool IsPostgres => string.Equals(Environment.GetEnvironmentVariable("OTOP_TEST_DB"), "Postgres", StringComparison.OrdinalIgnoreCase);

    public TestDatabase()
    {
        if (IsPostgres)
        {
            var server = Environment.GetEnvironmentVariable("OTOP_TEST_PG")
                ?? throw new InvalidOperationException("OTOP_TEST_DB=Postgres needs OTOP_TEST_PG (scripts/test.sh sets it).");
            Provider = "Postgres";
            _pgName = "otop_test_" + Guid.NewGuid().ToString("N")[..12];
            using (var admin = new NpgsqlConnection(server))
            {
                admin.Open();
                using var cmd = new NpgsqlCommand($"CREATE DATABASE {_pgName} TEMPLATE template0 ENCODING 'UTF8'", admin);
                cmd.ExecuteNonQuery();
            }
            ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = _pgName, Pooling = true }.ConnectionString;
            ServerConnectionString = server;
        }
        else
        {
            Provider = "Sqlite";
            _file = Path.Combine(Path.GetTempPath(), "otop-tests", Guid.NewGuid().ToString("N") + ".db");
            Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
            ConnectionString = $"Data Source={_file};Default Timeout=30";
        }
        KeyFile = KeyFileFor(ConnectionString);
    }

    /// <summary>
    /// The key file of this database (docs/operations.md "Keys"): on SQLite the app's default, beside the file; on
    /// PostgreSQL one per database, which the tests pass as <c>Keys__File</c> (nodes of one database share it).
    /// </summary>
    public string KeyFile { get; }

    public static string KeyFileFor(string connectionString)
    {
        if (!connectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase))
        {
            var source = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
            return Path.ChangeExtension(Path.GetFullPath(source), ".keys");
        }
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database ?? "postgres";
        return Path.Combine(Path.GetTempPath(), "otop-tests", "keys", name + ".keys");
    }

    public string? ServerConnectionString { get; }

    public void Dispose()
    {
        if (_pgName is not null && ServerConnectionString is not null)
        {
            NpgsqlConnection.ClearAllPools();
            using var admin = new NpgsqlConnection(ServerConnectionString);
            admin.Open();
            using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_pgName} WITH (FORCE)", admin);
            cmd.ExecuteNonQuery();
            try { File.Delete(KeyFile); } catch (IOException) { }
        }
        if (_file is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { _file, _file + "-wal", _file + "-shm", KeyFile })
            {
                try { File.Delete(f); } catch (IOException) { }
            }
        }
    }
}

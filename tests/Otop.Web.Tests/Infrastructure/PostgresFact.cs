namespace Otop.Web.Tests.Infrastructure;

/// <summary>
/// A test whose scenario exists only with a database server (several nodes on one database, a server that goes away):
/// skipped, with the reason, in the SQLite run, and always run in the PostgreSQL run (scripts/test.sh, CI).
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute(string whyOnlyPostgres)
    {
        if (!TestDatabase.IsPostgres) Skip = "PostgreSQL only: " + whyOnlyPostgres;
    }
}

/// <summary>Direct reads of a test database, beside the app (and after the app was killed).</summary>
public static class Sql
{
    public static async Task<long> ScalarAsync(TestDatabase database, string sql)
    {
        await using var connection = Open(database);
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        var value = await cmd.ExecuteScalarAsync();
        return Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public static System.Data.Common.DbConnection Open(TestDatabase database)
    {
        System.Data.Common.DbConnection connection = database.Provider == "Postgres"
            ? new Npgsql.NpgsqlConnection(database.ConnectionString)
            : new Microsoft.Data.Sqlite.SqliteConnection(database.ConnectionString);
        connection.Open();
        return connection;
    }
}

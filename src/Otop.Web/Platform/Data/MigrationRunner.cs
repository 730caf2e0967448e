using System.Data;
using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
namespace Otop.Web.Platform.Data;

/// <summary>
/// Applies the versioned SQL scripts of the current provider (Data/Migrations/{Sqlite,Postgres}/NNN_name.sql) in order,
/// each in a transaction, recording applied versions in <c>schema_migrations</c>. On PostgreSQL an advisory lock makes
/// several nodes starting together migrate once (<see cref="DatabaseStartup"/> holds it). See
/// docs/decisions/002-versioned-sql-migrations.md.
/// </summary>
public sealed class MigrationRunner(AppDbContext db, TimeProvider clock, ILogger<MigrationRunner> logger)
{
    public static IReadOnlyList<(string Version, string Sql)> ScriptsFor(bool sqlite)
    {
        var prefix = $"Otop.Migrations.{(sqlite ? "Sqlite" : "Postgres")}.";
        var assembly = typeof(MigrationRunner).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (Version: n[prefix.Length..^4], Sql: ReadResource(assembly, n)))
            .ToList();
    }

    /// <summary>Applies pending scripts. The caller holds <see cref="DatabaseStartup"/>'s lock on PostgreSQL.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct = default)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened) await connection.OpenAsync(ct);
        try
        {
            return await ApplyPendingAsync(connection, db.IsSqlite, ct);
        }
        finally
        {
            if (opened) await connection.CloseAsync();
        }
    }

    private async Task<IReadOnlyList<string>> ApplyPendingAsync(DbConnection connection, bool sqlite, CancellationToken ct)
    {
        await ExecuteAsync(connection, null,
            "CREATE TABLE IF NOT EXISTS schema_migrations (version VARCHAR(100) NOT NULL PRIMARY KEY, applied_at VARCHAR(40) NOT NULL)", ct);

        var applied = new HashSet<string>(StringComparer.Ordinal);
        await using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "SELECT version FROM schema_migrations";
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) applied.Add(reader.GetString(0));
        }

        var newlyApplied = new List<string>();
        foreach (var (version, sql) in ScriptsFor(sqlite).Where(s => !applied.Contains(s.Version)))
        {
            await using var tx = await connection.BeginTransactionAsync(ct);
            await ExecuteAsync(connection, tx, sql, ct);
            await using (var record = connection.CreateCommand())
            {
                record.Transaction = tx;
                record.CommandText = "INSERT INTO schema_migrations (version, applied_at) VALUES (@v, @at)";
                AddParameter(record, "@v", version);
                AddParameter(record, "@at", clock.GetUtcNow().ToString("O"));
                await record.ExecuteNonQueryAsync(ct);
            }
            await tx.CommitAsync(ct);
            newlyApplied.Add(version);
            logger.LogInformation("Applied schema migration {Version}", version);
        }
        return newlyApplied;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? tx, string sql, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.CommandTimeout = 600;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static void AddParameter(DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

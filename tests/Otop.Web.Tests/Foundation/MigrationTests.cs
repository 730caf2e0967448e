using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Otop.Web.Tests.Infrastructure;
using Otop.Web.Platform.Data;

namespace Otop.Web.Tests.Foundation;

/// <summary>The versioned SQL scripts build exactly the schema the EF Core model expects, on the provider under test.</summary>
public sealed class MigrationTests
{
    [Fact]
    public async Task TheMigratedSchema_MatchesTheModel_ColumnForColumn()
    {
        using var migrated = new TestDatabase();
        using var fromModel = new TestDatabase();
        await using (var db = Context(migrated))
        {
            (await new MigrationRunner(db, TimeProvider.System, NullLogger<MigrationRunner>.Instance).MigrateAsync()).ShouldNotBeEmpty();
        }
        await using (var db = Context(fromModel))
        {
            // The one place EnsureCreated is used: as the reference the scripts are compared with.
            await db.Database.EnsureCreatedAsync();
        }

        var expected = await ColumnsAsync(fromModel);
        var actual = await ColumnsAsync(migrated);

        actual.Except(["schema_migrations.applied_at", "schema_migrations.version"]).ShouldBe(expected);
        expected.ShouldContain("RevenueEntries.Amount");
    }

    [Fact]
    public async Task MigratingTwice_AppliesNothingTheSecondTime()
    {
        using var database = new TestDatabase();
        await using var db = Context(database);
        var runner = new MigrationRunner(db, TimeProvider.System, NullLogger<MigrationRunner>.Instance);

        (await runner.MigrateAsync()).ShouldNotBeEmpty();
        (await runner.MigrateAsync()).ShouldBeEmpty();
    }

    [Fact]
    public void EachProvider_HasTheSameMigrationVersions()
    {
        MigrationRunner.ScriptsFor(sqlite: true).Select(s => s.Version)
            .ShouldBe(MigrationRunner.ScriptsFor(sqlite: false).Select(s => s.Version));
    }

    private static AppDbContext Context(TestDatabase database)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        if (database.Provider == "Postgres") builder.UseNpgsql(database.ConnectionString);
        else builder.UseSqlite(database.ConnectionString);
        return new AppDbContext(builder.Options);
    }

    private static async Task<List<string>> ColumnsAsync(TestDatabase database)
    {
        await using var db = Context(database);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var sql = database.Provider == "Postgres"
            ? "SELECT table_name || '.' || column_name FROM information_schema.columns WHERE table_schema = 'public'"
            : "SELECT m.name || '.' || p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'";
        var columns = new List<string>();
        await using DbCommand cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) columns.Add(reader.GetString(0));
        return columns.Order(StringComparer.Ordinal).ToList();
    }
}

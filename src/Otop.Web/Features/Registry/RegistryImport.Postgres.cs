using System.Data.Common;
using Npgsql;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Registry;

/// <summary>Writing the planned rows on PostgreSQL: binary COPY into staging tables, then one set-based upsert.</summary>
public sealed partial class RegistryImport
{
    /// <summary>The one place the import asks which database it writes to (SQLite: RegistryImport.Sqlite.cs).</summary>
    private static Task WriteRowsAsync(AppDbContext db, DbConnection connection, DbTransaction tx, List<EntrepreneurWrite> entrepreneurs,
        List<ProductWrite> products, DateTimeOffset now, string by, CancellationToken ct) =>
        db.IsSqlite
            ? WriteSqliteAsync(connection, tx, entrepreneurs, products, now, by, ct)
            : WritePostgresAsync((NpgsqlConnection)connection, entrepreneurs, products, now, by, ct);

    private static async Task WritePostgresAsync(NpgsqlConnection connection, List<EntrepreneurWrite> entrepreneurs,
        List<ProductWrite> products, DateTimeOffset now, string by, CancellationToken ct)
    {
        await Exec(connection, """
            CREATE TEMP TABLE import_entrepreneurs (id integer, code text NOT NULL, name text NOT NULL, type integer NOT NULL, district text NOT NULL, search_key text NOT NULL) ON COMMIT DROP;
            CREATE TEMP TABLE import_products (id integer, code text NOT NULL, entrepreneur_code text NOT NULL, name text NOT NULL, category integer NOT NULL, year integer NOT NULL, search_key text NOT NULL) ON COMMIT DROP;
            """, ct);

        await CopyAsync(connection, "COPY import_entrepreneurs (id, code, name, type, district, search_key) FROM STDIN (FORMAT BINARY)",
            entrepreneurs.Select(e => new object?[] { e.Id, e.Code, e.Name, (int)e.Type, e.DistrictCode, Otop.Domain.ThaiSearch.Key(e.Name) }), ct);
        await CopyAsync(connection, "COPY import_products (id, code, entrepreneur_code, name, category, year, search_key) FROM STDIN (FORMAT BINARY)",
            products.Select(p => new object?[] { p.Id, p.Code, p.EntrepreneurCode, p.Name, (int)p.Category, p.RegisteredYear, Otop.Domain.ThaiSearch.Key(p.Name) }), ct);

        await Exec(connection, """
            UPDATE "Entrepreneurs" e SET "Name" = t.name, "SearchKey" = t.search_key, "Type" = t.type, "DistrictCode" = t.district, "ProvinceCode" = left(t.district, 2),
                "Version" = e."Version" + 1, "UpdatedAt" = @at, "UpdatedBy" = @by
            FROM import_entrepreneurs t WHERE t.id IS NOT NULL AND e."Id" = t.id;
            INSERT INTO "Entrepreneurs" ("Code", "Name", "SearchKey", "Type", "DistrictCode", "ProvinceCode", "Status", "Version", "UpdatedAt", "UpdatedBy")
            SELECT t.code, t.name, t.search_key, t.type, t.district, left(t.district, 2), 0, 0, @at, @by FROM import_entrepreneurs t WHERE t.id IS NULL;
            UPDATE "Products" p SET "Name" = t.name, "SearchKey" = t.search_key, "Category" = t.category, "RegisteredYear" = t.year,
                "Version" = p."Version" + 1, "UpdatedAt" = @at, "UpdatedBy" = @by
            FROM import_products t WHERE t.id IS NOT NULL AND p."Id" = t.id;
            INSERT INTO "Products" ("Code", "EntrepreneurId", "Name", "SearchKey", "Category", "RegisteredYear", "Status", "Version", "UpdatedAt", "UpdatedBy")
            SELECT t.code, e."Id", t.name, t.search_key, t.category, t.year, 0, 0, @at, @by
            FROM import_products t JOIN "Entrepreneurs" e ON e."Code" = t.entrepreneur_code WHERE t.id IS NULL;
            """, ct, ("at", now), ("by", by));
    }

    /// <summary>Binary COPY of rows into a staging table: a null id is a new row; int and string map to integer and text.</summary>
    private static async Task CopyAsync(NpgsqlConnection connection, string copySql, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        await using var copy = await connection.BeginBinaryImportAsync(copySql, ct);
        foreach (var row in rows) await copy.WriteRowAsync(ct, row);
        await copy.CompleteAsync(ct);
    }

    private static async Task Exec(NpgsqlConnection connection, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}

using System.Data.Common;
using System.Text.RegularExpressions;
namespace Otop.Web.Tests.Foundation.Schema;

/// <summary>
/// The schema a database really has, read from its catalog: SQLite's PRAGMA table_info / index_list / index_xinfo /
/// foreign_key_list, PostgreSQL's pg_catalog (format_type gives the type with its length, precision and scale).
/// </summary>
public static class StoredSchema
{
    public static Task<DbSchema> ReadAsync(DbConnection connection, bool sqlite) =>
        sqlite ? SqliteAsync(connection) : PostgresAsync(connection);

    private static async Task<DbSchema> SqliteAsync(DbConnection connection)
    {
        var tables = new List<TableSchema>();
        var created = await RowsAsync(connection, "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
        var indexSql = (await RowsAsync(connection, "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"))
            .ToDictionary(r => (string)r[0]!, r => (string)r[1]!);
        foreach (var row in created)
        {
            var (name, sql) = ((string)row[0]!, (string)row[1]!);
            var columns = await RowsAsync(connection, $"SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info('{name}') ORDER BY name");
            var primaryKey = columns.Where(c => Convert.ToInt32(c[4]) > 0).OrderBy(c => Convert.ToInt32(c[4])).Select(c => (string)c[0]!).ToList();

            var indexes = new List<IndexSchema>();
            var uniques = new List<KeySchema>();
            foreach (var index in await RowsAsync(connection, $"SELECT name, \"unique\", origin, partial FROM pragma_index_list('{name}')"))
            {
                var (indexName, unique, origin) = ((string)index[0]!, Convert.ToInt32(index[1]) == 1, (string)index[2]!);
                var keyColumns = (await RowsAsync(connection, $"SELECT name, \"desc\" FROM pragma_index_xinfo('{indexName}') WHERE key = 1 ORDER BY seqno"))
                    .Select(c => (Name: (string)c[0]!, Desc: Convert.ToInt32(c[1]) == 1)).ToList();
                if (origin == "pk") continue; // the primary key, read from table_info above
                if (origin == "u")
                {
                    uniques.Add(new KeySchema(null, keyColumns.Select(c => c.Name).ToList()));
                    continue;
                }
                var filter = Convert.ToInt32(index[3]) == 1 && indexSql.TryGetValue(indexName, out var ddl)
                    ? Regex.Match(ddl, @"\bWHERE\b(?<f>.*)$", RegexOptions.IgnoreCase | RegexOptions.Singleline).Groups["f"].Value
                    : null;
                indexes.Add(new IndexSchema(indexName, keyColumns.Select(c => c.Desc ? $"\"{c.Name}\" DESC" : $"\"{c.Name}\"").ToList(), unique, Schema.Expression(filter)));
            }

            var foreignKeys = (await RowsAsync(connection, $"SELECT id, seq, \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list('{name}') ORDER BY id, seq"))
                .GroupBy(f => Convert.ToInt32(f[0]))
                .Select(g => new ForeignKeySchema(null, g.Select(f => (string)f[3]!).ToList(), (string)g.First()[2]!,
                    g.Select(f => (string)f[4]!).ToList(), (string)g.First()[5]!))
                .ToList();

            tables.Add(new TableSchema(name,
                columns.Select(c => new ColumnSchema((string)c[0]!, ((string)c[1]!).ToUpperInvariant(), Convert.ToInt32(c[2]) == 0,
                    Schema.Expression((string?)c[3]), Autoincrement(sql, (string)c[0]!) ? "AUTOINCREMENT" : null, null)).ToList(),
                primaryKey.Count == 0 ? null : new KeySchema(null, primaryKey),
                uniques.OrderBy(u => string.Join(",", u.Columns), StringComparer.Ordinal).ToList(),
                indexes.OrderBy(i => i.Name, StringComparer.Ordinal).ToList(),
                foreignKeys.OrderBy(f => string.Join(",", f.Columns), StringComparer.Ordinal).ToList()));
        }
        return new DbSchema(tables);
    }

    /// <summary>SQLite reports AUTOINCREMENT nowhere but in the CREATE TABLE text.</summary>
    private static bool Autoincrement(string createTable, string column) =>
        Regex.IsMatch(createTable, $@"""{Regex.Escape(column)}""\s+INTEGER\b[^,]*\bAUTOINCREMENT\b", RegexOptions.IgnoreCase);

    private static async Task<DbSchema> PostgresAsync(DbConnection connection)
    {
        const string columnsSql = """
            SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid),
                   a.attidentity::text, CASE WHEN a.attcollation <> 0 AND co.collname <> 'default' THEN co.collname END
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            LEFT JOIN pg_collation co ON co.oid = a.attcollation
            WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY c.relname, a.attname
            """;
        // Constraint and index columns in key order: unnest WITH ORDINALITY keeps it.
        const string constraintsSql = """
            SELECT c.relname, k.conname, k.contype::text,
                   (SELECT string_agg(a.attname, ',' ORDER BY u.i) FROM unnest(k.conkey) WITH ORDINALITY u(n, i) JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n),
                   p.relname,
                   (SELECT string_agg(a.attname, ',' ORDER BY u.i) FROM unnest(k.confkey) WITH ORDINALITY u(n, i) JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n),
                   k.confdeltype::text
            FROM pg_constraint k
            JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_class p ON p.oid = k.confrelid
            WHERE n.nspname = 'public' AND k.contype IN ('p', 'u', 'f')
            """;
        const string indexesSql = """
            SELECT t.relname, i.relname, x.indisunique, pg_get_expr(x.indpred, x.indrelid),
                   (SELECT string_agg(CASE WHEN u.n = 0 THEN pg_get_indexdef(x.indexrelid, u.i::int, true) ELSE '"' || a.attname || '"' END
                                      || CASE WHEN (x.indoption[u.i - 1] & 1) = 1 THEN ' DESC' ELSE '' END, '|' ORDER BY u.i)
                    FROM unnest(x.indkey::int2[]) WITH ORDINALITY u(n, i) LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = u.n)
            FROM pg_index x
            JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid AND k.contype IN ('p', 'u'))
            """;
        var columns = await RowsAsync(connection, columnsSql);
        var constraints = await RowsAsync(connection, constraintsSql);
        var indexes = await RowsAsync(connection, indexesSql);
        static List<string> Split(object? list) => ((string?)list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).ToList();

        return new DbSchema(columns.Select(c => (string)c[0]!).Distinct().Order(StringComparer.Ordinal).Select(table =>
        {
            var mine = constraints.Where(k => (string)k[0]! == table).ToList();
            var primaryKey = mine.SingleOrDefault(k => (string)k[2]! == "p");
            return new TableSchema(table,
                columns.Where(c => (string)c[0]! == table).Select(c => new ColumnSchema((string)c[1]!, (string)c[2]!, !(bool)c[3]!,
                    Schema.Expression((string?)c[4]), (string?)c[5] switch { "d" => "GENERATED BY DEFAULT AS IDENTITY", "a" => "GENERATED ALWAYS AS IDENTITY", _ => null },
                    (string?)c[6])).ToList(),
                primaryKey is null ? null : new KeySchema((string)primaryKey[1]!, Split(primaryKey[3])),
                mine.Where(k => (string)k[2]! == "u").OrderBy(k => (string)k[1]!, StringComparer.Ordinal)
                    .Select(k => new KeySchema((string)k[1]!, Split(k[3]))).ToList(),
                indexes.Where(i => (string)i[0]! == table).OrderBy(i => (string)i[1]!, StringComparer.Ordinal)
                    .Select(i => new IndexSchema((string)i[1]!, ((string)i[4]!).Split('|').ToList(), (bool)i[2]!, Schema.Expression((string?)i[3]))).ToList(),
                mine.Where(k => (string)k[2]! == "f").OrderBy(k => (string)k[1]!, StringComparer.Ordinal)
                    .Select(k => new ForeignKeySchema((string)k[1]!, Split(k[3]), (string)k[4]!, Split(k[5]), (string)k[6]! switch
                    {
                        "a" => "NO ACTION", "r" => "RESTRICT", "c" => "CASCADE", "n" => "SET NULL", "d" => "SET DEFAULT", var other => other,
                    })).ToList());
        }).ToList());
    }

    private static async Task<List<object?[]>> RowsAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }
}

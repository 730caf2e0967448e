namespace Otop.Web.Tests.Foundation.Schema;

/// <summary>
/// A database schema as facts that can be compared: every table's columns (store type as the provider names it, with
/// length, precision and scale; nullability; default; identity; collation), primary key, unique constraints, indexes
/// (columns in order with direction, uniqueness, filter) and foreign keys (columns, principal, on delete).
/// </summary>
public sealed record DbSchema(IReadOnlyList<TableSchema> Tables)
{
    /// <summary>One line per fact, e.g. <c>Products: column "Name" character varying(200) NOT NULL</c>, sorted.</summary>
    public IReadOnlyList<string> Facts() => Tables.SelectMany(t => t.Facts()).Order(StringComparer.Ordinal).ToList();

    /// <summary>What the expected schema has and this one lacks ("missing"), and what only this one has ("unexpected").</summary>
    public IReadOnlyList<string> DifferencesFrom(DbSchema expected)
    {
        var mine = Facts().ToHashSet(StringComparer.Ordinal);
        var theirs = expected.Facts().ToHashSet(StringComparer.Ordinal);
        return theirs.Where(f => !mine.Contains(f)).Select(f => "missing:    " + f)
            .Concat(mine.Where(f => !theirs.Contains(f)).Select(f => "unexpected: " + f))
            .Order(StringComparer.Ordinal).ToList();
    }

    public DbSchema Without(params string[] tables) => new(Tables.Where(t => !tables.Contains(t.Name)).ToList());

    /// <summary>A copy with one table changed (the comparison's own tests alter a copy to see that it notices).</summary>
    public DbSchema With(string table, Func<TableSchema, TableSchema> change) =>
        new(Tables.Select(t => t.Name == table ? change(t) : t).ToList());
}

public sealed record TableSchema(string Name, IReadOnlyList<ColumnSchema> Columns, KeySchema? PrimaryKey,
    IReadOnlyList<KeySchema> UniqueConstraints, IReadOnlyList<IndexSchema> Indexes, IReadOnlyList<ForeignKeySchema> ForeignKeys)
{
    public IEnumerable<string> Facts()
    {
        yield return $"{Name}: table";
        foreach (var c in Columns) yield return $"{Name}: column {c}";
        if (PrimaryKey is not null) yield return $"{Name}: primary key {PrimaryKey}";
        foreach (var u in UniqueConstraints) yield return $"{Name}: unique {u}";
        foreach (var i in Indexes) yield return $"{Name}: index {i}";
        foreach (var f in ForeignKeys) yield return $"{Name}: foreign key {f}";
    }

    public TableSchema WithColumn(string name, Func<ColumnSchema, ColumnSchema> change) =>
        this with { Columns = Columns.Select(c => c.Name == name ? change(c) : c).ToList() };
}

/// <summary>A column. <paramref name="Identity"/>: how the database generates it (SQLite AUTOINCREMENT, PostgreSQL identity).</summary>
public sealed record ColumnSchema(string Name, string StoreType, bool Nullable, string? Default, string? Identity, string? Collation)
{
    public override string ToString() =>
        $"\"{Name}\" {StoreType}{(Nullable ? " NULL" : " NOT NULL")}{(Default is null ? "" : " DEFAULT " + Default)}" +
        $"{(Identity is null ? "" : " " + Identity)}{(Collation is null ? "" : " COLLATE " + Collation)}";
}

/// <summary>A primary key or unique constraint. SQLite keeps no constraint names it can report, so there they are null.</summary>
public sealed record KeySchema(string? Name, IReadOnlyList<string> Columns)
{
    public override string ToString() => $"{Name ?? "(unnamed)"} ({Schema.Quoted(Columns)})";
}

/// <summary>An index; each column is <c>"Col"</c> or <c>"Col" DESC</c>; the filter is normalised by <see cref="Schema.Expression"/>.</summary>
public sealed record IndexSchema(string Name, IReadOnlyList<string> Columns, bool Unique, string? Filter)
{
    public override string ToString() =>
        $"{(Unique ? "UNIQUE " : "")}{Name} ({string.Join(", ", Columns)}){(Filter is null ? "" : " WHERE " + Filter)}";
}

public sealed record ForeignKeySchema(string? Name, IReadOnlyList<string> Columns, string Principal, IReadOnlyList<string> PrincipalColumns, string OnDelete)
{
    public override string ToString() =>
        $"{Name ?? "(unnamed)"} ({Schema.Quoted(Columns)}) REFERENCES \"{Principal}\" ({Schema.Quoted(PrincipalColumns)}) ON DELETE {OnDelete}";
}

public static class Schema
{
    public static string Quoted(IEnumerable<string> columns) => string.Join(", ", columns.Select(c => $"\"{c}\""));

    /// <summary>
    /// An SQL expression (default or index filter) in a form both sides agree on: PostgreSQL gives back
    /// <c>(("Hash")::text = ''::text)</c> for the model's <c>"Hash" = ''</c>, so casts, brackets, spaces and case go.
    /// </summary>
    public static string? Expression(string? sql)
    {
        if (sql is null) return null;
        var s = System.Text.RegularExpressions.Regex.Replace(sql, @"::(character varying|timestamp with(out)? time zone|double precision|[a-z_]+)(\(\d+(,\d+)?\))?(\[\])?", "",
            System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        s = new string(s.Where(ch => !char.IsWhiteSpace(ch) && ch is not '(' and not ')').ToArray());
        return s.ToLowerInvariant();
    }
}

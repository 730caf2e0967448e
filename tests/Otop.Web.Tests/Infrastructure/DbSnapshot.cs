using System.Globalization;
using Microsoft.EntityFrameworkCore;
namespace Otop.Web.Tests.Infrastructure;

/// <summary>
/// Every row of every table the app maps, each rendered as its column values, to compare a database before and after a
/// request that must change nothing: a changed value, a row swapped for another, or a write to an unexpected table all
/// show, where equal row counts would not.
/// </summary>
public sealed class DbSnapshot
{
    /// <summary>
    /// Tables that timers write on their own, whatever the request: the product-count refresher rebuilds ProductCounts and
    /// clears ProductCountStates (its source tables, Products and OnlineListings, are in the snapshot), and the reminder
    /// dispatcher records Reminders on its period.
    /// </summary>
    public static readonly IReadOnlySet<string> WrittenByTimers = new HashSet<string>(StringComparer.Ordinal)
    {
        "ProductCounts", "ProductCountStates", "Reminders",
    };

    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _rows;

    private DbSnapshot(IReadOnlyDictionary<string, IReadOnlyList<string>> rows) => _rows = rows;

    public static Task<DbSnapshot> OfAsync(OtopApp app) => app.WithDbAsync(async db =>
    {
        var tables = db.Model.GetRelationalModel().Tables.Select(t => t.Name).Where(t => !WrittenByTimers.Contains(t))
            .Order(StringComparer.Ordinal).ToList();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            var rows = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            foreach (var table in tables)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT * FROM \"{table}\"";
                await using var reader = await command.ExecuteReaderAsync();
                var list = new List<string>();
                while (await reader.ReadAsync())
                {
                    list.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => $"{reader.GetName(i)}={Text(reader.GetValue(i))}")));
                }
                list.Sort(StringComparer.Ordinal);
                rows[table] = list;
            }
            return new DbSnapshot(rows);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    });

    /// <summary>Rows only in <paramref name="before"/> ("gone") or only in this snapshot ("new"), a changed row being both.</summary>
    public IReadOnlyList<string> DifferencesFrom(DbSnapshot before)
    {
        var differences = new List<string>();
        foreach (var table in before._rows.Keys.Union(_rows.Keys).Order(StringComparer.Ordinal))
        {
            var was = before._rows.GetValueOrDefault(table) ?? [];
            var now = _rows.GetValueOrDefault(table) ?? [];
            differences.AddRange(Except(was, now).Select(r => $"{table}: gone {r}"));
            differences.AddRange(Except(now, was).Select(r => $"{table}: new  {r}"));
        }
        return differences;
    }

    public void ShouldBeUnchangedFrom(DbSnapshot before)
    {
        var differences = DifferencesFrom(before);
        differences.ShouldBeEmpty("the database changed:\n" + string.Join("\n", differences.Take(20)));
    }

    /// <summary>Multiset difference: a row present twice before and once after is one row gone.</summary>
    private static IEnumerable<string> Except(IReadOnlyList<string> left, IReadOnlyList<string> right)
    {
        var counts = right.GroupBy(r => r, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        foreach (var row in left)
        {
            if (counts.TryGetValue(row, out var n) && n > 0) counts[row] = n - 1;
            else yield return row;
        }
    }

    private static string Text(object value) => value switch
    {
        DBNull => "NULL",
        byte[] bytes => "0x" + Convert.ToHexString(bytes),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}

public static class DbSnapshotExtensions
{
    /// <summary>Runs <paramref name="act"/> and asserts that no row of the database changed, the audit log included.</summary>
    public static async Task<T> ChangesNothingAsync<T>(this OtopApp app, Func<Task<T>> act)
    {
        var before = await DbSnapshot.OfAsync(app);
        var result = await act();
        (await DbSnapshot.OfAsync(app)).ShouldBeUnchangedFrom(before);
        return result;
    }
}

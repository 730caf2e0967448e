using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Revenue;

/// <summary>The entries writer of the database in use: the only place that asks which one it is.</summary>
public static partial class RevenueEntriesWriter
{
    private static readonly IRevenueEntriesWriter OnPostgres = new Postgres();
    private static readonly IRevenueEntriesWriter WithEf = new Sqlite();

    /// <summary>PostgreSQL's one-batch replacement on PostgreSQL; EF's path (SQLite's) on any other provider.</summary>
    public static IRevenueEntriesWriter For(AppDbContext db) => db.Database.IsNpgsql() ? OnPostgres : WithEf;

    /// <summary>
    /// PostgreSQL: one round trip for the whole replacement (the month-end surge of docs/benchmarks.md, B2), as one batch of
    /// three statements: the month row's UPDATE guarded by the version read (it also takes the row's lock first, so two
    /// savers of one month queue there rather than on its entries), the DELETE of the old entries RETURNING the audit's
    /// (code, amount) pairs, and ONE <c>INSERT … SELECT FROM unnest(arrays)</c> of the new entries instead of EF's
    /// multi-row batch. A month written for the first time is inserted by EF first (its unique (district, month) index
    /// refuses a second creator), then the entries. Returns null when the version no longer matches.
    /// </summary>
    private sealed class Postgres : IRevenueEntriesWriter
    {
        public async Task<List<(string Code, decimal Amount)>?> ReplaceAsync(AppDbContext db, RevenueMonth row,
            List<RevenueEntry> replacement, decimal total, string userName, DateTimeOffset now, CancellationToken ct)
        {
            var isNew = db.Entry(row).State == EntityState.Added;
            var readVersion = row.Version;
            row.Rewrite(total, userName, now);
            if (isNew) await db.SaveChangesAsync(ct);

            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await using var batch = new NpgsqlBatch(connection, (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction());
            NpgsqlBatchCommand? update = null;
            if (!isNew)
            {
                update = new NpgsqlBatchCommand("""
                    UPDATE "RevenueMonths" SET "Total" = $1, "Version" = $2, "UpdatedBy" = $3, "UpdatedAt" = $4
                    WHERE "Id" = $5 AND "Version" = $6
                    """)
                {
                    Parameters =
                    {
                        new NpgsqlParameter<decimal> { TypedValue = row.Total },
                        new NpgsqlParameter<int> { TypedValue = row.Version },
                        new NpgsqlParameter<string> { TypedValue = row.UpdatedBy },
                        new NpgsqlParameter<DateTimeOffset> { TypedValue = row.UpdatedAt },
                        new NpgsqlParameter<int> { TypedValue = row.Id },
                        new NpgsqlParameter<int> { TypedValue = readVersion },
                    },
                };
                batch.BatchCommands.Add(update);
                batch.BatchCommands.Add(new NpgsqlBatchCommand("""
                    DELETE FROM "RevenueEntries" AS e USING "Entrepreneurs" AS p
                    WHERE e."RevenueMonthId" = $1 AND p."Id" = e."EntrepreneurId"
                    RETURNING p."Code", e."Amount"
                    """)
                {
                    Parameters = { new NpgsqlParameter<int> { TypedValue = row.Id } },
                });
            }
            batch.BatchCommands.Add(new NpgsqlBatchCommand("""
                INSERT INTO "RevenueEntries" ("RevenueMonthId", "EntrepreneurId", "Amount", "Explanation", "NoSales")
                SELECT $1, u.* FROM unnest($2::integer[], $3::numeric[], $4::text[], $5::boolean[]) AS u
                """)
            {
                Parameters =
                {
                    new NpgsqlParameter<int> { TypedValue = row.Id },
                    new NpgsqlParameter<int[]> { TypedValue = replacement.Select(e => e.EntrepreneurId).ToArray() },
                    new NpgsqlParameter<decimal[]> { TypedValue = replacement.Select(e => e.Amount).ToArray() },
                    new NpgsqlParameter<string?[]> { TypedValue = replacement.Select(e => e.Explanation).ToArray() },
                    new NpgsqlParameter<bool[]> { TypedValue = replacement.Select(e => e.NoSales).ToArray() },
                },
            });

            var old = new List<(string Code, decimal Amount)>();
            await using (var reader = await batch.ExecuteReaderAsync(ct))
            {
                do
                {
                    while (await reader.ReadAsync(ct)) old.Add((reader.GetString(0), reader.GetDecimal(1)));
                } while (await reader.NextResultAsync(ct));
            }
            return update is { RecordsAffected: 0 } ? null : old;
        }
    }
}

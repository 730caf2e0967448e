using Microsoft.EntityFrameworkCore;
using Npgsql;
using Otop.Web.Platform.Audit;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Revenue;

/// <summary>The entries writer of the database in use: the only place that asks which one it is.</summary>
public static partial class RevenueEntriesWriter
{
    private static readonly IRevenueEntriesWriter OnPostgres = new Postgres();
    private static readonly IRevenueEntriesWriter WithEf = new Sqlite();

    /// <summary>PostgreSQL's two-batch save on PostgreSQL; EF's path (SQLite's) on any other provider.</summary>
    public static IRevenueEntriesWriter For(AppDbContext db) => db.Database.IsNpgsql() ? OnPostgres : WithEf;

    /// <summary>
    /// PostgreSQL: the whole save in two round trips (the month-end surge of docs/benchmarks.md, B2), one transaction
    /// opened and closed by the batches themselves (<c>BEGIN</c> in the first, <c>COMMIT</c> in the second):
    /// <list type="number">
    /// <item><c>BEGIN</c>; the month row's UPDATE guarded by the version read (it takes the row's lock first, so two savers
    /// of one month queue there), the DELETE of the old entries RETURNING the audit's (code, amount) pairs, and ONE
    /// <c>INSERT … SELECT FROM unnest(arrays)</c> of the new entries — or, for a month never stored, one statement that
    /// inserts the month (<c>ON CONFLICT DO NOTHING</c>: a second creator inserts nothing) and its entries; then the audit
    /// chain's lock and head (<see cref="AuditChain.AddLockAndHead"/>), so the lock is taken only after the entries are written;</item>
    /// <item>the audit entry, sealed after that head, and <c>COMMIT</c>.</item>
    /// </list>
    /// The lock is held for the head read, the sealing and the second batch, as short as a hash chain allows. When the
    /// version no longer matches (or a concurrent creator won) everything is rolled back and false returned.
    /// </summary>
    private sealed class Postgres : IRevenueEntriesWriter
    {
        public async Task<bool> SaveAsync(AppDbContext db, RevenueMonth row, bool isNew, List<RevenueEntry> replacement, decimal total,
            string userName, DateTimeOffset now, string chain, Func<List<(string Code, decimal Amount)>?, AuditEntry> audit, CancellationToken ct)
        {
            var readVersion = row.Version;
            row.Rewrite(total, userName, now);
            await db.Database.OpenConnectionAsync(ct);
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            var open = false;
            try
            {
                await using var first = new NpgsqlBatch(connection);
                first.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN"));
                open = true;
                var write = isNew ? Create(row, replacement) : Replace(row, readVersion, replacement);
                foreach (var command in write) first.BatchCommands.Add(command);
                AuditChain.AddLockAndHead(first, chain);

                var old = isNew ? null : new List<(string Code, decimal Amount)>();
                (long, string)? head = null;
                var created = false;
                await using (var reader = await first.ExecuteReaderAsync(ct))
                {
                    do
                    {
                        var column = reader.FieldCount > 0 ? reader.GetName(0) : "";
                        while (await reader.ReadAsync(ct))
                        {
                            if (column == "Code") old!.Add((reader.GetString(0), reader.GetDecimal(1)));
                            else if (column == AuditChain.HeadSequenceColumn) head = (reader.GetInt64(0), reader.GetString(1));
                            else if (column == "Id") created = true;
                        }
                    } while (await reader.NextResultAsync(ct));
                }
                var written = isNew ? created : write[0].RecordsAffected > 0;
                if (!written)
                {
                    await RollBackAsync(connection);
                    open = false;
                    return false;
                }

                var entry = audit(old);
                if (entry.Chain != chain) throw new InvalidOperationException($"The audit entry's chain {entry.Chain} is not the chain locked ({chain}).");
                await using var last = new NpgsqlBatch(connection);
                last.BatchCommands.Add(AuditChain.SealedInsert(db, entry, head));
                last.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
                await last.ExecuteNonQueryAsync(ct);
                open = false;
                return true;
            }
            catch when (open)
            {
                await RollBackAsync(connection);
                throw;
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }

        /// <summary>An existing month: the version-guarded UPDATE (first: its RecordsAffected says whether it won), the DELETE, the INSERT.</summary>
        private static List<NpgsqlBatchCommand> Replace(RevenueMonth row, int readVersion, List<RevenueEntry> replacement) =>
        [
            new("""
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
            },
            new("""
                DELETE FROM "RevenueEntries" AS e USING "Entrepreneurs" AS p
                WHERE e."RevenueMonthId" = $1 AND p."Id" = e."EntrepreneurId"
                RETURNING p."Code", e."Amount"
                """)
            {
                Parameters = { new NpgsqlParameter<int> { TypedValue = row.Id } },
            },
            new("""
                INSERT INTO "RevenueEntries" ("RevenueMonthId", "EntrepreneurId", "Amount", "Explanation", "NoSales")
                SELECT $1, u.* FROM unnest($2::integer[], $3::numeric[], $4::text[], $5::boolean[]) AS u
                """)
            {
                Parameters = { new NpgsqlParameter<int> { TypedValue = row.Id }, Ids(replacement), Amounts(replacement), Explanations(replacement), NoSales(replacement) },
            },
        ];

        /// <summary>
        /// A month never stored: the row and its entries in one statement. Its unique (district, month) index makes a second
        /// creator insert nothing (it waits for the first and then finds the row), so no "Id" comes back and the save lost.
        /// </summary>
        private static List<NpgsqlBatchCommand> Create(RevenueMonth row, List<RevenueEntry> replacement) =>
        [
            new("""
                WITH m AS (
                    INSERT INTO "RevenueMonths" ("DistrictCode", "ProvinceCode", "Month", "Status", "Version", "Late", "Total", "Unlocked", "UpdatedBy", "UpdatedAt")
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                    ON CONFLICT ("DistrictCode", "Month") DO NOTHING
                    RETURNING "Id"),
                e AS (
                    INSERT INTO "RevenueEntries" ("RevenueMonthId", "EntrepreneurId", "Amount", "Explanation", "NoSales")
                    SELECT m."Id", u.* FROM m, unnest($11::integer[], $12::numeric[], $13::text[], $14::boolean[]) AS u)
                SELECT "Id" FROM m
                """)
            {
                Parameters =
                {
                    new NpgsqlParameter<string> { TypedValue = row.DistrictCode },
                    new NpgsqlParameter<string> { TypedValue = row.ProvinceCode },
                    new NpgsqlParameter<string> { TypedValue = row.Month },
                    new NpgsqlParameter<int> { TypedValue = (int)row.Status },
                    new NpgsqlParameter<int> { TypedValue = row.Version },
                    new NpgsqlParameter<bool> { TypedValue = row.Late },
                    new NpgsqlParameter<decimal> { TypedValue = row.Total },
                    new NpgsqlParameter<bool> { TypedValue = row.Unlocked },
                    new NpgsqlParameter<string> { TypedValue = row.UpdatedBy },
                    new NpgsqlParameter<DateTimeOffset> { TypedValue = row.UpdatedAt },
                    Ids(replacement), Amounts(replacement), Explanations(replacement), NoSales(replacement),
                },
            },
        ];

        private static NpgsqlParameter Ids(List<RevenueEntry> entries) => new NpgsqlParameter<int[]> { TypedValue = entries.Select(e => e.EntrepreneurId).ToArray() };
        private static NpgsqlParameter Amounts(List<RevenueEntry> entries) => new NpgsqlParameter<decimal[]> { TypedValue = entries.Select(e => e.Amount).ToArray() };
        private static NpgsqlParameter Explanations(List<RevenueEntry> entries) => new NpgsqlParameter<string?[]> { TypedValue = entries.Select(e => e.Explanation).ToArray() };
        private static NpgsqlParameter NoSales(List<RevenueEntry> entries) => new NpgsqlParameter<bool[]> { TypedValue = entries.Select(e => e.NoSales).ToArray() };

        /// <summary>Ends the transaction the first batch began; a failed statement has left it aborted, which ROLLBACK also ends.</summary>
        private static async Task RollBackAsync(NpgsqlConnection connection)
        {
            if (connection.State != System.Data.ConnectionState.Open) return;
            try
            {
                await using var rollback = new NpgsqlCommand("ROLLBACK", connection);
                await rollback.ExecuteNonQueryAsync(CancellationToken.None);
            }
            catch (NpgsqlException)
            {
                // A broken connection ends its transaction with it (the pool discards it); the original error is the one to report.
            }
        }
    }
}

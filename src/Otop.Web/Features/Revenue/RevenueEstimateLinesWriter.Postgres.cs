using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Revenue;

/// <summary>
/// The estimate's new lines in one statement: on PostgreSQL one <c>INSERT … SELECT FROM unnest(arrays)</c> (a district of
/// 3,000 producers is 36,000 lines), elsewhere one EF batch. Runs inside the caller's transaction, after the old lines were deleted.
/// </summary>
public static partial class RevenueEstimateLinesWriter
{
    public static async Task InsertAsync(AppDbContext db, int estimateId, List<(int EntrepreneurId, string Month, decimal Amount)> lines, CancellationToken ct)
    {
        if (lines.Count == 0) return;
        if (!db.Database.IsNpgsql())
        {
            await InsertWithEfAsync(db, estimateId, lines, ct);
            return;
        }
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = new NpgsqlCommand("""
            INSERT INTO "RevenueEstimateLines" ("RevenueEstimateId", "EntrepreneurId", "Month", "Amount")
            SELECT $1, u.* FROM unnest($2::integer[], $3::text[], $4::numeric[]) AS u
            """, connection, (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction())
        {
            Parameters =
            {
                new NpgsqlParameter<int> { TypedValue = estimateId },
                new NpgsqlParameter<int[]> { TypedValue = lines.Select(l => l.EntrepreneurId).ToArray() },
                new NpgsqlParameter<string[]> { TypedValue = lines.Select(l => l.Month).ToArray() },
                new NpgsqlParameter<decimal[]> { TypedValue = lines.Select(l => l.Amount).ToArray() },
            },
        };
        await command.ExecuteNonQueryAsync(ct);
    }
}

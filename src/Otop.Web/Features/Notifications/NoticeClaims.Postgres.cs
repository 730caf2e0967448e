using Microsoft.EntityFrameworkCore;
using Npgsql;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Notifications;

/// <summary>Claims due outbox rows for one pass: the only place that asks which database is in use.</summary>
public interface INoticeClaims
{
    /// <summary>Marks up to <paramref name="batch"/> due, unclaimed (or lease-expired) pending rows with <paramref name="token"/> until <paramref name="until"/>; returns how many.</summary>
    Task<int> ClaimAsync(AppDbContext db, DateTimeOffset now, DateTimeOffset until, Guid token, int batch, CancellationToken ct);
}

public static partial class NoticeClaims
{
    private static readonly INoticeClaims OnPostgres = new Postgres();
    private static readonly INoticeClaims WithEf = new Sqlite();

    public static INoticeClaims For(AppDbContext db) => db.Database.IsNpgsql() ? OnPostgres : WithEf;

    /// <summary>
    /// PostgreSQL: one statement. <c>FOR UPDATE SKIP LOCKED</c> lets two nodes claim at the same instant without waiting on
    /// each other or taking the same row: each gets the rows the other has not locked.
    /// </summary>
    private sealed class Postgres : INoticeClaims
    {
        public async Task<int> ClaimAsync(AppDbContext db, DateTimeOffset now, DateTimeOffset until, Guid token, int batch, CancellationToken ct)
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            var opened = connection.State != System.Data.ConnectionState.Open;
            if (opened) await connection.OpenAsync(ct);
            try
            {
                await using var command = new NpgsqlCommand("""
                    UPDATE "NoticeDeliveries" SET "ClaimedUntil" = @until, "ClaimToken" = @token
                    WHERE "Id" IN (
                        SELECT "Id" FROM "NoticeDeliveries"
                        WHERE "Status" = 0 AND "NextAttemptAt" <= @now AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" < @now)
                        ORDER BY "NextAttemptAt", "Id" LIMIT @batch
                        FOR UPDATE SKIP LOCKED)
                    """, connection);
                command.Parameters.AddWithValue("until", until.ToUniversalTime());
                command.Parameters.AddWithValue("token", token);
                command.Parameters.AddWithValue("now", now.ToUniversalTime());
                command.Parameters.AddWithValue("batch", batch);
                return await command.ExecuteNonQueryAsync(ct);
            }
            finally
            {
                if (opened) await connection.CloseAsync();
            }
        }
    }
}

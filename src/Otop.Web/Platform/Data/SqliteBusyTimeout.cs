using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Otop.Web.Platform.Data;

/// <summary>
/// Concurrent writers on SQLite (several officers saving at once) wait inside SQLite's own busy handler, which backs off in
/// milliseconds, instead of Microsoft.Data.Sqlite's retry loop, which sleeps much longer between attempts. Every opened
/// connection gets the same wait limit as the command timeout.
/// </summary>
public sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    public static readonly SqliteBusyTimeout Shared = new();

    private const string Pragma = "PRAGMA busy_timeout = 30000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(ct);
    }
}

using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Otop.Web.Platform.Data;

/// <summary>What a failed write means, the same on both providers.</summary>
public static class DbErrors
{
    /// <summary>A write refused by a unique index: the same key created by someone else between our check and our insert.</summary>
    public static bool IsUniqueViolation(Exception? e) => e switch
    {
        null => false,
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
        // SQLITE_CONSTRAINT_UNIQUE (2067), not any constraint (19 also covers NOT NULL and foreign keys).
        Microsoft.Data.Sqlite.SqliteException lite => lite.SqliteExtendedErrorCode == 2067,
        _ => IsUniqueViolation(e.InnerException),
    };

    /// <summary>
    /// A write that lost to a concurrent one: EF's stale concurrency token or key conflict, or the same met by a raw
    /// PostgreSQL statement (a unique or foreign-key violation, a deadlock, a serialization failure).
    /// </summary>
    public static bool IsConcurrentWrite(Exception e) => e is DbUpdateException
        || e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.ForeignKeyViolation
            or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure };
}

using Microsoft.EntityFrameworkCore;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.OnlineMarket;

public static partial class ProductCountRefresher
{
    /// <summary>
    /// The district's change count, read under its state row's lock on PostgreSQL (SQLite's transaction already holds the
    /// write lock). The lock makes a writer that has marked the district but not committed finish first, and one that marks
    /// it later bump Changes past what we store: the counts then match exactly the Changes read here (migration 012).
    /// </summary>
    private static IQueryable<long> LockedChanges(AppDbContext db, string district) =>
        // Two whole literals rather than one with a suffix: EF's SQL-injection analyzer (EF1003) refuses built SQL.
        db.Database.SqlQueryRaw<long>(db.IsSqlite
            ? """SELECT "Changes" AS "Value" FROM "ProductCountStates" WHERE "DistrictCode" = {0}"""
            : """SELECT "Changes" AS "Value" FROM "ProductCountStates" WHERE "DistrictCode" = {0} FOR UPDATE""", district);
}

using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Revenue;

public static partial class RevenueEstimateLinesWriter
{
    /// <summary>
    /// SQLite (and any provider but PostgreSQL): one <c>INSERT … SELECT FROM json_each(@lines)</c> instead of 36,000 EF
    /// inserts; the amount is written as EF writes a decimal on SQLite (invariant text with at least one decimal).
    /// </summary>
    private static async Task InsertWithEfAsync(AppDbContext db, int estimateId, List<(int EntrepreneurId, string Month, decimal Amount)> lines, CancellationToken ct)
    {
        var json = JsonSerializer.Serialize(lines.Select(l => new object[]
            { l.EntrepreneurId, l.Month, l.Amount.ToString("0.0###########################", CultureInfo.InvariantCulture) }));
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "RevenueEstimateLines" ("RevenueEstimateId", "EntrepreneurId", "Month", "Amount")
            SELECT {estimateId}, json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]') FROM json_each({json})
            """, ct);
    }
}

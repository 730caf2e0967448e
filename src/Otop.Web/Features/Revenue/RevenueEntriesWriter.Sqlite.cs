using Microsoft.EntityFrameworkCore;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Revenue;

public static partial class RevenueEntriesWriter
{
    /// <summary>
    /// SQLite (and any provider but PostgreSQL): one DELETE of the month's entries, then the month row (its Version as read
    /// is the concurrency token) and every new entry in one EF batch. The old entries are read first as (code, amount)
    /// pairs for the audit. Throws <see cref="DbUpdateConcurrencyException"/> when the month changed meanwhile.
    /// </summary>
    private sealed class Sqlite : IRevenueEntriesWriter
    {
        public async Task<List<(string Code, decimal Amount)>?> ReplaceAsync(AppDbContext db, RevenueMonth row,
            List<RevenueEntry> replacement, decimal total, string userName, DateTimeOffset now, CancellationToken ct)
        {
            var old = new List<(string Code, decimal Amount)>();
            if (db.Entry(row).State != EntityState.Added)
            {
                // Read untracked: attached now, so its Version as read is the token of the UPDATE below.
                db.RevenueMonths.Attach(row);
                old = (await db.RevenueEntries.AsNoTracking().Where(e => e.RevenueMonthId == row.Id)
                        .Select(e => new { e.Entrepreneur.Code, e.Amount }).ToListAsync(ct))
                    .Select(e => (e.Code, e.Amount)).ToList();
                await db.RevenueEntries.Where(e => e.RevenueMonthId == row.Id).ExecuteDeleteAsync(ct);
            }
            foreach (var entry in replacement) row.Entries.Add(entry);
            row.Rewrite(total, userName, now);
            await db.SaveChangesAsync(ct);
            return old;
        }
    }
}

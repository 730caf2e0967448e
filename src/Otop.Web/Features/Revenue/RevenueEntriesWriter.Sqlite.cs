using Microsoft.EntityFrameworkCore;
using Otop.Web.Platform.Audit;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Revenue;

public static partial class RevenueEntriesWriter
{
    /// <summary>
    /// SQLite (and any provider but PostgreSQL), through EF: one DELETE of the month's entries, then the month row (its
    /// Version as read is the concurrency token) and every new entry in one EF batch, then the audit entry in its own
    /// SaveChanges (<see cref="AuditChainInterceptor"/> links it), all in one transaction. The old entries are read first
    /// as (code, amount) pairs for the audit. Throws <see cref="DbUpdateConcurrencyException"/> when the month changed meanwhile.
    /// </summary>
    private sealed class Sqlite : IRevenueEntriesWriter
    {
        public async Task<bool> SaveAsync(AppDbContext db, RevenueMonth row, bool isNew, List<RevenueEntry> replacement, decimal total,
            string userName, DateTimeOffset now, string chain, Func<List<(string Code, decimal Amount)>?, AuditEntry> audit, CancellationToken ct)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            List<(string Code, decimal Amount)>? old = null;
            if (isNew)
            {
                db.RevenueMonths.Add(row);
            }
            else
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
            // The audit entry last, in its own SaveChanges: the chain's lock (on SQLite the write transaction) and head
            // are then taken after the entries are written.
            db.AuditEntries.Add(audit(old));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return true;
        }
    }
}

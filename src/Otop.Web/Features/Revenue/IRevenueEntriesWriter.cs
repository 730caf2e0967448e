using Otop.Web.Platform.Audit;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Revenue;

/// <summary>
/// Saves a month's entries and its audit entry in one transaction, with the month row's version as read as its guard:
/// the month's total, next version, who and when go with the entries (<see cref="RevenueMonth.Rewrite"/>), the audit
/// entry last, linked into its chain. One implementation per provider, chosen by <see cref="RevenueEntriesWriter.For"/>.
/// </summary>
public interface IRevenueEntriesWriter
{
    /// <summary>
    /// Replaces the entries of <paramref name="row"/> (a month never stored when <paramref name="isNew"/>) and commits with
    /// the audit entry that <paramref name="audit"/> makes from the entries replaced, as (code, amount) pairs (null for a
    /// new month), once the row holds its new version and total; <paramref name="chain"/> is that entry's chain.
    /// Returns false when the month's version no longer matches or a concurrent save created it (nothing is written).
    /// A write that lost to a concurrent one may also throw (<see cref="DbErrors.IsConcurrentWrite"/>).
    /// </summary>
    Task<bool> SaveAsync(AppDbContext db, RevenueMonth row, bool isNew, List<RevenueEntry> replacement, decimal total,
        string userName, DateTimeOffset now, string chain, Func<List<(string Code, decimal Amount)>?, AuditEntry> audit, CancellationToken ct);
}

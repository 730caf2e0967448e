using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Revenue;

/// <summary>
/// Replaces a month's entries inside the caller's transaction, with the month row's version as read as its guard:
/// the month's total, next version, who and when go with the entries (<see cref="RevenueMonth.Rewrite"/>). One
/// implementation per provider, chosen by <see cref="RevenueEntriesWriter.For"/>.
/// </summary>
public interface IRevenueEntriesWriter
{
    /// <summary>
    /// Returns the entries replaced as (code, amount) pairs for the audit, or null when the month's version no longer
    /// matches (the caller rolls back). A write that lost to a concurrent one may also throw
    /// (<see cref="DbErrors.IsConcurrentWrite"/>).
    /// </summary>
    Task<List<(string Code, decimal Amount)>?> ReplaceAsync(AppDbContext db, RevenueMonth row, List<RevenueEntry> replacement,
        decimal total, string userName, DateTimeOffset now, CancellationToken ct);
}

using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Revenue;

public static partial class RevenueEstimateLinesWriter
{
    /// <summary>SQLite (and any provider but PostgreSQL): the lines added untracked-by-detection and saved as one EF batch.</summary>
    private static async Task InsertWithEfAsync(AppDbContext db, int estimateId, List<(int EntrepreneurId, string Month, decimal Amount)> lines, CancellationToken ct)
    {
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            db.RevenueEstimateLines.AddRange(lines.Select(l => new RevenueEstimateLine
                { RevenueEstimateId = estimateId, EntrepreneurId = l.EntrepreneurId, Month = l.Month, Amount = l.Amount }));
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }
}

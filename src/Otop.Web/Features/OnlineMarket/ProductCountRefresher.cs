using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Otop.Web.Features.Registry;
using Otop.Web.Platform;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.OnlineMarket;

/// <summary>
/// Recomputes the stored <see cref="ProductCount"/> rows of districts whose <see cref="ProductCountState"/> the triggers of
/// migration 012 marked changed. Readers never wait for it: a changed district is counted from its rows until it runs.
/// Safe on any number of nodes: each district is refreshed under its state row's lock, from a snapshot taken after it.
/// </summary>
public static partial class ProductCountRefresher
{
    /// <summary>Refreshes up to <paramref name="max"/> changed districts, in code order; returns how many it refreshed.</summary>
    public static async Task<int> RefreshChangedAsync(AppDbContext db, int max, CancellationToken ct)
    {
        var changed = await db.ProductCountStates.AsNoTracking()
            .Where(s => s.Changes != s.Refreshed)
            .OrderBy(s => s.DistrictCode)
            .Select(s => s.DistrictCode)
            .Take(max)
            .ToListAsync(ct);
        foreach (var district in changed) await RefreshDistrictAsync(db, district, ct);
        return changed.Count;
    }

    public static async Task RefreshDistrictAsync(AppDbContext db, string district, CancellationToken ct)
    {
        var province = district[..2];
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var changes = await LockedChanges(db, district).ToListAsync(ct);
        if (changes.Count == 0) return;

        // Per product: its registration year and what its listings span (ListingActivity.Span, issue 16 item 8). Read and
        // grouped here rather than in SQL: the gap between two listings is counted in rounds, which SQL would spell twice.
        var products = await db.Entrepreneurs.AsNoTracking().Where(e => e.DistrictCode == district)
            .SelectMany(e => e.Products, (e, p) => new { p.Id, p.RegisteredYear })
            .ToListAsync(ct);
        var listings = (await db.Entrepreneurs.AsNoTracking().Where(e => e.DistrictCode == district)
                .SelectMany(e => e.Products).SelectMany(p => p.Listings, (p, l) => new { p.Id, l.Since, l.RecordedOn, l.EndedOn })
                .ToListAsync(ct))
            .ToLookup(l => l.Id, l => (l.Since, l.RecordedOn, l.EndedOn));
        var rows = products
            .GroupBy(p => (p.RegisteredYear, Span: Otop.Domain.ListingActivity.Span(listings[p.Id])))
            .Select(g => new ProductCount
            {
                DistrictCode = district, ProvinceCode = province, RegisteredYear = g.Key.RegisteredYear,
                FirstListedOn = g.Key.Span.FirstListedOn, ListedUntil = g.Key.Span.ListedUntil, Gapped = g.Key.Span.Gapped,
                Products = g.Count(),
            })
            .ToList();
        await db.Database.ExecuteSqlAsync($"""DELETE FROM "ProductCounts" WHERE "DistrictCode" = {district}""", ct);
        db.ProductCounts.AddRange(rows);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        var seen = changes[0];
        await db.Database.ExecuteSqlAsync(
            $"""UPDATE "ProductCountStates" SET "Refreshed" = {seen} WHERE "DistrictCode" = {district}""", ct);
        await tx.CommitAsync(ct);
    }
}

/// <summary><c>ProductCounts__RefreshSeconds</c>, <c>ProductCounts__DistrictsPerPass</c> (docs/decisions/010).</summary>
public sealed class ProductCountOptions : IConfiguredOptions
{
    public static string Section => "ProductCounts";

    /// <summary>How often a node looks for changed districts; 0 turns the refresher off (reads stay exact, only slower).</summary>
    [Range(0d, 86_400d, ErrorMessage = ConfiguredOptions.Number)]
    public double RefreshSeconds { get; set; } = 2;

    /// <summary>Districts refreshed per pass, so one pass after a national import does not hold a connection for long.</summary>
    /// <remarks>At least one: a pass of none would find "as many as asked" every time and never end.</remarks>
    [Range(1, 100_000, ErrorMessage = ConfiguredOptions.WholeNumber)]
    public int DistrictsPerPass { get; set; } = 100;
}

/// <summary>Runs <see cref="ProductCountRefresher.RefreshChangedAsync"/> every <c>ProductCounts__RefreshSeconds</c>.</summary>
public sealed class ProductCountService(IServiceScopeFactory scopes, TimeProvider clock, IOptions<ProductCountOptions> options,
    ILogger<ProductCountService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (o.RefreshSeconds <= 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(o.RefreshSeconds), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                int refreshed;
                do
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                    refreshed = await ProductCountRefresher.RefreshChangedAsync(db, o.DistrictsPerPass, stoppingToken);
                } while (refreshed == o.DistrictsPerPass);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A database that is away for a minute must not stop the refresher for good; reads stay exact meanwhile.
                logger.LogWarning(ex, "Product count refresh failed; the next pass tries again");
            }
        }
    }
}

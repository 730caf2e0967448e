using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Registry;

/// <summary>
/// Fills the search key (ThaiSearch.Key, migration 024) of the producers and products written before it existed; every
/// later write keeps it (EF through the entities' SearchKey, the import's SQL with the same key). Runs at start in
/// batches; a database whose keys are filled finds nothing to do with one indexed query per table.
/// </summary>
public sealed class RegistrySearchKeys : IDatabaseStartupStep
{
    private const int Batch = 2000;

    public int Order => 1;

    public async Task RunAsync(IServiceProvider services, AppDbContext db, CancellationToken ct)
    {
        while (true)
        {
            var rows = await db.Entrepreneurs.AsNoTracking().Where(e => e.SearchKey == "" && e.Name != "")
                .OrderBy(e => e.Id).Select(e => new { e.Id, e.Name }).Take(Batch).ToListAsync(ct);
            if (rows.Count == 0) break;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            foreach (var r in rows)
            {
                var key = Filled(r.Name);
                await db.Database.ExecuteSqlAsync($"""UPDATE "Entrepreneurs" SET "SearchKey" = {key} WHERE "Id" = {r.Id}""", ct);
            }
            await tx.CommitAsync(ct);
        }
        while (true)
        {
            var rows = await db.Products.AsNoTracking().Where(p => p.SearchKey == "" && p.Name != "")
                .OrderBy(p => p.Id).Select(p => new { p.Id, p.Name }).Take(Batch).ToListAsync(ct);
            if (rows.Count == 0) break;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            foreach (var r in rows)
            {
                var key = Filled(r.Name);
                await db.Database.ExecuteSqlAsync($"""UPDATE "Products" SET "SearchKey" = {key} WHERE "Id" = {r.Id}""", ct);
            }
            await tx.CommitAsync(ct);
        }
    }

    // A name made only of spaces or invisible characters has an empty key: store one space, so it is not picked up again.
    private static string Filled(string name) => ThaiSearch.Key(name) is { Length: > 0 } key ? key : " ";
}

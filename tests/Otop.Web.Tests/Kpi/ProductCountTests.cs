using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Tests.Infrastructure;
using static Otop.Web.Tests.OnlineMarket.OnlineMarketData;
using Otop.Web.Features.OnlineMarket;
using Otop.Web.Features.Registry;

namespace Otop.Web.Tests.Kpi;

/// <summary>An app whose product-count refresher only runs when a test calls it, so a test knows which path a read takes.</summary>
public sealed class ManualCountsApp() : OtopApp(settings: new Dictionary<string, string?> { ["ProductCounts:RefreshSeconds"] = "0" });

/// <summary>
/// docs/decisions/010-stored-product-counts.md: the online-market results read stored per-district product counts (migration 012). They are a cache that
/// must never be wrong: whatever writes a product or a listing, the district is marked changed in the same transaction,
/// and a district's stored counts are trusted only while unchanged. Each test uses its own provinces.
/// </summary>
public sealed class ProductCountTests(ManualCountsApp app) : IClassFixture<ManualCountsApp>
{
    private Task RefreshAllAsync() => app.WithDbAsync(db => ProductCountRefresher.RefreshChangedAsync(db, int.MaxValue, default));

    private Task<List<ProductCountState>> StatesAsync(string province) =>
        app.WithDbAsync(db => db.ProductCountStates.AsNoTracking().Where(s => s.DistrictCode.StartsWith(province)).OrderBy(s => s.DistrictCode).ToListAsync());

    /// <summary>
    /// The invariant: every district with products has a state, and every district whose state says "unchanged" has stored
    /// counts equal to a count of its rows (registration year × first listing day).
    /// </summary>
    private async Task AssertStoredCountsEqualTheRowsAsync(string province, string when)
    {
        var (rows, stored, states) = await app.WithDbAsync(async db =>
        {
            var rows = await db.Products.AsNoTracking().Where(p => p.Entrepreneur.ProvinceCode == province)
                .Select(p => new { p.Entrepreneur.DistrictCode, p.RegisteredYear, First = p.Listings.Min(l => (DateOnly?)(l.Since >= l.RecordedOn ? l.Since : l.RecordedOn)) })
                .ToListAsync();
            var stored = await db.ProductCounts.AsNoTracking().Where(c => c.ProvinceCode == province).ToListAsync();
            var states = await db.ProductCountStates.AsNoTracking().Where(s => s.DistrictCode.StartsWith(province)).ToListAsync();
            return (rows, stored, states);
        });

        foreach (var district in rows.Select(r => r.DistrictCode).Distinct())
        {
            states.ShouldContain(s => s.DistrictCode == district, $"{when}: district {district} has products but no count state");
        }
        foreach (var state in states.Where(s => s.Changes == s.Refreshed))
        {
            var expected = rows.Where(r => r.DistrictCode == state.DistrictCode)
                .GroupBy(r => (r.RegisteredYear, r.First)).Select(g => $"{g.Key.RegisteredYear}/{g.Key.First}/{g.Count()}").Order().ToList();
            var actual = stored.Where(c => c.DistrictCode == state.DistrictCode)
                .Select(c => $"{c.RegisteredYear}/{c.FirstListedOn}/{c.Products}").Order().ToList();
            actual.ShouldBe(expected, $"{when}: stored counts of unchanged district {state.DistrictCode}");
        }
    }

    private async Task<JsonElement> ResultsAsync(int fiscalYear, string province)
    {
        var client = await app.ClientAsAsync("DepartmentAdmin", "0");
        return await (await client.GetAsync($"/api/v1/kpi/online-market/results?fiscalYear={fiscalYear}&round=1&province={province}")).JsonAsync();
    }

    private static (int Products, int Online) Row(JsonElement body, string district)
    {
        var row = body.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("districtCode").GetString() == district);
        return (row.GetProperty("products").GetInt32(), row.GetProperty("productsOnline").GetInt32());
    }

    [Fact]
    public async Task EveryKindOfRegistryAndListingWrite_MarksItsDistrictChanged_SoNoStaleCountIsEverTrusted()
    {
        await IndicatorAsync(app, 2640);
        var inA = await ProductsAsync(app, "3101", 40, online: 5, entrepreneurs: 4);
        var inB = await ProductsAsync(app, "3102", 10, online: 1);
        await RefreshAllAsync();
        (await StatesAsync("31")).ShouldAllBe(s => s.Changes == s.Refreshed);
        await AssertStoredCountsEqualTheRowsAsync("31", "after the first refresh");
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");

        var writes = new (string What, string[] Districts, Func<Task> Write)[]
        {
            ("a listing added through the API", ["3101"], async () =>
                (await admin.PutAsJsonAsync($"/api/v1/registry/products/{inA[20]}/online-listings",
                    new[] { new { channel = "shopee", url = "https://shopee.example/x", since = "2021-01-15" } })).EnsureSuccessStatusCode()),
            ("a product's listings removed through the API", ["3101"], async () =>
                (await admin.PutAsJsonAsync($"/api/v1/registry/products/{inA[0]}/online-listings", Array.Empty<object>())).EnsureSuccessStatusCode()),
            ("a listing re-dated", ["3101"], () => app.WithDbAsync(db =>
                db.OnlineListings.Where(l => l.Product.Code == inA[1]).ExecuteUpdateAsync(u => u.SetProperty(l => l.Since, new DateOnly(2021, 9, 1))))),
            ("a product re-registered in another year", ["3101"], () => app.WithDbAsync(db =>
                db.Products.Where(p => p.Code == inA[2]).ExecuteUpdateAsync(u => u.SetProperty(p => p.RegisteredYear, 2565)))),
            ("products inserted set-wise, as the import does", ["3102"], () => app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""
                INSERT INTO "Products" ("Code", "EntrepreneurId", "Name", "Category", "RegisteredYear", "Status", "Version", "UpdatedAt", "UpdatedBy")
                SELECT p."Code" || 'X', p."EntrepreneurId", p."Name", p."Category", p."RegisteredYear", 0, 0, p."UpdatedAt", 'test'
                FROM "Products" p JOIN "Entrepreneurs" e ON e."Id" = p."EntrepreneurId" WHERE e."DistrictCode" = '3102'
                """))),
            ("a product moved to a producer of another district", ["3101", "3102"], () => app.WithDbAsync(async db =>
            {
                var other = await db.Entrepreneurs.Where(e => e.DistrictCode == "3102").Select(e => e.Id).FirstAsync();
                return await db.Products.Where(p => p.Code == inA[3]).ExecuteUpdateAsync(u => u.SetProperty(p => p.EntrepreneurId, other));
            })),
            ("a producer moved to another district with its products", ["3101", "3103"], () => app.WithDbAsync(async db =>
            {
                var producer = await db.Entrepreneurs.Where(e => e.DistrictCode == "3101").OrderBy(e => e.Code).FirstAsync();
                producer.DistrictCode = "3103";
                return await db.SaveChangesAsync();
            })),
            ("a product with its listings deleted", ["3102"], () => app.WithDbAsync(db =>
                db.Products.Where(p => p.Code == inB[0]).ExecuteDeleteAsync())),
        };

        foreach (var (what, districts, write) in writes)
        {
            await write();

            var states = await StatesAsync("31");
            foreach (var district in districts)
            {
                var state = states.Single(s => s.DistrictCode == district);
                state.Changes.ShouldNotBe(state.Refreshed, $"{what}: district {district} is not marked changed");
            }
            await AssertStoredCountsEqualTheRowsAsync("31", $"{what}, before the refresh");
            var counted = await ResultsAsync(2640, "31");
            await RefreshAllAsync();
            (await StatesAsync("31")).ShouldAllBe(s => s.Changes == s.Refreshed);
            await AssertStoredCountsEqualTheRowsAsync("31", $"{what}, after the refresh");
            (await ResultsAsync(2640, "31")).GetRawText().ShouldBe(counted.GetRawText(), $"{what}: stored and counted results differ");
        }
    }

    [Fact]
    public async Task Results_AreTheSame_WhenCountedFromTheRows_AndWhenReadFromTheStoredCounts()
    {
        await IndicatorAsync(app, 2641);
        await ProductsAsync(app, "3201", 120, online: 9, entrepreneurs: 30);
        await ProductsAsync(app, "3201", 15, online: 2, registeredYear: 2556);
        await ProductsAsync(app, "3202", 30, online: 3, listedSince: new DateOnly(2098, 4, 1));
        (await StatesAsync("32")).ShouldAllBe(s => s.Changes != s.Refreshed);

        var counted = await ResultsAsync(2641, "32");
        await RefreshAllAsync();
        var stored = await ResultsAsync(2641, "32");

        stored.GetRawText().ShouldBe(counted.GetRawText());
        // 2556 is outside letter 1's 2557–2563; a listing from 1 April 2641 (2098) is after the round's last day, 31 March 2641.
        Row(stored, "3201").ShouldBe((120, 9));
        Row(stored, "3202").ShouldBe((30, 0));
        stored.GetProperty("total").GetProperty("products").GetInt32().ShouldBe(150);
    }

    [Fact]
    public async Task TheNationalResults_MixStoredAndCountedDistricts_AndStillAddUp()
    {
        await IndicatorAsync(app, 2642);
        await ProductsAsync(app, "3301", 50, online: 4);
        await RefreshAllAsync();
        await ProductsAsync(app, "3302", 20, online: 2);
        var states = await StatesAsync("33");
        states.Single(s => s.DistrictCode == "3301").Refreshed.ShouldBe(states.Single(s => s.DistrictCode == "3301").Changes);
        states.Single(s => s.DistrictCode == "3302").Refreshed.ShouldNotBe(states.Single(s => s.DistrictCode == "3302").Changes);

        var nation = await ResultsAsync(2642, "0");
        var province = await ResultsAsync(2642, "33");

        Row(province, "3301").ShouldBe((50, 4));
        Row(province, "3302").ShouldBe((20, 2));
        // The nation answers one row per province (issue 17): Ubon's row is its stored and its counted district together.
        var ubon = nation.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("provinceCode").GetString() == "33");
        (ubon.GetProperty("products").GetInt32(), ubon.GetProperty("productsOnline").GetInt32()).ShouldBe((70, 6));
        var rows = nation.GetProperty("rows").EnumerateArray().ToList();
        nation.GetProperty("total").GetProperty("products").GetInt32().ShouldBe(rows.Sum(r => r.GetProperty("products").GetInt32()));
        nation.GetProperty("total").GetProperty("productsOnline").GetInt32().ShouldBe(rows.Sum(r => r.GetProperty("productsOnline").GetInt32()));
    }

    [Fact]
    public async Task TwoRefreshersOfOneDistrictAtOnce_LeaveOneSetOfCounts()
    {
        await ProductsAsync(app, "3401", 60, online: 6, entrepreneurs: 6);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => app.WithDbAsync(db => ProductCountRefresher.RefreshChangedAsync(db, int.MaxValue, default))));

        await AssertStoredCountsEqualTheRowsAsync("34", "after four refreshers at once");
        (await StatesAsync("34")).ShouldAllBe(s => s.Changes == s.Refreshed);
    }
}

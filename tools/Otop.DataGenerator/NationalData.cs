using Otop.Domain;
using Otop.Web.Features.Demo;
using Otop.Web.Features.Registry;
using Otop.Web.Platform.Data;

namespace Otop.DataGenerator;

/// <summary>The size of a generated data set. <see cref="Full"/> is issue 8's national scale.</summary>
public sealed record Scale(string Name, int Producers, int Products, int FirstFiscalYear, int LastFiscalYear, string[]? Provinces, int Seed = 2567)
{
    /// <summary>76 provinces, 878 districts, 100,000 producers, 250,000 products, FY 2558–2567 (120 months).</summary>
    public static readonly Scale Full = new("full", 100_000, 250_000, 2558, 2567, null);

    /// <summary>Development size: 4 provinces, 4,000 producers, 10,000 products, FY 2565–2567.</summary>
    public static readonly Scale Small = new("small", 4_000, 10_000, 2565, 2567, ["27", "30", "34", "50"]);

    /// <summary>The tests' size (tests/Otop.Web.Tests/Scale): 2 provinces, a few thousand products and figures.</summary>
    public static readonly Scale Tiny = new("tiny", 400, 1_000, 2566, 2567, ["27", "24"]);

    public static Scale Parse(string name) => name switch
    {
        "full" => Full,
        "small" => Small,
        "tiny" => Tiny,
        _ => throw new ArgumentException($"unknown scale '{name}' (full, small, tiny)"),
    };

    public IEnumerable<YearMonth> Months =>
        Enumerable.Range(FirstFiscalYear, LastFiscalYear - FirstFiscalYear + 1).SelectMany(fy => new FiscalYear(fy).Months);
}

public sealed record District(string Code, string ProvinceCode, string NameTh, IReadOnlyList<(string Code, string NameTh)> Subdistricts);

public sealed record Producer(int Id, int Index, string Code, string Name, EntrepreneurType Type, District District, string? SubdistrictCode,
    int FirstYear, decimal BaseMonthly);

public sealed record ProductRow(int Id, string Code, Producer Producer, string Name, ProductCategory Category, int RegisteredYear);

public sealed record Listing(int Id, ProductRow Product, string ChannelCode, string Url, DateOnly Since);

/// <summary>
/// A deterministic national data set (issue 8): org units from the app's reference data, producers spread over districts
/// with a Zipf-like skew (a few big provinces and districts), 1–n products each (Pareto), Thai names from the demo word
/// lists and the real subdistrict names, registration years peaking in 2557–2563, listings for a share of products, and
/// monthly revenue per producer computed by a hash of (seed, producer, month) so 12 million figures need no memory and
/// any figure can be recomputed to check a total. Same scale and seed → byte-identical output.
/// </summary>
public sealed class NationalData
{
    public Scale Scale { get; }
    public IReadOnlyList<District> Districts { get; }
    public IReadOnlyList<Producer> Producers { get; }
    public IReadOnlyList<ProductRow> Products { get; }
    public IReadOnlyList<Listing> Listings { get; }
    public IReadOnlyList<YearMonth> Months { get; }

    // Festival months (Oct–Dec, Songkran in April) sell more, as in the demo seeder.
    private static readonly decimal[] Season = [1.15m, 1.25m, 1.35m, 1.05m, 0.95m, 1.0m, 1.2m, 0.9m, 0.85m, 0.85m, 0.9m, 0.95m];
    private static readonly string[] Channels = ["shopee", "lazada", "facebook", "line", "tiktok", "website", "other"];
    private readonly Dictionary<string, decimal> _growth = new();

    public NationalData(Scale scale)
    {
        Scale = scale;
        var random = new Random(scale.Seed);
        var units = ReferenceData.LoadOrgUnits().ToList();
        var provinces = units.Where(u => u.Level == OrgLevel.Province && (scale.Provinces is null || scale.Provinces.Contains(u.Code)))
            .Select(u => u.Code).ToList();
        Districts = units.Where(u => u.Level == OrgLevel.District && provinces.Contains(u.ParentCode!))
            .OrderBy(u => u.Code, StringComparer.Ordinal)
            .Select(u => new District(u.Code, u.ParentCode!, u.NameTh, ReferenceData.SubdistrictsOf(u.Code).ToList()))
            .ToList();
        Months = scale.Months.ToList();

        // Zipf-like: provinces ranked by their number of districts (big provinces have more), districts ranked with the
        // Mueang district first and the others shuffled.
        var byProvince = Districts.GroupBy(d => d.ProvinceCode).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        var weights = new Dictionary<District, double>();
        for (var p = 0; p < byProvince.Count; p++)
        {
            var ranked = byProvince[p].OrderBy(d => d.Code.EndsWith("01") ? 0 : 1).ThenBy(_ => random.Next()).ToList();
            var provinceWeight = 1.0 / Math.Pow(p + 1, 0.6);
            var sum = ranked.Select((_, r) => 1.0 / Math.Pow(r + 1, 0.7)).Sum();
            for (var r = 0; r < ranked.Count; r++) weights[ranked[r]] = provinceWeight * (1.0 / Math.Pow(r + 1, 0.7)) / sum;
        }
        var floor = Math.Min(20, scale.Producers / Districts.Count);
        var perDistrict = Allocate(Districts.Select(d => weights[d]).ToList(), scale.Producers - floor * Districts.Count)
            .Select(n => n + floor).ToList();

        var producers = new List<Producer>(scale.Producers);
        for (var i = 0; i < Districts.Count; i++)
        {
            var district = Districts[i];
            _growth[district.Code] = 1.02m + (decimal)random.NextDouble() * 0.16m;
            for (var n = 0; n < perDistrict[i]; n++)
            {
                var (type, name, subdistrict) = NewName(random, district);
                var firstYear = RegistrationYear(random);
                var baseMonthly = Rounding.HalfAwayFromZero((decimal)(2500 * Math.Exp(random.NextDouble() * 4.2)), 0);
                producers.Add(new Producer(producers.Count + 1, producers.Count, $"{district.Code}{n + 1:D4}", name, type, district, subdistrict, firstYear, baseMonthly));
            }
        }
        Producers = producers;

        // 1 + a Pareto share of the rest: most producers have one to three products, a few have dozens.
        var productWeights = producers.Select(_ => Math.Min(40.0, 1.0 / Math.Pow(1 - random.NextDouble(), 1 / 1.6))).ToList();
        var extra = Allocate(productWeights, scale.Products - producers.Count);
        var products = new List<ProductRow>(scale.Products);
        foreach (var producer in producers)
        {
            var count = 1 + extra[producer.Index];
            for (var k = 0; k < count; k++)
            {
                var category = PickCategory(random);
                var names = DemoNames.Products[category];
                var name = names[random.Next(names.Length)] + DemoNames.Packs[random.Next(DemoNames.Packs.Length)] + (k >= names.Length ? $" แบบที่ {k + 1}" : "");
                var year = k == 0 ? producer.FirstYear : Math.Min(2567, producer.FirstYear + random.Next(0, 2568 - producer.FirstYear));
                products.Add(new ProductRow(products.Count + 1, $"{producer.Code}-{k + 1:D2}", producer, name, category, year));
            }
        }
        Products = products;

        // Listings: each district has its own online share (3–16 %), so scores differ; one or two channels per product.
        var listings = new List<Listing>();
        var shareByDistrict = Districts.ToDictionary(d => d.Code, _ => 0.03 + random.NextDouble() * 0.13);
        foreach (var product in products)
        {
            if (random.NextDouble() >= shareByDistrict[product.Producer.District.Code]) continue;
            var channels = random.Next(4) == 0 ? 2 : 1;
            var since = new DateOnly(2019, 1, 1).AddDays(random.Next(0, 1900)); // by mid-2024: never after the load
            for (var c = 0; c < channels; c++)
            {
                var channel = Channels[(product.Id + c * 3) % Channels.Length];
                listings.Add(new Listing(listings.Count + 1, product, channel, $"https://{channel}.example/otop/{product.Code}", since.AddDays(c * 90)));
            }
        }
        Listings = listings;
    }

    /// <summary>Largest-remainder split of <paramref name="total"/> by weight: exact total, deterministic.</summary>
    public static List<int> Allocate(IReadOnlyList<double> weights, int total)
    {
        var sum = weights.Sum();
        var shares = weights.Select(w => w / sum * total).ToList();
        var counts = shares.Select(s => (int)Math.Floor(s)).ToList();
        var left = total - counts.Sum();
        foreach (var i in Enumerable.Range(0, shares.Count).OrderByDescending(i => shares[i] - counts[i]).ThenBy(i => i).Take(left)) counts[i]++;
        return counts;
    }

    /// <summary>
    /// The producer's revenue in month <paramref name="monthIndex"/> of <see cref="Months"/>, or null when it reported
    /// nothing (registered only in 2566 or later, or about 3 % of months with no sale).
    /// </summary>
    public decimal? Figure(Producer producer, int monthIndex)
    {
        var month = Months[monthIndex];
        // Producers sold before they registered; only the newest (2566 on) are absent from the years before.
        if (producer.FirstYear >= 2566 && month.FiscalYear < producer.FirstYear) return null;
        var h = Hash((ulong)Scale.Seed, (ulong)producer.Index, (ulong)monthIndex);
        if (h % 1000 < 30) return null;
        var noise = 0.85m + (h >> 10) % 3000 / 10_000m;
        var years = month.FiscalYear - Scale.FirstFiscalYear;
        var growth = 1m + (_growth[producer.District.Code] - 1m) * years;
        var amount = producer.BaseMonthly * Season[(month.Month + 2) % 12] * growth * noise;
        return Rounding.HalfAwayFromZero(amount, (h >> 30) % 3 == 0 ? 2 : 0);
    }

    /// <summary>Every figure of a district in a month, producers in code order.</summary>
    public IEnumerable<(Producer Producer, decimal Amount)> FiguresOf(IEnumerable<Producer> producers, int monthIndex)
    {
        foreach (var p in producers)
        {
            if (Figure(p, monthIndex) is { } amount) yield return (p, amount);
        }
    }

    public long FigureCount => Producers.Sum(p => (long)Enumerable.Range(0, Months.Count).Count(m => Figure(p, m) is not null));

    private static ulong Hash(ulong a, ulong b, ulong c)
    {
        var x = a * 0x9E3779B97F4A7C15UL ^ (b + 0x632BE59BD9B4E019UL) * 0xBF58476D1CE4E5B9UL ^ (c + 1) * 0x94D049BB133111EBUL;
        x ^= x >> 30; x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27; x *= 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    private static int RegistrationYear(Random random)
    {
        // Most of the registry dates from the 2557–2563 drive (letter 1's range); some older, some newer.
        var roll = random.NextDouble();
        return roll switch
        {
            < 0.15 => 2547 + random.Next(10),
            < 0.85 => 2557 + random.Next(7),
            _ => 2564 + random.Next(4),
        };
    }

    private static (EntrepreneurType, string, string?) NewName(Random random, District district)
    {
        var (subCode, village) = district.Subdistricts.Count > 0
            ? district.Subdistricts[random.Next(district.Subdistricts.Count)]
            : ((string?)null, DemoNames.Villages[random.Next(DemoNames.Villages.Length)])!;
        var roll = random.NextDouble();
        if (roll < 0.016) return (EntrepreneurType.Sme, $"บริษัท {village}{(random.Next(2) == 0 ? "ฟู้ดส์" : "คราฟต์")} จำกัด", subCode);
        if (roll < 0.57) return (EntrepreneurType.Group, DemoNames.GroupKinds[random.Next(DemoNames.GroupKinds.Length)] + village, subCode);
        var title = DemoNames.Titles[random.Next(DemoNames.Titles.Length)];
        return (EntrepreneurType.Single,
            $"{title}{DemoNames.FirstNames[random.Next(DemoNames.FirstNames.Length)]} {DemoNames.LastNames[random.Next(DemoNames.LastNames.Length)]}", subCode);
    }

    private static ProductCategory PickCategory(Random random) => random.NextDouble() switch
    {
        < 0.45 => ProductCategory.Food,
        < 0.55 => ProductCategory.Beverage,
        < 0.75 => ProductCategory.Textile,
        < 0.90 => ProductCategory.Decorative,
        _ => ProductCategory.Herbal,
    };
}

using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Circulars;
using Otop.Web.Features.Kpi;
using Otop.Web.Features.Registry;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.OnlineMarket;

public sealed record TargetRow(string DistrictCode, string DistrictName, int Entrepreneurs, int Products, decimal[] Thresholds)
{
    /// <summary>Today's registry count when it differs from the published (frozen) one; absent otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? CurrentEntrepreneurs { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? CurrentProducts { get; init; }
}

public sealed record TargetTotal(int Entrepreneurs, int Products);

/// <summary>Letter 1, enclosure 1 as CONTRACT.md's JSON; <c>published</c> and later fields are additions.</summary>
public sealed record TargetTable(int FiscalYear, int Round, string Province, decimal[] Percents, List<TargetRow> Rows, TargetTotal Total,
    bool Published, DateTimeOffset? PublishedAt, string? PublishedBy);

public sealed record ResultRow(string DistrictCode, int Products, int ProductsOnline, decimal Percent, decimal Score, string DistrictName)
{
    /// <summary>"อีก 2 ผลิตภัณฑ์ จะได้ 3 คะแนน": products still to go online for the next score; null at the top score.</summary>
    public int? MissingForNextScore { get; init; }
    public int? NextScore { get; init; }
}

public sealed record ResultTotal(int Products, int ProductsOnline, decimal Percent, decimal Score);

public sealed record ResultTable(int FiscalYear, int Round, string Province, List<ResultRow> Rows, ResultTotal Total,
    string ScoringMethod, decimal[] Percents, bool Published, DateOnly LastDay);

/// <summary>A province of the national results (<c>province=0</c>): its districts' rows summed, scored from those sums.</summary>
public sealed record ProvinceResultRow(string ProvinceCode, string ProvinceName, int Districts, int Products, int ProductsOnline, decimal Percent, decimal Score);

/// <summary>The national results: one row per province in code order and the national total, from the same district rows as the per-province call.</summary>
public sealed record NationalResultTable(int FiscalYear, int Round, string Province, List<ProvinceResultRow> Rows, ResultTotal Total,
    string ScoringMethod, decimal[] Percents, DateOnly LastDay);

/// <summary>The indicator of a fiscal year and one of its rounds, with the round's score table.</summary>
public sealed record OnlineMarketRound(Indicator Indicator, IndicatorRound Round, ScoreTable Table)
{
    public FiscalYear FiscalYear => new(Indicator.FiscalYear);
    public DateOnly FirstDay => FiscalYear.RoundFirstDay(Round.Round);
    /// <summary>A product counts as online for the round when listed on or before this day (CONTRACT.md).</summary>
    public DateOnly LastDay => FiscalYear.RoundLastDay(Round.Round);
    /// <summary>... and recorded by the end of this day, Bangkok (CONTRACT.md: the round's results cut-off, by default its last day).</summary>
    public DateOnly CutOff => Round.ResultsCutOff ?? LastDay;
    /// <summary>The stored counts (decision 010) hold the first day each product counts under the default cut-off only.</summary>
    public bool DefaultCutOff => CutOff == LastDay;
    public int RegisteredFrom => Indicator.RegisteredFrom ?? int.MinValue;
    public int RegisteredTo => Indicator.RegisteredTo ?? int.MaxValue;
    public decimal[] Percents => Table.Bands.Select(b => b.Percent).ToArray();
}

/// <summary>A product counted online, with the listings that make it so and who recorded them (letter 1, enclosure 4: the result report, per product sold online).</summary>
public sealed record OnlineProduct(string ProductCode, string ProductName, string EntrepreneurName, int RegisteredYear,
    List<OnlineProductListing> Listings);

public sealed record OnlineProductListing(int Id, string ChannelCode, string Url, DateOnly Since, string RecordedBy, DateTimeOffset RecordedAt, bool HasEvidence)
{
    /// <summary>Its since is more than <see cref="ListingRecording.BackdatedAfterDays"/> days before it was recorded: the province checks it.</summary>
    public bool Backdated { get; init; }
}

/// <summary>
/// The online-market indicator (letter 1): target table per district, results, and the working behind each score. Counts
/// the products registered in the indicator's registration range and the entrepreneurs with at least one of them.
/// </summary>
public static partial class OnlineMarketKpi
{
    /// <summary>Reads the province's tables: the department, or anyone of that province (letter 1 sends the targets to every district).</summary>
    public static bool CanRead(CurrentUser me, string province) =>
        me.Scope.IsDepartment || me.Scope.ProvinceCode == province;

    /// <summary>Publishing a round's targets: the province officer of that province, or the department.</summary>
    public static bool CanPublish(CurrentUser me, string province) =>
        me.IsDepartmentAdmin || (me.IsProvinceOfficer && me.Scope.Code == province);

    public static decimal WithoutTrailingZeros(decimal d) => d / 1.000000000000000000000000000000000m;

    /// <summary>A target cell with one decimal always shown, as letter 1 prints it (270 × 10 % = 27.0).</summary>
    public static decimal Threshold(int products, decimal percent) => ScoreTable.Threshold(products, percent) + 0.0m;

    /// <summary>Validates the query of the targets/results calls; Thai messages name the field.</summary>
    public static Dictionary<string, string[]> ParseQuery(string? fiscalYear, string? round, string? province,
        out int fy, out int r, out string provinceCode)
    {
        var errors = new Dictionary<string, string[]>();
        fy = 0; r = 0; provinceCode = (province ?? "").Trim();
        if (string.IsNullOrWhiteSpace(fiscalYear)) errors["fiscalYear"] = ["กรุณาระบุปีงบประมาณ (fiscalYear) เป็นปี พ.ศ. เช่น 2564"];
        else if (YearInput.Parse(fiscalYear, out var yearError, "ปีงบประมาณ (fiscalYear)") is { } year) fy = year;
        else errors["fiscalYear"] = [yearError!];
        if (string.IsNullOrWhiteSpace(round)) errors["round"] = ["กรุณาระบุรอบการประเมิน (round) เป็น 1 หรือ 2"];
        else if (!ThaiDigits.TryParseInt(round, out r) || r is < 1 or > 2) errors["round"] = [$"รอบการประเมิน (round) \"{round}\" ไม่ถูกต้อง ต้องเป็น 1 หรือ 2"];
        if (provinceCode.Length == 0) errors["province"] = ["กรุณาระบุรหัสจังหวัด (province) เช่น 27"];
        else if (provinceCode.Length != 2 || !provinceCode.All(char.IsAsciiDigit)) errors["province"] = [$"รหัสจังหวัด (province) \"{province}\" ไม่ถูกต้อง ต้องเป็นรหัส 2 หลัก เช่น 27"];
        return errors;
    }

    /// <summary>The fiscal year's online-market indicator and the round, or the 404 that says which is missing.</summary>
    public static async Task<(OnlineMarketRound? Round, Refusal? Refusal)> FindRoundAsync(AppDbContext db, int fiscalYear, int round, CancellationToken ct)
    {
        var indicator = await db.Indicators.AsNoTracking()
            .Include(i => i.Rounds).ThenInclude(r => r.Bands)
            .Where(i => i.FiscalYear == fiscalYear && i.Kind == IndicatorKind.OnlineMarketShare)
            .OrderBy(i => i.Id)
            .FirstOrDefaultAsync(ct);
        if (indicator is null) return (null, new Refusal(404, $"ไม่พบตัวชี้วัดตลาดออนไลน์ของปีงบประมาณ {fiscalYear}"));
        var r = indicator.Rounds.FirstOrDefault(x => x.Round == round);
        if (r is null || r.Bands.Count < 2)
        {
            return (null, new Refusal(404, $"ตัวชี้วัด \"{indicator.NameTh}\" ปีงบประมาณ {fiscalYear} ไม่มีรอบการประเมินที่ {round}"));
        }
        // WithoutTrailingZeros: SQLite gives 10, PostgreSQL 10.00; the same scale on both keeps the JSON identical.
        var table = new ScoreTable(r.Bands.OrderBy(b => b.Score).Select(b => new ScoreBand(b.Score, WithoutTrailingZeros(b.Percent))));
        return (new OnlineMarketRound(indicator, r, table), null);
    }

    public static Task<bool> ProvinceExistsAsync(AppDbContext db, string province, CancellationToken ct) =>
        db.OrgUnits.AnyAsync(o => o.Code == province && o.Level == OrgLevel.Province, ct);

    /// <summary>Every district of the province (or of the country for "0"), in code order: the rows of both tables.</summary>
    private static Task<List<DistrictName>> DistrictsAsync(AppDbContext db, OrgScope scope, CancellationToken ct) =>
        db.OrgUnits.AsNoTracking().VisibleTo(scope)
            .Where(o => o.Level == OrgLevel.District)
            .OrderBy(o => o.Code)
            .Select(o => new DistrictName(o.Code, o.NameTh))
            .ToListAsync(ct);

    private sealed record DistrictName(string Code, string NameTh);

    /// <summary>Today's registry counts per district of the province (every district, zero when it has no product).</summary>
    public static async Task<List<(string Code, string Name, int Entrepreneurs, int Products)>> CurrentCountsAsync(
        AppDbContext db, OnlineMarketRound om, string province, CancellationToken ct)
    {
        var provinceScope = new OrgScope(province);
        var districts = await DistrictsAsync(db, provinceScope, ct);
        var (from, to) = (om.RegisteredFrom, om.RegisteredTo);
        var counts = await db.Entrepreneurs.AsNoTracking().VisibleTo(provinceScope)
            .SelectMany(e => e.Products.Where(p => p.RegisteredYear >= from && p.RegisteredYear <= to),
                (e, p) => new { e.DistrictCode, p.EntrepreneurId })
            .GroupBy(x => x.DistrictCode)
            .Select(g => new { District = g.Key, Products = g.Count(), Entrepreneurs = g.Select(x => x.EntrepreneurId).Distinct().Count() })
            .ToListAsync(ct);
        return districts.Select(d =>
        {
            var c = counts.FirstOrDefault(x => x.District == d.Code);
            return (d.Code, d.NameTh, c?.Entrepreneurs ?? 0, c?.Products ?? 0);
        }).ToList();
    }

    public static async Task<TargetTable> TargetsAsync(AppDbContext db, OnlineMarketRound om, string province, CancellationToken ct)
    {
        var current = await CurrentCountsAsync(db, om, province, ct);
        var indicatorId = om.Indicator.Id;
        var roundNo = om.Round.Round;
        var published = await db.PublishedTargets.AsNoTracking().VisibleTo(new OrgScope(province))
            .Where(t => t.IndicatorId == indicatorId && t.Round == roundNo)
            .ToListAsync(ct);
        var percents = om.Percents;
        var rows = current.Select(d =>
        {
            var frozen = published.FirstOrDefault(t => t.DistrictCode == d.Code);
            var (entrepreneurs, products) = frozen is null ? (d.Entrepreneurs, d.Products) : (frozen.Entrepreneurs, frozen.Products);
            return new TargetRow(d.Code, d.Name, entrepreneurs, products, percents.Select(p => Threshold(products, p)).ToArray())
            {
                CurrentEntrepreneurs = frozen is not null && frozen.Entrepreneurs != d.Entrepreneurs ? d.Entrepreneurs : null,
                CurrentProducts = frozen is not null && frozen.Products != d.Products ? d.Products : null,
            };
        }).ToList();
        var last = published.OrderByDescending(t => t.PublishedAt).FirstOrDefault();
        return new TargetTable(om.Indicator.FiscalYear, roundNo, province, percents, rows,
            new TargetTotal(rows.Sum(r => r.Entrepreneurs), rows.Sum(r => r.Products)),
            published.Count > 0, last?.PublishedAt, last?.PublishedBy);
    }

    /// <summary>Results per CONTRACT.md: the denominator is the target's product count (frozen when published).</summary>
    public static async Task<ResultTable> ResultsAsync(AppDbContext db, OnlineMarketRound om, string province, CancellationToken ct)
    {
        var scope = new OrgScope(province);
        var districts = await DistrictsAsync(db, scope, ct);
        var counts = (await CountsAsync(db, scope, om, ct)).ToDictionary(c => c.District);
        var indicatorId = om.Indicator.Id;
        var roundNo = om.Round.Round;
        var published = await db.PublishedTargets.AsNoTracking().VisibleTo(scope)
            .Where(t => t.IndicatorId == indicatorId && t.Round == roundNo)
            .Select(t => new { t.DistrictCode, t.Products })
            .ToDictionaryAsync(t => t.DistrictCode, t => t.Products, ct);
        var method = om.Indicator.ScoringMethod;
        var rows = districts.Select(d => new
        {
            DistrictCode = d.Code, DistrictName = d.NameTh,
            Products = published.TryGetValue(d.Code, out var frozen) ? frozen : counts.GetValueOrDefault(d.Code)?.Products ?? 0,
            Online = counts.GetValueOrDefault(d.Code)?.Online ?? 0,
        }).Select(t =>
        {
            var k = t.Online;
            var percent = ScoreTable.AchievedPercent(k, t.Products);
            var score = WithoutTrailingZeros(om.Table.Score(percent, method));
            var (next, missing) = NextScore(om.Table, t.Products, k, percent);
            return new ResultRow(t.DistrictCode, t.Products, k, percent, score, t.DistrictName) { NextScore = next, MissingForNextScore = missing };
        }).ToList();
        return new ResultTable(om.Indicator.FiscalYear, roundNo, province, rows,
            Total(om, rows.Sum(r => r.Products), rows.Sum(r => r.ProductsOnline)),
            method == ScoringMethod.Linear ? "linear" : "step", om.Percents, published.Count > 0, om.LastDay);
    }

    /// <summary>
    /// The nation per province (issue 17 item 2): the national district rows (<see cref="ResultsAsync"/> for "0") grouped by
    /// province, each province's products and products online summed and scored from those sums with the round's bands,
    /// like the total; the national total is the sum of the same rows.
    /// </summary>
    public static async Task<NationalResultTable> ByProvinceAsync(AppDbContext db, OnlineMarketRound om, CancellationToken ct)
    {
        var national = await ResultsAsync(db, om, OrgUnit.DepartmentCode, ct);
        var names = await db.OrgUnits.AsNoTracking().Where(o => o.Level == OrgLevel.Province)
            .Select(o => new { o.Code, o.NameTh }).ToDictionaryAsync(o => o.Code, o => o.NameTh, ct);
        var method = om.Indicator.ScoringMethod;
        var rows = national.Rows.GroupBy(r => r.DistrictCode[..2]).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var total = Total(om, g.Sum(r => r.Products), g.Sum(r => r.ProductsOnline));
            return new ProvinceResultRow(g.Key, names.GetValueOrDefault(g.Key) ?? g.Key, g.Count(), total.Products, total.ProductsOnline, total.Percent, total.Score);
        }).ToList();
        return new NationalResultTable(national.FiscalYear, national.Round, OrgUnit.DepartmentCode, rows,
            Total(om, rows.Sum(r => r.Products), rows.Sum(r => r.ProductsOnline)), national.ScoringMethod, national.Percents, national.LastDay);
    }

    /// <summary>A sum of rows: its percent from the sums, never averaged, scored with the round's bands.</summary>
    private static ResultTotal Total(OnlineMarketRound om, int products, int productsOnline)
    {
        var percent = ScoreTable.AchievedPercent(productsOnline, products);
        return new ResultTotal(products, productsOnline, percent, WithoutTrailingZeros(om.Table.Score(percent, om.Indicator.ScoringMethod)));
    }

    private sealed record DistrictCounts(string District, int Products, int Online);

    /// <summary>
    /// Per district of the scope: products registered in the indicator's range, and those listed online by the round's last
    /// day: the stored counts of districts no write has changed since their refresh, and a count of the rows themselves for
    /// the (usually no) districts changed since (migration 012). Either way the figure is the sum of the
    /// products' rows; the stored one just does not read a quarter of a million of them. On PostgreSQL the reads share one
    /// snapshot (REPEATABLE READ); on SQLite each district's figure is exact at the moment its statement ran.
    /// </summary>
    private static async Task<List<DistrictCounts>> CountsAsync(AppDbContext db, OrgScope scope, OnlineMarketRound om, CancellationToken ct)
    {
        var (from, to, first, last, cutOff) = (om.RegisteredFrom, om.RegisteredTo, om.FirstDay, om.LastDay, om.CutOff);
        await using var tx = await BeginSnapshotAsync(db, ct);
        // A round with a later cut-off than its last day is counted from the rows themselves in every district: the stored
        // counts keep one day per product, exact only for the default cut-off (migration 016).
        var changed = om.DefaultCutOff
            ? await db.ProductCountStates.AsNoTracking()
                .Where(s => s.Changes != s.Refreshed)
                .Select(s => s.DistrictCode)
                // A district with a product whose listings leave a round uncovered is counted from its rows (item 8).
                .Union(db.ProductCounts.Where(c => c.Gapped).Select(c => c.DistrictCode))
                .ToListAsync(ct)
            : await db.OrgUnits.AsNoTracking().VisibleTo(scope).Where(o => o.Level == OrgLevel.District).Select(o => o.Code).ToListAsync(ct);
        changed = changed.Where(scope.Covers).ToList();

        var storedQuery = db.ProductCounts.AsNoTracking().VisibleTo(scope)
            .Where(c => c.RegisteredYear >= from && c.RegisteredYear <= to);
        if (changed.Count > 0) storedQuery = storedQuery.Where(c => !changed.Contains(c.DistrictCode));
        var counts = await storedQuery
            .GroupBy(c => c.DistrictCode)
            .Select(g => new DistrictCounts(g.Key, g.Sum(c => c.Products), g.Sum(c => c.FirstListedOn <= last && (c.ListedUntil == null || c.ListedUntil >= first) ? c.Products : 0)))
            .ToListAsync(ct);
        if (changed.Count > 0)
        {
            // "Id IN (listed products)" rather than EXISTS per product: PostgreSQL hashes the listed ids once.
            var listed = db.OnlineListings.Where(l => l.Since <= last && l.RecordedOn <= cutOff && (l.EndedOn == null || (l.EndedOn >= first && l.EndedOn >= l.Since)))
                .Select(l => l.ProductId);
            counts.AddRange(await db.Entrepreneurs.AsNoTracking().VisibleTo(scope)
                .Where(e => changed.Contains(e.DistrictCode))
                .SelectMany(e => e.Products.Where(p => p.RegisteredYear >= from && p.RegisteredYear <= to),
                    (e, p) => new { e.DistrictCode, Online = listed.Contains(p.Id) })
                .GroupBy(x => x.DistrictCode)
                .Select(g => new DistrictCounts(g.Key, g.Count(), g.Count(x => x.Online)))
                .ToListAsync(ct));
        }
        return counts;
    }

    /// <summary>The next band above the achieved percent and how many more products reach it (ItemsNeeded − online).</summary>
    public static (int? Score, int? Missing) NextScore(ScoreTable table, int products, int productsOnline, decimal percent)
    {
        var next = table.Bands.Skip(1).FirstOrDefault(b => percent < b.Percent);
        if (next is null || products == 0) return (null, null);
        return (next.Score, Math.Max(1, ScoreTable.ItemsNeeded(products, next.Percent) - productsOnline));
    }

    /// <summary>The working of a district's score: every product counted online and its listings.</summary>
    public static async Task<List<OnlineProduct>> OnlineProductsAsync(AppDbContext db, OnlineMarketRound om, string district, CancellationToken ct)
    {
        var (from, to, first, last, cutOff) = (om.RegisteredFrom, om.RegisteredTo, om.FirstDay, om.LastDay, om.CutOff);
        var rows = await db.Entrepreneurs.AsNoTracking().VisibleTo(new OrgScope(district))
            .SelectMany(e => e.Products.Where(p => p.RegisteredYear >= from && p.RegisteredYear <= to
                    && p.Listings.Any(l => l.Since <= last && l.RecordedOn <= cutOff && (l.EndedOn == null || (l.EndedOn >= first && l.EndedOn >= l.Since)))),
                (e, p) => new
                {
                    p.Code, p.Name, Entrepreneur = e.Name, p.RegisteredYear,
                    Listings = p.Listings.Where(l => l.Since <= last && l.RecordedOn <= cutOff && (l.EndedOn == null || (l.EndedOn >= first && l.EndedOn >= l.Since))).OrderBy(l => l.Since)
                        .Select(l => new { l.Id, l.ChannelCode, l.Url, l.Since, l.RecordedBy, l.RecordedAt, l.RecordedOn }).ToList(),
                })
            .OrderBy(x => x.Code)
            .ToListAsync(ct);
        var listingIds = rows.SelectMany(r => r.Listings.Select(l => l.Id)).ToList();
        var withEvidence = (await db.ListingEvidence.AsNoTracking().Where(e => listingIds.Contains(e.OnlineListingId))
            .Select(e => e.OnlineListingId).ToListAsync(ct)).ToHashSet();
        return rows.Select(r => new OnlineProduct(r.Code, r.Name, r.Entrepreneur, r.RegisteredYear,
            r.Listings.Select(l => new OnlineProductListing(l.Id, l.ChannelCode, l.Url, l.Since, l.RecordedBy, l.RecordedAt, withEvidence.Contains(l.Id))
            {
                Backdated = ListingRecording.IsBackdated(l.Since, l.RecordedOn),
            }).ToList())).ToList();
    }

    /// <summary>A listing whose since falls in the round but that was recorded after its results cut-off: not counted, shown to the province.</summary>
    public sealed record LateListing(string ProductCode, string ProductName, string ChannelCode, DateOnly Since, string RecordedBy, DateTimeOffset RecordedAt, bool Backdated);

    /// <summary>The district's listings that a closed round does not count (recorded after its cut-off), back-dated ones flagged.</summary>
    public static async Task<List<LateListing>> LateListingsAsync(AppDbContext db, OnlineMarketRound om, string district, CancellationToken ct)
    {
        var (from, to, last, cutOff) = (om.RegisteredFrom, om.RegisteredTo, om.LastDay, om.CutOff);
        var rows = await db.Entrepreneurs.AsNoTracking().VisibleTo(new OrgScope(district))
            .SelectMany(e => e.Products.Where(p => p.RegisteredYear >= from && p.RegisteredYear <= to), (e, p) => p)
            .SelectMany(p => p.Listings.Where(l => l.Since <= last && l.RecordedOn > cutOff),
                (p, l) => new { p.Code, p.Name, l.ChannelCode, l.Since, l.RecordedBy, l.RecordedAt, l.RecordedOn })
            .OrderBy(x => x.Code).ThenBy(x => x.Since)
            .Take(1000)
            .ToListAsync(ct);
        return rows.Select(r => new LateListing(r.Code, r.Name, r.ChannelCode, r.Since, r.RecordedBy, r.RecordedAt,
            ListingRecording.IsBackdated(r.Since, r.RecordedOn))).ToList();
    }

    /// <summary>"ตุลาคม 2563 - มีนาคม 2564": the months of a round as letter 1 names them.</summary>
    public static string RoundMonths(OnlineMarketRound om) =>
        $"{ThaiDates.FormatMonth(om.FirstDay.Year, om.FirstDay.Month)} - {ThaiDates.FormatMonth(om.LastDay.Year, om.LastDay.Month)}";
}

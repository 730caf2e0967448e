using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Kpi;
using Otop.Web.Features.Registry;
using Otop.Web.Features.Revenue;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Demo;

/// <summary>
/// The demo data of CONTRACT.md: Sa Kaeo's registry reproducing letter 1's table for 2557–2563 (plus products outside the
/// range), the FY 2564 and FY 2566 indicators, Sa Kaeo's monthly revenue for FY 2565–2566, and one account per role.
/// Deterministic (fixed random seed), and only into an empty database.
/// </summary>
public sealed partial class DemoSeeder(AppDbContext db, UserManager<AppUser> users, TimeProvider clock, ILogger<DemoSeeder> logger)
{
    public const string Province = "27";
    public const string DemoPassword = "Otop@2566";

    /// <summary>Letter 1, enclosure 1: entrepreneurs and products registered 2557–2563, per district.</summary>
    public static readonly IReadOnlyDictionary<string, (int Entrepreneurs, int Products)> Letter1Table = new Dictionary<string, (int, int)>
    {
        ["2701"] = (140, 406), // เมืองสระแก้ว
        ["2702"] = (65, 164),  // คลองหาด
        ["2703"] = (58, 152),  // ตาพระยา
        ["2704"] = (81, 270),  // วังน้ำเย็น
        ["2705"] = (168, 303), // วัฒนานคร
        ["2706"] = (77, 220),  // อรัญประเทศ
        ["2707"] = (109, 198), // เขาฉกรรจ์ (the letter misspells it เขาคกรรจ์)
        ["2708"] = (63, 86),   // โคกสูง
        ["2709"] = (71, 147),  // วังสมบูรณ์
    };

    public static readonly (string UserName, string Role, string OrgUnit, string DisplayName)[] Accounts =
    [
        ("admin", Roles.DepartmentAdmin, OrgUnit.DepartmentCode, "นายสมชาย ผู้ดูแลระบบ (กรมการพัฒนาชุมชน)"),
        ("sakaeo", Roles.ProvinceOfficer, Province, "นางสาวพรทิพย์ ศรีสุข (สำนักงานพัฒนาชุมชนจังหวัดสระแก้ว)"),
        ("muang.officer", Roles.DistrictOfficer, "2701", "นางสาวสุดารัตน์ ใจดี (พัฒนากร อำเภอเมืองสระแก้ว)"),
        ("muang.head", Roles.DistrictHead, "2701", "นายประจวบ บุญประเสริฐ (พัฒนาการอำเภอเมืองสระแก้ว)"),
        ("khlonghat.officer", Roles.DistrictOfficer, "2702", "นางวันเพ็ญ แก้วมณี (พัฒนากร อำเภอคลองหาด)"),
        // A head for each of Sa Kaeo's districts, who certifies and confirms its months (issue 15, item 11).
        ("khlonghat.head", Roles.DistrictHead, "2702", "นายวิชัย สายทอง (พัฒนาการอำเภอคลองหาด)"),
        ("taphraya.head", Roles.DistrictHead, "2703", "นางสมใจ รักถิ่น (พัฒนาการอำเภอตาพระยา)"),
        ("wangnamyen.head", Roles.DistrictHead, "2704", "นายอนุชา พึ่งบุญ (พัฒนาการอำเภอวังน้ำเย็น)"),
        ("watthana.head", Roles.DistrictHead, "2705", "นางสาวกาญจนา มีสุข (พัฒนาการอำเภอวัฒนานคร)"),
        ("aranyaprathet.head", Roles.DistrictHead, "2706", "นายสุรชัย แสงจันทร์ (พัฒนาการอำเภออรัญประเทศ)"),
        ("khaochakan.head", Roles.DistrictHead, "2707", "นางปราณี ทองดี (พัฒนาการอำเภอเขาฉกรรจ์)"),
        ("khoksung.head", Roles.DistrictHead, "2708", "นายธนพล ศรีงาม (พัฒนาการอำเภอโคกสูง)"),
        ("wangsomboon.head", Roles.DistrictHead, "2709", "นางรัตนา บุญมา (พัฒนาการอำเภอวังสมบูรณ์)"),
        ("viewer", Roles.Viewer, Province, "นายชูชาติ ทองคำ (ผู้ดูข้อมูล จังหวัดสระแก้ว)"),
    ];

    private readonly Random _random = new(2566);

    public async Task SeedIfEmptyAsync(CancellationToken ct)
    {
        if (await db.Entrepreneurs.AnyAsync(ct) || await db.Indicators.AnyAsync(ct) || await db.RevenueMonths.AnyAsync(ct))
        {
            logger.LogInformation("Demo data skipped: the database already has data");
            return;
        }

        var started = clock.GetTimestamp();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        var entrepreneurs = SeedRegistry();
        await db.SaveChangesAsync(ct);
        SeedIndicators();
        SeedOnlineMarket();
        SeedRevenue(entrepreneurs);
        SeedRevenueEstimates();
        SeedLiveYears(entrepreneurs);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        db.ChangeTracker.AutoDetectChangesEnabled = true;

        await SeedAccountsAsync();
        await SeedCircularsAsync(entrepreneurs, ct);
        logger.LogInformation("Demo data loaded in {Elapsed}", clock.GetElapsedTime(started));
    }

    private List<Entrepreneur> SeedRegistry()
    {
        var now = clock.GetUtcNow();
        var all = new List<Entrepreneur>();
        foreach (var (district, (inRangeEntrepreneurs, inRangeProducts)) in Letter1Table.OrderBy(kv => kv.Key))
        {
            var subdistricts = Reference.SubdistrictsOf(district);
            var sequence = 0;
            Entrepreneur NewEntrepreneur(RegistryStatus status)
            {
                sequence++;
                var (type, name) = NewName();
                var sub = subdistricts[_random.Next(subdistricts.Count)];
                return new Entrepreneur
                {
                    Code = $"{district}{sequence:D4}",
                    Name = name,
                    Type = type,
                    DistrictCode = district,
                    ProvinceCode = Province,
                    SubdistrictCode = sub.Code,
                    Address = $"{_random.Next(1, 250)} หมู่ {_random.Next(1, 16)} ตำบล{sub.NameTh}",
                    Phone = $"08{_random.Next(1, 10)}-{_random.Next(100, 1000)}-{_random.Next(1000, 10000)}",
                    Members = type == EntrepreneurType.Group ? _random.Next(7, 60) : null,
                    Status = status,
                    UpdatedAt = now,
                    UpdatedBy = "demo",
                };
            }

            // Every in-range entrepreneur gets one product of 2557–2563; the rest are spread with a skew (a few big groups).
            var inRange = Enumerable.Range(0, inRangeEntrepreneurs).Select(_ => NewEntrepreneur(RegistryStatus.Active)).ToList();
            var counts = inRange.Select(_ => 1).ToArray();
            for (var extra = inRangeProducts - inRangeEntrepreneurs; extra > 0; extra--)
            {
                var i = _random.NextDouble() < 0.6 ? _random.Next(Math.Max(1, inRange.Count / 5)) : _random.Next(inRange.Count);
                counts[i]++;
            }
            for (var i = 0; i < inRange.Count; i++)
            {
                for (var k = 0; k < counts[i]; k++) AddProduct(inRange[i], _random.Next(2557, 2564));
                if (_random.NextDouble() < 0.12) AddProduct(inRange[i], _random.Next(2564, 2567)); // registered later: outside the range
            }

            // Producers registered only outside letter 1's range: before 2557, or from 2564 on; a few have ceased.
            var outside = Enumerable.Range(0, 8 + _random.Next(8))
                .Select(i => NewEntrepreneur(i % 5 == 4 ? RegistryStatus.Ceased : RegistryStatus.Active)).ToList();
            foreach (var e in outside)
            {
                var year = _random.NextDouble() < 0.4 ? _random.Next(2552, 2557) : _random.Next(2564, 2568);
                AddProduct(e, year);
                if (_random.NextDouble() < 0.3) AddProduct(e, year);
            }

            all.AddRange(inRange);
            all.AddRange(outside);
        }

        AddListings(all);
        db.Entrepreneurs.AddRange(all);
        return all;

        void AddProduct(Entrepreneur e, int year)
        {
            var category = PickCategory();
            var names = DemoNames.Products[category];
            var n = e.Products.Count + 1;
            e.Products.Add(new Product
            {
                Code = $"{e.Code}-{n:D2}",
                Name = names[_random.Next(names.Length)] + DemoNames.Packs[_random.Next(DemoNames.Packs.Length)],
                Category = category,
                RegisteredYear = year,
                StarLevel = _random.NextDouble() < 0.25 ? _random.Next(1, 6) : null,
                Status = e.Status,
                UpdatedAt = clock.GetUtcNow(),
                UpdatedBy = "demo",
            });
        }
    }

    /// <summary>Online listings for letter 1's result report: each district a different share, some listed after round 1.</summary>
    private void AddListings(List<Entrepreneur> all)
    {
        string[] channels = ["shopee", "lazada", "facebook", "line", "tiktok", "website"];
        var shareByDistrict = new Dictionary<string, double>
        {
            ["2701"] = 0.105, ["2702"] = 0.082, ["2703"] = 0.071, ["2704"] = 0.094, ["2705"] = 0.066,
            ["2706"] = 0.112, ["2707"] = 0.088, ["2708"] = 0.059, ["2709"] = 0.077,
        };
        foreach (var district in all.GroupBy(e => e.DistrictCode))
        {
            var products = district.SelectMany(e => e.Products).Where(p => p.RegisteredYear is >= 2557 and <= 2563).ToList();
            var target = (int)Math.Round(products.Count * shareByDistrict[district.Key], MidpointRounding.AwayFromZero);
            foreach (var p in products.OrderBy(_ => _random.Next()).Take(target + 3))
            {
                var listed = products.IndexOf(p) >= 0 && target-- > 0
                    ? new DateOnly(2020, 6, 1).AddDays(_random.Next(0, 300))   // on or before 31 Mar 2021: counts in round 1
                    : new DateOnly(2021, 4, 1).AddDays(_random.Next(0, 150));  // listed during round 2
                var channel = channels[_random.Next(channels.Length)];
                // Recorded on the day it started selling (10:00 Bangkok), as a district keeping its report current would:
                // a listing recorded later would not count for a round already closed (CONTRACT.md, the results cut-off).
                var recordedAt = Bangkok.StartOfDay(listed).AddHours(10).ToUniversalTime();
                p.Listings.Add(new OnlineListing
                {
                    ChannelCode = channel,
                    Url = $"https://{channel}.example/otop/{p.Code}",
                    Since = listed,
                    RecordedAt = recordedAt,
                    RecordedOn = ListingRecording.RecordedOn(recordedAt),
                    RecordedBy = "demo",
                });
            }
        }
    }

    private void SeedIndicators()
    {
        // Letter 1: share of products registered 2557–2563 sold online; bands 6/7/8/9/10 % → 1..5.
        var online = new Indicator
        {
            FiscalYear = 2564,
            Code = "online-market",
            Kind = IndicatorKind.OnlineMarketShare,
            NameTh = "ระดับความสำเร็จของการส่งเสริมผลิตภัณฑ์ OTOP ในตลาดออนไลน์",
            RegisteredFrom = 2557,
            RegisteredTo = 2563,
            ScoringMethod = ScoringMethod.Step,
        };
        online.Rounds.Add(Round(1, new DateOnly(2021, 3, 19), 6, 7, 8, 9, 10));
        online.Rounds.Add(Round(2, new DateOnly(2021, 9, 17), 6, 7, 8, 9, 10));

        // Letter 2: percentage increase of OTOP revenue against the same months of FY 2565. The enclosures' band values
        // are not in the letter text; these are the demo's stand-ins, editable as data.
        var revenue = new Indicator
        {
            FiscalYear = 2566,
            Code = "revenue-increase",
            Kind = IndicatorKind.RevenueIncrease,
            NameTh = "ร้อยละที่เพิ่มขึ้นของรายได้จากการจำหน่ายผลิตภัณฑ์ชุมชน (OTOP)",
            ScoringMethod = ScoringMethod.Step,
            BaselineMode = BaselineMode.SamePeriodPreviousYear,
        };
        revenue.Rounds.Add(Round(1, new DateOnly(2023, 4, 3), 1, 2, 3, 4, 5));
        revenue.Rounds.Add(Round(2, new DateOnly(2023, 10, 3), 2, 3, 4, 5, 6));

        db.Indicators.AddRange(online, revenue);
        db.FiscalYearSettings.AddRange(
            new FiscalYearSetting { FiscalYear = 2565 },
            // Letter 2, clause 2: the FY 2566 estimate is due at the province on Thursday 23 February 2566.
            new FiscalYearSetting { FiscalYear = 2566, EstimateDueDate = new DateOnly(2023, 2, 23) },
            new FiscalYearSetting { FiscalYear = 2567 });

        static IndicatorRound Round(int round, DateOnly due, params decimal[] percents) => new()
        {
            Round = round,
            ResultDueDate = due,
            Bands = percents.Select((p, i) => new IndicatorBand { Score = i + 1, Percent = p }).ToList(),
        };
    }

    /// <summary>FY 2565 and FY 2566 monthly revenue per active producer, approved; FY 2566 grows by a district-specific rate.</summary>
    private void SeedRevenue(List<Entrepreneur> entrepreneurs)
    {
        // Festival months (Oct–Dec, Songkran in April) sell more.
        decimal[] season = [1.15m, 1.25m, 1.35m, 1.05m, 0.95m, 1.0m, 1.2m, 0.9m, 0.85m, 0.85m, 0.9m, 0.95m];
        var producers = entrepreneurs.Where(e => e.Status == RegistryStatus.Active).ToList();
        var baseMonthly = producers.ToDictionary(e => e, e => Rounding.HalfAwayFromZero((decimal)(2500 * Math.Exp(_random.NextDouble() * 4.2)), 0));
        var growth = Letter1Table.Keys.ToDictionary(d => d, _ => 1.02m + (decimal)_random.NextDouble() * 0.16m);
        var cycle = MonthlyCycle.Default;

        foreach (var fiscalYear in new[] { new FiscalYear(2565), new FiscalYear(2566) })
        {
            foreach (var (month, index) in fiscalYear.Months.Select((m, i) => (m, i)))
            {
                foreach (var district in producers.GroupBy(p => p.DistrictCode).OrderBy(g => g.Key))
                {
                    var factor = season[index] * (fiscalYear.BuddhistYear == 2566 ? growth[district.Key] : 1m);
                    // A producer with no sale that month is marked "no sales" (issue 16, item 6: a certified month is complete).
                    var entries = district
                        .Select(e => _random.NextDouble() > 0.04 ? new RevenueEntry
                        {
                            Entrepreneur = e,
                            Amount = Rounding.HalfAwayFromZero(baseMonthly[e] * factor * (0.85m + (decimal)_random.NextDouble() * 0.3m), _random.Next(3) == 0 ? 2 : 0),
                        } : new RevenueEntry { Entrepreneur = e, Amount = 0m, NoSales = true })
                        .ToList();

                    var next = month.Next();
                    var confirmDay = _random.NextDouble() < 0.1 ? 4 : _random.Next(1, 4);
                    var confirmedAt = Bangkok.StartOfDay(new DateOnly(next.Year, next.Month, confirmDay)).AddHours(10 + _random.Next(7)).ToUniversalTime();
                    // Certified once the month has ended (Revenue__CertifyFromDay's default, the 1st), before the confirmation.
                    var certifiedAt = Max(confirmedAt.AddHours(-_random.Next(2, 30)), Bangkok.StartOfDay(next.FirstDay).ToUniversalTime());
                    db.RevenueMonths.Add(new RevenueMonth
                    {
                        DistrictCode = district.Key,
                        ProvinceCode = Province,
                        Month = month.ToString(),
                        Status = RevenueStatus.Approved,
                        Version = 4,
                        Late = MonthWindow.IsConfirmationLate(month, confirmedAt, cycle),
                        Total = entries.Sum(e => e.Amount),
                        CertifiedBy = "demo.head",
                        CertifiedAt = certifiedAt,
                        ConfirmedBy = "demo.head",
                        ConfirmedAt = confirmedAt,
                        FirstConfirmedAt = confirmedAt,
                        UpdatedBy = "demo",
                        UpdatedAt = confirmedAt.AddDays(5),
                        Entries = entries,
                    });
                }
            }
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private async Task SeedAccountsAsync()
    {
        foreach (var (userName, role, orgUnit, displayName) in Accounts)
        {
            if (await users.FindByNameAsync(userName) is not null) continue;
            var user = new AppUser { UserName = userName, DisplayName = displayName, OrgUnitCode = orgUnit, CreatedAt = clock.GetUtcNow() };
            // Demo accounts keep README's published password: exempt from the password policy, demo only, and marked so
            // that outside Development it is refused until an administrator sets another (docs/decisions/012).
            user.PasswordHash = users.PasswordHasher.HashPassword(user, DemoPassword);
            user.PasswordIsDemo = true;
            var created = await users.CreateAsync(user);
            if (!created.Succeeded) throw new InvalidOperationException($"Demo user {userName}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
            await users.AddToRoleAsync(user, role);
        }
    }

    private (EntrepreneurType, string) NewName()
    {
        var roll = _random.NextDouble();
        var village = DemoNames.Villages[_random.Next(DemoNames.Villages.Length)];
        if (roll < 0.02) return (EntrepreneurType.Sme, DemoNames.SmeNames[_random.Next(DemoNames.SmeNames.Length)]);
        if (roll < 0.57) return (EntrepreneurType.Group, DemoNames.GroupKinds[_random.Next(DemoNames.GroupKinds.Length)] + village);
        var title = DemoNames.Titles[_random.Next(DemoNames.Titles.Length)];
        return (EntrepreneurType.Single,
            $"{title}{DemoNames.FirstNames[_random.Next(DemoNames.FirstNames.Length)]} {DemoNames.LastNames[_random.Next(DemoNames.LastNames.Length)]}");
    }

    private ProductCategory PickCategory()
    {
        var roll = _random.NextDouble();
        return roll switch
        {
            < 0.45 => ProductCategory.Food,
            < 0.55 => ProductCategory.Beverage,
            < 0.75 => ProductCategory.Textile,
            < 0.90 => ProductCategory.Decorative,
            _ => ProductCategory.Herbal,
        };
    }

    private static class Reference
    {
        public static IReadOnlyList<(string Code, string NameTh)> SubdistrictsOf(string district) =>
            ReferenceData.SubdistrictsOf(district).ToList();
    }
}

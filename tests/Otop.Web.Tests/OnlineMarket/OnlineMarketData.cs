using Otop.Domain;
using Otop.Web.Tests.Infrastructure;
using Otop.Web.Features.Kpi;
using Otop.Web.Features.Registry;

namespace Otop.Web.Tests.OnlineMarket;

/// <summary>
/// Small factories for online-market tests on an empty app. Each test uses its own fiscal year and its own province, so
/// tests sharing one app do not see each other's rows.
/// </summary>
public static class OnlineMarketData
{
    public static Task<int> IndicatorAsync(OtopApp app, int fiscalYear, ScoringMethod method = ScoringMethod.Step,
        decimal[]? percents = null, int registeredFrom = 2557, int registeredTo = 2563) =>
        app.WithDbAsync(async db =>
        {
            var indicator = new Indicator
            {
                FiscalYear = fiscalYear, Code = "online-market", Kind = IndicatorKind.OnlineMarketShare,
                NameTh = "ระดับความสำเร็จของการส่งเสริมผลิตภัณฑ์ OTOP ในตลาดออนไลน์",
                RegisteredFrom = registeredFrom, RegisteredTo = registeredTo, ScoringMethod = method,
            };
            foreach (var round in new[] { 1, 2 })
            {
                indicator.Rounds.Add(new IndicatorRound
                {
                    Round = round,
                    Bands = (percents ?? [6m, 7m, 8m, 9m, 10m]).Select((p, i) => new IndicatorBand { Score = i + 1, Percent = p }).ToList(),
                });
            }
            db.Indicators.Add(indicator);
            await db.SaveChangesAsync();
            return indicator.Id;
        });

    /// <summary>Products in a district spread over <paramref name="entrepreneurs"/> producers; the first <paramref name="online"/> get a listing.</summary>
    public static Task<List<string>> ProductsAsync(OtopApp app, string district, int products, int online = 0, int entrepreneurs = 1,
        int registeredYear = 2560, DateOnly? listedSince = null) =>
        app.WithDbAsync(async db =>
        {
            var tag = Guid.NewGuid().ToString("N")[..8];
            var owners = Enumerable.Range(1, entrepreneurs).Select(i => new Entrepreneur
            {
                Code = $"{district}{tag}{i:D3}", Name = $"กลุ่มทดสอบ {tag} {i}", Type = EntrepreneurType.Group,
                DistrictCode = district, ProvinceCode = district[..2], UpdatedBy = "test",
            }).ToList();
            var codes = new List<string>();
            for (var i = 0; i < products; i++)
            {
                var product = new Product
                {
                    Code = $"{district}{tag}-{i:D4}", Name = $"ผลิตภัณฑ์ทดสอบ {i}", Category = ProductCategory.Food,
                    RegisteredYear = registeredYear, UpdatedBy = "test",
                };
                if (i < online)
                {
                    product.Listings.Add(new OnlineListing
                    {
                        ChannelCode = "shopee", Url = $"https://shopee.example/{product.Code}",
                        Since = listedSince ?? new DateOnly(2020, 12, 1), RecordedBy = "test.officer",
                    });
                }
                owners[i % entrepreneurs].Products.Add(product);
                codes.Add(product.Code);
            }
            db.Entrepreneurs.AddRange(owners);
            await db.SaveChangesAsync();
            return codes;
        });
}

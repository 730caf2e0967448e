using Otop.Domain;
using Otop.Web.Features.Registry;
using Otop.Web.Features.Revenue;

namespace Otop.Web.Features.Demo;

public sealed partial class DemoSeeder
{
    /// <summary>FY 2566 revenue estimates (letter 2, enclosure 4): each producer's FY 2565 month plus 5–12 %, certified and sent.</summary>
    private void SeedRevenueEstimates()
    {
        var months2565 = db.RevenueMonths.Local.Where(m => new FiscalYear(2565).Contains(YearMonth.TryParse(m.Month, out var ym) ? ym : default)).ToList();
        foreach (var district in months2565.GroupBy(m => m.DistrictCode).OrderBy(g => g.Key))
        {
            var rate = 1.05m + (decimal)_random.NextDouble() * 0.07m;
            var sentAt = Bangkok.StartOfDay(new DateOnly(2022, 11, 10 + _random.Next(10))).AddHours(14).ToUniversalTime();
            var estimate = new RevenueEstimate
            {
                DistrictCode = district.Key,
                ProvinceCode = Province,
                FiscalYear = 2566,
                Status = RevenueEstimateStatus.Sent,
                Version = 2,
                CommitteeMeetingDate = Bangkok.Today(sentAt).AddDays(-3),
                CommitteeMeetingReference = $"ครั้งที่ {_random.Next(3, 9)}/2565",
                CommitteeChairName = "นายอำเภอ (ประธานคณะกรรมการ นตผ. อำเภอ)",
                SentBy = "demo.head",
                SentAt = sentAt,
                UpdatedBy = "demo",
                UpdatedAt = sentAt,
            };
            foreach (var month in district)
            {
                var next = YearMonth.TryParse(month.Month, out var ym) ? ym.AddMonths(12).ToString() : month.Month;
                foreach (var entry in month.Entries.Where(e => !e.NoSales)) // as before the mark: no sale, no estimate line
                {
                    estimate.Lines.Add(new RevenueEstimateLine { Entrepreneur = entry.Entrepreneur, Month = next, Amount = Rounding.HalfAwayFromZero(entry.Amount * rate, 0) });
                }
            }
            estimate.Total = estimate.Lines.Sum(l => l.Amount);
            db.RevenueEstimates.Add(estimate);
        }
    }
}

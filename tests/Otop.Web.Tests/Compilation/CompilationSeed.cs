using Otop.Domain;
using Otop.Web.Features.Revenue;
using Otop.Web.Tests.Infrastructure;

namespace Otop.Web.Tests.Compilation;

public static class CompilationSeed
{
    /// <summary>Months stored straight in the database, as the workflow leaves them (status, total, late).</summary>
    public static Task SeedMonthsAsync(this OtopApp app, string month, params (string District, RevenueStatus Status, decimal Total, bool Late)[] rows) =>
        app.WithDbAsync(async db =>
        {
            foreach (var r in rows)
            {
                db.RevenueMonths.Add(new RevenueMonth
                {
                    DistrictCode = r.District, ProvinceCode = r.District[..2], Month = month, Status = r.Status, Total = r.Total, Late = r.Late,
                    Version = 1, UpdatedBy = "seed", UpdatedAt = app.Clock.GetUtcNow(),
                });
            }
            return await db.SaveChangesAsync();
        });
}

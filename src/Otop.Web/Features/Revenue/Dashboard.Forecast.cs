using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Revenue;

/// <summary>The dashboard's round-end forecast (issue 17, item 6), kept apart from the page's other loading: <c>_Forecast.cshtml</c>.</summary>
public sealed partial class DashboardModel
{
    public RevenueForecastResult? Forecast { get; private set; }

    /// <summary>The forecast of the round for the province's districts, or only the district's own row on a district's dashboard.</summary>
    private static async Task<RevenueForecastResult?> ForecastAsync(AppDbContext db, OrgScope scope, int fiscalYear, int round, string province,
        string? district, DateTimeOffset now, CancellationToken ct)
    {
        var (forecast, _) = await RevenueForecasts.ComputeAsync(db, scope, fiscalYear, round, province, now, ct);
        if (forecast is null || district is null) return forecast;
        var row = forecast.Rows.Where(r => r.DistrictCode == district).ToList();
        return forecast with { Rows = row, Total = row.FirstOrDefault() ?? forecast.Total };
    }
}

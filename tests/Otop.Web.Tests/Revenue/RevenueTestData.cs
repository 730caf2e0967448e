using System.Net.Http.Json;
using Otop.Web.Tests.Infrastructure;
using Otop.Web.Features.Registry;

namespace Otop.Web.Tests.Revenue;

/// <summary>Small factories for the revenue tests: producers created straight in the database, instants in Bangkok time.</summary>
public static class RevenueTestData
{
    public static readonly TimeSpan BangkokOffset = TimeSpan.FromHours(7);

    public static DateTimeOffset Bangkok(int year, int month, int day, int hour = 10, int minute = 0) =>
        new(year, month, day, hour, minute, 0, BangkokOffset);

    public static async Task<string[]> ProducersAsync(this OtopApp app, string district, int count = 3,
        RegistryStatus status = RegistryStatus.Active)
    {
        var codes = Enumerable.Range(0, count).Select(_ => $"{district}{Guid.NewGuid().ToString("N")[..8]}").OrderBy(c => c, StringComparer.Ordinal).ToArray();
        await app.WithDbAsync(async db =>
        {
            foreach (var code in codes)
            {
                db.Entrepreneurs.Add(new Entrepreneur
                {
                    Code = code, Name = $"กลุ่มทดสอบ {code}", DistrictCode = district, ProvinceCode = district[..2], Status = status,
                    UpdatedAt = app.Clock.GetUtcNow(), UpdatedBy = "test",
                });
            }
            return await db.SaveChangesAsync();
        });
        return codes;
    }

    public static object Entries(string[] codes, params decimal[] amounts) =>
        codes.Zip(amounts).Select(x => new { entrepreneurCode = x.First, amount = x.Second }).ToArray();

    public static Task<HttpResponseMessage> PutMonthAsync(this HttpClient client, string district, string month, object entries, int? version = null) =>
        client.PutAsJsonAsync<object>($"/api/v1/revenue/{district}/{month}", version is null ? new { entries } : new { version, entries }, Http.Json);

    public static Task<HttpResponseMessage> ActAsync(this HttpClient client, string district, string month, string action, string? reason = null) =>
        client.PostJsonAsync($"/api/v1/revenue/{district}/{month}/{action}", reason is null ? new { } : new { reason });
}

using System.Net.Http.Json;
using Otop.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Kpi;
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

    /// <summary>A revenue-increase indicator for the year with two rounds whose bands are 2, 4, 6, 8 and 10 % (scores 1 to 5).</summary>
    public static Task SeedRevenueIndicatorAsync(this OtopApp app, int fiscalYear, BaselineMode mode = BaselineMode.SamePeriodPreviousYear) => app.WithDbAsync(async db =>
    {
        if (await db.Indicators.AnyAsync(i => i.FiscalYear == fiscalYear)) return 0;
        var indicator = new Indicator
        {
            FiscalYear = fiscalYear, Code = "revenue-increase", Kind = IndicatorKind.RevenueIncrease, NameTh = "ร้อยละที่เพิ่มขึ้นของรายได้",
            ScoringMethod = ScoringMethod.Step, BaselineMode = mode,
        };
        foreach (var round in new[] { 1, 2 })
        {
            indicator.Rounds.Add(new IndicatorRound
            {
                Round = round,
                Bands = new[] { 1m, 2m, 3m, 4m, 5m }.Select(p => new IndicatorBand { Score = (int)p, Percent = p * 2 }).ToList(),
            });
        }
        db.Indicators.Add(indicator);
        return await db.SaveChangesAsync();
    });

    /// <summary>Loads months through the department's history import (CONTRACT.md): they arrive approved, so they count in the results.</summary>
    public static async Task ImportHistoryAsync(this HttpClient admin, params (string Code, string Month, decimal Amount)[] rows)
    {
        var csv = "entrepreneur_code,month,amount\n" + string.Concat(rows.Select(r => FormattableString.Invariant($"{r.Code},{r.Month},{r.Amount}\n")));
        var content = new MultipartFormDataContent { { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv)), "file", "history.csv" } };
        var response = await admin.PostAsync("/api/v1/revenue/import", content);
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
    }
}

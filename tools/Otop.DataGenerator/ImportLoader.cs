using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Otop.Web.Features.Registry;

namespace Otop.DataGenerator;

/// <summary>
/// The import path (issue 8, load path a): the data set through the app's own API with a DepartmentAdmin token: the
/// registry as one CSV (or XLSX) to <c>POST /api/v1/registry/import</c>, revenue history as CSV files of a few months each
/// to <c>POST /api/v1/revenue/import</c>, and listings with <c>PUT /api/v1/registry/products/{code}/online-listings</c>.
/// Indicators have no API (they are edited on the indicator page): <c>indicators</c> inserts them on PostgreSQL.
/// </summary>
public static class ImportLoader
{
    public static async Task<HttpClient> LogInAsync(string baseUrl, string user, string password)
    {
        var http = new HttpClient { BaseAddress = new Uri(baseUrl.TrimEnd('/') + "/"), Timeout = TimeSpan.FromMinutes(30) };
        var response = await http.PostAsJsonAsync("api/v1/auth/token", new { username = user, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public static async Task<HttpResponseMessage> PostFileAsync(HttpClient http, string url, byte[] file, string fileName)
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".xlsx")
            ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv");
        using var form = new MultipartFormDataContent { { content, "file", fileName } };
        return await http.PostAsync(url, form);
    }

    public static async Task<Dictionary<string, TimeSpan>> LoadAsync(NationalData data, HttpClient http, TextWriter log, int monthsPerFile = 1)
    {
        var times = new Dictionary<string, TimeSpan>();
        var watch = Stopwatch.StartNew();
        var registry = await PostFileAsync(http, "api/v1/registry/import?commit=true", DataFiles.RegistryCsv(data.Products), "registry.csv");
        await EnsureAsync(registry, "registry import");
        times["registry"] = watch.Elapsed;
        log.WriteLine($"registry import: {data.Products.Count:N0} rows in {watch.Elapsed.TotalSeconds:0.0} s");

        watch.Restart();
        var byProduct = data.Listings.GroupBy(l => l.Product).ToList();
        await Parallel.ForEachAsync(byProduct, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (g, ct) =>
        {
            var body = g.Select(l => new { channel = l.ChannelCode, url = l.Url, since = l.Since.ToString("yyyy-MM-dd") }).ToList();
            await EnsureAsync(await http.PutAsJsonAsync($"api/v1/registry/products/{g.Key.Code}/online-listings", body, ct), $"listings of {g.Key.Code}");
        });
        times["listings"] = watch.Elapsed;
        log.WriteLine($"listings: {byProduct.Count:N0} products in {watch.Elapsed.TotalSeconds:0.0} s");

        watch.Restart();
        for (var first = 0; first < data.Months.Count; first += monthsPerFile)
        {
            var indexes = Enumerable.Range(first, Math.Min(monthsPerFile, data.Months.Count - first)).ToList();
            var file = DataFiles.RevenueCsv(data, indexes);
            await EnsureAsync(await PostFileAsync(http, "api/v1/revenue/import?commit=true", file, $"revenue-{data.Months[first]}.csv"), $"revenue {data.Months[first]}");
        }
        times["revenue"] = watch.Elapsed;
        log.WriteLine($"revenue import: {data.Months.Count} months in {watch.Elapsed.TotalSeconds:0.0} s");
        return times;
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (response.IsSuccessStatusCode) return;
        var body = await response.Content.ReadAsStringAsync();
        throw new InvalidOperationException($"{what}: {(int)response.StatusCode} {(body.Length > 600 ? body[..600] + "…" : body)}");
    }
}

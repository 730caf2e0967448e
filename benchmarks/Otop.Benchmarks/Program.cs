using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

// Registry import benchmark (docs/benchmarks.md): a national registry of N product rows across every district,
// posted to a running app's POST /api/v1/registry/import?commit=true, then posted again (the idempotent re-import).
// Usage: dotnet run -c Release --project benchmarks/Otop.Benchmarks -- <baseUrl> <user> <password> [rows=250000]
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: <baseUrl> <user> <password> [rows]");
    return 2;
}
var (baseUrl, user, password) = (args[0].TrimEnd('/'), args[1], args[2]);
var rows = args.Length > 3 ? int.Parse(args[3]) : 250_000;

using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(10) };
var token = await (await http.PostAsJsonAsync("/api/v1/auth/token", new { username = user, password })).Content.ReadFromJsonAsync<JsonElement>();
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());

var districts = new List<string>();
foreach (var province in (await http.GetFromJsonAsync<JsonElement>("/api/v1/org/provinces")).EnumerateArray())
{
    var code = province.GetProperty("code").GetString();
    foreach (var d in (await http.GetFromJsonAsync<JsonElement>($"/api/v1/org/provinces/{code}/districts")).EnumerateArray())
    {
        districts.Add(d.GetProperty("code").GetString()!);
    }
}

// About three products per producer, as in the demo registry; Thai names, both code and Thai labels.
var categories = new[] { "food", "beverage", "textile", "decorative", "herbal", "อาหาร", "ผ้า เครื่องแต่งกาย" };
var types = new[] { "group", "single", "sme", "กลุ่มผู้ผลิตชุมชน" };
var csv = new StringBuilder(rows * 120);
csv.Append("entrepreneur_code,entrepreneur_name,entrepreneur_type,district_code,product_code,product_name,category,registered_year\n");
for (var i = 0; i < rows; i++)
{
    var e = i / 3;
    var district = districts[e % districts.Count];
    csv.Append($"B{e:D7},กลุ่มวิสาหกิจชุมชนบ้านหนองแวง {e},{types[e % types.Length]},{district},B{e:D7}-{i % 3 + 1:D2},ผ้าทอมือลายดอกแก้ว ขนาด {i % 97} ซม.,{categories[i % categories.Length]},{2550 + i % 16}\n");
}
var file = Encoding.UTF8.GetBytes(csv.ToString());
Console.WriteLine($"rows={rows} districts={districts.Count} file={file.Length / 1024.0 / 1024.0:0.0} MB");

foreach (var pass in new[] { "first import", "re-import" })
{
    using var content = new MultipartFormDataContent();
    var part = new ByteArrayContent(file);
    part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
    content.Add(part, "file", "national-registry.csv");
    var watch = Stopwatch.StartNew();
    var response = await http.PostAsync("/api/v1/registry/import?commit=true", content);
    var body = await response.Content.ReadAsStringAsync();
    watch.Stop();
    Console.WriteLine($"{pass}: {(int)response.StatusCode} in {watch.Elapsed.TotalSeconds:0.00} s: {(body.Length > 300 ? body[..300] + "…" : body)}");
    if (!response.IsSuccessStatusCode) return 1;
}
return 0;

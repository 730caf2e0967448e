using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;
using Otop.Domain;

namespace Otop.Benchmarks;

/// <summary>
/// B5 (issue 17 item 8): the department's national pages and API calls, p95 ≤ 50 ms at full scale, each beside the bare SQL
/// of the same figures from the same tables the page reads. Pages as the browser asks them (a cookie session from the
/// login form, antiforgery token and all), APIs with the bearer token.
/// </summary>
public sealed partial class Scenarios
{
    // RevenueStatus.Confirmed and Approved as stored (the enum's ints); OrgLevel.District = 2, Province = 1.
    private const string Confirmed = "(2, 4)";

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    /// <summary>A cookie session, as the browser signs in: GET the login form, POST it with its antiforgery token.</summary>
    public static async Task<HttpClient> CookieSessionAsync(string baseUrl, string user, string password)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(baseUrl.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(60),
        };
        var form = await http.GetStringAsync("Account/Login");
        var token = AntiforgeryField().Match(form) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException("no antiforgery token on the login form");
        using var posted = await http.PostAsync("Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Username"] = user, ["Input.Password"] = password, ["__RequestVerificationToken"] = token,
        }));
        if (posted.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"cookie login: {(int)posted.StatusCode}");
        return http;
    }

    private sealed record NationalCall(string Label, string Url, bool Page, string Sql, Action<NpgsqlCommand> Parameters);

    public async Task<List<Result>> B5Async(string baseUrl, string user, string password, DateTimeOffset clock)
    {
        var session = await CookieSessionAsync(baseUrl, user, password);
        var fyNumber = data.Scale.LastFiscalYear;
        var fy = new FiscalYear(fyNumber);
        // The month of the complete history (the last of FY), compiled first so the compilation API and the drill-down read a
        // frozen month of every district; the home shows the report month the app picks at its clock (before the 6th: the
        // previous month).
        var compiled = fy.Months[^1];
        var today = Bangkok.Today(clock);
        var now = YearMonth.Of(today);
        var homeMonth = today.Day < 6 ? now.Previous() : now; // the default close day, 6 (letter 2; ReportMonthAsync)
        using (var compile = await admin.PostAsync($"api/v1/compilations/{compiled}", null))
        {
            log.WriteLine($"B5 compile {compiled}: {(int)compile.StatusCode}");
            if (!compile.IsSuccessStatusCode) throw new InvalidOperationException($"compile {compiled}: {(int)compile.StatusCode} {await compile.Content.ReadAsStringAsync()}");
        }
        var round = fy.MonthsOfRound(1).Select(m => m.ToString()).ToArray();
        var baseline = fy.MonthsOfRound(1).Select(m => m.AddMonths(-12).ToString()).ToArray();
        var roundAndBaseline = round.Concat(baseline).ToArray();
        var fyMonths = fy.Months.Select(m => m.ToString()).ToArray();
        // รต.4 through the compiled month: the fiscal year's months so far and the same months a year before.
        var rt4Months = fy.Months.Select(m => m.ToString()).Concat(fy.Months.Select(m => m.AddMonths(-12).ToString())).ToArray();
        // The trends page: the default years of the fiscal year of the app's clock and one before the oldest.
        var trendYears = Enumerable.Range(now.FiscalYear - 5, 6).SelectMany(y => new FiscalYear(y).Months).Select(m => m.ToString()).ToArray();
        var (omFrom, omTo, omLast) = (2557, 2563, new FiscalYear(2564).RoundLastDay(1));

        const string ProgressSql = $"""
            SELECT p."Code", p."NameTh", count(*) AS districts,
                   count(*) FILTER (WHERE m."Status" IN {Confirmed}) AS confirmed,
                   count(*) FILTER (WHERE m."Status" IN {Confirmed} AND m."Late") AS late,
                   count(*) FILTER (WHERE m."Status" IS NULL OR m."Status" NOT IN {Confirmed}) AS missing,
                   coalesce(sum(m."Total"), 0) AS revenue
            FROM "OrgUnits" d JOIN "OrgUnits" p ON p."Code" = d."ParentCode"
            LEFT JOIN "RevenueMonths" m ON m."DistrictCode" = d."Code" AND m."Month" = @month
            WHERE d."Level" = 2 GROUP BY p."Code", p."NameTh"
            """;
        const string LatestCompilation = """(SELECT "Id" FROM "Compilations" WHERE "Month" = @month ORDER BY "CompiledAt" DESC, "Id" DESC LIMIT 1)""";
        const string RevenueByProvinceSql = """
            SELECT "ProvinceCode", sum("Total") FILTER (WHERE "Month" = ANY(@months)) AS revenue,
                   sum("Total") FILTER (WHERE "Month" = ANY(@baseline)) AS baseline
            FROM "RevenueMonths" WHERE "Month" = ANY(@all) GROUP BY "ProvinceCode"
            """;
        void Round(NpgsqlCommand c)
        {
            c.Parameters.AddWithValue("months", round);
            c.Parameters.AddWithValue("baseline", baseline);
            c.Parameters.AddWithValue("all", roundAndBaseline);
        }
        void Online(NpgsqlCommand c)
        {
            c.Parameters.AddWithValue("from", omFrom);
            c.Parameters.AddWithValue("to", omTo);
            c.Parameters.AddWithValue("last", omLast);
        }
        var calls = new NationalCall[]
        {
            new("GET / (national progress of the report month)", "", true, ProgressSql, c => c.Parameters.AddWithValue("month", homeMonth.ToString())),
            new("GET /Compilation/Province?code=30 (drill-down)", $"Compilation/Province?code=30&month={compiled}", true, $"""
                SELECT d."Code", d."NameTh", m."Status", coalesce(m."Total", 0), coalesce(m."Late", false)
                FROM "OrgUnits" d LEFT JOIN "RevenueMonths" m ON m."DistrictCode" = d."Code" AND m."Month" = @month
                WHERE d."Level" = 2 AND d."ParentCode" = '30';
                SELECT r.* FROM "CompiledDistricts" r WHERE r."CompilationId" = {LatestCompilation} AND r."ProvinceCode" = '30'
                """, c => c.Parameters.AddWithValue("month", compiled.ToString())),
            new("GET /Maps (nation, revenue increase by province)", $"Maps?fiscalYear={fyNumber}&round=1", true, RevenueByProvinceSql, Round),
            new("GET /Revenue/ReportingRates (nation, by province and month)", $"Revenue/ReportingRates?fiscalYear={fyNumber}", true, $"""
                SELECT d."ParentCode", mo.month,
                       count(*) FILTER (WHERE m."Status" IN {Confirmed} AND NOT m."Late") AS on_time,
                       count(*) FILTER (WHERE m."Status" IN {Confirmed} AND m."Late") AS late,
                       count(*) FILTER (WHERE m."Status" IS NULL OR m."Status" NOT IN {Confirmed}) AS missing
                FROM "OrgUnits" d CROSS JOIN unnest(@months) AS mo(month)
                LEFT JOIN "RevenueMonths" m ON m."DistrictCode" = d."Code" AND m."Month" = mo.month
                WHERE d."Level" = 2 GROUP BY d."ParentCode", mo.month
                """, c => c.Parameters.AddWithValue("months", fyMonths)),
            new("GET /Revenue/Trends (nation, month by month, 5 years)", "Revenue/Trends", true,
                """SELECT "Month", sum("Total") FROM "RevenueMonths" WHERE "Month" = ANY(@months) GROUP BY "Month" """,
                c => c.Parameters.AddWithValue("months", trendYears)),
            new("GET /Rankings (nation, online market by province)", "Rankings", true, """
                SELECT c."ProvinceCode", sum(c."Products"), coalesce(sum(c."Products") FILTER (WHERE c."FirstListedOn" <= @last), 0)
                FROM "ProductCounts" c WHERE c."RegisteredYear" BETWEEN @from AND @to GROUP BY c."ProvinceCode"
                """, Online),
            new("GET /Rankings?indicator=revenue (nation)", $"Rankings?indicator=revenue&fiscalYear={fyNumber}&round=1", true, RevenueByProvinceSql, Round),
            new($"GET /api/v1/compilations/{compiled}", $"api/v1/compilations/{compiled}", false, $"""
                SELECT r."ProvinceCode", p."NameTh", sum(r."Total"), count(*),
                       count(*) FILTER (WHERE NOT r."Missing"), count(*) FILTER (WHERE r."Late"), count(*) FILTER (WHERE r."Missing")
                FROM "CompiledDistricts" r JOIN "OrgUnits" p ON p."Code" = r."ProvinceCode"
                WHERE r."CompilationId" = {LatestCompilation} GROUP BY r."ProvinceCode", p."NameTh"
                """, c => c.Parameters.AddWithValue("month", compiled.ToString())),
            new("GET /api/v1/kpi/revenue/results?province=0", $"api/v1/kpi/revenue/results?fiscalYear={fyNumber}&round=1&province=0", false, """
                SELECT "DistrictCode", sum("Total") FILTER (WHERE "Month" = ANY(@months)), sum("Total") FILTER (WHERE "Month" = ANY(@baseline))
                FROM "RevenueMonths" WHERE "Month" = ANY(@all) GROUP BY "DistrictCode"
                """, Round),
            new("GET /api/v1/kpi/online-market/results?province=0", "api/v1/kpi/online-market/results?fiscalYear=2564&round=1&province=0", false, """
                SELECT c."DistrictCode", sum(c."Products"), coalesce(sum(c."Products") FILTER (WHERE c."FirstListedOn" <= @last), 0)
                FROM "ProductCounts" c WHERE c."RegisteredYear" BETWEEN @from AND @to GROUP BY c."DistrictCode"
                """, Online),
            new("GET /api/v1/reports/rt4?province=0 (XLSX)", $"api/v1/reports/rt4?province=0&fiscalYear={fyNumber}&month={compiled}&round=1&format=xlsx", false, """
                SELECT "ProvinceCode", "Month", sum("Total") FROM "RevenueMonths" WHERE "Month" = ANY(@months) GROUP BY "ProvinceCode", "Month"
                """, c => c.Parameters.AddWithValue("months", rt4Months)),
        };

        var results = new List<Result>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var call in calls)
        {
            var client = call.Page ? session : admin;
            var status = 0;
            async Task<bool> Ours()
            {
                using var response = await client.GetAsync(call.Url);
                status = (int)response.StatusCode;
                await response.Content.CopyToAsync(Stream.Null);
                return response.IsSuccessStatusCode;
            }
            async Task<bool> Raw()
            {
                await using var cmd = new NpgsqlCommand(call.Sql, connection);
                call.Parameters(cmd);
                await using var reader = await cmd.ExecuteReaderAsync();
                do { while (await reader.ReadAsync()) { } } while (await reader.NextResultAsync());
                return true;
            }
            var (ours, raw) = await SideBySideAsync(20, Ours, Raw);
            var (p95, r95) = (ours.Tail(95).Spread.Median, raw.Tail(95).Spread.Median);
            log.WriteLine($"B5 {call.Label}: ours {ours.Text()}, raw {raw.Text()}, failed {ours.Failures} (last status {status})");
            results.Add(new($"B5 {call.Label}", ours.Text(), raw.Text(), p95 / r95, "p95 ≤ 50 ms", ours.Failures == 0 && p95 <= 50,
                (call.Page ? "page, cookie session" : "API, bearer token") + (ours.Failures > 0 ? $"; last status {status}" : ""))
            { Samples = ours.Samples.Count, Failures = ours.Failures + raw.Failures });
        }
        session.Dispose();
        return results;
    }
}

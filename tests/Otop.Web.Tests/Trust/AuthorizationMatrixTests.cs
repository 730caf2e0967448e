using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Otop.Web.Tests.Infrastructure;
using Otop.Web.Features.Circulars;
using Otop.Web.Features.Registry;

namespace Otop.Web.Tests.Trust;

/// <summary>
/// STYLE.md ("Scope in every query"): every route of the app × every role × its own, a sibling and a parent unit → the outcome
/// <see cref="AuthorizationTable"/> says. Runs on its own app with the demo data; the matrix is written to
/// artifacts/authorization-matrix.md.
/// </summary>
public sealed class AuthorizationMatrixTests(AuthorizationMatrixTests.MatrixApp app) : IClassFixture<AuthorizationMatrixTests.MatrixApp>
{
    // The import rate limit (6 a minute per user) is not what this table checks (ImportLimitTests does): the file routes of
    // the revenue feature would otherwise spend each caller's imports before the later rows are tried.
    // The scrape endpoint is on with a token none of the callers has, so its row is tried like every other route.
    public sealed class MatrixApp() : OtopApp(seedDemo: true, settings: new Dictionary<string, string?>
    {
        ["RateLimits:ImportsPerMinute"] = "100000",
        ["Telemetry:Prometheus"] = "true",
        ["Telemetry:PrometheusToken"] = "matrix-scrape-token-nobody-sends",
    });

    public enum Expect { Allowed, AllowedOrMissing, Any, Login, Forbidden, NotFound, Unauthorized }

    public sealed record Caller(string Name, string? Role, string Unit)
    {
        public bool Anonymous => Role is null;
    }

    private static readonly Caller[] Callers =
    [
        new("anonymous", null, ""),
        new("DepartmentAdmin@0", "DepartmentAdmin", "0"),
        new("ProvinceOfficer@27", "ProvinceOfficer", "27"),
        new("DistrictOfficer@2701", "DistrictOfficer", "2701"),
        new("DistrictHead@2701", "DistrictHead", "2701"),
        new("Viewer@27", "Viewer", "27"),
        new("Viewer@2701", "Viewer", "2701"),
    ];

    /// <summary>Own: the caller's unit or under it. Parent: above it. Sibling: elsewhere in the same province. Outside: another province.</summary>
    private enum Relation { Own, Parent, Sibling, Outside }

    /// <summary>The rules the table names. Unit-addressed rows decide by the target's relation to the caller's unit.</summary>
    private static Expect Decide(string rule, Caller c, Relation r)
    {
        if (rule.EndsWith(":by-id", StringComparison.Ordinal))
        {
            var decided = Decide(rule[..^6], c, r);
            return decided == Expect.Allowed ? Expect.AllowedOrMissing : decided;
        }
        if (rule == "public") return Expect.Allowed;
        if (rule == "sign-out") return Expect.Any;
        // A public link with a wrong token or code: 404 for everybody, signed in or not (never the login page).
        if (rule == "public-token") return Expect.NotFound;
        // The metrics scrape: a user's session or bearer token is not the scrape token, for anybody: 401, never the login page.
        if (rule == "scrape-token") return Expect.Unauthorized;
        if (c.Anonymous) return Expect.Login;
        var admin = c.Role == "DepartmentAdmin";
        var province = c.Role == "ProvinceOfficer";
        var districtStaff = c.Role is "DistrictOfficer" or "DistrictHead";
        var entity = rule.StartsWith("entity-", StringComparison.Ordinal);
        var outside = entity ? Expect.NotFound : Expect.Forbidden;
        return rule switch
        {
            "signed-in" => Expect.Allowed,
            // Reads: a parent unit answers with the caller's own part only (a district sees its own row).
            "read" => r is Relation.Own or Relation.Parent ? Expect.Allowed : Expect.Forbidden,
            "read-covered" => r == Relation.Own ? Expect.Allowed : Expect.Forbidden,
            // Letter 1 sends the province's online-market tables to every district: any unit of the province reads them.
            "province-read" => r == Relation.Outside ? Expect.Forbidden : Expect.Allowed,
            "entity-read" => r == Relation.Own ? Expect.Allowed : Expect.NotFound,
            "writer" => c.Role == "Viewer" ? Expect.Forbidden : Expect.Allowed,
            "district-write" or "entity-write" => admin ? Expect.Allowed
                : !districtStaff ? Expect.Forbidden
                : r == Relation.Own ? Expect.Allowed : outside,
            // The registry is kept by districts, and by the province for its districts (registry feature, import by province).
            "entity-registry-write" => admin ? Expect.Allowed
                : !(districtStaff || province) ? Expect.Forbidden
                : r == Relation.Own ? Expect.Allowed : Expect.NotFound,
            "district-only-write" => districtStaff && r == Relation.Own ? Expect.Allowed : Expect.Forbidden,
            "district-staff" => districtStaff ? Expect.Allowed : Expect.Forbidden,
            "district-head" => c.Role == "DistrictHead" && r == Relation.Own ? Expect.Allowed : Expect.Forbidden,
            "province-action" => admin || (province && r == Relation.Own) ? Expect.Allowed : Expect.Forbidden,
            "admin-or-province" => admin || (province && r == Relation.Own) ? Expect.Allowed : Expect.Forbidden,
            "admin-only" => admin ? Expect.Allowed : Expect.Forbidden,
            // A map of the nation or of one province (issue 17): no district reads it; another province is not there.
            "unit-map" => c.Unit.Length == 4 ? Expect.Forbidden : r == Relation.Own ? Expect.Allowed : Expect.NotFound,
            // Circulars are issued by a province (to its districts) or the department.
            "issuer" => admin || province ? Expect.Allowed : Expect.Forbidden,
            // Only the unit that issued a letter publishes or corrects it; not even the department edits a province's letter.
            "issuing-unit" => (province || admin) && r == Relation.Own && c.Unit.Length == 2 ? Expect.Allowed : Expect.Forbidden,
            _ => throw new InvalidOperationException($"Unknown rule '{rule}' in AuthorizationTable."),
        };
    }

    private static Relation RelationOf(Caller c, string? target)
    {
        if (target is null || c.Anonymous || c.Unit == "0") return Relation.Own;
        if (target == c.Unit || (c.Unit.Length == 2 && target.Length == 4 && target.StartsWith(c.Unit, StringComparison.Ordinal))) return Relation.Own;
        if (c.Unit.StartsWith(target, StringComparison.Ordinal)) return Relation.Parent;
        return target[..2] == c.Unit[..2] ? Relation.Sibling : Relation.Outside;
    }

    [Fact]
    public void EveryRouteOfTheApp_IsInTheTable_AndEveryRowIsARoute()
    {
        var routes = RouteTable();

        var missing = routes.Except(AuthorizationTable.Routes.Keys).Order().ToList();
        var stale = AuthorizationTable.Routes.Keys.Except(routes).Order().ToList();

        missing.ShouldBeEmpty($"routes without a rule in Trust/AuthorizationTable.cs: {string.Join(", ", missing)}");
        stale.ShouldBeEmpty($"rows of Trust/AuthorizationTable.cs that are no route: {string.Join(", ", stale)}");
    }

    [Fact]
    public async Task TheOpenApiDocument_DescribesExactlyTheApiRoutesOfTheTable()
    {
        var client = app.CreateClient();
        var doc = await (await client.GetAsync("/openapi/v1.json")).JsonAsync();

        var described = doc.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => $"{m.Name.ToUpperInvariant()} {p.Name}")).Order().ToList();
        // OpenAPI writes "{id}" where the route table has "{id:int}": compare without route constraints.
        var apiRoutes = RouteTable().Where(r => r.Contains(" /api/", StringComparison.Ordinal)).Select(WithoutConstraints).Order().ToList();

        described.Except(apiRoutes).ShouldBeEmpty("described in OpenAPI but no route");
        apiRoutes.Except(described).ShouldBeEmpty("API routes missing from OpenAPI");
        var tableKeys = AuthorizationTable.Routes.Keys.Select(WithoutConstraints).ToHashSet();
        described.ShouldAllBe(d => tableKeys.Contains(d));
    }

    private static string WithoutConstraints(string route) =>
        System.Text.RegularExpressions.Regex.Replace(route, @"\{(\w+):[^}]+\}", "{$1}");

    [Fact]
    public async Task EveryRoute_AnswersEveryCallerAndUnit_AsTheTableSays()
    {
        var targets = await TargetsAsync();
        var clients = new Dictionary<string, Client>();
        foreach (var caller in Callers) clients[caller.Name] = await ClientForAsync(caller);

        var results = new List<Case>();
        foreach (var (route, row) in AuthorizationTable.Routes.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            foreach (var (label, unit, values) in TargetsOf(row, targets))
            {
                foreach (var caller in Callers)
                {
                    var expected = Decide(row.Rule, caller, RelationOf(caller, unit));
                    var client = route == "POST /Account/Logout" && !caller.Anonymous ? await ClientForAsync(caller) : clients[caller.Name];
                    var (status, location) = await SendAsync(client, route, Fill(row.Request, values), row.Body is null ? null : Fill(row.Body, values));
                    results.Add(new Case(route, row.Rule, label, caller.Name, expected, status, location, Matches(route, expected, status, location)));
                }
            }
        }

        WriteArtifact(results);
        var wrong = results.Where(r => !r.Ok).Select(r => $"{r.Route} [{r.Target}] as {r.Caller}: expected {r.Expected}, got {r.Status} {r.Location}").ToList();
        wrong.ShouldBeEmpty($"{wrong.Count} of {results.Count} cases differ from AuthorizationTable:\n{string.Join("\n", wrong)}");
        results.Count.ShouldBeGreaterThan(500);
    }

    private sealed record Case(string Route, string Rule, string Target, string Caller, Expect Expected, int Status, string? Location, bool Ok);

    private sealed record Client(HttpClient Http, string Token);

    private static bool IsPage(string route) => !route.Contains(" /api/", StringComparison.Ordinal) && !route.Contains(" /healthz", StringComparison.Ordinal)
        && !route.Contains(" /openapi/", StringComparison.Ordinal) && !route.EndsWith(" /metrics", StringComparison.Ordinal);

    private static bool Matches(string route, Expect expected, int status, string? location)
    {
        if (status >= 500) return false;
        if (expected == Expect.Any) return true;
        var toLogin = status == 302 && location?.Contains("/Account/Login", StringComparison.Ordinal) == true;
        var toDenied = status == 302 && location?.Contains("/Account/Denied", StringComparison.Ordinal) == true;
        if (!IsPage(route))
        {
            return expected switch
            {
                Expect.Allowed => status is not (401 or 403 or 404),
                Expect.AllowedOrMissing => status is not (401 or 403),
                Expect.Login or Expect.Unauthorized => status == 401,
                Expect.Forbidden => status == 403,
                _ => status == 404,
            };
        }
        // Pages: a denied page is the Thai "no permission" page or a 403/404; which one is the page's choice.
        return expected switch
        {
            Expect.Allowed => status is not (401 or 403 or 404) && !toLogin && !toDenied,
            Expect.AllowedOrMissing => status is not (401 or 403) && !toLogin && !toDenied,
            Expect.Login => toLogin,
            _ => status is 403 or 404 || toDenied,
        };
    }

    private async Task<Dictionary<string, string>> TargetsAsync() => await app.WithDbAsync(async db => new Dictionary<string, string>
    {
        ["product:2701"] = await db.Products.Where(p => p.Entrepreneur.DistrictCode == "2701").OrderBy(p => p.Code).Select(p => p.Code).FirstAsync(),
        ["product:2702"] = await db.Products.Where(p => p.Entrepreneur.DistrictCode == "2702").OrderBy(p => p.Code).Select(p => p.Code).FirstAsync(),
        ["entrepreneur:2701"] = await db.Entrepreneurs.Where(e => e.DistrictCode == "2701").OrderBy(e => e.Code).Select(e => e.Code).FirstAsync(),
        ["entrepreneur:2702"] = await db.Entrepreneurs.Where(e => e.DistrictCode == "2702").OrderBy(e => e.Code).Select(e => e.Code).FirstAsync(),
        ["circular:27"] = (await db.Circulars.Where(c => c.IssuerCode == "27" && c.Status == CircularStatus.Published).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync())
            .ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    private static IEnumerable<(string Label, string? Unit, Dictionary<string, string> Values)> TargetsOf(AuthorizationTable.Row row, Dictionary<string, string> records)
    {
        var text = row.Request + row.Body;
        if (text.Contains("{district}", StringComparison.Ordinal))
        {
            foreach (var d in new[] { "2701", "2702", "1101" }) yield return ($"district {d}", d, new() { ["district"] = d });
        }
        else if (text.Contains("{province}", StringComparison.Ordinal))
        {
            foreach (var p in new[] { "27", "11" }) yield return ($"province {p}", p, new() { ["province"] = p });
        }
        else if (text.Contains("{product}", StringComparison.Ordinal))
        {
            foreach (var d in new[] { "2701", "2702" }) yield return ($"product of {d}", d, new() { ["product"] = records[$"product:{d}"] });
        }
        else if (text.Contains("{entrepreneur}", StringComparison.Ordinal))
        {
            foreach (var d in new[] { "2701", "2702" }) yield return ($"producer of {d}", d, new() { ["entrepreneur"] = records[$"entrepreneur:{d}"] });
        }
        else if (text.Contains("{circular}", StringComparison.Ordinal))
        {
            // Sa Kaeo's published demo letter, addressed to all its districts: its unit is the issuing province.
            yield return ("letter of 27", "27", new() { ["circular"] = records["circular:27"] });
        }
        else
        {
            yield return ("-", null, []);
        }
    }

    private static string Fill(string template, Dictionary<string, string> values) =>
        values.Aggregate(template, (s, kv) => s.Replace("{" + kv.Key + "}", kv.Value, StringComparison.Ordinal));

    private async Task<(int Status, string? Location)> SendAsync(Client client, string route, string url, string? body)
    {
        var method = new HttpMethod(route[..route.IndexOf(' ')]);
        using var request = new HttpRequestMessage(method, url);
        if (body == "form")
        {
            request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = client.Token });
        }
        else if (body == "file")
        {
            var form = new MultipartFormDataContent();
            var file = new ByteArrayContent([]);
            file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            form.Add(file, "file", "empty.csv");
            if (IsPage(route)) form.Add(new StringContent(client.Token), "__RequestVerificationToken");
            request.Content = form;
        }
        else if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }
        using var response = await client.Http.SendAsync(request);
        return ((int)response.StatusCode, response.Headers.Location?.ToString());
    }

    private async Task<Client> ClientForAsync(Caller caller)
    {
        var http = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        if (caller.Anonymous)
        {
            return new Client(http, Antiforgery.TokenFrom(await http.GetStringAsync("/Account/Login")));
        }
        var userName = await app.CreateUserAsync(caller.Role!, caller.Unit);
        var loginToken = Antiforgery.TokenFrom(await http.GetStringAsync("/Account/Login"));
        var login = await http.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Username"] = userName, ["Input.Password"] = OtopApp.Password, ["__RequestVerificationToken"] = loginToken,
        }));
        login.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var tokenResponse = await http.PostAsync("/api/v1/auth/token",
            new StringContent(JsonSerializer.Serialize(new { username = userName, password = OtopApp.Password }), Encoding.UTF8, "application/json"));
        var bearer = (await tokenResponse.JsonAsync()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return new Client(http, Antiforgery.TokenFrom(await http.GetStringAsync("/Account/Login")));
    }

    /// <summary>"METHOD /pattern" for every endpoint; a Razor page gives one row per handler method of its model.</summary>
    private HashSet<string> RouteTable()
    {
        var source = app.Services.GetRequiredService<EndpointDataSource>();
        var rows = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            var page = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>();
            if (page is not null)
            {
                foreach (var handler in PageHandlers(page)) rows.Add($"{handler.Method} /{PagePattern(page)}{handler.Suffix}");
                continue;
            }
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var m in methods) rows.Add($"{m} /{endpoint.RoutePattern.RawText!.Trim('/')}");
        }
        return rows;
    }

    /// <summary>The page's own route (view path plus its @page template), e.g. Registry/Edit/{code?}.</summary>
    private static string PagePattern(Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor page)
    {
        var template = page.AttributeRouteInfo?.Template ?? page.ViewEnginePath.TrimStart('/');
        var path = page.ViewEnginePath.TrimStart('/');
        return template.StartsWith(path, StringComparison.Ordinal) ? template : path + template[(template.IndexOf('/') is var i && i >= 0 ? i : template.Length)..];
    }

    private static IEnumerable<(string Method, string Suffix)> PageHandlers(Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor page)
    {
        var modelName = "Otop.Web.Features" + page.ViewEnginePath.Replace('/', '.') + "Model";
        var model = typeof(Program).Assembly.GetType(modelName);
        if (model is null)
        {
            yield return ("GET", ""); // a page without a model answers GET only
            yield break;
        }
        foreach (var method in model.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        {
            var name = method.Name.EndsWith("Async", StringComparison.Ordinal) ? method.Name[..^5] : method.Name;
            foreach (var verb in new[] { "Get", "Post" })
            {
                if (!name.StartsWith("On" + verb, StringComparison.Ordinal)) continue;
                var handler = name[(2 + verb.Length)..];
                yield return (verb.ToUpperInvariant(), handler.Length == 0 ? "" : $"?handler={handler}");
            }
        }
    }

    private static void WriteArtifact(List<Case> results)
    {
        var root = AppContext.BaseDirectory;
        while (root is not null && !File.Exists(Path.Combine(root, "Otop.slnx"))) root = Path.GetDirectoryName(root);
        var folder = Path.Combine(root ?? Path.GetTempPath(), "artifacts");
        Directory.CreateDirectory(folder);

        var provider = TestDatabase.IsPostgres ? "postgres" : "sqlite";
        var md = new StringBuilder();
        md.AppendLine($"# Authorization matrix ({provider}): {results.Count} cases, {results.Count(r => !r.Ok)} wrong");
        md.AppendLine();
        md.AppendLine("Each cell: expected outcome / HTTP status (✗ marks a case that differs). Generated by AuthorizationMatrixTests.");
        md.AppendLine();
        md.AppendLine($"| route | rule | target | {string.Join(" | ", Callers.Select(c => c.Name))} |");
        md.AppendLine($"|---|---|---|{string.Concat(Callers.Select(_ => "---|"))}");
        foreach (var group in results.GroupBy(r => (r.Route, r.Rule, r.Target)))
        {
            var cells = Callers.Select(c => group.FirstOrDefault(g => g.Caller == c.Name) is { } x
                ? $"{(x.Ok ? "" : "✗ ")}{Short(x.Expected)} / {x.Status}" : "");
            md.AppendLine($"| `{group.Key.Route}` | {group.Key.Rule} | {group.Key.Target} | {string.Join(" | ", cells)} |");
        }
        File.WriteAllText(Path.Combine(folder, $"authorization-matrix-{provider}.md"), md.ToString());
    }

    private static string Short(Expect e) => e switch
    {
        Expect.Allowed => "ok",
        Expect.AllowedOrMissing => "ok/404",
        Expect.Any => "any",
        Expect.Login => "login",
        Expect.Forbidden => "403",
        _ => "404",
    };
}

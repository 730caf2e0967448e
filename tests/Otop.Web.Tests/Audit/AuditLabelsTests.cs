using System.Net;
using System.Text.RegularExpressions;
using Otop.Domain;
using Otop.Web.Features.Audit;
using Otop.Web.Tests.Architecture;
using Otop.Web.Tests.Infrastructure;
using static Otop.Web.Tests.Revenue.RevenueTestData;

namespace Otop.Web.Tests.Audit;

/// <summary>
/// Issue 15 item 7: the audit page reads in Thai. Every entity and action recorded anywhere in the code
/// (<c>AuditLog.Record</c>, found by reading the source) has a Thai label, and a month saved twice shows, per producer,
/// what changed ("27010002: 40,000.00 → 39,500.00") instead of JSON; the API keeps CONTRACT's codes and JSON values.
/// </summary>
public sealed class AuditLabelsTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    [Fact]
    public void EveryEntityAndActionTheCodeRecords_HasAThaiLabel()
    {
        var (entities, actions) = Recorded();
        entities.Count.ShouldBeGreaterThan(10);
        actions.Count.ShouldBeGreaterThan(15);

        entities.Where(e => !AuditLabels.Entities.ContainsKey(e)).ShouldBeEmpty();
        actions.Where(a => !AuditLabels.Actions.ContainsKey(a)).ShouldBeEmpty();
        AuditLabels.Entities.Values.Concat(AuditLabels.Actions.Values).ShouldAllBe(l => l.Any(c => c >= '\u0E00' && c <= '\u0E7F'));
    }

    [Fact]
    public async Task AMonthSavedTwice_ShowsOnTheAuditPage_InThai_PerProducer()
    {
        app.Clock.Now = Bangkok(2023, 2, 20);
        var codes = await app.ProducersAsync("2705", 2);
        var officer = await app.ClientAsAsync("DistrictOfficer", "2705");
        var first = await officer.PutMonthAsync("2705", "2023-02", Entries(codes, 40000m, 800m));
        first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        var second = await officer.PutMonthAsync("2705", "2023-02", Entries(codes[..1], 39500m), version: 1);
        second.StatusCode.ShouldBe(HttpStatusCode.OK, await second.Content.ReadAsStringAsync());

        var admin = await app.SignedInAsync("DepartmentAdmin", "0");
        var html = WebUtility.HtmlDecode(await admin.GetStringAsync("/Audit?entity=revenue&key=2705/2023-02"));

        html.ShouldContain("รายได้รายเดือน (รต.1)");
        html.ShouldContain(">แก้ไข<");
        html.ShouldContain($"{codes[0]}: 40,000.00 → 39,500.00");
        html.ShouldContain($"{codes[1]}: ลบ (เดิม 800.00)");
        html.ShouldContain("ยอดรวม: 40,800.00 → 39,500.00");
        html.ShouldNotContain("entrepreneurCode");
        html.ShouldNotContain("…");

        var api = await app.ClientAsAsync("DepartmentAdmin", "0");
        var entries = await (await api.GetAsync("/api/v1/audit?entity=revenue&key=2705/2023-02")).JsonAsync();
        var entry = entries[entries.GetArrayLength() - 1];
        entry.GetProperty("entity").GetString().ShouldBe("revenue");
        entry.GetProperty("action").GetString().ShouldBe("update");
        entry.GetProperty("oldValue").ToString().ShouldContain("entrepreneurCode");
    }

    /// <summary>The entity and action codes of every <c>AuditLog.Record</c> call in src/Otop.Web.</summary>
    private static (HashSet<string> Entities, HashSet<string> Actions) Recorded()
    {
        var entities = new HashSet<string>(StringComparer.Ordinal);
        var actions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(LayoutTests.RepoRoot(), "src", "Otop.Web"), "*.cs", SearchOption.AllDirectories))
        {
            var source = File.ReadAllText(file);
            foreach (Match call in Regex.Matches(source, @"AuditLog\.Record\(\s*\w+\s*,\s*\w+\s*,\s*\w+\s*,\s*""([^""]+)""\s*,"))
            {
                entities.Add(call.Groups[1].Value);
                var action = Argument(source, call.Index + call.Length, skip: 1);
                foreach (Match literal in Regex.Matches(action, @"""([a-z0-9-]+)""")) actions.Add(literal.Groups[1].Value);
                if (action.Contains("ActionName(", StringComparison.Ordinal))
                {
                    foreach (var a in Enum.GetValues<RevenueAction>()) actions.Add(a.ToString().ToLowerInvariant());
                }
                else if (Regex.IsMatch(action.Trim(), @"^\w+$"))
                {
                    // A variable: the literals it is assigned in the same file.
                    foreach (Match assigned in Regex.Matches(source, $@"var {action.Trim()} = ([^;]+);"))
                    {
                        foreach (Match literal in Regex.Matches(assigned.Groups[1].Value, @"""([a-z0-9-]+)""")) actions.Add(literal.Groups[1].Value);
                    }
                }
            }
        }

        return (entities, actions);
    }

    /// <summary>The text of the argument after skipping <paramref name="skip"/> top-level commas from <paramref name="at"/>.</summary>
    private static string Argument(string source, int at, int skip)
    {
        var depth = 0;
        var start = at;
        var seen = 0;
        for (var i = at; i < source.Length; i++)
        {
            var c = source[i];
            if (c is '(' or '{' or '[') depth++;
            else if (c is ')' or '}' or ']') { if (depth == 0) return seen == skip ? source[start..i] : ""; depth--; }
            else if (c == '"') { i = source.IndexOf('"', i + 1); }
            else if (c == ',' && depth == 0)
            {
                if (seen == skip) return source[start..i];
                seen++;
                start = i + 1;
            }
        }

        return "";
    }
}

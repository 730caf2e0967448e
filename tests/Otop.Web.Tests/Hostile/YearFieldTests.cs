using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Otop.Domain;
using Otop.Web.Platform.Http;
using Otop.Web.Tests.Infrastructure;
using Otop.Web.Tests.Trust;

namespace Otop.Web.Tests.Hostile;

/// <summary>
/// docs/hostile-input.md, "Thai and BE in every input": every page of the authorization table that reads a fiscal year
/// reads it as BE (2566), CE (2023 → 2566) or Thai digits (๒๕๖๖) alike, and answers a year it cannot read with a 400 Thai
/// page naming the field, never a 500 or a silently different year.
/// </summary>
public sealed class YearFieldTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    // The page GETs of the table whose sample carries a fiscal year, plus the registry checks page that defaults one.
    private static readonly List<string> YearPages = AuthorizationTable.Routes
        .Where(r => r.Key.StartsWith("GET /", StringComparison.Ordinal) && !r.Key.StartsWith("GET /api", StringComparison.Ordinal)
            && !r.Key.Contains("?handler=", StringComparison.Ordinal)
            && (r.Value.Request.Contains("fiscalYear=", StringComparison.Ordinal) || r.Key == "GET /Registry/Checks"))
        .Select(r => Place(r.Value.Request)).ToList();

    [Fact]
    public void EveryPageModelYearPropertyBoundFromTheQuery_UsesTheFiscalYearBinder()
    {
        var unbound = typeof(FiscalYearBinder).Assembly.GetTypes()
            .Where(t => typeof(PageModel).IsAssignableFrom(t))
            .SelectMany(t => t.GetProperties().Select(p => (Type: t, Property: p)))
            .Where(x => x.Property.Name.EndsWith("Year", StringComparison.Ordinal) && x.Property.PropertyType == typeof(int?)
                && x.Property.GetCustomAttribute<BindPropertyAttribute>() is { SupportsGet: true } b && b.BinderType != typeof(FiscalYearBinder))
            .Select(x => $"{x.Type.Name}.{x.Property.Name}").ToList();

        unbound.ShouldBeEmpty();
        YearPages.Count.ShouldBeGreaterThanOrEqualTo(9);
    }

    [Fact]
    public async Task EveryYearPage_ReadsABuddhistACommonEraAndAThaiDigitYearAlike()
    {
        var admin = await app.SignedInAsync("DepartmentAdmin", "0");
        var differences = new List<string>();
        foreach (var url in YearPages)
        {
            var be = YearOf(url);
            var answers = new List<(string Spelling, HttpStatusCode Status, string Html)>();
            foreach (var spelling in new[] { be.ToString(), (be - 543).ToString(), ThaiDigits.ToThai(be.ToString()) })
            {
                using var response = await admin.GetAsync(WithYear(url, spelling));
                answers.Add((spelling, response.StatusCode, await response.Content.ReadAsStringAsync()));
            }

            if (answers.Any(a => a.Status != answers[0].Status)) differences.Add($"{url}: {string.Join(", ", answers.Select(a => $"{a.Spelling}→{(int)a.Status}"))}");
            // A page that shows the year back in its field shows the BE year whatever was typed.
            foreach (var (spelling, _, html) in answers.Where(a => a.Html.Contains("name=\"fiscalYear\"", StringComparison.OrdinalIgnoreCase)))
            {
                if (!Regex.IsMatch(html, $@"name=""fiscalYear""[^>]*value=""{be}""", RegexOptions.IgnoreCase)) differences.Add($"{url} with {spelling}: the field does not show {be}");
            }
        }

        differences.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("abc", "ปีงบประมาณ \"abc\" อ่านไม่ได้")]
    [InlineData("2566-13", "ปีงบประมาณ \"2566-13\" อ่านไม่ได้")]
    [InlineData("99999999999999999999", "อ่านไม่ได้")]
    [InlineData("0", "ปีงบประมาณ 0 ไม่ถูกต้อง ต้องเป็นปี พ.ศ. ระหว่าง 2400 ถึง 2700")]
    [InlineData("2147483647", "อ่านไม่ได้")]
    public async Task EveryYearPage_AnswersAYearItCannotRead_With400AndAThaiMessageNamingTheField(string year, string message)
    {
        var admin = await app.SignedInAsync("DepartmentAdmin", "0");
        var wrong = new List<string>();
        foreach (var url in YearPages)
        {
            using var response = await admin.GetAsync(WithYear(url, year));
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            if (response.StatusCode != HttpStatusCode.BadRequest || !html.Contains(message, StringComparison.Ordinal))
            {
                wrong.Add($"{(int)response.StatusCode} {url}");
            }
        }

        wrong.ShouldBeEmpty();
    }

    [Fact]
    public async Task TheCheckPage_WithACommonEraYear_ShowsTheBuddhistYearsMonths()
    {
        var admin = await app.SignedInAsync("DepartmentAdmin", "0");

        var html = await admin.GetStringAsync("/Revenue/Check?province=27&fiscalYear=2023");

        html.ShouldContain("value=\"2566\"");
        html.ShouldNotContain("value=\"2023\"");
    }

    [Fact]
    public async Task TheEntryPagesMonthField_IsABuddhistEraMonthPicker_ThatPostsTheGregorianMonth()
    {
        var officer = await app.SignedInAsync("DistrictOfficer", "2701");

        var html = await officer.GetStringAsync("/Revenue/Entry?district=2701&month=2023-01");

        html.ShouldNotContain("type=\"month\"");
        html.ShouldMatch(@"<select id=""month"" name=""month""[^>]*data-testid=""month-picker""");
        html.ShouldMatch(@"<option value=""2023-01"" selected=""selected"">มกราคม 2566</option>");
        html.ShouldContain("<option value=\"2023-02\">กุมภาพันธ์ 2566</option>");
    }

    private static int YearOf(string url) => Regex.Match(url, @"fiscalYear=(\d+)") is { Success: true } m ? int.Parse(m.Groups[1].Value) : 2566;

    private static string WithYear(string url, string year)
    {
        var escaped = Uri.EscapeDataString(year);
        return url.Contains("fiscalYear=", StringComparison.Ordinal)
            ? Regex.Replace(url, @"fiscalYear=[^&]*", "fiscalYear=" + escaped)
            : url + (url.Contains('?') ? "&" : "?") + "fiscalYear=" + escaped;
    }

    private static string Place(string request) => Regex.Replace(request, @"\{(\w+)\}", m => m.Groups[1].Value switch
    {
        "district" => "2701",
        "province" => "27",
        _ => "1",
    });
}

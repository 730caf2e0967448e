using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Tests.Infrastructure;
using Otop.Web.Tests.Revenue;
using static Otop.Web.Tests.Registry.RegistryFiles;
using static Otop.Web.Tests.Revenue.RevenueTestData;
using Otop.Web.Features.Registry;
using Otop.Web.Features.Revenue;

namespace Otop.Web.Tests.Hostile;

/// <summary>docs/hostile-input.md, values: numbers, dates, strings and JSON that are malformed, huge or ambiguous.</summary>
public sealed class HostileValueTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    private const string District = "2706";

    private async Task<(HttpClient Officer, string[] Codes)> MonthAsync()
    {
        app.Clock.Now = Bangkok(2023, 2, 20);
        var codes = await app.ProducersAsync(District, 2);
        return (await app.ClientAsAsync("DistrictOfficer", District), codes);
    }

    private static StringContent Json(string json, string type = "application/json") => new(json, Encoding.UTF8, type);

    private async Task<System.Text.Json.JsonElement> PutRawAsync(HttpClient client, string json, HttpStatusCode status, string month = "2023-02", string type = "application/json") =>
        await app.ChangesNothingAsync(async () =>
            await (await client.PutAsync($"/api/v1/revenue/{District}/{month}", Json(json, type))).ProblemAsync(status));

    [Theory]
    [InlineData("1e30", 400)]
    [InlineData("99999999999999999999", 422)]
    [InlineData("12.345", 422)]
    [InlineData("-0.01", 422)]
    [InlineData("\"NaN\"", 400)]
    [InlineData("\"Infinity\"", 400)]
    [InlineData("\"1,2,3\"", 400)]
    [InlineData("\"๑2,3๔๕\"", 400)]
    public async Task H29_To_H36_AMalformedOrHugeAmount_IsRefused_AndChangesNothing(string amount, int status)
    {
        var (officer, codes) = await MonthAsync();

        var problem = await PutRawAsync(officer, $$"""{"entries":[{"entrepreneurCode":"{{codes[0]}}","amount":{{amount}}}]}""", (HttpStatusCode)status);

        if (status == 422) problem.GetProperty("errors").TryGetProperty("entries[0].amount", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task H37_NegativeZero_IsStoredAndShownAsZero()
    {
        var (officer, codes) = await MonthAsync();

        await (await officer.PutAsync($"/api/v1/revenue/{District}/2023-02", Json($$"""{"entries":[{"entrepreneurCode":"{{codes[0]}}","amount":-0.00}]}"""))).JsonAsync();

        var body = await (await officer.GetAsync($"/api/v1/revenue/{District}/2023-02")).JsonAsync();
        body.GetProperty("entries")[0].GetProperty("amount").GetRawText().ShouldNotStartWith("-");
        body.GetProperty("total").GetRawText().ShouldNotStartWith("-");
        body.GetProperty("total").GetDecimal().ShouldBe(0m);
    }

    [Theory]
    [InlineData("2566-01", 422)]
    [InlineData("2566-13", 400)]
    [InlineData("2023-13", 400)]
    [InlineData("2023-00", 400)]
    [InlineData("9999-01", 422)]
    public async Task H38_To_H42_ABuddhistOrImpossibleMonthInTheApi_IsRefused_NeverASilentWrite(string month, int status)
    {
        var (officer, codes) = await MonthAsync();

        var problem = await PutRawAsync(officer, $$"""{"entries":[{"entrepreneurCode":"{{codes[0]}}","amount":1}]}""", (HttpStatusCode)status, month);

        if (month.StartsWith("2566-01", StringComparison.Ordinal)) problem.Text().ShouldContain("2023-01");
    }

    [Theory]
    [InlineData("2566-02-30")]
    [InlineData("2023-02-29")]
    [InlineData("2023-13-01")]
    [InlineData("2564-01-15")]
    [InlineData("15/01/2564")]
    public async Task H43_To_H47_AnImpossibleOrBuddhistListingDate_Is422(string since)
    {
        var p = NewPrefix();
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        await (await admin.ImportAsync(Csv([Row($"{p}E", $"{p}P", district: District)]))).JsonAsync();

        var problem = await app.ChangesNothingAsync(async () => await (await admin.PutAsync($"/api/v1/registry/products/{p}P/online-listings",
            Json($$"""[{"channel":"shopee","url":"https://shopee.co.th/x","since":"{{since}}"}]"""))).ProblemAsync(HttpStatusCode.UnprocessableEntity));

        problem.GetProperty("errors").TryGetProperty("[0].since", out _).ShouldBeTrue();
    }

    [Theory]
    [InlineData("2023", "ต้องเป็นปี พ.ศ.")]
    [InlineData("2566-02-30", "ไม่ใช่ปี พ.ศ.")]
    [InlineData("๒๕๗๐", "ปีในอนาคต")]
    [InlineData("1e3", "ไม่ใช่ปี พ.ศ.")]
    public async Task H48_To_H51_AnImpossibleRegistrationYearInAFile_IsRefusedByRow(string year, string thai)
    {
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        var p = NewPrefix();

        var problem = await app.ChangesNothingAsync(async () =>
            await (await admin.ImportAsync(Csv([Row($"{p}E", $"{p}P", year: year)]))).ProblemAsync(HttpStatusCode.UnprocessableEntity));

        problem.Text().ShouldContain(thai);
    }

    [Theory]
    [InlineData("1e5")]
    [InlineData("1,2,3")]
    [InlineData("NaN")]
    [InlineData("12.345")]
    public async Task H52_To_H55_AMalformedAmountInTheHistoryFile_IsRefusedByRow(string amount)
    {
        var codes = await app.ProducersAsync(District, 1);
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        var file = Encoding.UTF8.GetBytes($"entrepreneur_code,month,amount\n{codes[0]},2022-01,\"{amount}\"\n");

        var problem = await app.ChangesNothingAsync(async () =>
            await (await admin.PostAsync("/api/v1/revenue/import", new MultipartFormDataContent { { new ByteArrayContent(file), "file", "h.csv" } }))
                .ProblemAsync(HttpStatusCode.UnprocessableEntity));

        problem.GetProperty("rejected")[0].GetProperty("row").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task H56_MixedThaiAndArabicDigitsInOneFigure_ReadAsTheSameNumber()
    {
        var codes = await app.ProducersAsync(District, 1);
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        var file = Encoding.UTF8.GetBytes($"entrepreneur_code,month,amount\n{codes[0]},2021-03,\"๑2,3๔๕\"\n");

        await (await admin.PostAsync("/api/v1/revenue/import", new MultipartFormDataContent { { new ByteArrayContent(file), "file", "h.csv" } })).JsonAsync();

        (await app.WithDbAsync(db => db.RevenueEntries.Where(e => e.Entrepreneur.Code == codes[0]).Select(e => e.Amount).SingleAsync())).ShouldBe(12345m);
    }

    [Fact]
    public async Task H57_TenThousandCharactersInEveryApiTextField_Is422NamingTheMaximum()
    {
        var (officer, codes) = await MonthAsync();
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        var province = await app.ClientAsAsync("ProvinceOfficer", "27");
        var huge = new string('ก', 10_000);

        var explanation = await PutRawAsync(officer, $$"""{"entries":[{"entrepreneurCode":"{{codes[0]}}","amount":1,"explanation":"{{huge}}"}]}""", HttpStatusCode.UnprocessableEntity);
        var reason = await app.ChangesNothingAsync(async () =>
            await (await province.PostJsonAsync($"/api/v1/revenue/{District}/2023-01/return", new { reason = huge })).ProblemAsync(HttpStatusCode.UnprocessableEntity));
        var user = await app.ChangesNothingAsync(async () =>
            await (await admin.PostJsonAsync("/api/v1/users", new { username = new string('a', 10_000), password = "Passw0rd-x", displayName = huge, role = "Viewer", orgUnit = "27" }))
                .ProblemAsync(HttpStatusCode.UnprocessableEntity));
        var p = NewPrefix();
        await (await admin.ImportAsync(Csv([Row($"{p}E", $"{p}P", district: District)]))).JsonAsync();
        var url = await app.ChangesNothingAsync(async () =>
            await (await admin.PutAsync($"/api/v1/registry/products/{p}P/online-listings",
                Json($$"""[{"channel":"shopee","url":"https://shopee.co.th/{{huge}}","since":"2022-01-15"}]"""))).ProblemAsync(HttpStatusCode.UnprocessableEntity));
        var name = await app.ChangesNothingAsync(async () =>
            await (await admin.ImportAsync(Csv([Row($"{p}E2", $"{p}P2", name: huge, product: huge)]))).ProblemAsync(HttpStatusCode.UnprocessableEntity));

        explanation.Text().ShouldContain("1,000");
        reason.Text().ShouldContain("2,000");
        user.GetProperty("errors").GetProperty("displayName")[0].GetString()!.ShouldContain("200");
        user.GetProperty("errors").GetProperty("username")[0].GetString()!.ShouldContain("100");
        url.GetProperty("errors").TryGetProperty("[0].url", out _).ShouldBeTrue();
        name.Text().ShouldContain("ยาวเกิน 300");
    }

    [Theory]
    [InlineData("""{"entries":[{"entrepreneurCode":"X","amount":1}""", "truncated")]
    [InlineData("""{"version":"abc","entries":[]}""", "wrong type")]
    [InlineData("""{"entries":"all of them"}""", "wrong type")]
    [InlineData("""{"version":1,"version":2,"entries":[]}""", "duplicate key")]
    [InlineData("""[1,2,3]""", "not an object")]
    [InlineData("""{"entries":[{"entrepreneurCode":"X","amount":1}]} trailing""", "trailing garbage")]
    public async Task H58_To_H63_MalformedJson_Is400InThai(string json, string why)
    {
        var (officer, _) = await MonthAsync();

        var problem = await PutRawAsync(officer, json, HttpStatusCode.BadRequest);

        problem.GetProperty("detail").GetString()!.ShouldMatch(@"[\u0E00-\u0E7F]", why);
    }

    [Fact]
    public async Task H64_AHugeArrayOfEntries_Is422()
    {
        var (officer, codes) = await MonthAsync();
        var json = "{\"entries\":[" + string.Join(",", Enumerable.Repeat($$"""{"entrepreneurCode":"{{codes[0]}}","amount":1}""", 20_000)) + "]}";

        var problem = await PutRawAsync(officer, json, HttpStatusCode.UnprocessableEntity);

        problem.GetProperty("errors").GetProperty("entries")[0].GetString()!.ShouldContain("5,000");
    }

    [Fact]
    public async Task H65_AWrongContentType_Is415InThai()
    {
        var (officer, codes) = await MonthAsync();

        await PutRawAsync(officer, $$"""{"entries":[{"entrepreneurCode":"{{codes[0]}}","amount":1}]}""", HttpStatusCode.UnsupportedMediaType, type: "text/plain");
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        await app.ChangesNothingAsync(async () => await (await admin.PostAsync("/api/v1/registry/import", Json("{}"))).ProblemAsync(HttpStatusCode.UnsupportedMediaType));
    }

    [Theory]
    [InlineData("God")]
    [InlineData("departmentadmin")]
    [InlineData("")]
    public async Task H66_AnUnknownRole_Is422ListingTheRoles(string role)
    {
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");

        var problem = await app.ChangesNothingAsync(async () =>
            await (await admin.PostJsonAsync("/api/v1/users", new { username = "god" + Guid.NewGuid().ToString("N")[..6], password = "Passw0rd-x", displayName = "พระเจ้า", role, orgUnit = "0" }))
                .ProblemAsync(HttpStatusCode.UnprocessableEntity));

        problem.GetProperty("errors").GetProperty("role")[0].GetString()!.ShouldContain("DepartmentAdmin");
    }

    [Theory]
    [InlineData("""[{"channel":"myspace","url":"https://myspace.com/x","since":"2022-01-15"}]""", "[0].channel")]
    [InlineData("""[{"channel":"shopee","url":"javascript:alert(1)","since":"2022-01-15"}]""", "[0].url")]
    [InlineData("""[null]""", "[0]")]
    public async Task H67_To_H69_AnUnknownChannelOrAScriptUrl_Is422(string json, string field)
    {
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        var p = NewPrefix();
        await (await admin.ImportAsync(Csv([Row($"{p}E", $"{p}P", district: District)]))).JsonAsync();

        var problem = await app.ChangesNothingAsync(async () =>
            await (await admin.PutAsync($"/api/v1/registry/products/{p}P/online-listings", Json(json))).ProblemAsync(HttpStatusCode.UnprocessableEntity));

        problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
    }

    [Fact]
    public async Task H70_SqlLookingInput_IsStoredAndSearchedAsPlainText()
    {
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        var p = NewPrefix();
        const string evil = "x'); DROP TABLE \"Products\";--";
        var file = Encoding.UTF8.GetBytes(Header + $"\n{p}E,\"{evil.Replace("\"", "\"\"")}\",group,{District},{p}P,\"' OR 1=1 --\",food,2560\n");

        await (await admin.ImportAsync(file)).JsonAsync();
        var found = await (await admin.GetAsync($"/api/v1/registry/entrepreneurs?q={Uri.EscapeDataString("'); DROP TABLE")}")).JsonAsync();
        var none = await (await admin.GetAsync($"/api/v1/registry/products?q={Uri.EscapeDataString("' OR '1'='1")}")).JsonAsync();

        (await app.WithDbAsync(db => db.Entrepreneurs.Where(e => e.Code == $"{p}E").Select(e => e.Name).SingleAsync())).ShouldBe(evil);
        (await app.WithDbAsync(db => db.Products.Where(x => x.Code == $"{p}P").Select(x => x.Name).SingleAsync())).ShouldBe("' OR 1=1 --");
        found.GetProperty("total").GetInt32().ShouldBe(1);
        none.GetProperty("total").GetInt32().ShouldBe(0);
    }
}

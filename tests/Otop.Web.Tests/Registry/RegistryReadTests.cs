using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Tests.Infrastructure;
using Otop.Web.Features.Registry;

namespace Otop.Web.Tests.Registry;

/// <summary>The summary of CONTRACT.md and the scoped list and detail reads, on Sa Kaeo's demo registry.</summary>
public sealed class RegistryReadTests(DemoApp app) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task Summary_ForLetter1sRange_ReproducesTheLettersTable()
    {
        var province = await app.ClientAsAsync("ProvinceOfficer", "27");

        var body = await (await province.GetAsync("/api/v1/registry/summary?province=27&registeredFrom=2557&registeredTo=2563")).JsonAsync();

        var rows = body.GetProperty("rows").EnumerateArray().Select(r => (
            r.GetProperty("districtCode").GetString(), r.GetProperty("entrepreneurs").GetInt32(), r.GetProperty("products").GetInt32())).ToList();
        rows.ShouldBe([
            ("2701", 140, 406), ("2702", 65, 164), ("2703", 58, 152), ("2704", 81, 270), ("2705", 168, 303),
            ("2706", 77, 220), ("2707", 109, 198), ("2708", 63, 86), ("2709", 71, 147),
        ]);
        body.GetProperty("rows")[0].GetProperty("districtName").GetString().ShouldBe("เมืองสระแก้ว");
        body.GetProperty("total").GetProperty("entrepreneurs").GetInt32().ShouldBe(832);
        body.GetProperty("total").GetProperty("products").GetInt32().ShouldBe(1946);
    }

    [Theory]
    [InlineData(2557, 2557)]
    [InlineData(2560, 2566)]
    [InlineData(2500, 2600)]
    public async Task Summary_CountsProductsInTheRange_AndEntrepreneursWithAtLeastOne(int from, int to)
    {
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        var expected = await app.WithDbAsync(db => db.Products.Where(p => p.Entrepreneur.DistrictCode == "2703" && p.RegisteredYear >= from && p.RegisteredYear <= to)
            .Select(p => p.EntrepreneurId).ToListAsync());

        var body = await (await admin.GetAsync($"/api/v1/registry/summary?province=27&registeredFrom={from}&registeredTo={to}")).JsonAsync();

        var row = body.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("districtCode").GetString() == "2703");
        row.GetProperty("products").GetInt32().ShouldBe(expected.Count);
        row.GetProperty("entrepreneurs").GetInt32().ShouldBe(expected.Distinct().Count());
        body.GetProperty("total").GetProperty("products").GetInt32()
            .ShouldBe(body.GetProperty("rows").EnumerateArray().Sum(r => r.GetProperty("products").GetInt32()));
    }

    [Fact]
    public async Task Summary_OfAProvinceWithoutProducts_ListsEveryDistrictWithZero()
    {
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");

        var body = await (await admin.GetAsync("/api/v1/registry/summary?province=30&registeredFrom=2557&registeredTo=2563")).JsonAsync();

        var rows = body.GetProperty("rows").EnumerateArray().ToList();
        rows.Count.ShouldBeGreaterThan(20);
        rows.Select(r => r.GetProperty("districtCode").GetString()).ShouldBe(rows.Select(r => r.GetProperty("districtCode").GetString()).Order());
        rows.ShouldAllBe(r => r.GetProperty("products").GetInt32() == 0 && r.GetProperty("entrepreneurs").GetInt32() == 0);
    }

    [Theory]
    [InlineData("ProvinceOfficer", "30", HttpStatusCode.Forbidden)]
    [InlineData("DistrictOfficer", "2701", HttpStatusCode.Forbidden)]
    [InlineData("Viewer", "27", HttpStatusCode.OK)]
    public async Task Summary_IsReadOnlyByThoseWhoseUnitCoversTheProvince(string role, string unit, HttpStatusCode expected)
    {
        var client = await app.ClientAsAsync(role, unit);

        var response = await client.GetAsync("/api/v1/registry/summary?province=27&registeredFrom=2557&registeredTo=2563");

        response.StatusCode.ShouldBe(expected);
    }

    [Fact]
    public async Task Summary_OfAnUnknownProvince_Is404_AndABadYear_Is422()
    {
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");

        await (await admin.GetAsync("/api/v1/registry/summary?province=99")).ProblemAsync(HttpStatusCode.NotFound);
        await (await admin.GetAsync("/api/v1/registry/summary?province=27&registeredFrom=abc")).ProblemAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Products_ADistrictOfficer_SeesOnlyItsDistrict()
    {
        var officer = await app.ClientAsAsync("DistrictOfficer", "2702");

        var body = await (await officer.GetAsync("/api/v1/registry/products?pageSize=500")).JsonAsync();

        body.GetProperty("total").GetInt32().ShouldBeGreaterThan(164);
        body.GetProperty("items").EnumerateArray().ShouldAllBe(i => i.GetProperty("districtCode").GetString() == "2702");
        (await officer.GetAsync("/api/v1/registry/products?district=2701")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Products_AThaiSearch_FindsProductsByName()
    {
        var name = await app.WithDbAsync(db => db.Products.Where(p => p.Entrepreneur.DistrictCode == "2701").Select(p => p.Name).FirstAsync());
        var word = name[..Math.Min(6, name.Length)];
        var officer = await app.ClientAsAsync("DistrictOfficer", "2701");

        var body = await (await officer.GetAsync($"/api/v1/registry/products?q={Uri.EscapeDataString(word)}")).JsonAsync();

        body.GetProperty("total").GetInt32().ShouldBeGreaterThan(0);
        body.GetProperty("items").EnumerateArray().ShouldAllBe(i => i.GetProperty("name").GetString()!.Contains(word) || i.GetProperty("entrepreneurName").GetString()!.Contains(word));
    }

    [Fact]
    public async Task Products_FilteredByYearsAndOnline_MatchTheDatabase()
    {
        var expected = await app.WithDbAsync(db => db.Products.CountAsync(p => p.Entrepreneur.DistrictCode == "2701" && p.RegisteredYear >= 2557 && p.RegisteredYear <= 2563 && p.Listings.Any()));
        var province = await app.ClientAsAsync("ProvinceOfficer", "27");

        var body = await (await province.GetAsync("/api/v1/registry/products?district=2701&registeredFrom=๒๕๕๗&registeredTo=2563&online=yes&pageSize=1")).JsonAsync();

        body.GetProperty("total").GetInt32().ShouldBe(expected);
        body.GetProperty("items").GetArrayLength().ShouldBe(Math.Min(1, expected));
    }

    [Fact]
    public async Task Detail_OfAnotherDistrictsProducer_Is404()
    {
        var officer = await app.ClientAsAsync("DistrictOfficer", "2701");

        (await officer.GetAsync("/api/v1/registry/entrepreneurs/27020001")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await officer.GetAsync("/api/v1/registry/products/27020001-01")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var own = await (await officer.GetAsync("/api/v1/registry/entrepreneurs/27010001")).JsonAsync();
        own.GetProperty("districtCode").GetString().ShouldBe("2701");
        own.GetProperty("products").GetArrayLength().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Entrepreneurs_AreListedWithinScopeWithPaging()
    {
        var province = await app.ClientAsAsync("ProvinceOfficer", "27");

        var body = await (await province.GetAsync("/api/v1/registry/entrepreneurs?district=2708&page=2&pageSize=10")).JsonAsync();

        body.GetProperty("page").GetInt32().ShouldBe(2);
        body.GetProperty("items").GetArrayLength().ShouldBe(10);
        body.GetProperty("total").GetInt32().ShouldBeGreaterThanOrEqualTo(63);
    }
}

/// <summary>PUT …/online-listings replaces a product's listings; channels come from the lookup table.</summary>
public sealed class OnlineListingsTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static readonly object[] TwoListings =
    [
        new { channel = "shopee", url = "https://shopee.co.th/otop-sakaeo", since = "2021-01-15" },
        new { channel = "facebook", url = "http://facebook.com/otop.sakaeo", since = "2020-11-01" },
    ];

    private async Task<List<JsonElement>> ListingsOf(HttpClient client, string code) =>
        (await (await client.GetAsync($"/api/v1/registry/products/{code}")).JsonAsync()).GetProperty("listings").EnumerateArray().ToList();

    [Fact]
    public async Task Put_ReplacesTheListings_AndAnEmptyListClearsThem()
    {
        var officer = await app.ClientAsAsync("DistrictOfficer", "2701");

        (await officer.PutAsJsonAsync("/api/v1/registry/products/27010002-01/online-listings", TwoListings)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var listings = await ListingsOf(officer, "27010002-01");
        listings.Select(l => l.GetProperty("channel").GetString()).ShouldBe(["facebook", "shopee"]);
        listings[1].GetProperty("since").GetString().ShouldBe("2021-01-15");

        (await officer.PutAsJsonAsync("/api/v1/registry/products/27010002-01/online-listings", Array.Empty<object>())).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ListingsOf(officer, "27010002-01")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Put_IsAudited_WithOldAndNewListings()
    {
        var officer = await app.ClientAsAsync("DistrictOfficer", "2701");
        await officer.PutAsJsonAsync("/api/v1/registry/products/27010003-01/online-listings", TwoListings);
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");

        var entries = (await (await admin.GetAsync("/api/v1/audit?entity=online-listings&key=27010003-01")).JsonAsync()).EnumerateArray().ToList();

        entries.ShouldNotBeEmpty();
        entries[^1].GetProperty("newValue").GetArrayLength().ShouldBe(2);
    }

    [Theory]
    [InlineData("myspace", "https://x.example/shop", "2021-01-15", "[0].channel")]
    [InlineData("shopee", "/shop/relative", "2021-01-15", "[0].url")]
    [InlineData("shopee", "ftp://x.example/shop", "2021-01-15", "[0].url")]
    [InlineData("shopee", "https://x.example/shop", "15/01/2564", "[0].since")]
    [InlineData("shopee", "https://x.example/shop", "2030-01-01", "[0].since")]
    public async Task Put_WithAnInvalidListing_Is422NamingTheField_AndChangesNothing(string channel, string url, string since, string field)
    {
        var officer = await app.ClientAsAsync("DistrictOfficer", "2701");
        var before = await ListingsOf(officer, "27010004-01");

        var problem = await app.ChangesNothingAsync(async () => await (await officer.PutAsJsonAsync("/api/v1/registry/products/27010004-01/online-listings",
            new[] { new { channel, url, since } })).ProblemAsync(HttpStatusCode.UnprocessableEntity));

        problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(problem.ToString());
        (await ListingsOf(officer, "27010004-01")).Select(l => l.GetRawText()).ShouldBe(before.Select(l => l.GetRawText()));
    }

    [Fact]
    public async Task Put_OnAnotherDistrictsProduct_Is404_AndAViewer_Is403()
    {
        var officer = await app.ClientAsAsync("DistrictOfficer", "2701");
        var viewer = await app.ClientAsAsync("Viewer", "27");

        (await officer.PutAsJsonAsync("/api/v1/registry/products/27020001-01/online-listings", TwoListings)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await viewer.PutAsJsonAsync("/api/v1/registry/products/27010001-01/online-listings", TwoListings)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Put_ANewChannelAddedToTheLookup_IsAcceptedWithoutACodeChange()
    {
        await app.WithDbAsync(async db =>
        {
            if (!await db.SalesChannels.AnyAsync(c => c.Code == "threads"))
            {
                db.SalesChannels.Add(new Otop.Web.Features.Registry.SalesChannel { Code = "threads", NameTh = "เธรดส์", NameEn = "Threads", SortOrder = 99 });
                await db.SaveChangesAsync();
            }
            return 0;
        });
        var officer = await app.ClientAsAsync("DistrictOfficer", "2701");

        var response = await officer.PutAsJsonAsync("/api/v1/registry/products/27010005-01/online-listings", new[] { new { channel = "threads", url = "https://threads.net/@otop", since = "2022-05-01" } });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

/// <summary>The export is the import template: exported and imported back, nothing changes.</summary>
public sealed class RegistryExportTests(DemoApp app) : IClassFixture<DemoApp>
{
    [Theory]
    [InlineData("csv")]
    [InlineData("xlsx")]
    public async Task Export_ThenImport_ChangesNothing(string format)
    {
        var officer = await app.ClientAsAsync("DistrictOfficer", "2701");

        var export = await officer.GetAsync($"/api/v1/registry/export?format={format}&registeredFrom=2557&registeredTo=2563");
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        var file = await export.Content.ReadAsByteArrayAsync();
        var body = await (await officer.ImportAsync(file, fileName: $"export.{format}")).JsonAsync();

        body.GetProperty("inserted").GetProperty("products").GetInt32().ShouldBe(0);
        body.GetProperty("updated").GetProperty("products").GetInt32().ShouldBe(0);
        body.GetProperty("updated").GetProperty("entrepreneurs").GetInt32().ShouldBe(0);
        var validated = await (await officer.ImportAsync(file, commit: false, fileName: $"export.{format}")).JsonAsync();
        validated.GetProperty("rejected").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Export_CsvIsUtf8WithBom_AndHasTheTemplateHeader_FilteredAsAsked()
    {
        var officer = await app.ClientAsAsync("DistrictOfficer", "2701");
        var expected = await app.WithDbAsync(db => db.Products.CountAsync(p => p.Entrepreneur.DistrictCode == "2701" && p.RegisteredYear >= 2557 && p.RegisteredYear <= 2563));

        var bytes = await (await officer.GetAsync("/api/v1/registry/export?registeredFrom=2557&registeredTo=2563")).Content.ReadAsByteArrayAsync();

        bytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var lines = System.Text.Encoding.UTF8.GetString(bytes[3..]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].TrimEnd('\r').ShouldBe(RegistryFiles.Header);
        (lines.Length - 1).ShouldBe(expected);
        expected.ShouldBe(406);
    }
}

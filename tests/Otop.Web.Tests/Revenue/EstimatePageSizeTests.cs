using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Tests.Infrastructure;
using static Otop.Web.Tests.Revenue.RevenueTestData;
using Otop.Web.Features.Revenue;

namespace Otop.Web.Tests.Revenue;

/// <summary>
/// The estimate page at any size (issue 16, item 4): a 400-producer district (5,200 form values, over the framework's
/// 1,024 that answered 400 before) saves with a plain form post and with the page script's one JSON field; a refusal
/// to the script is JSON with the Thai errors, so the page keeps what was typed.
/// </summary>
public sealed class EstimatePageSizeTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    [Fact]
    public async Task A400ProducerDistrict_SavesItsEstimate_WithAPlainFormPost()
    {
        var codes = await app.ProducersAsync("2701", 400);
        var officer = await app.SignedInAsync("DistrictOfficer", "2701");
        var url = "/Revenue/Estimate?district=2701&fiscalYear=2566";
        var token = Antiforgery.TokenFrom(await officer.GetStringAsync(url));
        var form = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", token), new("Version", "0"), new("send", "false") };
        for (var i = 0; i < codes.Length; i++)
        {
            form.Add(new($"Lines[{i}].Code", codes[i]));
            for (var j = 0; j < 12; j++) form.Add(new($"Lines[{i}].Amounts[{j}]", "100"));
        }

        var response = await officer.PostAsync(url + "&handler=Save", new FormUrlEncodedContent(form));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        (await app.WithDbAsync(db => db.RevenueEstimates.SingleAsync(e => e.DistrictCode == "2701" && e.FiscalYear == 2566))).Total.ShouldBe(400 * 12 * 100m);
    }

    [Fact]
    public async Task ThePageScriptsJson_SavesA400ProducerEstimate_AndARefusalComesBackAsThaiErrors_ChangingNothing()
    {
        var codes = await app.ProducersAsync("2702", 400);
        var officer = await app.SignedInAsync("DistrictOfficer", "2702");
        var url = "/Revenue/Estimate?district=2702&fiscalYear=2566";
        var token = Antiforgery.TokenFrom(await officer.GetStringAsync(url));
        async Task<HttpResponseMessage> SendAsync(string firstAmount, int version)
        {
            var lines = codes.Select((c, i) => new { code = c, amounts = Enumerable.Range(0, 12).Select(j => i == 0 && j == 0 ? firstAmount : "๒๕๐").ToArray() });
            using var request = new HttpRequestMessage(HttpMethod.Post, url + "&handler=Save")
            {
                Content = new MultipartFormDataContent
                {
                    { new StringContent(token), "__RequestVerificationToken" }, { new StringContent(version.ToString()), "Version" },
                    { new StringContent("false"), "send" }, { new StringContent(JsonSerializer.Serialize(lines)), "LinesJson" },
                },
            };
            request.Headers.Add("X-Otop-Script", "estimate");
            return await officer.SendAsync(request);
        }

        var refused = await app.ChangesNothingAsync(() => SendAsync("-1", 0));
        var saved = await SendAsync("250", 0);

        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var errors = (await refused.JsonAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("errors").EnumerateArray().Select(e => e.GetString()).ToList();
        errors.ShouldHaveSingleItem()!.ShouldContain("'-1' ไม่ใช่จำนวนเงินที่ถูกต้อง");
        var ok = await saved.JsonAsync();
        ok.GetProperty("version").GetInt32().ShouldBe(1);
        ok.GetProperty("redirect").GetString()!.ShouldContain("district=2702");
        (await app.WithDbAsync(db => db.RevenueEstimates.SingleAsync(e => e.DistrictCode == "2702" && e.FiscalYear == 2566))).Total.ShouldBe(400 * 12 * 250m);
    }
}

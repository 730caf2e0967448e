using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Otop.Web.Tests.Infrastructure;

public static class Http
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe((int)expected, $"body: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>
    /// Asserts an RFC 9457 problem: the given status on the response and in the body, the <c>application/problem+json</c>
    /// content type (CONTRACT.md: every API error is problem+json; a JSON body with another type is not), a Thai title.
    /// </summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe((int)expected, $"body: {body}");
        var contentType = response.Content.Headers.ContentType;
        contentType.ShouldNotBeNull($"a {(int)expected} problem has a Content-Type; body: {body}");
        contentType.MediaType.ShouldBe("application/problem+json", $"body: {body}");
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        problem.GetProperty("status").GetInt32().ShouldBe((int)expected);
        problem.GetProperty("title").GetString()!.ShouldMatch(@"[\u0E00-\u0E7F]", "the title is Thai");
        return problem;
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body, Json);
}

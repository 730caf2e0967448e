using Microsoft.AspNetCore.Mvc.Testing;

namespace Otop.Web.Tests.Infrastructure;

/// <summary>
/// A page client whose cookies the test can see and copy (the factory's own client hides them in its handler, and does
/// not send a Secure cookie back over http, as behind a TLS proxy).
/// </summary>
public sealed class CookieJar
{
    private readonly HttpClient _http;

    public CookieJar(OtopApp app, Uri? baseAddress = null) =>
        _http = app.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false, HandleCookies = false, BaseAddress = baseAddress ?? new Uri("http://localhost"),
        });

    public Dictionary<string, string> Cookies { get; } = new(StringComparer.Ordinal);

    public HttpRequestHeadersAction? Headers { get; set; }

    public delegate void HttpRequestHeadersAction(System.Net.Http.Headers.HttpRequestHeaders headers);

    /// <summary>The Cookie header this jar sends, e.g. to replay it from another client.</summary>
    public string CookieHeader => string.Join("; ", Cookies.Select(kv => $"{kv.Key}={kv.Value}"));

    public Task<HttpResponseMessage> GetAsync(string url) => SendAsync(HttpMethod.Get, url);

    public Task<HttpResponseMessage> PostFormAsync(string url, Dictionary<string, string> form) =>
        SendAsync(HttpMethod.Post, url, new FormUrlEncodedContent(form));

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        if (Cookies.Count > 0) request.Headers.Add("Cookie", CookieHeader);
        Headers?.Invoke(request.Headers);
        var response = await _http.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var set))
        {
            foreach (var cookie in set)
            {
                var pair = cookie.Split(';')[0];
                var name = pair[..pair.IndexOf('=')];
                var value = pair[(pair.IndexOf('=') + 1)..];
                if (value.Length == 0) Cookies.Remove(name);
                else Cookies[name] = value;
            }
        }
        return response;
    }

    /// <summary>Signs in through the login page as a browser would.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string userName, string password = OtopApp.Password)
    {
        var token = Antiforgery.TokenFrom(await (await GetAsync("/Account/Login")).Content.ReadAsStringAsync());
        return await PostFormAsync("/Account/Login", new()
        {
            ["Input.Username"] = userName, ["Input.Password"] = password, ["__RequestVerificationToken"] = token,
        });
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Otop.Web.Tests.Notifications;

/// <summary>
/// A local stand-in for the LINE Messaging API: Kestrel on a loopback port, <c>POST /v2/bot/message/push</c> recorded
/// (headers and body); <see cref="Answers"/> queues the statuses to give (500, 429 with Retry-After…), then 200. Like LINE,
/// a retry key it has already accepted is answered 409.
/// </summary>
public sealed class LineStandIn : IAsyncDisposable
{
    public sealed record Push(string? Authorization, string? RetryKey, string Body, int Answered);

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, bool> _accepted = new();
    public ConcurrentQueue<Push> Pushes { get; } = new();
    /// <summary>Status and Retry-After seconds to answer next, one per request.</summary>
    public ConcurrentQueue<(int Status, int? RetryAfter)> Answers { get; } = new();
    public string BaseUrl { get; }

    public const string Token = "test-channel-access-token";
    public const string Secret = "test-channel-secret";

    public LineStandIn()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/v2/bot/message/push", async (HttpContext http) =>
        {
            var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
            var key = http.Request.Headers["X-Line-Retry-Key"].ToString();
            var status = 200;
            int? retryAfter = null;
            if (key.Length > 0 && _accepted.ContainsKey(key)) status = 409;
            else if (Answers.TryDequeue(out var answer)) (status, retryAfter) = answer;
            if (status == 200 && key.Length > 0) _accepted[key] = true;
            Pushes.Enqueue(new Push(http.Request.Headers.Authorization.ToString(), key, body, status));
            if (retryAfter is { } seconds) http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            http.Response.StatusCode = status;
            await http.Response.WriteAsync(status == 200 ? "{\"sentMessages\":[{\"id\":\"1\"}]}" : "{\"message\":\"stand-in\"}");
        });
        _app.StartAsync().GetAwaiter().GetResult();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public Dictionary<string, string?> Settings() => new()
    {
        ["Line:BaseUrl"] = BaseUrl, ["Line:ChannelAccessToken"] = Token, ["Line:ChannelSecret"] = Secret, ["Line:AccountId"] = "@otop-test",
    };

    /// <summary>LINE's webhook signature over the exact bytes.</summary>
    public static string Sign(string body, string secret = Secret) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    public static string MessageEvent(string eventId, string lineUserId, string text) =>
        System.Text.Json.JsonSerializer.Serialize(new
        {
            destination = "Uxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            events = new object[]
            {
                new
                {
                    type = "message", mode = "active", timestamp = 1700000000000, webhookEventId = eventId,
                    deliveryContext = new { isRedelivery = false }, replyToken = "r",
                    source = new { type = "user", userId = lineUserId },
                    message = new { id = "1", type = "text", quoteToken = "q", text },
                },
            },
        });

    public List<Push> Take()
    {
        var taken = new List<Push>();
        while (Pushes.TryDequeue(out var p)) taken.Add(p);
        return taken;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

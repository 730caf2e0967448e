using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;

namespace Otop.Web.Features.Notifications;

public enum LineOutcome { Sent, Retry, Failed }

/// <summary>What a push came to: sent (200, or 409 for a retry key LINE already accepted), try again (429, 5xx, a timeout), or give up (any other 4xx).</summary>
public sealed record LinePushResult(LineOutcome Outcome, string Error = "", TimeSpan? RetryAfter = null);

/// <summary>
/// LINE Messaging API push (<c>POST {Line__BaseUrl}/v2/bot/message/push</c>, Bearer channel access token), with
/// <c>X-Line-Retry-Key</c> so a retry after a timeout or a 5xx is never a second message: once LINE has accepted a key it
/// answers 409 to the same key, which counts as sent. Retrying is the outbox's (durable, with backoff and Retry-After).
/// </summary>
public sealed class LineClient(IHttpClientFactory factory, IOptions<LineOptions> options, TimeProvider clock)
{
    public const string HttpClientName = "line";
    /// <summary>LINE's limit for one text message.</summary>
    public const int MaxText = 5000;

    public bool Enabled => options.Value.Enabled;

    public async Task<LinePushResult> PushAsync(string to, string text, Guid retryKey, CancellationToken ct)
    {
        var o = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(o.BaseUrl.TrimEnd('/') + "/"), "v2/bot/message/push"))
        {
            Content = JsonContent.Create(new { to, messages = new[] { new { type = "text", text = text.Length <= MaxText ? text : text[..MaxText] } } }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", o.ChannelAccessToken);
        request.Headers.Add("X-Line-Retry-Key", retryKey.ToString("D"));
        try
        {
            using var response = await factory.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var status = (int)response.StatusCode;
            return response.StatusCode switch
            {
                HttpStatusCode.OK or HttpStatusCode.Conflict => new LinePushResult(LineOutcome.Sent),
                HttpStatusCode.TooManyRequests => new LinePushResult(LineOutcome.Retry, "429", RetryAfter(response.Headers.RetryAfter, clock)),
                _ when status >= 500 => new LinePushResult(LineOutcome.Retry, status.ToString(System.Globalization.CultureInfo.InvariantCulture), RetryAfter(response.Headers.RetryAfter, clock)),
                _ => new LinePushResult(LineOutcome.Failed, status.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            };
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            // A timeout or a refused connection: LINE may or may not have it; the same retry key makes the retry safe.
            return new LinePushResult(LineOutcome.Retry, ex.GetType().Name);
        }
    }

    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, TimeProvider clock)
    {
        if (header?.Delta is { } delta) return delta;
        if (header?.Date is { } date) return date - clock.GetUtcNow();
        return null;
    }
}

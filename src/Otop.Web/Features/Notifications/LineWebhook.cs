using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.Notifications;

/// <summary>
/// <c>POST /line/webhook</c>: LINE's calls to the official account. Only a body whose <c>X-Line-Signature</c> is the
/// base64 HMAC-SHA256 of the exact bytes under <c>Line__ChannelSecret</c> is read (401 otherwise; 404 while LINE is not
/// configured); each event is handled once (its <c>webhookEventId</c> is stored, LINE redelivers); a text message with a
/// valid code links the sender. The answer is 200 for every signed body, as LINE expects.
/// </summary>
public static class LineWebhook
{
    /// <summary>LINE's webhook bodies are small; a larger one is not LINE's.</summary>
    public const int MaxBody = 256 * 1024;

    public static async Task<IResult> HandleAsync(HttpRequest request, AppDbContext db, TimeProvider clock, IOptions<LineOptions> options,
        ILoggerFactory logs, CancellationToken ct)
    {
        var o = options.Value;
        if (string.IsNullOrWhiteSpace(o.ChannelSecret)) return Problems.NotFound();
        if (request.ContentLength > MaxBody) return Problems.Status(413, "ข้อมูลที่ส่งมามีขนาดใหญ่เกินไป");
        var body = await ReadAsync(request.Body, ct);
        if (body is null) return Problems.Status(413, "ข้อมูลที่ส่งมามีขนาดใหญ่เกินไป");
        if (!SignatureMatches(body, request.Headers["X-Line-Signature"].ToString(), o.ChannelSecret)) return Problems.Status(401, "ลายมือชื่อของคำขอไม่ถูกต้อง");

        List<Event> events;
        try { events = Events(body); }
        catch (JsonException) { return Problems.BadRequest("ข้อมูลที่ส่งมาไม่ใช่ JSON ที่อ่านได้"); }
        var log = logs.CreateLogger(typeof(LineWebhook));
        foreach (var e in events)
        {
            if (!await FirstTimeAsync(db, clock, e.Id, ct)) continue;
            if (e.Text is null || e.UserId is null || LineLinking.CodeIn(e.Text) is not { } code) continue;
            var linked = await LineLinking.LinkAsync(db, clock, code, e.UserId, ct);
            log.LogInformation("LINE webhook event {EventId}: a linking code {Outcome}", e.Id, linked ? "linked an account" : "matched nothing");
        }
        return Results.Ok();
    }

    public static bool SignatureMatches(byte[] body, string signature, string secret)
    {
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
        Span<byte> given = stackalloc byte[64];
        return Convert.TryFromBase64String(signature, given, out var length) && length == expected.Length
            && CryptographicOperations.FixedTimeEquals(given[..length], expected);
    }

    private sealed record Event(string Id, string? UserId, string? Text);

    private static List<Event> Events(byte[] body)
    {
        using var doc = JsonDocument.Parse(body);
        var list = new List<Event>();
        if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("events", out var events) || events.ValueKind != JsonValueKind.Array) return list;
        foreach (var e in events.EnumerateArray())
        {
            if (e.ValueKind != JsonValueKind.Object || Str(e, "webhookEventId") is not { Length: > 0 and <= 64 } id) continue;
            string? user = null, text = null;
            if (e.TryGetProperty("source", out var source) && source.ValueKind == JsonValueKind.Object && Str(source, "type") == "user") user = Str(source, "userId");
            if (Str(e, "type") == "message" && e.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object && Str(message, "type") == "text")
            {
                text = Str(message, "text");
            }
            // A LINE userId is "U" and 32 hex digits; anything else is not linked.
            if (user is not null && (user.Length > 64 || !user.All(char.IsAsciiLetterOrDigit))) user = null;
            list.Add(new Event(id, user, text is { Length: <= 5000 } ? text : null));
        }
        return list;
    }

    private static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>Inserting the event's id is the claim: LINE's redelivery, or the same event on two nodes, finds it taken.</summary>
    private static async Task<bool> FirstTimeAsync(AppDbContext db, TimeProvider clock, string id, CancellationToken ct)
    {
        if (await db.LineWebhookEvents.AnyAsync(x => x.EventId == id, ct)) return false;
        var row = new LineWebhookEvent { EventId = id, ReceivedAt = clock.GetUtcNow() };
        db.LineWebhookEvents.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            db.Entry(row).State = EntityState.Detached;
            return false;
        }
    }

    private static async Task<byte[]?> ReadAsync(Stream body, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBody) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}

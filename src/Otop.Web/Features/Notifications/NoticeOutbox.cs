using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;
using Otop.Web.Platform.Mail;

namespace Otop.Web.Features.Notifications;

/// <summary>
/// One pass of the outbox: claim up to <see cref="Batch"/> due deliveries under a lease (<see cref="NoticeClaims"/>), send
/// each by its channel, and mark it sent, or due again later with backoff (LINE's Retry-After when it gives one), or failed
/// for good. Any number of nodes can run it at once: a row is claimed by one pass only, and marked only by that pass.
/// </summary>
public sealed class NoticeOutbox(AppDbContext db, TimeProvider clock, SmtpMailer mailer, LineClient line, PublicAddress site, ILogger<NoticeOutbox> logger)
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    public const int Batch = 20;
    public const int MaxAttempts = 12;

    /// <summary>30 s, 1 min, 2 min … at most 6 h between attempts.</summary>
    public static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(30 * Math.Pow(2, Math.Max(0, attempts - 1)), 6 * 3600));

    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var token = Guid.NewGuid();
        var until = now + Lease;
        if (await NoticeClaims.For(db).ClaimAsync(db, now, until, token, Batch, ct) == 0) return 0;
        var claimed = await db.NoticeDeliveries.Include(d => d.Notice).Where(d => d.ClaimToken == token).OrderBy(d => d.Id).ToListAsync(ct);
        var sent = 0;
        foreach (var delivery in claimed)
        {
            // A pass slower than its lease stops: another node may have claimed what is left.
            if (clock.GetUtcNow() >= until) break;
            if (await SendAsync(delivery, ct)) sent++;
            await db.SaveChangesAsync(ct);
        }
        return sent;
    }

    private async Task<bool> SendAsync(NoticeDelivery d, CancellationToken ct)
    {
        d.ClaimToken = null;
        d.ClaimedUntil = null;
        if (d.Channel == NoticeChannel.Email ? !mailer.Enabled : !line.Enabled)
        {
            d.Status = DeliveryStatus.Skipped;
            d.LastError = "channel not configured";
            return false;
        }
        d.Attempts++;
        LinePushResult result;
        if (d.Channel == NoticeChannel.Line)
        {
            result = await line.PushAsync(d.Address, LineText(d.Notice), d.RetryKey, ct);
        }
        else
        {
            try
            {
                var (subject, body) = Mail(d.Notice);
                await mailer.SendAsync(d.Address, subject, body, ct);
                result = new LinePushResult(LineOutcome.Sent);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && ct.IsCancellationRequested))
            {
                // An address the library refuses, or a 5xx from the server for this message: retrying will not help.
                var permanent = ex is FormatException || ex is SmtpCommandException { StatusCode: >= (SmtpStatusCode)500 };
                result = new LinePushResult(permanent ? LineOutcome.Failed : LineOutcome.Retry, ex.GetType().Name);
            }
        }
        var now = clock.GetUtcNow();
        switch (result.Outcome)
        {
            case LineOutcome.Sent:
                d.Status = DeliveryStatus.Sent;
                d.SentAt = now;
                d.LastError = null;
                return true;
            case LineOutcome.Retry when d.Attempts < MaxAttempts:
                var wait = Backoff(d.Attempts);
                if (result.RetryAfter is { } asked && asked > wait) wait = asked < TimeSpan.FromHours(6) ? asked : TimeSpan.FromHours(6);
                d.NextAttemptAt = now + wait;
                d.LastError = result.Error;
                break;
            default:
                d.Status = DeliveryStatus.Failed;
                d.LastError = result.Error;
                break;
        }
        // The delivery's id and channel only: no address, name or text in the log.
        logger.LogWarning("Notice delivery {DeliveryId} ({Channel}) not sent ({Error}), attempt {Attempt}; {Status}", d.Id, d.Channel, result.Error, d.Attempts, d.Status);
        return false;
    }

    private string Address(string link) => link.Length == 0 ? site.Base : site.Link(link);

    public (string Subject, string Body) Mail(Notice n) =>
        ($"[OTOP] {n.Title}", $"{n.Title}\n\n{n.Body}\n\nเปิดในระบบ: {Address(n.Link)}\n\nข้อความนี้ส่งโดยอัตโนมัติจากระบบรายงานตัวชี้วัดและรายได้ OTOP กรมการพัฒนาชุมชน");

    public string LineText(Notice n) => n.Body.Length == 0 ? $"{n.Title}\n{Address(n.Link)}" : $"{n.Title}\n\n{n.Body}\n\n{Address(n.Link)}";
}

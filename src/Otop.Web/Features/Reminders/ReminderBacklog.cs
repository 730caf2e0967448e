namespace Otop.Web.Features.Reminders;

/// <summary>
/// The reminder e-mails still to send (not sent, fewer than <see cref="ReminderDispatcher.MaxAttempts"/> attempts), as the
/// node's last pass counted them: the <c>otop.reminders.backlog</c> gauge reads this, never the database at scrape time.
/// </summary>
public sealed class ReminderBacklog
{
    private long _waiting;

    public long Waiting
    {
        get => Interlocked.Read(ref _waiting);
        set => Interlocked.Exchange(ref _waiting, value);
    }
}

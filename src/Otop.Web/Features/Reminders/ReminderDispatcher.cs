using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Otop.Domain;
using Otop.Web.Features.Circulars;
using Otop.Web.Features.Notifications;
using Otop.Web.Features.Revenue;
using Otop.Web.Platform.Mail;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.Reminders;

/// <summary>
/// One pass of the reminder rules (decision 007). For every open due item (a circular task of a unit, a district's monthly
/// revenue confirmation): N days before the due date the responsible officers; once the due instant has passed the
/// officers and the district head (the month's confirmation: the head and the officers); K days later the province officers. Each reminder is claimed by inserting its row
/// (unique on item, recipient, kind) before any mail is sent, so a pass can run twice, or on two nodes at once, and
/// nobody gets the same reminder twice. A failed send is retried by a later pass.
/// </summary>
public sealed class ReminderDispatcher(AppDbContext db, TimeProvider clock, SmtpMailer mailer, IOptions<ReminderOptions> options, ILogger<ReminderDispatcher> logger,
    PublicAddress site, ReminderBacklog backlog)
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    public const int MaxAttempts = 20;
    private static readonly TimeSpan MorningHour = TimeSpan.FromHours(8);

    public sealed record DueItem(string Key, string UnitCode, string Title, DateOnly DueDate, DateTimeOffset DueAt, string Link, bool HeadsOnly);

    private sealed record Person(string UserName, string Role, string OrgUnitCode, string? Email);

    /// <summary>One pass; then counts the e-mails still to send (<see cref="ReminderBacklog"/>, the <c>otop.reminders.backlog</c> gauge).</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        var sent = await DispatchAsync(ct);
        backlog.Waiting = await db.Reminders.LongCountAsync(r => r.EmailStatus == ReminderEmailStatus.NotSent && r.EmailAttempts < MaxAttempts, ct);
        return sent;
    }

    private async Task<int> DispatchAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var sent = await RetryFailedAsync(now, ct);
        var items = await OpenItemsAsync(now, ct);
        if (items.Count == 0) return sent;

        var units = items.Select(i => i.UnitCode).Concat(items.Select(i => i.UnitCode[..Math.Min(2, i.UnitCode.Length)])).Distinct().ToList();
        var people = await PeopleAsync(units, ct);
        var keys = items.Select(i => i.Key).ToList();
        var existing = (await db.Reminders.AsNoTracking().Where(r => keys.Contains(r.ItemKey))
            .Select(r => new { r.ItemKey, r.Recipient, r.Kind }).ToListAsync(ct))
            .Select(r => (r.ItemKey, r.Recipient, r.Kind)).ToHashSet();

        foreach (var item in items)
        {
            foreach (var kind in KindsDue(item, now))
            {
                foreach (var person in Recipients(item, kind, people))
                {
                    if (existing.Contains((item.Key, person.UserName, kind))) continue;
                    var reminder = await ClaimAsync(item, kind, person, now, ct);
                    if (reminder is null) continue;
                    if (reminder.EmailStatus == ReminderEmailStatus.NotSent && await SendAsync(reminder, person.Email!, ct)) sent++;
                }
            }
        }
        return sent;
    }

    /// <summary>Which reminders an item is due for now: the nearest lead time passed, then missed, then escalated.</summary>
    public IEnumerable<string> KindsDue(DueItem item, DateTimeOffset now)
    {
        if (now < item.DueAt)
        {
            var lead = options.Value.EffectiveLeadDays.Where(d => now >= Bangkok.StartOfDay(item.DueDate.AddDays(-d)) + MorningHour).DefaultIfEmpty(0).Min();
            if (lead > 0) yield return $"before-{lead}";
            yield break;
        }
        yield return "missed";
        if (now >= item.DueAt.AddDays(options.Value.EscalateAfterDays)) yield return "escalated";
    }

    private List<Person> Recipients(DueItem item, string kind, List<Person> people)
    {
        var isDistrict = item.UnitCode.Length == 4;
        var province = item.UnitCode[..2];
        IEnumerable<Person> Of(string role, string unit) => people.Where(p => p.Role == role && p.OrgUnitCode == unit);
        // The head signs the month, but the officers enter it: both are reminded of the confirmation (issue 15, item 10).
        var responsible = (!isDistrict ? Of(Roles.ProvinceOfficer, item.UnitCode)
            : item.HeadsOnly ? Of(Roles.DistrictHead, item.UnitCode).Concat(Of(Roles.DistrictOfficer, item.UnitCode))
            : Of(Roles.DistrictOfficer, item.UnitCode)).ToList();
        // A district without a DistrictOfficer account: its head is the one responsible.
        if (responsible.Count == 0 && isDistrict) responsible = Of(Roles.DistrictHead, item.UnitCode).ToList();
        var chosen = kind switch
        {
            "missed" => isDistrict ? responsible.Concat(Of(Roles.DistrictHead, item.UnitCode)) : responsible,
            "escalated" => isDistrict ? Of(Roles.ProvinceOfficer, province) : people.Where(p => p.Role == Roles.DepartmentAdmin),
            _ => responsible,
        };
        return chosen.DistinctBy(p => p.UserName).ToList();
    }

    /// <summary>Inserting the row is the claim: the unique key turns a second node's insert into an error, and it skips.</summary>
    private async Task<Reminder?> ClaimAsync(DueItem item, string kind, Person person, DateTimeOffset now, CancellationToken ct)
    {
        var emailable = mailer.Enabled && !string.IsNullOrWhiteSpace(person.Email);
        var reminder = new Reminder
        {
            ItemKey = item.Key, Recipient = person.UserName, Kind = kind, UnitCode = item.UnitCode, Title = Truncate(item.Title, 600),
            DueDate = item.DueDate, Link = item.Link, CreatedAt = now,
            EmailStatus = emailable ? ReminderEmailStatus.NotSent : ReminderEmailStatus.NoEmail,
            ClaimedUntil = emailable ? now + Lease : null,
        };
        db.Reminders.Add(reminder);
        // The bell and LINE (when linked) with the same claim; the e-mail stays this dispatcher's own.
        var (subject, _) = Message(reminder);
        await Notices.AddAsync(db, clock, [person.UserName], new NoticeText("reminder", $"reminder/{item.Key}/{kind}", subject.StartsWith("[OTOP] ", StringComparison.Ordinal) ? subject[7..] : subject,
            $"กำหนดส่ง {ThaiDates.FormatLong(item.DueDate)}", item.Link), email: false, ct);
        try
        {
            await db.SaveChangesAsync(ct);
            return reminder;
        }
        catch (DbUpdateException)
        {
            foreach (var added in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).ToList()) added.State = EntityState.Detached;
            return null;
        }
    }

    private async Task<int> RetryFailedAsync(DateTimeOffset now, CancellationToken ct)
    {
        if (!mailer.Enabled) return 0;
        var pending = await db.Reminders.AsNoTracking()
            .Where(r => r.EmailStatus == ReminderEmailStatus.NotSent && r.EmailAttempts < MaxAttempts && (r.ClaimedUntil == null || r.ClaimedUntil < now))
            .OrderBy(r => r.Id).Take(100).ToListAsync(ct);
        var sent = 0;
        foreach (var candidate in pending)
        {
            var until = now + Lease;
            var claimed = await db.Reminders
                .Where(r => r.Id == candidate.Id && r.EmailStatus == ReminderEmailStatus.NotSent && (r.ClaimedUntil == null || r.ClaimedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.ClaimedUntil, until), ct);
            if (claimed != 1) continue;
            var email = await db.Users.Where(u => u.UserName == candidate.Recipient).Select(u => u.Email).FirstOrDefaultAsync(ct);
            if (string.IsNullOrWhiteSpace(email))
            {
                await db.Reminders.Where(r => r.Id == candidate.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.EmailStatus, ReminderEmailStatus.NoEmail), ct);
                continue;
            }
            var reminder = await db.Reminders.FirstAsync(r => r.Id == candidate.Id, ct);
            if (await SendAsync(reminder, email, ct)) sent++;
        }
        return sent;
    }

    /// <summary>
    /// Sends one reminder. Whatever goes wrong with this one (an address the mail library refuses, the server refusing
    /// this recipient or the message, a text that cannot be built) is logged and counted as an attempt to retry later; it
    /// never ends the pass, so the other reminders still go (docs/hostile-input.md, "Uploads, mail and input").
    /// </summary>
    private async Task<bool> SendAsync(Reminder reminder, string email, CancellationToken ct)
    {
        try
        {
            var (subject, body) = Message(reminder);
            await mailer.SendAsync(email, subject, body, ct);
            reminder.EmailStatus = ReminderEmailStatus.Sent;
            reminder.EmailSentAt = clock.GetUtcNow();
            reminder.EmailAttempts++;
            reminder.ClaimedUntil = null;
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && ct.IsCancellationRequested) && ex is not DbUpdateException)
        {
            // No address, name or message text in the log: the reminder's id is enough to find it.
            logger.LogWarning("Reminder {ReminderId} ({Kind}) e-mail failed ({Error}); retried next pass", reminder.Id, reminder.Kind, ex.GetType().Name);
            reminder.EmailAttempts++;
            reminder.ClaimedUntil = null;
            await db.SaveChangesAsync(ct);
            return false;
        }
    }

    public (string Subject, string Body) Message(Reminder r)
    {
        var due = ThaiDates.FormatLong(r.DueDate);
        var (subject, lead) = r.Kind switch
        {
            "missed" => ($"[OTOP] เลยกำหนดส่ง: {r.Title}", $"งานนี้ครบกำหนดส่งเมื่อวันที่ {due} และยังไม่ได้ส่ง"),
            "escalated" => ($"[OTOP] หน่วยงาน {r.UnitCode} ยังไม่ส่ง: {r.Title}", $"หน่วยงานรหัส {r.UnitCode} ยังไม่ส่งงานนี้ ซึ่งครบกำหนดเมื่อวันที่ {due}"),
            _ => ($"[OTOP] ใกล้ครบกำหนด {due}: {r.Title}", $"งานนี้ต้องส่งภายในวันที่ {due} เวลา 24.00 น."),
        };
        var link = site.BaseOr(options.Value.BaseUrl) + r.Link;
        // A header is one line: a title or unit name from the data never adds a header ("\r\nBcc: …") or breaks the message.
        return (PlainText.SingleLine(subject, 200), $"{lead}\n\n{r.Title}\n\nเปิดในระบบ: {link}\n\nข้อความนี้ส่งโดยอัตโนมัติจากระบบรายงานตัวชี้วัดและรายได้ OTOP กรมการพัฒนาชุมชน");
    }

    /// <summary>Open items whose reminders could be due now: due dates from (today − K − 7 days) to (today + the longest lead + 1).</summary>
    private async Task<List<DueItem>> OpenItemsAsync(DateTimeOffset now, CancellationToken ct)
    {
        var o = options.Value;
        var today = Bangkok.Today(now);
        var from = today.AddDays(-o.EscalateAfterDays - 7);
        var to = today.AddDays(o.EffectiveLeadDays.DefaultIfEmpty(0).Max() + 1);
        var items = new List<DueItem>();

        var assignments = db.TaskAssignments.Where(a => a.Task.Circular.Status == CircularStatus.Published && a.Task.DueDate >= from && a.Task.DueDate <= to);
        var states = await CircularRules.StatesAsync(db, assignments, ct);
        var open = states.Where(s => !s.Sent).Select(s => s.AssignmentId).ToList();
        var tasks = await assignments.AsNoTracking().Where(a => open.Contains(a.Id))
            .Select(a => new { a.Id, a.UnitCode, a.Task.Title, a.Task.DueDate, a.Task.CircularId, a.Task.Circular.Number }).ToListAsync(ct);
        items.AddRange(tasks.Select(t => new DueItem($"task/{t.Id}", t.UnitCode, $"{t.Title} (หนังสือ {t.Number})", t.DueDate,
            CircularTask.DueInstant(t.DueDate), $"/Circulars/Letter?id={t.CircularId}", HeadsOnly: false)));

        // Letter 2, clause 4: the district head confirms month M by the ConfirmByDay of M+1. Only districts with a head account.
        var heads = await (from u in db.Users
                           join ur in db.UserRoles on u.Id equals ur.UserId
                           join r in db.Roles on ur.RoleId equals r.Id
                           where r.Name == Roles.DistrictHead
                           select u.OrgUnitCode).Distinct().ToListAsync(ct);
        if (heads.Count > 0)
        {
            var thisMonth = YearMonth.Of(today);
            foreach (var month in new[] { thisMonth.Previous().Previous(), thisMonth.Previous(), thisMonth })
            {
                var cycle = await db.CycleForAsync(month, ct);
                var dueAt = MonthWindow.ConfirmDeadline(month, cycle);
                var dueDate = Bangkok.Today(dueAt).AddDays(-1);
                if (dueDate < from || dueDate > to) continue;
                var key = month.ToString();
                var confirmed = await db.RevenueMonths.AsNoTracking()
                    .Where(m => m.Month == key && heads.Contains(m.DistrictCode) && m.ConfirmedAt != null)
                    .Select(m => m.DistrictCode).ToListAsync(ct);
                foreach (var district in heads.Except(confirmed))
                {
                    items.Add(new DueItem($"revenue-confirm/{district}/{key}", district,
                        $"ยืนยันข้อมูลรายได้เดือน{ThaiDates.FormatMonth(month.Year, month.Month)} ในระบบ", dueDate, dueAt, $"/Revenue/Entry?district={district}&month={key}", HeadsOnly: true));
                }
            }
        }
        return items;
    }

    private async Task<List<Person>> PeopleAsync(List<string> units, CancellationToken ct)
    {
        var rows = await (from u in db.Users
                          join ur in db.UserRoles on u.Id equals ur.UserId
                          join r in db.Roles on ur.RoleId equals r.Id
                          where units.Contains(u.OrgUnitCode) || r.Name == Roles.DepartmentAdmin
                          select new { u.UserName, Role = r.Name, u.OrgUnitCode, u.Email }).ToListAsync(ct);
        return rows.Select(r => new Person(r.UserName!, r.Role!, r.OrgUnitCode, r.Email)).ToList();
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}

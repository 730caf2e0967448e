using System.Globalization;
using System.Text;
using Otop.Domain;

namespace Otop.Web.Features.Calendar;

/// <summary>
/// RFC 5545 text for a feed: CRLF line ends, content lines folded at 75 octets (never inside a UTF-8 sequence), TEXT values
/// escaped, all-day events as DTSTART;VALUE=DATE with an exclusive DTEND, timed events in Asia/Bangkok with a VTIMEZONE.
/// </summary>
public static class IcsWriter
{
    public const string ContentType = "text/calendar; charset=utf-8";

    public static string Write(string calendarName, string unitCode, IEnumerable<CalendarEvent> events, DateTimeOffset now, string origin)
    {
        var sb = new StringBuilder();
        void Line(string text) => Fold(sb, text);
        Line("BEGIN:VCALENDAR");
        Line("VERSION:2.0");
        Line("PRODID:-//Community Development Department//OTOP reporting//TH");
        Line("CALSCALE:GREGORIAN");
        Line("METHOD:PUBLISH");
        Line("X-WR-CALNAME:" + Escape(calendarName));
        Line("X-WR-TIMEZONE:" + Bangkok.ZoneId);
        // Thailand has had UTC+7 without daylight saving since 1920; one STANDARD component describes it.
        Line("BEGIN:VTIMEZONE");
        Line("TZID:" + Bangkok.ZoneId);
        Line("BEGIN:STANDARD");
        Line("DTSTART:19700101T000000");
        Line("TZOFFSETFROM:+0700");
        Line("TZOFFSETTO:+0700");
        Line("TZNAME:+07");
        Line("END:STANDARD");
        Line("END:VTIMEZONE");
        var stamp = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        foreach (var e in events)
        {
            Line("BEGIN:VEVENT");
            Line($"UID:{e.Uid}-{unitCode}@otop.cdd.go.th");
            Line("DTSTAMP:" + stamp);
            if (e.StartsAt is { } start && e.EndsAt is { } end)
            {
                Line($"DTSTART;TZID={Bangkok.ZoneId}:{Local(start)}");
                Line($"DTEND;TZID={Bangkok.ZoneId}:{Local(end)}");
            }
            else
            {
                Line("DTSTART;VALUE=DATE:" + Date(e.First));
                Line("DTEND;VALUE=DATE:" + Date(e.Last.AddDays(1)));
            }
            Line("SUMMARY:" + Escape(e.Title));
            if (e.Description is not null) Line("DESCRIPTION:" + Escape(e.Description));
            if (e.Link is not null) Line("URL:" + origin + e.Link);
            Line("TRANSP:TRANSPARENT");
            Line("END:VEVENT");
        }
        Line("END:VCALENDAR");
        return sb.ToString();
    }

    public static string Escape(string text) => text.Replace("\\", "\\\\").Replace(";", "\\;").Replace(",", "\\,")
        .Replace("\r\n", "\\n").Replace("\n", "\\n").Replace("\r", "\\n");

    private static string Date(DateOnly d) => d.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static string Local(DateTimeOffset instant) => Bangkok.ToLocal(instant).ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);

    /// <summary>RFC 5545 §3.1: lines longer than 75 octets continue on the next line after CRLF and one space.</summary>
    private static void Fold(StringBuilder sb, string line)
    {
        var octets = 0;
        var limit = 75;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > limit)
            {
                sb.Append("\r\n ");
                octets = 1;
            }
            sb.Append(rune.ToString());
            octets += size;
        }
        sb.Append("\r\n");
    }
}

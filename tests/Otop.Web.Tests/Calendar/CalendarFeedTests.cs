using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Otop.Web.Tests.Circulars;
using Otop.Web.Tests.Infrastructure;
using Otop.Web.Features.Calendar;

namespace Otop.Web.Tests.Calendar;

/// <summary>
/// The reporting calendar of letter 2's roadmap (docs/decisions/007-circulars.md) as a page and as an RFC 5545 feed per user: the feed is
/// checked by a small parser (CRLF, folded lines of at most 75 octets, BEGIN/END balance, required properties).
/// </summary>
public sealed partial class CalendarFeedTests(DemoApp app) : IClassFixture<DemoApp>
{
    private async Task<(HttpClient Page, string FeedPath)> FeedOfNewUserAsync(string role, string unit)
    {
        var page = await app.SignedInAsync(role, unit);
        var token = Antiforgery.TokenFrom(await page.GetStringAsync("/Calendar"));
        var created = await page.PostAsync("/Calendar?handler=Feed", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var html = await page.GetStringAsync(created.Headers.Location!.OriginalString);
        var url = FeedUrl().Match(html).Groups[1].Value;
        url.ShouldNotBeEmpty("the new feed URL is shown once");
        return (page, new Uri(url).PathAndQuery);
    }

    [Fact]
    public async Task TheFeedOfADistrict_IsValidICalendar_WithTheRoadmapDatesOf2701()
    {
        var (_, feed) = await FeedOfNewUserAsync("DistrictOfficer", "2701");

        var response = await app.CreateClient().GetAsync(feed);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/calendar");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var calendar = ICalendarCheck.Parse(bytes);
        calendar.Events.Count.ShouldBeGreaterThan(48, "12 months × 4 cycle events, plus rounds and due dates");
        calendar.Events.Select(e => e["UID"]).Distinct().Count().ShouldBe(calendar.Events.Count);
        // January 2566: confirm by 3 Feb 2023, the department closes from 00:00 on the 6th to 00:00 on the 10th (Bangkok).
        calendar.ShouldHave("DTSTART;VALUE=DATE", "20230203", "ยืนยันข้อมูลรายได้เดือนมกราคม 2566");
        var close = calendar.Events.Single(e => e["UID"].StartsWith("close-2023-01-2701", StringComparison.Ordinal));
        close["DTSTART;TZID=Asia/Bangkok"].ShouldBe("20230206T000000");
        close["DTEND;TZID=Asia/Bangkok"].ShouldBe("20230210T000000");
        calendar.ShouldHave("DTSTART;VALUE=DATE", "20230223", "ประมาณการรายได้");
        calendar.ShouldHave("DTSTART;VALUE=DATE", "20230223", "หนังสือ สก ๐๐๑๙/ว");
        calendar.Events.ShouldContain(e => e["SUMMARY"].Contains("สิ้นสุดรอบการประเมินที่ 1") && e["DTSTART;VALUE=DATE"] == "20230331");

        var again = ICalendarCheck.Parse(await (await app.CreateClient().GetAsync(feed)).Content.ReadAsByteArrayAsync());
        again.Events.Select(e => e["UID"]).ShouldBe(calendar.Events.Select(e => e["UID"]), "UIDs are stable between fetches");
    }

    [Fact]
    public async Task ARevokedOrUnknownFeedToken_Is404()
    {
        var (page, feed) = await FeedOfNewUserAsync("DistrictHead", "2702");
        (await app.CreateClient().GetAsync(feed)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var token = Antiforgery.TokenFrom(await page.GetStringAsync("/Calendar"));
        (await page.PostAsync("/Calendar?handler=Revoke", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token })))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await app.CreateClient().GetAsync(feed)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.CreateClient().GetAsync("/calendar/feed/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var stored = await app.WithDbAsync(db => Task.FromResult(db.CalendarFeedTokens.Select(t => t.TokenHash).ToList()));
        stored.ShouldNotContain(feed.Split('/').Last().Replace(".ics", ""), "only the hash is stored");
    }

    [Fact]
    public async Task ThePage_ShowsTheUnitsMonthsWithTodayMarked_AndRefusesAUnitOutsideTheScope()
    {
        app.Clock.Now = CircularTestData.Bangkok(2023, 2, 20);
        var district = await app.SignedInAsync("DistrictOfficer", "2701");

        var html = await district.GetStringAsync("/Calendar?fiscalYear=2566");

        html.ShouldContain("ปฏิทินการรายงาน ปีงบประมาณ 2566");
        html.ShouldContain("cal-today");
        html.ShouldContain("3 ก.พ. 66");
        html.ShouldContain("กำหนดส่งแบบประมาณการรายได้ ปีงบประมาณ 2566");
        var other = await district.GetAsync("/Calendar?unit=2702");
        other.StatusCode.ShouldBe(HttpStatusCode.Redirect, "a unit outside the scope is denied (the cookie scheme's 403 page)");
        other.Headers.Location!.OriginalString.ShouldContain("/Account/Denied");
        // A code the district does not cover is refused before anyone looks it up (the scope filter); only a caller who
        // covers every unit learns that it does not exist.
        (await district.GetAsync("/Calendar?unit=9999")).Headers.Location!.OriginalString.ShouldContain("/Account/Denied");
        var admin = await app.SignedInAsync("DepartmentAdmin", "0");
        (await admin.GetAsync("/Calendar?unit=9999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var province = await app.SignedInAsync("ProvinceOfficer", "27");
        (await province.GetAsync("/Calendar?unit=2705&fiscalYear=2566")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [GeneratedRegex("value=\"([^\"]+\\.ics)\" data-testid=\"feed-url\"")]
    private static partial Regex FeedUrl();
}

/// <summary>A small RFC 5545 reader that fails on what calendar apps reject.</summary>
public sealed class ICalendarCheck
{
    public List<Dictionary<string, string>> Events { get; } = [];

    public static ICalendarCheck Parse(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        text.ShouldEndWith("\r\n");
        Regex.IsMatch(text, "(?<!\r)\n").ShouldBeFalse("every line ends with CRLF");
        var physical = text[..^2].Split("\r\n");
        foreach (var line in physical)
        {
            Encoding.UTF8.GetByteCount(line).ShouldBeLessThanOrEqualTo(75, $"folded at 75 octets: {line}");
        }
        var lines = new List<string>();
        foreach (var line in physical)
        {
            if (line.StartsWith(' ')) lines[^1] += line[1..];
            else lines.Add(line);
        }

        var result = new ICalendarCheck();
        var stack = new Stack<string>();
        Dictionary<string, string>? current = null;
        var calendarProperties = new HashSet<string>();
        foreach (var line in lines)
        {
            var colon = line.IndexOf(':');
            colon.ShouldBeGreaterThan(0, $"a content line has a name and a value: {line}");
            var (name, value) = (line[..colon], line[(colon + 1)..]);
            if (name == "BEGIN")
            {
                stack.Push(value);
                if (value == "VEVENT") current = [];
            }
            else if (name == "END")
            {
                stack.Pop().ShouldBe(value, "BEGIN and END balance");
                if (value == "VEVENT")
                {
                    foreach (var required in new[] { "UID", "DTSTAMP", "SUMMARY" }) current!.ShouldContainKey(required);
                    current!.Keys.Any(k => k.StartsWith("DTSTART", StringComparison.Ordinal)).ShouldBeTrue();
                    result.Events.Add(current);
                    current = null;
                }
            }
            else if (current is not null) current[name] = value;
            else if (stack.Count == 1) calendarProperties.Add(name);
        }
        stack.ShouldBeEmpty();
        calendarProperties.ShouldContain("VERSION");
        calendarProperties.ShouldContain("PRODID");
        text.ShouldStartWith("BEGIN:VCALENDAR\r\n");
        if (text.Contains("TZID=Asia/Bangkok")) text.ShouldContain("BEGIN:VTIMEZONE\r\nTZID:Asia/Bangkok\r\n");
        return result;
    }

    public void ShouldHave(string property, string value, string summaryContains) =>
        Events.ShouldContain(e => e.GetValueOrDefault(property) == value && e["SUMMARY"].Contains(summaryContains),
            $"an event {property}:{value} whose summary contains '{summaryContains}'");
}

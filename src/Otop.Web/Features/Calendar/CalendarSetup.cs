using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Otop.Domain;
using Otop.Web.Features.Circulars;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.Calendar;

/// <summary>The reporting calendar of letter 2 (decision 007): the personal iCalendar feed, opened by a calendar app with its token.</summary>
public static class CalendarSetup
{
    public static string FeedPath(string token) => $"/calendar/feed/{token}.ics";

    public static void MapCalendar(this WebApplication app, RouteGroupBuilder api)
    {
        app.MapGet("/calendar/feed/{token}.ics", CalendarFeed).AllowAnonymous().ExcludeFromDescription();
    }

    /// <summary>
    /// The calendar of the token owner's unit for the current and the next fiscal year. Only the SHA-256 of the token is
    /// stored; a revoked or unknown token, or a user that no longer exists, is 404.
    /// </summary>
    private static async Task<IResult> CalendarFeed(string token, AppDbContext db, TimeProvider clock, HttpContext http, PublicAddress site, CancellationToken ct)
    {
        if (token.Length is < 20 or > 64) return Results.NotFound();
        var hash = CircularRules.Sha256Hex(token);
        var owner = await db.CalendarFeedTokens.AsNoTracking().Where(t => t.TokenHash == hash && t.RevokedAt == null)
            .Select(t => t.UserName).FirstOrDefaultAsync(ct);
        if (owner is null) return Results.NotFound();
        var unitCode = await db.Users.AsNoTracking().Where(u => u.UserName == owner).Select(u => u.OrgUnitCode).FirstOrDefaultAsync(ct);
        var unit = unitCode is null ? null : await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(o => o.Code == unitCode, ct);
        if (unit is null) return Results.NotFound();

        var now = clock.GetUtcNow();
        var current = YearMonth.Of(Bangkok.Today(now)).FiscalYear;
        var events = new List<CalendarEvent>();
        foreach (var year in new[] { current, current + 1 }) events.AddRange(await ReportingCalendar.BuildAsync(db, unit, year, ct));
        var name = unit.Level switch { OrgLevel.Province => "จังหวัด" + unit.NameTh, OrgLevel.District => "อำเภอ" + unit.NameTh, _ => unit.NameTh };
        var text = IcsWriter.Write($"OTOP กำหนดการรายงาน {name}", unit.Code, events, now, site.Base);
        http.Response.Headers.CacheControl = "private, max-age=900";
        return Results.Text(text, IcsWriter.ContentType);
    }
}

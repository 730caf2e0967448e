using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Otop.Domain;
using Otop.Web.Platform;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Files;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.Circulars;

/// <summary>
/// Circulars (decision 007): the options, <c>/api/v1/circulars</c>, and the anonymous link of an enclosure by its token,
/// for a QR code scanned from paper.
/// </summary>
public static class CircularsSetup
{
    public static string EnclosurePath(string token) => $"/e/{token}";

    public static WebApplicationBuilder AddCirculars(this WebApplicationBuilder builder)
    {
        builder.AddConfiguredOptions<CircularOptions>();
        return builder;
    }

    public static void MapCirculars(this WebApplication app, RouteGroupBuilder api)
    {
        app.MapGet("/e/{token}", EnclosureByToken).AllowAnonymous().RequireRateLimiting(PublicLinkLimits.Enclosures).ExcludeFromDescription();
        api.MapCircularsApi();
    }

    /// <summary>Anyone with the token (printed as a QR code) downloads the file; a wrong token is 404 (decision 007).</summary>
    private static async Task<IResult> EnclosureByToken(string token, AppDbContext db, HttpContext http, CancellationToken ct)
    {
        if (token.Length is < 20 or > 64) return Results.NotFound();
        var file = await db.CircularEnclosures.AsNoTracking().Where(e => e.Token == token)
            .Select(e => new { e.FileName, e.ContentType, e.Content }).FirstOrDefaultAsync(ct);
        if (file is null) return Results.NotFound();
        http.Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        http.Response.Headers.CacheControl = "private, max-age=3600";
        return Results.File(file.Content, file.ContentType, UploadedFile.SafeFileName(file.FileName));
    }
}

using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace Otop.Web.Platform.Http;

/// <summary>
/// A rural phone on a weak connection (issue 15, "Fast on a rural phone"): pages, JSON and assets are sent with Brotli or
/// gzip, whichever the browser takes, over HTTPS too (BREACH: docs/hostile-input.md "Compression"), and the assets
/// <c>asp-append-version</c> links to (<c>?v=hash</c>) are cached for a year as immutable; an unversioned asset is
/// cached briefly, so a deploy is seen within minutes. Pages and API answers stay <c>no-store</c> (<see cref="NoStore"/>).
/// Sizes before and after: docs/benchmarks.md.
/// </summary>
public static class Compression
{
    public const string Immutable = "public, max-age=31536000, immutable";
    public const string Short = "public, max-age=600";

    public static readonly string[] MimeTypes =
    [
        .. ResponseCompressionDefaults.MimeTypes,
        "image/svg+xml", "application/geo+json", "application/problem+json", "text/calendar", "text/csv",
    ];

    public static WebApplicationBuilder AddOtopCompression(this WebApplicationBuilder builder)
    {
        builder.Services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = MimeTypes;
        });
        // Optimal Brotli is quality 4 in .NET: a page of 140 KB compresses in about a millisecond.
        builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        return builder;
    }

    /// <summary>The static files with their cache lifetime: a year for a versioned link, ten minutes otherwise.</summary>
    public static StaticFileOptions StaticFiles() => new()
    {
        ContentTypeProvider = Types(),
        OnPrepareResponse = ctx =>
        {
            var versioned = ctx.Context.Request.Query.ContainsKey("v");
            ctx.Context.Response.Headers[HeaderNames.CacheControl] = versioned ? Immutable : Short;
        },
    };

    private static FileExtensionContentTypeProvider Types()
    {
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".geojson"] = "application/geo+json";
        return types;
    }
}

using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Otop.Web.Platform.Http;

/// <summary>
/// The site's public address for every link the app prints or sends: verification QR codes, calendar feeds, set-password
/// links, reminder e-mails. Never the request's Host header, which whoever sends the request chooses (a PDF issued
/// through a request with <c>Host: evil.example</c> would otherwise send every reader of its QR code there).
/// <c>Hosting__PublicBaseUrl</c> when set (production must set it); otherwise the first address this node listens on,
/// with a wildcard host read as localhost, which is right for the embedded demo on one machine.
/// </summary>
public sealed class PublicAddress(IOptions<HostingOptions> options, IServer server)
{
    public string Base => BaseOr(null);

    /// <summary>
    /// <see cref="Base"/>, with a feature's older setting (<c>Documents__PublicBaseUrl</c>, <c>Reminders__BaseUrl</c>, kept
    /// for one release, README) used when <c>Hosting__PublicBaseUrl</c> is not set.
    /// </summary>
    public string BaseOr(string? legacy)
    {
        var configured = options.Value.PublicBaseUrl;
        if (!string.IsNullOrWhiteSpace(configured)) return configured.TrimEnd('/');
        if (!string.IsNullOrWhiteSpace(legacy)) return legacy.TrimEnd('/');
        return FromListening(server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []);
    }

    /// <summary><paramref name="path"/> (starting with '/') under <see cref="Base"/>.</summary>
    public string Link(string path) => Base + (path.StartsWith('/') ? path : "/" + path);

    internal static string FromListening(ICollection<string> addresses)
    {
        var first = addresses.OrderBy(a => a.StartsWith("https:", StringComparison.OrdinalIgnoreCase) ? 0 : 1).FirstOrDefault();
        if (first is null) return "http://localhost";
        // Kestrel reports wildcards as given: http://0.0.0.0:5000, http://[::]:5000, http://+:5000, http://*:5000.
        foreach (var wildcard in new[] { "0.0.0.0", "[::]", "+", "*" })
        {
            var marker = "://" + wildcard;
            var at = first.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0) return (first[..at] + "://localhost" + first[(at + marker.Length)..]).TrimEnd('/');
        }
        return first.TrimEnd('/');
    }
}

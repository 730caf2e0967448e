using System.Globalization;
using System.Text;

namespace Otop.Domain;

/// <summary>A point of a boundary, in degrees (WGS 84).</summary>
public readonly record struct LonLat(double Lon, double Lat);

/// <summary>
/// Where a set of boundaries lands on an SVG canvas: an equirectangular projection whose x is scaled by the cosine of
/// the middle latitude (so a province at 14° N is not stretched sideways), fitted to <see cref="Width"/> with a margin,
/// north up. <see cref="Height"/> follows from the boundaries' shape.
/// </summary>
public sealed record MapFrame(double MinLon, double MaxLat, double XScale, double YScale, double Margin, double Width, double Height)
{
    public (double X, double Y) Project(LonLat p) => (Margin + (p.Lon - MinLon) * XScale, Margin + (MaxLat - p.Lat) * YScale);
}

/// <summary>
/// Issue 17 item 3: the maps are drawn on the server as inline SVG. Pure: boundaries in (rings of lon/lat), a frame and
/// path strings out; rings are closed with Z and holes (or a province's islands) are further rings of the same path.
/// </summary>
public static class MapProjection
{
    /// <summary>The frame that fits every ring of <paramref name="rings"/> into <paramref name="width"/> units.</summary>
    public static MapFrame Fit(IEnumerable<IReadOnlyList<LonLat>> rings, double width, double margin = 4)
    {
        double minLon = double.MaxValue, maxLon = double.MinValue, minLat = double.MaxValue, maxLat = double.MinValue;
        foreach (var ring in rings)
        {
            foreach (var p in ring)
            {
                minLon = Math.Min(minLon, p.Lon); maxLon = Math.Max(maxLon, p.Lon);
                minLat = Math.Min(minLat, p.Lat); maxLat = Math.Max(maxLat, p.Lat);
            }
        }
        if (minLon > maxLon) throw new ArgumentException("No point to fit.", nameof(rings));
        var kx = Math.Cos((minLat + maxLat) / 2 * Math.PI / 180);
        var spanX = Math.Max((maxLon - minLon) * kx, 1e-9);
        var scale = (width - 2 * margin) / spanX;
        var height = (maxLat - minLat) * scale + 2 * margin;
        return new MapFrame(minLon, maxLat, scale * kx, scale, margin, width, Math.Round(height, 1, MidpointRounding.AwayFromZero));
    }

    /// <summary>
    /// The SVG path of a shape: "M x y L x y … Z" per ring, coordinates to one decimal (invariant culture); a point that
    /// rounds onto the previous one is dropped, and a ring that collapses to fewer than three points is left out.
    /// </summary>
    public static string Path(IEnumerable<IReadOnlyList<LonLat>> rings, MapFrame frame)
    {
        var sb = new StringBuilder();
        var points = new List<(double X, double Y)>();
        foreach (var ring in rings)
        {
            points.Clear();
            foreach (var p in ring)
            {
                var (x, y) = frame.Project(p);
                var q = (Math.Round(x, 1, MidpointRounding.AwayFromZero), Math.Round(y, 1, MidpointRounding.AwayFromZero));
                if (points.Count == 0 || points[^1] != q) points.Add(q);
            }
            if (points.Count > 1 && points[0] == points[^1]) points.RemoveAt(points.Count - 1);
            if (points.Count < 3) continue;
            for (var i = 0; i < points.Count; i++)
            {
                sb.Append(i == 0 ? 'M' : 'L').Append(N(points[i].X)).Append(' ').Append(N(points[i].Y));
            }
            sb.Append('Z');
        }
        return sb.ToString();
    }

    private static string N(double d) => d.ToString("0.#", CultureInfo.InvariantCulture);
}

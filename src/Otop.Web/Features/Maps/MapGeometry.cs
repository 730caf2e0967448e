using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using Otop.Domain;

namespace Otop.Web.Features.Maps;

/// <summary>A region's boundary: its DOPA code (without OCHA's "TH"), its Thai name in the geometry, and its rings.</summary>
public sealed record MapShape(string Code, string NameTh, IReadOnlyList<IReadOnlyList<LonLat>> Rings);

/// <summary>A region as drawn: its code, its name in the geometry and its SVG path on the drawing's canvas.</summary>
public sealed record DrawnShape(string Code, string NameTh, string Path);

/// <summary>A map ready to paint: the canvas (viewBox) and one path per region, in code order.</summary>
public sealed record MapDrawing(double Width, double Height, IReadOnlyList<DrawnShape> Shapes);

/// <summary>
/// The boundaries of the maps (OCHA COD-AB via piyayut-ch/mapthai, embedded from Features/Maps/Data), parsed once and
/// drawn once per map: the nation's 77 provinces, and each province's districts fitted to their own canvas (a phone
/// gets one province's slice, never the 913 KB of every district). A singleton: the paths depend only on the files.
/// </summary>
public sealed class MapGeometry
{
    public const double Width = 400;

    private readonly Lazy<List<MapShape>> _provinces = new(() => Load("th-provinces.geojson", "ADM1_PCODE", "ADM1_TH"));
    private readonly Lazy<ILookup<string, MapShape>> _districts =
        new(() => Load("th-districts.geojson", "ADM2_PCODE", "ADM2_TH").ToLookup(s => s.Code[..2], StringComparer.Ordinal));
    private readonly Lazy<MapDrawing> _national;
    private readonly ConcurrentDictionary<string, MapDrawing> _provinceDrawings = new(StringComparer.Ordinal);

    public MapGeometry() => _national = new(() => Draw(_provinces.Value));

    /// <summary>The 77 provinces (Bangkok included: it is on the map, without figures).</summary>
    public MapDrawing National => _national.Value;

    /// <summary>The districts of a province, or null when the geometry has no district with that province code.</summary>
    public MapDrawing? DistrictsOf(string province) =>
        _districts.Value.Contains(province) ? _provinceDrawings.GetOrAdd(province, p => Draw([.. _districts.Value[p]])) : null;

    private static MapDrawing Draw(IReadOnlyList<MapShape> shapes)
    {
        var frame = MapProjection.Fit(shapes.SelectMany(s => s.Rings), Width);
        return new MapDrawing(frame.Width, frame.Height,
            [.. shapes.OrderBy(s => s.Code, StringComparer.Ordinal).Select(s => new DrawnShape(s.Code, s.NameTh, MapProjection.Path(s.Rings, frame)))]);
    }

    /// <summary>A GeoJSON FeatureCollection of Polygons and MultiPolygons; a polygon's holes are further rings of its path.</summary>
    internal static List<MapShape> Load(string file, string codeProperty, string nameProperty)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Otop.Maps.{file}")
            ?? throw new InvalidOperationException($"Map file {file} is not embedded.");
        using var json = JsonDocument.Parse(stream);
        var shapes = new List<MapShape>();
        foreach (var feature in json.RootElement.GetProperty("features").EnumerateArray())
        {
            var properties = feature.GetProperty("properties");
            var code = properties.GetProperty(codeProperty).GetString()!;
            var geometry = feature.GetProperty("geometry");
            var coordinates = geometry.GetProperty("coordinates");
            var polygons = geometry.GetProperty("type").GetString() == "MultiPolygon" ? [.. coordinates.EnumerateArray()] : new[] { coordinates };
            var rings = polygons.SelectMany(p => p.EnumerateArray())
                .Select(ring => (IReadOnlyList<LonLat>)[.. ring.EnumerateArray().Select(pt => new LonLat(pt[0].GetDouble(), pt[1].GetDouble()))])
                .ToList();
            shapes.Add(new MapShape(code.StartsWith("TH", StringComparison.Ordinal) ? code[2..] : code, properties.GetProperty(nameProperty).GetString() ?? code, rings));
        }
        return shapes;
    }
}

using Otop.Web.Features.Maps;

namespace Otop.Web.Tests.Maps;

/// <summary>The embedded boundaries: every region parsed and drawn once, a province's slice on its own canvas.</summary>
public sealed class MapGeometryTests
{
    private static readonly MapGeometry Geometry = new();

    [Fact]
    public void TheNation_Has77Provinces_EachWithAClosedPathOnTheCanvas()
    {
        var national = Geometry.National;

        national.Shapes.Count.ShouldBe(77);
        national.Shapes.Select(s => s.Code).ShouldBe(national.Shapes.Select(s => s.Code).Order(StringComparer.Ordinal));
        national.Shapes.ShouldAllBe(s => s.Code.Length == 2 && s.Path.StartsWith('M') && s.Path.EndsWith('Z'));
        national.Width.ShouldBe(MapGeometry.Width);
        national.Height.ShouldBeGreaterThan(national.Width); // Thailand is taller than wide
    }

    [Fact]
    public void AProvincesDistricts_AreOnlyItsOwn_AndDrawnOnce()
    {
        var saKaeo = Geometry.DistrictsOf("27")!;

        saKaeo.Shapes.Select(s => s.Code).ShouldBe(["2701", "2702", "2703", "2704", "2705", "2706", "2707", "2708", "2709"]);
        saKaeo.Shapes.ShouldContain(s => s.NameTh == "อรัญประเทศ");
        Geometry.DistrictsOf("27").ShouldBeSameAs(saKaeo);
        Geometry.DistrictsOf("99").ShouldBeNull();
    }

    [Fact]
    public void AllDistricts_Are928_LikeTheReferenceData()
    {
        MapGeometry.Load("th-districts.geojson", "ADM2_PCODE", "ADM2_TH").Select(s => s.Code).Distinct().Count().ShouldBe(928);
    }
}

namespace Otop.Domain.Tests;

public class MapProjectionTests
{
    private static readonly LonLat[] Square = [new(100, 10), new(101, 10), new(101, 11), new(100, 11), new(100, 10)];

    [Fact]
    public void Fit_ScalesLongitudeByTheCosineOfTheMiddleLatitude()
    {
        // One degree by one degree at 60° N is half as wide as it is tall.
        var frame = MapProjection.Fit([[new(10, 59.5), new(11, 60.5)]], width: 100, margin: 0);

        frame.Width.ShouldBe(100);
        frame.Height.ShouldBe(200, 0.1);
    }

    [Fact]
    public void Fit_PutsTheNorthWestCornerAtTheMarginAndTheSouthEastAtTheFarEdge()
    {
        var frame = MapProjection.Fit([Square], width: 208, margin: 4);

        frame.Project(new LonLat(100, 11)).X.ShouldBe(4, 1e-9);
        frame.Project(new LonLat(100, 11)).Y.ShouldBe(4, 1e-9);
        var (x, y) = frame.Project(new LonLat(101, 10));
        x.ShouldBe(204, 1e-9);
        y.ShouldBe(frame.Height - 4, 0.1);
    }

    [Fact]
    public void Path_DrawsEachRingFromMoveToClose_InInvariantDecimals()
    {
        var frame = MapProjection.Fit([Square], width: 208, margin: 4);
        var culture = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            var path = MapProjection.Path([Square], frame);

            path.ShouldStartWith("M4 ");
            path.ShouldEndWith("Z");
            path.ShouldNotContain(",");
            path.Count(c => c == 'L').ShouldBe(3); // the closing point repeats the first: Z closes instead
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = culture;
        }
    }

    [Fact]
    public void Path_DropsPointsThatRoundOntoTheLastAndRingsTooSmallToSee()
    {
        var frame = MapProjection.Fit([Square], width: 208, margin: 4);
        LonLat[] speck = [new(100.5, 10.5), new(100.5001, 10.5), new(100.5, 10.5001)];
        LonLat[] dense = [new(100, 10), new(100.0001, 10), new(101, 10), new(101, 11), new(100, 11)];

        MapProjection.Path([speck], frame).ShouldBeEmpty();
        MapProjection.Path([dense, speck], frame).Count(c => c == 'M').ShouldBe(1);
        MapProjection.Path([dense], frame).Count(c => c == 'L').ShouldBe(3);
    }

    [Fact]
    public void Path_OfTwoRings_HasTwoSubpaths()
    {
        LonLat[] island = [new(102, 10), new(102.5, 10), new(102.5, 10.5)];
        var frame = MapProjection.Fit([Square, island], width: 300);

        MapProjection.Path([Square, island], frame).Count(c => c == 'M').ShouldBe(2);
    }
}

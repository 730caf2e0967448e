using Shouldly;
using Xunit;
using Otop.Web.Platform.Documents;

namespace Otop.Web.Tests.Foundation;

public sealed class QrCodeTests
{
    [Fact]
    public void Svg_IsAStandaloneSvgDrawing()
    {
        var svg = QrCodes.Svg("https://otop.example/v/ABCD-1234");

        svg.ShouldStartWith("<svg");
        svg.ShouldContain("</svg>");
    }

    [Fact]
    public void Png_StartsWithThePngSignature_AndGrowsWithTheText()
    {
        var small = QrCodes.Png("A");
        var large = QrCodes.Png(new string('A', 400));

        small.Take(8).ShouldBe(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });
        large.Length.ShouldBeGreaterThan(small.Length);
    }
}

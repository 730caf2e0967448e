using Otop.Web.Platform.Documents;
using Otop.Web.Tests.Reports;

namespace Otop.Web.Tests.Foundation;

public sealed class QrCodeTests
{
    [Theory]
    [InlineData("https://otop.example/v/ABCD-1234", 4)]
    [InlineData("https://otop.example/e/AbCdEfGhIjKlMnOpQrStUv", 3)]
    public void Svg_IsAStandaloneSvgDrawing_ThatZxingReadsBackAsTheUrl(string url, int pixelsPerModule)
    {
        var svg = QrCodes.Svg(url, pixelsPerModule);

        svg.ShouldStartWith("<svg");
        svg.ShouldContain("</svg>");
        QrRead.FromSvg(svg).ShouldBe(url);
    }

    [Fact]
    public void TheReader_ReadsWhatIsDrawn_NotAnyQrCode()
    {
        QrRead.FromSvg(QrCodes.Svg("https://otop.example/v/WXYZ-9876")).ShouldNotBe("https://otop.example/v/ABCD-1234");
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

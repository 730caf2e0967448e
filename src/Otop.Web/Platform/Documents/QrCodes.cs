using QRCoder;

namespace Otop.Web.Platform.Documents;

/// <summary>
/// QR codes for printed documents and enclosures: an SVG drawn in-process (no network, no images on disk), so it can be
/// embedded in a page, in a PDF rendered from that page, or served as <c>image/svg+xml</c>.
/// </summary>
public static class QrCodes
{
    /// <summary>An SVG QR code of <paramref name="text"/> (usually an absolute URL), medium error correction.</summary>
    public static string Svg(string text, int pixelsPerModule = 4)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(pixelsPerModule);
    }

    /// <summary>The same QR code as PNG bytes, for places that cannot take SVG (e.g. a spreadsheet picture).</summary>
    public static byte[] Png(string text, int pixelsPerModule = 4)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(pixelsPerModule);
    }
}

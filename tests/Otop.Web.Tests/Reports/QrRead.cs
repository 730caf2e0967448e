using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ZXing;
using ZXing.Common;
using ZXing.Multi.QrCode;
namespace Otop.Web.Tests.Reports;

/// <summary>
/// Reads QR codes back the way a phone would: ZXing finds and decodes the symbol in a gray-scale image, drawn here from
/// the SVG's rectangles (QRCoder's output) or rendered from a PDF page by pdftoppm.
/// </summary>
public static partial class QrRead
{
    private const int Scale = 4; // canvas pixels per SVG unit (QRCoder: one unit per module)

    /// <summary>
    /// The text of the QR code drawn by <paramref name="svg"/>: QRCoder draws a white background <c>&lt;rect&gt;</c> and the
    /// dark modules as runs in one <c>&lt;path&gt;</c> (<c>M4 4h7v1h-7z</c>: 7 modules from (4, 4)), in viewBox units.
    /// </summary>
    public static string FromSvg(string svg)
    {
        var rects = Rect().Matches(svg).Select(m => (
                X: Number(m, "x"), Y: Number(m, "y"), W: Number(m, "width"), H: Number(m, "height"),
                Dark: !Regex.IsMatch(m.Value, @"fill=""(#fff(fff)?|white)""", RegexOptions.IgnoreCase)))
            .Concat(PathRun().Matches(svg).Select(m => (
                X: Parse(m.Groups["x"]), Y: Parse(m.Groups["y"]), W: Parse(m.Groups["w"]), H: Parse(m.Groups["h"]), Dark: true)))
            .ToList();
        rects.Count(r => r.Dark).ShouldBeGreaterThan(10, "the SVG draws its dark modules as <rect> or <path> runs");
        // A white margin besides the SVG's own quiet zone, so the symbol never touches the edge.
        const int margin = 16;
        var width = (int)Math.Ceiling(rects.Max(r => r.X + r.W) * Scale) + (2 * margin);
        var height = (int)Math.Ceiling(rects.Max(r => r.Y + r.H) * Scale) + (2 * margin);
        var gray = new byte[width * height];
        Array.Fill(gray, (byte)255);
        foreach (var r in rects)
        {
            for (var y = (int)Math.Round(r.Y * Scale); y < (int)Math.Round((r.Y + r.H) * Scale); y++)
            {
                Array.Fill(gray, r.Dark ? (byte)0 : (byte)255, margin + ((y + margin) * width) + (int)Math.Round(r.X * Scale),
                    (int)Math.Round((r.X + r.W) * Scale) - (int)Math.Round(r.X * Scale));
            }
        }
        return FromGray(gray, width, height);
    }

    /// <summary>
    /// The text of the QR codes on page <paramref name="page"/> of a PDF, rendered in gray by pdftoppm at 300 dpi (print
    /// resolution), then at 150 and 600 dpi if nothing was read, as a phone is held nearer or further. A short document
    /// carries the same code twice (head and foot, 22 and 20 mm), so each image is read with ZXing's multi-code reader and
    /// every code found must say the same. When no resolution reads, the failure quotes the page's text, so a CI log says
    /// what the page held (a CI run once read nothing on a page that reads in 300 of 300 runs here).
    /// </summary>
    public static string FromPdf(byte[] pdf, int page = 1)
    {
        var folder = Directory.CreateTempSubdirectory("otop-qr-").FullName;
        try
        {
            var file = Path.Combine(folder, "doc.pdf");
            File.WriteAllBytes(file, pdf);
            foreach (var dpi in (int[])[300, 150, 600])
            {
                Run("pdftoppm", $"-gray -r {dpi} -f {page} -l {page} -singlefile \"{file}\" \"{Path.Combine(folder, "page")}\"");
                var (gray, width, height) = Pgm(File.ReadAllBytes(Path.Combine(folder, "page.pgm")));
                if (Decode(gray, width, height) is { } text) return text;
            }
            Run("pdftotext", $"-f {page} -l {page} -layout \"{file}\" \"{Path.Combine(folder, "page.txt")}\"");
            var words = File.ReadAllText(Path.Combine(folder, "page.txt"));
            throw new ShouldAssertException($"ZXing found no readable QR code on page {page} at 300, 150 or 600 dpi " +
                $"({pdf.Length} bytes of PDF); the page reads: {words[..Math.Min(600, words.Length)]}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void Run(string tool, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments) { RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, $"{tool}: {error}");
    }

    private static string FromGray(byte[] gray, int width, int height) =>
        Decode(gray, width, height) ?? throw new ShouldAssertException("ZXing found no readable QR code in the image");

    /// <summary>The one text of every QR code ZXing reads in the image, or null when it reads none.</summary>
    private static string? Decode(byte[] gray, int width, int height)
    {
        var bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(gray, width, height, RGBLuminanceSource.BitmapFormat.Gray8)));
        var hints = new Dictionary<DecodeHintType, object> { [DecodeHintType.TRY_HARDER] = true, [DecodeHintType.POSSIBLE_FORMATS] = new List<BarcodeFormat> { BarcodeFormat.QR_CODE } };
        var results = new QRCodeMultiReader().decodeMultiple(bitmap, hints);
        if (results is null || results.Length == 0) return null;
        results.Select(r => r.Text).Distinct().Count().ShouldBe(1, "every QR code on the page carries the same text");
        return results[0].Text;
    }

    /// <summary>A binary PGM (P5, 8-bit), as pdftoppm -gray writes it.</summary>
    private static (byte[] Gray, int Width, int Height) Pgm(byte[] file)
    {
        var fields = new List<int>();
        var i = 2;
        Encoding.ASCII.GetString(file, 0, 2).ShouldBe("P5");
        while (fields.Count < 3)
        {
            while (char.IsWhiteSpace((char)file[i])) i++;
            if (file[i] == '#') { while (file[i] != '\n') i++; continue; }
            var start = i;
            while (!char.IsWhiteSpace((char)file[i])) i++;
            fields.Add(int.Parse(Encoding.ASCII.GetString(file, start, i - start), CultureInfo.InvariantCulture));
        }
        fields[2].ShouldBe(255, "8-bit gray");
        var (width, height) = (fields[0], fields[1]);
        return (file.AsSpan(i + 1, width * height).ToArray(), width, height);
    }

    private static double Parse(Group g) => double.Parse(g.Value, CultureInfo.InvariantCulture);

    private static double Number(Match rect, string name) =>
        Regex.Match(rect.Value, $@"\s{name}=""([0-9.]+)""") is { Success: true } m ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"<rect\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Rect();

    [GeneratedRegex(@"M(?<x>[0-9.]+)[ ,](?<y>[0-9.]+)h(?<w>[0-9.]+)v(?<h>[0-9.]+)h-[0-9.]+z")]
    private static partial Regex PathRun();
}

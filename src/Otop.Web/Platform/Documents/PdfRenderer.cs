using System.ComponentModel.DataAnnotations;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace Otop.Web.Platform.Documents;

/// <summary>Configuration of issued documents (README "Configuration").</summary>
public sealed class DocumentOptions : IConfiguredOptions, IValidatableObject
{
    public static string Section => "Documents";

    /// <summary>The absolute base of the verification URL in QR codes (e.g. https://otop.cdd.go.th); empty: the request's scheme and host.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Debian's Chromium; Playwright never downloads a browser here (STACK.md "PDF with correct Thai").</summary>
    public string ChromiumPath { get; set; } = "/usr/bin/chromium";

    /// <summary><c>Documents__PdfPerUser</c>: PDFs one user may have building or rendering at once (<see cref="PdfGate"/>).</summary>
    [Range(1, 100, ErrorMessage = ConfiguredOptions.WholeNumber)]
    public int PdfPerUser { get; set; } = 2;

    /// <summary><c>Documents__PdfRendering</c> + <c>Documents__PdfQueue</c>: PDFs the node holds at once; more are refused (429).</summary>
    [Range(1, 64, ErrorMessage = ConfiguredOptions.WholeNumber)]
    public int PdfRendering { get; set; } = 2;

    [Range(0, 10_000, ErrorMessage = ConfiguredOptions.WholeNumber)]
    public int PdfQueue { get; set; } = 16;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // A relative base would print a QR code that no phone can open.
        if (!string.IsNullOrWhiteSpace(PublicBaseUrl) && !ConfiguredOptions.IsWebAddress(PublicBaseUrl))
        {
            yield return new ValidationResult("must be an absolute http or https address, such as https://otop.cdd.go.th", [nameof(PublicBaseUrl)]);
        }
    }
}

/// <summary>Chromium is not installed or cannot start: the API answers 503 and the print view still prints from the browser.</summary>
public sealed class PdfUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// HTML → PDF through headless Chromium, because only a real text shaper puts Thai tone marks and vowels in place
/// (STACK.md). One browser, launched on first use and shared by all requests; at most two pages render at once (the
/// machine has two cores); a browser that died is launched again; closed at shutdown.
/// </summary>
public sealed partial class PdfRenderer(IOptions<DocumentOptions> options, IWebHostEnvironment env, ILogger<PdfRenderer> log) : IAsyncDisposable
{
    private static readonly string[] Flags = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage"];

    private readonly SemaphoreSlim _pages = new(options.Value.PdfRendering);
    private readonly SemaphoreSlim _launch = new(1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string? _fontCss;
    private string? _printCss;

    /// <summary>Sarabun as base64 @font-face rules (site.css's rules with the files inlined), then print.css.</summary>
    public (string FontCss, string PrintCss) Styles()
    {
        if (_fontCss is null)
        {
            var site = ReadWebFile("css/site.css");
            var rules = FontFaceRule().Matches(site).Select(m => m.Value);
            _fontCss = string.Join("\n", rules.Select(rule => FontUrl().Replace(rule, u =>
                $"url(data:font/woff2;base64,{Convert.ToBase64String(ReadWebBytes("lib/sarabun/" + u.Groups[1].Value))})")));
            _printCss = ReadWebFile("css/print.css");
        }
        return (_fontCss, _printCss!);
    }

    /// <summary>Pages rendering in Chromium now (at most <see cref="DocumentOptions.PdfRendering"/>).</summary>
    public int Rendering => options.Value.PdfRendering - _pages.CurrentCount;

    public async Task<byte[]> RenderAsync(string html, CancellationToken ct)
    {
        await _pages.WaitAsync(ct);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var browser = await BrowserAsync(ct);
                try
                {
                    var page = await browser.NewPageAsync();
                    try
                    {
                        await page.SetContentAsync(html, new() { WaitUntil = WaitUntilState.Load });
                        await page.EvaluateAsync("document.fonts.ready");
                        return await page.PdfAsync(new() { PreferCSSPageSize = true, PrintBackground = true, Format = "A4" });
                    }
                    finally
                    {
                        await page.CloseAsync();
                    }
                }
                catch (PlaywrightException e) when (attempt == 1 && !browser.IsConnected)
                {
                    log.LogWarning(e, "Chromium died while rendering a PDF; launching it again");
                }
            }
        }
        finally
        {
            _pages.Release();
        }
    }

    private async Task<IBrowser> BrowserAsync(CancellationToken ct)
    {
        if (_browser is { IsConnected: true } running) return running;
        await _launch.WaitAsync(ct);
        try
        {
            if (_browser is { IsConnected: true } again) return again;
            var path = options.Value.ChromiumPath;
            if (!File.Exists(path)) throw new PdfUnavailableException($"ไม่พบโปรแกรม Chromium ที่ {path} บนเครื่องแม่ข่าย จึงสร้างไฟล์ PDF ไม่ได้ กรุณาใช้หน้าพิมพ์ (ปุ่ม \"พิมพ์\") แทน หรือแจ้งผู้ดูแลระบบ");
            if (_browser is not null) await _browser.DisposeAsync();
            try
            {
                _playwright ??= await Playwright.CreateAsync();
                _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = path, Headless = true, Args = Flags });
            }
            catch (PlaywrightException e)
            {
                throw new PdfUnavailableException("เปิดโปรแกรม Chromium สำหรับสร้างไฟล์ PDF ไม่ได้ กรุณาลองใหม่ภายหลังหรือใช้หน้าพิมพ์แทน", e);
            }
            return _browser;
        }
        finally
        {
            _launch.Release();
        }
    }

    private string ReadWebFile(string path) => Encoding.UTF8.GetString(ReadWebBytes(path));

    private byte[] ReadWebBytes(string path)
    {
        var file = env.WebRootFileProvider.GetFileInfo(path);
        if (!file.Exists) throw new FileNotFoundException($"wwwroot/{path} is missing", path);
        using var stream = file.CreateReadStream();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        _pages.Dispose();
        _launch.Dispose();
    }

    [GeneratedRegex(@"@font-face\s*\{[^}]*\}")]
    private static partial Regex FontFaceRule();

    // The font's own file name, without site.css's cache-busting "?v=…" (issue 15, item 8).
    [GeneratedRegex(@"url\(""?\.\./lib/sarabun/([^"")?]+)(?:\?[^"")]*)?""?\)")]
    private static partial Regex FontUrl();
}

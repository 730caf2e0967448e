using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Otop.Web.Tests.Infrastructure;

namespace Otop.Browser.Tests;

/// <summary>
/// The app with Sa Kaeo's demo data on a real Kestrel port, and Debian's Chromium driven by Playwright.
/// OTOP_BROWSER names the browser (scripts/test.sh sets /usr/bin/chromium); screenshots go to OTOP_SCREENSHOTS.
/// </summary>
public class BrowserApp : IAsyncLifetime
{
    private readonly KestrelApp _app;

    public BrowserApp() : this(null) { }

    /// <summary>The app with its clock at <paramref name="now"/> (default: OtopApp's test clock).</summary>
    protected BrowserApp(DateTimeOffset? now, IDictionary<string, string?>? settings = null) => _app = new KestrelApp(now, settings);
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";
    public OtopApp App => _app;

    public static string ScreenshotFolder =>
        Environment.GetEnvironmentVariable("OTOP_SCREENSHOTS") is { Length: > 0 } folder ? folder : Path.Combine(Path.GetTempPath(), "otop-screenshots");

    public async Task InitializeAsync()
    {
        _app.StartServer();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        var executable = Environment.GetEnvironmentVariable("OTOP_BROWSER") ?? "/usr/bin/chromium";
        if (!File.Exists(executable)) throw new InvalidOperationException($"Chromium not found at {executable}: run scripts/test.sh, which installs it.");
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage"],
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, Locale = "th-TH", TimezoneId = "Asia/Bangkok" });
        return await context.NewPageAsync();
    }

    public async Task LogInAsync(IPage page, string user, string password)
    {
        await page.GotoAsync(BaseUrl + "/Account/Login");
        await page.GetByLabel("ชื่อผู้ใช้").FillAsync(user);
        await page.GetByLabel("รหัสผ่าน").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "เข้าสู่ระบบ" }).ClickAsync();
    }

    public Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });

    public virtual async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        await _app.DisposeAsync();
    }

    private sealed class KestrelApp : OtopApp
    {
        // Development: the journeys sign in as README's demo accounts, whose password is refused anywhere else.
        public KestrelApp(DateTimeOffset? now, IDictionary<string, string?>? settings)
            : base(seedDemo: true, now: now, settings: settings, environment: Development) => UseKestrel(0);
    }
}

/// <summary>
/// The app on 1 March 2564 (2021), while FY 2564's round 1 is open (it ends 19 March 2564, letter 1): a listing recorded
/// then counts for the round. After the round's results cut-off it no longer would (CONTRACT, online-market indicator).
/// </summary>
public sealed class RoundOneOpenBrowserApp() : BrowserApp(new DateTimeOffset(2021, 3, 1, 10, 0, 0, TimeSpan.FromHours(7)));

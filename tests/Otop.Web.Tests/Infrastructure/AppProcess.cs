using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;

namespace Otop.Web.Tests.Infrastructure;

/// <summary>
/// The app as a real child process (<c>dotnet Otop.Web.dll</c> on Kestrel, a free loopback port), for what an in-memory
/// test server cannot show: kill -9, SIGTERM, two nodes on one database. It runs the build of src/Otop.Web of the same
/// configuration as this test assembly (scripts/test.sh builds the whole solution in Release; a fresh clone in CI too).
/// Everything it prints is kept in <see cref="Log"/>.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    public Uri BaseAddress { get; }
    public int Port { get; }
    public string Log { get { lock (_log) return _log.ToString(); } }
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;
    public int Id => _process.Id;

    private AppProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    /// <summary>Starts the app on <paramref name="database"/> with the given settings (environment form: <c>Seed__Demo</c>).</summary>
    public static AppProcess Start(TestDatabase database, IDictionary<string, string>? settings = null) =>
        Start(database.Provider, database.ConnectionString, settings);

    public static AppProcess Start(string provider, string connectionString, IDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var dll = WebDll();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        info.WorkingDirectory = WebProjectFolder();
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["Database__Provider"] = provider;
        info.Environment["ConnectionStrings__Default"] = connectionString;
        info.Environment["Seed__Demo"] = "false";
        // The national compilation's scheduler writes at start when a close day has passed: on only for a test that asks.
        info.Environment["Compilation__Scheduler"] = "false";
        // Nodes of one database share its key file (docs/operations.md "Keys"); PostgreSQL has no default outside Development.
        if (provider == "Postgres") info.Environment["Keys__File"] = TestDatabase.KeyFileFor(connectionString);
        info.Environment["Logging__LogLevel__Default"] = "Information";
        info.Environment["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning";
        info.Environment["Logging__LogLevel__Microsoft.EntityFrameworkCore"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) info.Environment[key] = value;

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var app = new AppProcess(process, port);
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log) _log.AppendLine(line);
    }

    /// <summary>Waits until /healthz answers 200 (startup migrates and may seed demo data: allow a minute on a busy machine).</summary>
    public async Task WaitUntilHealthyAsync(TimeSpan? timeout = null)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(120));
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The app exited with {_process.ExitCode} before it was healthy:\n{Log}");
            try
            {
                if ((await client.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The app on port {Port} was not healthy in time:\n{Log}");
    }

    public HttpClient Client(CookieContainer? cookies = null, bool redirects = false) =>
        new(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), UseCookies = true, AllowAutoRedirect = redirects })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromMinutes(5),
        };

    /// <summary>A client with a bearer token of <paramref name="userName"/>, obtained from this node.</summary>
    public async Task<HttpClient> ClientForAsync(string userName, string password)
    {
        var client = Client();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await TokenAsync(userName, password));
        return client;
    }

    public async Task<string> TokenAsync(string userName, string password)
    {
        using var client = Client();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = userName, password });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return body.GetProperty("accessToken").GetString()!;
    }

    /// <summary>kill -9: no shutdown, no flush, no rollback by the app.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    /// <summary>SIGTERM, as a service manager or an orchestrator stops a node.</summary>
    public void Terminate()
    {
        if (_process.HasExited) return;
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit(10_000);
        kill.ExitCode.ShouldBe(0, "kill -TERM");
    }

    public Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        return _process.WaitForExitAsync(cts.Token).ContinueWith(t => t.IsCompletedSuccessfully, TaskScheduler.Default);
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await Task.Yield();
        _process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>src/Otop.Web of this checkout (found by walking up from the test's bin folder to Otop.slnx).</summary>
    public static string WebProjectFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Otop.slnx"))) return Path.Combine(dir.FullName, "src", "Otop.Web");
        }
        throw new InvalidOperationException($"Otop.slnx not found above {AppContext.BaseDirectory}");
    }

    /// <summary>src/Otop.Web/bin/&lt;configuration&gt;/&lt;tfm&gt;/Otop.Web.dll of the same configuration and framework as the tests.</summary>
    public static string WebDll()
    {
        var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = tfm.Parent!.Name;
        var dll = Path.Combine(WebProjectFolder(), "bin", configuration, tfm.Name, "Otop.Web.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException($"Build src/Otop.Web ({configuration}) first: {dll} is missing.", dll);
        return dll;
    }
}

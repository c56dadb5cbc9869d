using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(HitPredictor.BrowserTests.ServerFixture))]

namespace HitPredictor.BrowserTests;

/// <summary>
/// Once per test run: trains a small model on the built-in sample, publishes it to a folder store, starts
/// <c>hitpredictor serve</c> on a free loopback port, waits for <c>/api/health</c>, and launches Debian's Chromium
/// headless. Everything is removed again in <see cref="DisposeAsync"/>.
/// </summary>
public sealed class ServerFixture : IAsyncLifetime
{
    /// <summary>Debian's Chromium (<c>apt-get install -y chromium</c>), the major version Playwright expects.</summary>
    public const string ChromiumPath = "/usr/lib/chromium/chromium";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly StringBuilder _serverOutput = new();
    private DirectoryInfo? _work;
    private Process? _server;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is not started.");

    /// <summary>Where the tests save screenshots of the page's main states (not committed).</summary>
    public string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>The live model's version, as <c>/api/health</c> reported it at start.</summary>
    public string ModelVersion { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is not installed at {ChromiumPath}: run `apt-get install -y chromium`.");
        }

        Directory.CreateDirectory(ScreenshotFolder);
        _work = Directory.CreateTempSubdirectory("hitpredictor-browser-");
        var model = Path.Combine(_work.FullName, "model");
        var store = Path.Combine(_work.FullName, "store");
        using var timeout = new CancellationTokenSource(StartTimeout);
        await RunCliAsync(["train", "--out", model, "--trees", "10", "--leaves", "50", "--no-artist-split"], timeout.Token);
        await RunCliAsync(["publish", "--model", model, "--store", store], timeout.Token);

        BaseAddress = new Uri($"http://127.0.0.1:{FreePort().ToString(CultureInfo.InvariantCulture)}/");
        _server = StartCli(["serve", "--store", store, "--urls", BaseAddress.GetLeftPart(UriPartial.Authority)], _serverOutput);
        ModelVersion = await WaitForHealthAsync(timeout.Token);
        await EnsurePageServedAsync(timeout.Token);

        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true });
    }

    /// <summary>A new browser context and page on the served app (each test owns its own).</summary>
    public async Task<IBrowserContext> NewContextAsync(int width = 1280, int height = 900) =>
        await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            AcceptDownloads = true,
        });

    public string Screenshot(string name) => Path.Combine(ScreenshotFolder, name + ".png");

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_server is not null)
        {
            if (!_server.HasExited)
            {
                _server.Kill(entireProcessTree: true);
                await _server.WaitForExitAsync();
            }

            _server.Dispose();
        }

        _work?.Delete(recursive: true);
    }

    private async Task<string> WaitForHealthAsync(CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        while (true)
        {
            if (_server!.HasExited)
            {
                throw new InvalidOperationException($"hitpredictor serve exited with code {_server.ExitCode}:\n{Output()}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("api/health", UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    using var health = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                    return health.RootElement.GetProperty("modelVersion").GetString()!;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"hitpredictor serve did not answer /api/health with 200 within {StartTimeout.TotalSeconds} s:\n{Output()}");
            }

            // Polling a child process for readiness: there is no event to wait on.
            await Task.Delay(250, cancellationToken);
        }
    }

    /// <summary>Fails every test with one clear reason when the server answers the API but not the page.</summary>
    private async Task EnsurePageServedAsync(CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        using var response = await client.GetAsync(new Uri("", UriKind.Relative), cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html")
        {
            throw new InvalidOperationException(
                $"hitpredictor serve answers GET / with {(int)response.StatusCode} ({response.Content.Headers.ContentType?.MediaType ?? "no content type"}), not the page: " +
                "register it with services.AddHitPredictorPage() and map it with endpoints.MapHitPredictorPage() (HitPredictor.Serving.Page.PageEndpoints).");
        }
    }

    private string Output()
    {
        lock (_serverOutput)
        {
            return _serverOutput.ToString();
        }
    }

    private static async Task RunCliAsync(string[] arguments, CancellationToken cancellationToken)
    {
        var output = new StringBuilder();
        using var process = StartCli(arguments, output);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            lock (output)
            {
                throw new InvalidOperationException($"hitpredictor {arguments[0]} failed with code {process.ExitCode}:\n{output}");
            }
        }
    }

    private static Process StartCli(string[] arguments, StringBuilder output)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "hitpredictor.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NO_COLOR"] = "1";
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Azure.Storage.Blobs;
using HitPredictor.IntegrationTests.Infrastructure;

[assembly: AssemblyFixture(typeof(AzuriteFixture))]

namespace HitPredictor.IntegrationTests.Infrastructure;

/// <summary>
/// A real Azurite blob and queue service for the test run: started on a free loopback port, in memory, and killed at the
/// end. It comes from the repository's local npm install; when that is missing the tests fail with the command.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public const string InstallCommand = "npm install --prefix .tools azurite@3.37.0";

    /// <summary>Azurite's well-known development account key (public, not a secret).</summary>
    private const string DevelopmentKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private Process? _azurite;

    public string ConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        var executable = Path.Combine(Repository.Root, ".tools", "node_modules", ".bin", "azurite");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed at {executable}. In the repository root, run: {InstallCommand}");
        }

        var port = FreePort();
        var queuePort = FreePort();
        var tablePort = FreePort();
        string Text(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var start = new ProcessStartInfo(executable)
        {
            ArgumentList =
            {
                "--blobHost", "127.0.0.1", "--blobPort", Text(port),
                "--queueHost", "127.0.0.1", "--queuePort", Text(queuePort),
                "--tableHost", "127.0.0.1", "--tablePort", Text(tablePort),
                "--inMemoryPersistence", "--silent", "--skipApiVersionCheck", "--loose",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _azurite = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        _azurite.OutputDataReceived += (_, _) => { };
        _azurite.ErrorDataReceived += (_, _) => { };
        _azurite.BeginOutputReadLine();
        _azurite.BeginErrorReadLine();
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevelopmentKey};BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;";
        await WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>A container no other test uses (not created: the code under test creates it on first write).</summary>
    public BlobContainerClient NewContainer() =>
        new BlobServiceClient(ConnectionString).GetBlobContainerClient($"t{Guid.NewGuid():N}");

    public async ValueTask DisposeAsync()
    {
        if (_azurite is { HasExited: false })
        {
            _azurite.Kill(entireProcessTree: true);
            await _azurite.WaitForExitAsync();
        }

        _azurite?.Dispose();
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var service = new BlobServiceClient(ConnectionString);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await service.GetPropertiesAsync();
                return;
            }
            catch (Exception ex) when (clock.Elapsed < timeout && ex is Azure.RequestFailedException or HttpRequestException or AggregateException)
            {
                if (_azurite!.HasExited)
                {
                    throw new InvalidOperationException($"Azurite exited with code {_azurite.ExitCode} before it was ready.", ex);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200));
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

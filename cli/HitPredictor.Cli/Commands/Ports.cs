using System.Net;
using System.Net.Sockets;

namespace HitPredictor.Cli.Commands;

/// <summary>
/// The addresses of <c>serve --urls</c>: parsed, and checked free before anything starts, so a port in use is one
/// clear line instead of Kestrel's bind failure (a stack trace) after the model has started loading.
/// </summary>
internal static class Ports
{
    public static IEnumerable<string> Split(string urls) =>
        urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static bool TryParse(string url, out Uri uri) =>
        Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal),
            UriKind.Absolute, out uri!)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.AbsolutePath == "/";

    /// <exception cref="InvalidOperationException">One of the addresses is taken by another process (exit 1).</exception>
    public static void EnsureFree(string urls)
    {
        foreach (var url in Split(urls))
        {
            if (!TryParse(url, out var uri))
            {
                continue;
            }

            var address = uri.Host == "localhost" ? IPAddress.Loopback
                : IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) ? ip
                : IPAddress.Any;
            var probe = new TcpListener(address, uri.Port);
            try
            {
                probe.Start();
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                throw new InvalidOperationException(InUseMessage(url));
            }
            finally
            {
                probe.Stop();
            }
        }
    }

    public static string InUseMessage(string urls) =>
        $"cannot listen on {urls}: the port is in use by another process (another `hitpredictor serve`?). Pick another with --urls http://127.0.0.1:5001.";
}

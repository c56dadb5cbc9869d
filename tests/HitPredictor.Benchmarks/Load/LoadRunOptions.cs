using System.Globalization;

namespace HitPredictor.Benchmarks.Load;

/// <summary>
/// The load run's settings, from <c>load --url http://127.0.0.1:5080 --seconds 20 --concurrency 16 --max-requests 200000</c>.
/// Only a loopback address may be the target: this is a local measuring tool, never a way to load someone's server.
/// </summary>
public sealed record LoadRunOptions
{
    public const string Usage =
        "usage: load [--url http://127.0.0.1:5080] [--seconds 20] [--concurrency|--connections 16] [--max-requests 200000] [--warmup 200]";

    private static readonly string[] LoopbackHosts = ["127.0.0.1", "localhost", "[::1]"];

    public Uri Url { get; init; } = new("http://127.0.0.1:5080");

    /// <summary>How long the measured part runs, at most. Default 20 s.</summary>
    public int Seconds { get; init; } = 20;

    /// <summary>Requests in flight at once, each on its own connection (<c>--concurrency</c> or <c>--connections</c>). Default 16.</summary>
    public int Concurrency { get; init; } = 16;

    /// <summary>Most measured requests; the run stops at this count or at <see cref="Seconds"/>, whichever comes first.</summary>
    public int MaxRequests { get; init; } = 200_000;

    /// <summary>Requests sent before measuring (not counted, but any error still fails the run). Default 200.</summary>
    public int Warmup { get; init; } = 200;

    /// <exception cref="ArgumentException">An unknown option, a bad number, or a target that is not loopback.</exception>
    public static LoadRunOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new LoadRunOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            var value = i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value");
            options = name switch
            {
                "--url" => options with { Url = Loopback(value) },
                "--seconds" => options with { Seconds = Number(name, value, 1, 3_600) },
                "--concurrency" or "--connections" => options with { Concurrency = Number(name, value, 1, 1_024) },
                "--max-requests" => options with { MaxRequests = Number(name, value, 1, 10_000_000) },
                "--warmup" => options with { Warmup = Number(name, value, 0, 100_000) },
                _ => throw new ArgumentException($"unknown option '{name}'"),
            };
        }

        return options;
    }

    private static Uri Loopback(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"--url must be an absolute http(s) address, got '{value}'");
        }

        return LoopbackHosts.Contains(url.Host, StringComparer.OrdinalIgnoreCase)
            ? url
            : throw new ArgumentException($"--url must be a loopback address (127.0.0.1, localhost or [::1]), got host '{url.Host}'");
    }

    private static int Number(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? number
            : throw new ArgumentException($"{name} must be a whole number from {min} to {max}, got '{value}'");
}

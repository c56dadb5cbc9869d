using System.Text.Json;
using AwesomeAssertions;
using HitPredictor.TestData;
using HitPredictor.Tests.Support;

namespace HitPredictor.Tests.Cli;

public sealed class AnalyzeCliTests
{
    [Fact]
    public async Task Analyze_WavJson_PrintsFeaturesMeasuredAndAssumed()
    {
        var path = Path.Combine(Path.GetTempPath(), $"hp-{Guid.NewGuid():N}.wav");
        await File.WriteAllBytesAsync(path, TestAudio.Sine(997, seconds: 3, rate: 22050), TestContext.Current.CancellationToken);
        try
        {
            var outcome = await CliRunner.RunAsync(null, "analyze", path, "--json");

            outcome.ExitCode.Should().Be(0, outcome.Output);
            using var json = JsonDocument.Parse(outcome.Output);
            var root = json.RootElement;
            root.GetProperty("features").GetProperty("duration_ms").GetInt64().Should().Be(3000);
            root.GetProperty("features").GetProperty("loudness").GetDouble().Should().BeApproximately(-23.0, 0.5);
            root.GetProperty("measured").EnumerateArray().Select(e => e.GetString()).Should().Contain(["duration_ms", "loudness"]);
            root.GetProperty("assumed").EnumerateArray().Select(e => e.GetString()).Should().Equal("time_signature");
            root.GetProperty("unmeasured").GetProperty("tempo").GetString().Should().StartWith("no onsets");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Analyze_NotAudio_ExitsTwoWithOneLine()
    {
        var path = Path.Combine(Path.GetTempPath(), $"hp-{Guid.NewGuid():N}.mp3");
        await File.WriteAllTextAsync(path, "track_id,popularity\n1,50\n", TestContext.Current.CancellationToken);
        try
        {
            var outcome = await CliRunner.RunAsync(null, "analyze", path);

            outcome.ExitCode.Should().Be(2);
            outcome.Output.Should().Contain("not audio");
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static TheoryData<string, string, int, string> Files => new()
    {
        { "truncated", "song.wav", 2, "truncated WAV" },
        { "empty", "song.wav", 2, "empty" },
        { "half-second", "song.wav", 2, "too short: 0.50 s" },
        { "over-64-MiB", "song.wav", 2, "too large" },
        { "silence", "song.wav", 0, "silent: there is no beat to measure" },
        { "clipped", "song.wav", 0, "clipped:" },
        { "wav-named-mp3", "song.mp3", 0, "\"format\": \"Wav\"" },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Analyze_BadOrOddFile_ExitsTwoWithTheReasonOrSaysWhatItFound(string kind, string name, int exitCode, string expected)
    {
        using var temp = new TempDirectory();
        var path = temp.File(name);
        if (kind == "over-64-MiB")
        {
            await using var file = File.Create(path);
            await file.WriteAsync(TestAudio.ClicksOverChord(), TestContext.Current.CancellationToken);
            file.SetLength((64L * 1024 * 1024) + 1);
        }
        else
        {
            byte[] bytes = kind switch
            {
                "truncated" => TestAudio.Truncated(),
                "empty" => [],
                "half-second" => TestAudio.ClicksOverChord(seconds: 0.5),
                "silence" => TestAudio.Silence(),
                "clipped" => TestAudio.ClicksOverChord(gain: 4),
                _ => TestAudio.ClicksOverChord(),
            };
            await File.WriteAllBytesAsync(path, bytes, TestContext.Current.CancellationToken);
        }

        var outcome = await CliRunner.RunAsync(null, "analyze", path, "--json");

        outcome.ExitCode.Should().Be(exitCode, outcome.Output);
        outcome.Output.Should().Contain(expected).And.NotContain("Exception");
        if (exitCode == 2)
        {
            outcome.Output.ReplaceLineEndings(" ").Should().StartWith($"error: {name}: ");
        }
    }
}

using System.Text.Json;
using AwesomeAssertions;
using HitPredictor.TestData;

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
}

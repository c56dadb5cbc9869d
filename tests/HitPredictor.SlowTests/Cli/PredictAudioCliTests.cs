using System.Text.Json;
using AwesomeAssertions;
using HitPredictor.TestData;
using HitPredictor.Tests.Support;

namespace HitPredictor.Tests.Cli;

/// <summary><c>hitpredictor predict --audio FILE</c>, as a process, on WAVs generated here.</summary>
public sealed class PredictAudioCliTests(SampleModelFixture sample)
{
    [Fact]
    public async Task PredictAudio_Json_ScoresMeasuredFieldsAndNamesWhatWasUnknown()
    {
        using var temp = new TempDirectory();
        var path = temp.File("song.wav");
        await File.WriteAllBytesAsync(path, TestAudio.ClicksOverChord(bpm: 120), TestContext.Current.CancellationToken);

        var outcome = await CliRunner.RunAsync(null, "predict", "--model", sample.Directory, "--audio", path, "--genre", "pop", "--json");

        outcome.ExitCode.Should().Be(0, outcome.Output);
        using var json = JsonDocument.Parse(outcome.Output);
        var root = json.RootElement;
        root.GetProperty("features").GetProperty("duration_ms").GetInt64().Should().Be(8000);
        root.GetProperty("features").GetProperty("tempo").GetDouble().Should().BeApproximately(120, 2.4);
        root.GetProperty("measured").EnumerateArray().Select(e => e.GetString()).Should().Contain(["duration_ms", "loudness", "tempo"]);
        root.GetProperty("assumed").EnumerateArray().Select(e => e.GetString()).Should().Equal("time_signature");
        var score = root.GetProperty("score");
        score.GetProperty("tier").GetString().Should().BeOneOf("Viral", "Hit", "Mid", "Flop");
        var missing = score.GetProperty("missing").EnumerateArray().Select(e => e.GetString()).ToArray();
        missing.Should().Contain(["danceability", "energy", "valence"]).And.NotContain(["genre", "tempo", "duration_ms", "time_signature"]);
        score.GetProperty("model").GetString().Should().NotBe("full");
    }

    [Fact]
    public async Task PredictAudio_FlagOverridesMeasuredField_AndTextNamesUnknownsAndModel()
    {
        using var temp = new TempDirectory();
        var path = temp.File("song.wav");
        await File.WriteAllBytesAsync(path, TestAudio.ClicksOverChord(bpm: 120), TestContext.Current.CancellationToken);

        var json = await CliRunner.RunAsync(null, "predict", "--model", sample.Directory, "--audio", path, "--tempo", "90", "--energy", "0.8", "--json");
        var text = await CliRunner.RunAsync(null, "predict", "--model", sample.Directory, "--audio", path);

        json.ExitCode.Should().Be(0, json.Output);
        using var document = JsonDocument.Parse(json.Output);
        document.RootElement.GetProperty("score").GetProperty("missing").EnumerateArray().Select(e => e.GetString())
            .Should().Contain("genre").And.NotContain("energy");
        text.ExitCode.Should().Be(0, text.Output);
        text.Output.ReplaceLineEndings(" ").Should().Contain("tempo").And.Contain("measured").And.Contain("assumed")
            .And.Contain("Unknown: danceability").And.Contain("genre; answered by the audio-no-genre model");
    }

    public static TheoryData<string, string> BadAudio => new()
    {
        { "silence", "silent: no tempo" },
        { "truncated", "song.wav: " },
        { "not-audio", "not audio" },
        { "empty", "song.wav: " },
        { "too-short", "too short" },
    };

    [Theory]
    [MemberData(nameof(BadAudio))]
    public async Task PredictAudio_BadAudio_ExitsTwoWithOneClearLine(string kind, string expected)
    {
        using var temp = new TempDirectory();
        var path = temp.File("song.wav");
        byte[] bytes = kind switch
        {
            "silence" => TestAudio.Silence(),
            "truncated" => TestAudio.Truncated(),
            "not-audio" => "track_id,popularity\n1,50\n"u8.ToArray(),
            "empty" => [],
            _ => TestAudio.ClicksOverChord(seconds: 0.5),
        };
        await File.WriteAllBytesAsync(path, bytes, TestContext.Current.CancellationToken);

        var outcome = await CliRunner.RunAsync(null, "predict", "--model", sample.Directory, "--audio", path, "--genre", "pop");

        outcome.ExitCode.Should().Be(2, outcome.Output);
        var message = outcome.Output.ReplaceLineEndings(" ").Replace("  ", " ", StringComparison.Ordinal);
        message.Should().StartWith("error: song.wav: ").And.Contain(expected).And.NotContain("Exception");
    }
}

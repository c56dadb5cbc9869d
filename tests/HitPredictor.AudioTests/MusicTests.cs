using AwesomeAssertions;

namespace HitPredictor.AudioTests;

/// <summary>Tempo and key on generated music against the bars of issue #11, with hit rates printed.</summary>
public sealed class MusicTests(ITestOutputHelper output)
{
    [Fact]
    public void Tempo_48ClickAndDrumPatterns60To180Bpm_Within2PercentOrAnOctaveOn95Percent()
    {
        int[] rates = [22050, 44100, 48000];
        var exact = 0;
        var octave = 0;
        var misses = new List<string>();
        for (var i = 0; i < 48; i++)
        {
            var bpm = 60 + (i * 2.5);
            var rate = rates[i % rates.Length];
            var channels = 1 + (i % 2);
            var drums = i % 4 >= 2;
            var analysis = Analyze.Wav(Signals.Rhythm(bpm, drums, 12, rate, channels, seed: i), rate, channels);
            var measured = analysis.Tempo ?? 0;
            if (Math.Abs(measured / bpm - 1) <= 0.02)
            {
                exact++;
            }
            else if (Math.Abs(measured / (2 * bpm) - 1) <= 0.02 || Math.Abs(measured / (bpm / 2) - 1) <= 0.02)
            {
                octave++;
                misses.Add($"{bpm} BPM {(drums ? "drums" : "clicks")} read {measured} (octave)");
            }
            else
            {
                misses.Add($"{bpm} BPM {(drums ? "drums" : "clicks")} read {measured} (miss)");
            }
        }

        output.WriteLine($"tempo: {exact}/48 within 2 %, {octave}/48 an exact octave off, hit rate {(exact + octave) / 48.0:P1}");
        misses.ForEach(output.WriteLine);
        (exact + octave).Should().BeGreaterThanOrEqualTo(46);
    }

    [Fact]
    public void Key_24KeysTimesTwoVoicings_ExactOn90Percent()
    {
        int[] rates = [22050, 44100, 48000];
        var hits = 0;
        var misses = new List<string>();
        var cases = 0;
        for (var tonic = 0; tonic < 12; tonic++)
        {
            foreach (var major in new[] { true, false })
            {
                for (var voicing = 0; voicing < 2; voicing++)
                {
                    var rate = rates[cases % rates.Length];
                    var channels = 1 + (cases % 2);
                    cases++;
                    var analysis = Analyze.Wav(Signals.Progression(tonic, major, voicing * 2 + (tonic % 2), rate, channels), rate, channels);
                    if (analysis.Key == tonic && analysis.Mode == (major ? 1 : 0))
                    {
                        hits++;
                    }
                    else
                    {
                        misses.Add($"key {tonic} {(major ? "major" : "minor")} voicing {voicing} read key {analysis.Key} mode {analysis.Mode}");
                    }
                }
            }
        }

        output.WriteLine($"key and mode: {hits}/{cases} exact, hit rate {hits / (double)cases:P1}");
        misses.ForEach(output.WriteLine);
        hits.Should().BeGreaterThanOrEqualTo((int)Math.Ceiling(0.9 * cases));
    }
}

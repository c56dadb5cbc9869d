namespace HitPredictor.TestData;

/// <summary>
/// WAV files whose content is known by construction, for the doors that take audio: a click track at a known tempo
/// over a held A-minor triad, digital silence, and the same file cut short.
/// </summary>
internal static class TestAudio
{
    public const int Rate = 22_050;

    /// <summary>
    /// A mono 16-bit WAV: clicks at <paramref name="bpm"/> over an A-minor triad, <paramref name="seconds"/> long,
    /// multiplied by <paramref name="gain"/> (above about 1.6 the clicks clip at full scale).
    /// </summary>
    public static byte[] ClicksOverChord(double bpm = 120, double seconds = 8, double gain = 1)
    {
        var frames = (int)(seconds * Rate);
        var samples = new double[frames];
        double[] chord = [220.0, 261.63, 329.63];
        for (var i = 0; i < frames; i++)
        {
            var t = (double)i / Rate;
            samples[i] = chord.Sum(hz => 0.08 * Math.Sin(2 * Math.PI * hz * t));
        }

        var beat = 60.0 / bpm;
        for (var n = 0; n * beat < seconds; n++)
        {
            var start = (int)(n * beat * Rate);
            for (var j = 0; j < Rate / 50 && start + j < frames; j++)
            {
                samples[start + j] += 0.5 * Math.Exp(-j / (Rate / 400.0)) * Math.Sin(2 * Math.PI * 1500 * j / Rate);
            }
        }

        return Wav([.. samples.Select(v => v * gain)]);
    }

    /// <summary>A mono 16-bit WAV of digital silence.</summary>
    public static byte[] Silence(double seconds = 5) => Wav(new double[(int)(seconds * Rate)]);

    /// <summary>A WAV header promising <paramref name="seconds"/> of audio followed by a few bytes of it.</summary>
    public static byte[] Truncated(double seconds = 5) => ClicksOverChord(seconds: seconds).AsSpan(0, 100).ToArray();

    /// <summary>A mono 16-bit WAV of a sine at <paramref name="hz"/>, amplitude 0.1 (-20 dBFS), at <paramref name="rate"/> Hz.</summary>
    public static byte[] Sine(double hz, double seconds, int rate = Rate) =>
        Wav([.. Enumerable.Range(0, (int)(seconds * rate)).Select(i => 0.1 * Math.Sin(2 * Math.PI * hz * i / rate))], rate);

    private static byte[] Wav(double[] samples, int rate = Rate)
    {
        using var output = new MemoryStream();
        using var writer = new BinaryWriter(output);
        writer.Write("RIFF"u8);
        writer.Write(36 + (samples.Length * 2));
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((ushort)1);
        writer.Write((ushort)1);
        writer.Write(rate);
        writer.Write(rate * 2);
        writer.Write((ushort)2);
        writer.Write((ushort)16);
        writer.Write("data"u8);
        writer.Write(samples.Length * 2);
        foreach (var s in samples)
        {
            writer.Write((short)Math.Round(Math.Clamp(s, -1, 1) * 32767));
        }

        writer.Flush();
        return output.ToArray();
    }
}

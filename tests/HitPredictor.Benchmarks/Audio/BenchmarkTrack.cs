using System.Diagnostics;

namespace HitPredictor.Benchmarks.Audio;

/// <summary>
/// The audio the analysis benchmark reads: a 4-minute 44.1 kHz stereo track made here (drums at 124 BPM: kick on
/// 1 and 3, snare on 2 and 4, eighth-note hats; D-A-Bm-G in D major, a bar each, harmonic tones over a bass note), as
/// WAV PCM 16-bit, and encoded from it by <c>ffmpeg</c> as Ogg Vorbis (q 5) and MP3 (192 kb/s). Written once under
/// <c>artifacts/bench-audio/</c> and reused.
/// </summary>
public static class BenchmarkTrack
{
    public const int Rate = 44_100;

    public const double Seconds = 240;

    public const double Bpm = 124;

    /// <summary>The formats benchmarked, by file extension.</summary>
    public static IReadOnlyList<string> Extensions { get; } = ["wav", "ogg", "mp3"];

    public static string Folder => Path.Combine(RepoPaths.Root, "artifacts", "bench-audio");

    /// <summary>The track's file in <paramref name="extension"/>'s format, written (and encoded) on first use.</summary>
    public static string Ensure(string extension)
    {
        if (!Extensions.Contains(extension))
        {
            throw new ArgumentOutOfRangeException(nameof(extension), extension, "wav, ogg or mp3");
        }

        var wav = Path.Combine(Folder, "track.wav");
        if (!File.Exists(wav))
        {
            Directory.CreateDirectory(Folder);
            var partial = wav + ".partial";
            File.WriteAllBytes(partial, Wav(Synthesize()));
            File.Move(partial, wav, overwrite: true);
        }

        var path = Path.Combine(Folder, "track." + extension);
        if (!File.Exists(path))
        {
            Encode(wav, path, extension == "ogg" ? "-c:a libvorbis -q:a 5" : "-c:a libmp3lame -b:a 192k");
        }

        return path;
    }

    /// <summary>Interleaved stereo samples of the whole track.</summary>
    private static float[] Synthesize()
    {
        var frames = (int)(Seconds * Rate);
        var left = new float[frames];
        var right = new float[frames];
        var random = new Random(124);
        var beat = 60.0 / Bpm;
        var kick = Kick();
        var snare = Noise(random, 0.35, 0.12);
        var hat = Noise(random, 0.1, 0.015);
        for (var n = 0; n * beat / 2 < Seconds; n++)
        {
            var start = (int)Math.Round(n * beat / 2 * Rate);
            Mix(hat, start, left, 0.4f, right, 0.8f);
            if (n % 2 == 0)
            {
                var drum = n / 2 % 2 == 0 ? kick : snare;
                Mix(drum, start, left, 0.8f, right, 0.8f);
            }
        }

        // D major, A major, B minor, G major: chord tones (MIDI) and the bass note an octave and more below.
        int[][] chords = [[62, 66, 69], [61, 64, 69], [59, 62, 66], [59, 62, 67]];
        int[] bass = [38, 45, 47, 43];
        var bar = (int)Math.Round(4 * beat * Rate);
        for (var (start, i) = (0, 0); start < frames; start += bar, i++)
        {
            var length = Math.Min(bar, frames - start);
            foreach (var midi in chords[i % chords.Length])
            {
                AddTone(left, right, start, length, Hz(midi), 0.07, 0.7f, 0.5f);
            }

            AddTone(left, right, start, length, Hz(bass[i % bass.Length]), 0.12, 0.7f, 0.7f);
        }

        var interleaved = new float[frames * 2];
        for (var i = 0; i < frames; i++)
        {
            interleaved[2 * i] = left[i];
            interleaved[(2 * i) + 1] = right[i];
        }

        return interleaved;
    }

    private static double Hz(int midi) => 440 * Math.Pow(2, (midi - 69) / 12.0);

    private static void Mix(float[] sound, int start, float[] left, float leftGain, float[] right, float rightGain)
    {
        var length = Math.Min(sound.Length, left.Length - start);
        for (var i = 0; i < length; i++)
        {
            left[start + i] += leftGain * sound[i];
            right[start + i] += rightGain * sound[i];
        }
    }

    /// <summary>A tone of four harmonics, a 10 ms attack and a slow decay, added to both channels.</summary>
    private static void AddTone(float[] left, float[] right, int start, int length, double hz, double amplitude, float leftGain, float rightGain)
    {
        for (var i = 0; i < length; i++)
        {
            var t = (double)i / Rate;
            var envelope = Math.Min(1, t / 0.01) * Math.Exp(-t * 0.8);
            double v = 0;
            for (var h = 1; h <= 4; h++)
            {
                v += Math.Sin(2 * Math.PI * hz * h * t) / (h * h);
            }

            var sample = (float)(amplitude * envelope * v);
            left[start + i] += leftGain * sample;
            right[start + i] += rightGain * sample;
        }
    }

    /// <summary>A pitch-dropping sine (150 to 50 Hz) decaying over about 80 ms.</summary>
    private static float[] Kick()
    {
        var sound = new float[(int)(0.25 * Rate)];
        double phase = 0;
        for (var i = 0; i < sound.Length; i++)
        {
            var t = (double)i / Rate;
            phase += 2 * Math.PI * (50 + (100 * Math.Exp(-t / 0.03))) / Rate;
            sound[i] = (float)(0.6 * Math.Exp(-t / 0.08) * Math.Sin(phase));
        }

        return sound;
    }

    /// <summary>Differenced (bright) white noise decaying over <paramref name="decaySeconds"/>: a snare or a hat.</summary>
    private static float[] Noise(Random random, double amplitude, double decaySeconds)
    {
        var sound = new float[(int)(decaySeconds * 5 * Rate)];
        double previous = 0;
        for (var i = 0; i < sound.Length; i++)
        {
            var white = (random.NextDouble() * 2) - 1;
            sound[i] = (float)(amplitude * Math.Exp(-(double)i / Rate / decaySeconds) * (white - previous) * 0.5);
            previous = white;
        }

        return sound;
    }

    private static byte[] Wav(float[] interleaved)
    {
        using var output = new MemoryStream((interleaved.Length * 2) + 44);
        using var writer = new BinaryWriter(output);
        writer.Write("RIFF"u8);
        writer.Write(36 + (interleaved.Length * 2));
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((ushort)1);
        writer.Write((ushort)2);
        writer.Write(Rate);
        writer.Write(Rate * 4);
        writer.Write((ushort)4);
        writer.Write((ushort)16);
        writer.Write("data"u8);
        writer.Write(interleaved.Length * 2);
        foreach (var s in interleaved)
        {
            writer.Write((short)Math.Round(Math.Clamp(s, -1f, 1f) * 32767));
        }

        writer.Flush();
        return output.ToArray();
    }

    private static void Encode(string wav, string output, string codec)
    {
        var start = new ProcessStartInfo("ffmpeg", $"-nostdin -hide_banner -loglevel error -y -i \"{wav}\" {codec} -f {Path.GetExtension(output).TrimStart('.')} \"{output}.partial\"")
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start.");
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg failed ({process.ExitCode}) encoding {output}: {errors}");
        }

        File.Move(output + ".partial", output, overwrite: true);
    }
}

namespace HitPredictor.AudioTests;

/// <summary>Test signals whose truth is known by construction; every generator is seeded.</summary>
internal static class Signals
{
    /// <summary>A sine of <paramref name="dbfs"/> peak level in every channel, as interleaved frames.</summary>
    public static float[] Sine(double hz, double dbfs, double seconds, int rate, int channels)
    {
        var amplitude = Math.Pow(10, dbfs / 20);
        var frames = (int)Math.Round(seconds * rate);
        var samples = new float[frames * channels];
        for (var i = 0; i < frames; i++)
        {
            var v = (float)(amplitude * Math.Sin(2 * Math.PI * hz * i / rate));
            for (var c = 0; c < channels; c++)
            {
                samples[(i * channels) + c] = v;
            }
        }

        return samples;
    }

    public static float[] Concat(params float[][] parts) => parts.SelectMany(p => p).ToArray();

    /// <summary>A click track (short decaying 1.5 kHz blips) or a drum pattern (kick, snare, eighth-note hats) at <paramref name="bpm"/>.</summary>
    public static float[] Rhythm(double bpm, bool drums, double seconds, int rate, int channels, int seed)
    {
        var random = new Random(seed);
        var frames = (int)Math.Round(seconds * rate);
        var mono = new float[frames];
        var beat = 60.0 / bpm;
        for (var n = 0; n * beat / 2 < seconds; n++)
        {
            var start = (int)Math.Round(n * beat / 2 * rate);
            var onBeat = n % 2 == 0;
            var beatIndex = n / 2;
            if (!drums)
            {
                if (onBeat)
                {
                    AddBlip(mono, start, rate, beatIndex % 4 == 0 ? 2000 : 1500, 0.5, 0.03);
                }

                continue;
            }

            AddNoise(mono, start, rate, 0.08, 0.015, random);
            if (onBeat && beatIndex % 2 == 0)
            {
                AddKick(mono, start, rate);
            }
            else if (onBeat)
            {
                AddNoise(mono, start, rate, 0.35, 0.12, random);
                AddBlip(mono, start, rate, 200, 0.2, 0.08);
            }
        }

        return Spread(mono, channels);
    }

    /// <summary>
    /// I-IV-V-I in a major key or i-iv-V-i in a minor one (harmonic minor dominant), each chord 1 s, with a bass note,
    /// tones of a few decaying harmonics; <paramref name="voicing"/> shifts the register and inversion.
    /// </summary>
    public static float[] Progression(int tonic, bool major, int voicing, int rate, int channels, int repeats = 3)
    {
        int third = major ? 4 : 3;
        int[][] chords =
        [
            [0, third, 7],
            [5, 5 + third, 12],
            [7, 11, 14],
            [0, third, 7],
        ];
        var chordSeconds = 1.0;
        var frames = (int)(chords.Length * repeats * chordSeconds * rate);
        var mono = new float[frames];
        var baseMidi = 48 + tonic + (voicing % 2 == 0 ? 0 : -12) + (tonic > 6 ? -12 : 0);
        for (var r = 0; r < repeats; r++)
        {
            for (var c = 0; c < chords.Length; c++)
            {
                var start = (int)(((r * chords.Length) + c) * chordSeconds * rate);
                var length = (int)(chordSeconds * rate);
                var notes = chords[c].Select((interval, i) => baseMidi + 12 + interval + (voicing >= 2 && i == 0 ? 12 : 0)).ToList();
                notes.Add(baseMidi + chords[c][0]);
                foreach (var midi in notes)
                {
                    AddTone(mono, start, length, rate, 440 * Math.Pow(2, (midi - 69) / 12.0), 0.12);
                }
            }
        }

        return Spread(mono, channels);
    }

    private static float[] Spread(float[] mono, int channels)
    {
        var samples = new float[mono.Length * channels];
        for (var i = 0; i < mono.Length; i++)
        {
            for (var c = 0; c < channels; c++)
            {
                samples[(i * channels) + c] = mono[i];
            }
        }

        return samples;
    }

    private static void AddTone(float[] target, int start, int length, int rate, double hz, double amplitude)
    {
        for (var i = 0; i < length && start + i < target.Length; i++)
        {
            var t = (double)i / rate;
            var envelope = Math.Min(1, t / 0.01) * Math.Exp(-t * 1.5);
            double v = 0;
            for (var h = 1; h <= 4; h++)
            {
                if (hz * h < rate / 2.0)
                {
                    v += Math.Sin(2 * Math.PI * hz * h * t) / (h * h);
                }
            }

            target[start + i] += (float)(amplitude * envelope * v);
        }
    }

    private static void AddBlip(float[] target, int start, int rate, double hz, double amplitude, double decaySeconds)
    {
        var length = (int)(decaySeconds * 5 * rate);
        for (var i = 0; i < length && start + i < target.Length; i++)
        {
            var t = (double)i / rate;
            target[start + i] += (float)(amplitude * Math.Exp(-t / decaySeconds) * Math.Sin(2 * Math.PI * hz * t));
        }
    }

    private static void AddKick(float[] target, int start, int rate)
    {
        var length = (int)(0.25 * rate);
        double phase = 0;
        for (var i = 0; i < length && start + i < target.Length; i++)
        {
            var t = (double)i / rate;
            var hz = 50 + (100 * Math.Exp(-t / 0.03));
            phase += 2 * Math.PI * hz / rate;
            target[start + i] += (float)(0.6 * Math.Exp(-t / 0.08) * Math.Sin(phase));
        }
    }

    private static void AddNoise(float[] target, int start, int rate, double amplitude, double decaySeconds, Random random)
    {
        var length = (int)(decaySeconds * 5 * rate);
        double previous = 0;
        for (var i = 0; i < length && start + i < target.Length; i++)
        {
            var t = (double)i / rate;
            var white = (random.NextDouble() * 2) - 1;
            var bright = white - previous;
            previous = white;
            target[start + i] += (float)(amplitude * Math.Exp(-t / decaySeconds) * bright * 0.5);
        }
    }
}

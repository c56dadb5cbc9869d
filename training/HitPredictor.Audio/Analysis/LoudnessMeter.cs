namespace HitPredictor.Audio.Analysis;

/// <summary>
/// Integrated loudness per ITU-R BS.1770-4: K-weighting (a high shelf of about +4 dB above 1.5 kHz, then the RLB
/// high-pass near 38 Hz, designed for any sample rate from the analogue prototype as libebur128 does), mean square
/// over 400 ms blocks overlapping by 75 %, an absolute gate at -70 LUFS and a relative gate 10 LU below the
/// ungated mean, channel energies summed with weight 1 (left, right, mono).
/// </summary>
internal sealed class LoudnessMeter
{
    private const double AbsoluteGate = -70.0;
    private const double RelativeGate = -10.0;

    private readonly Biquad[] _shelf;
    private readonly Biquad[] _highPass;
    private readonly int _stepFrames;
    private readonly List<double> _steps = [];
    private double _stepEnergy;
    private int _stepFilled;

    public LoudnessMeter(int sampleRate, int channels)
    {
        _shelf = new Biquad[channels];
        _highPass = new Biquad[channels];
        for (var c = 0; c < channels; c++)
        {
            _shelf[c] = Biquad.HighShelf(sampleRate);
            _highPass[c] = Biquad.HighPass(sampleRate);
        }

        _stepFrames = (int)Math.Round(sampleRate * 0.1);
    }

    /// <summary>Takes interleaved frames.</summary>
    public void Process(ReadOnlySpan<float> interleaved)
    {
        var channels = _shelf.Length;
        for (var i = 0; i + channels <= interleaved.Length; i += channels)
        {
            for (var c = 0; c < channels; c++)
            {
                var y = _highPass[c].Next(_shelf[c].Next(interleaved[i + c]));
                _stepEnergy += y * y;
            }

            if (++_stepFilled == _stepFrames)
            {
                _steps.Add(_stepEnergy / _stepFrames);
                _stepEnergy = 0;
                _stepFilled = 0;
            }
        }
    }

    /// <summary>The gated loudness in LUFS, or null when no 400 ms block passes the absolute gate (silence).</summary>
    public double? IntegratedLufs()
    {
        var blocks = new List<double>(Math.Max(0, _steps.Count - 3));
        for (var i = 0; i + 4 <= _steps.Count; i++)
        {
            blocks.Add((_steps[i] + _steps[i + 1] + _steps[i + 2] + _steps[i + 3]) / 4);
        }

        var loud = blocks.Where(z => Lufs(z) > AbsoluteGate).ToList();
        if (loud.Count == 0)
        {
            return null;
        }

        var relative = Lufs(loud.Average()) + RelativeGate;
        var gated = loud.Where(z => Lufs(z) > relative).ToList();
        return Lufs(gated.Average());
    }

    private static double Lufs(double meanSquare) => -0.691 + 10 * Math.Log10(meanSquare);

    /// <summary>A direct-form-I biquad in double precision.</summary>
    private struct Biquad(double b0, double b1, double b2, double a1, double a2)
    {
        private double _x1;
        private double _x2;
        private double _y1;
        private double _y2;

        public static Biquad HighShelf(double rate)
        {
            const double f0 = 1681.974450955533;
            const double gainDb = 3.999843853973347;
            const double q = 0.7071752369554196;
            var k = Math.Tan(Math.PI * f0 / rate);
            var vh = Math.Pow(10, gainDb / 20);
            var vb = Math.Pow(vh, 0.4996667741545416);
            var a0 = 1 + (k / q) + (k * k);
            return new Biquad(
                (vh + (vb * k / q) + (k * k)) / a0,
                2 * ((k * k) - vh) / a0,
                (vh - (vb * k / q) + (k * k)) / a0,
                2 * ((k * k) - 1) / a0,
                (1 - (k / q) + (k * k)) / a0);
        }

        public static Biquad HighPass(double rate)
        {
            const double f0 = 38.13547087602444;
            const double q = 0.5003270373238773;
            var k = Math.Tan(Math.PI * f0 / rate);
            var a0 = 1 + (k / q) + (k * k);
            return new Biquad(1, -2, 1, 2 * ((k * k) - 1) / a0, (1 - (k / q) + (k * k)) / a0);
        }

        public double Next(double x)
        {
            var y = (b0 * x) + (b1 * _x1) + (b2 * _x2) - (a1 * _y1) - (a2 * _y2);
            _x2 = _x1;
            _x1 = x;
            _y2 = _y1;
            _y1 = y;
            return y;
        }
    }
}

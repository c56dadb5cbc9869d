namespace HitPredictor.Audio.Analysis;

/// <summary>
/// Tempo from an onset envelope: the envelope minus its moving average (about 1 s) is autocorrelated (unbiased,
/// lags up to 8 s); each candidate tempo from 30 to 300 BPM in 0.05 BPM steps scores the sum of the autocorrelation
/// at 1-4 times its beat period (a comb, read between lags by linear interpolation), weighted by a log-normal
/// perceptual prior centred on 120 BPM with a spread of one octave. The best candidate wins; like every such
/// estimator it can land on half or double the notated tempo.
/// </summary>
internal static class TempoEstimator
{
    private const double MinBpm = 30;
    private const double MaxBpm = 300;
    private const double StepBpm = 0.05;
    private const double PriorCentreBpm = 120;
    private const double PriorOctaves = 1.0;
    private const int CombTeeth = 4;

    /// <summary>Below this peak spectral flux (summed log-magnitude rise) nothing starts: a steady tone or noise floor.</summary>
    private const float MinPeakFlux = 0.5f;

    /// <summary>The tempo in BPM, or null with the reason when there is no periodic onset to measure.</summary>
    public static (double? Bpm, string? Reason) Estimate(IReadOnlyList<float> envelope, double framesPerSecond)
    {
        var maxLag = (int)Math.Ceiling(CombTeeth * framesPerSecond * 60 / MinBpm) + 2;
        if (envelope.Count < framesPerSecond * 2)
        {
            return (null, "too short to find a beat");
        }

        var signal = Detrend(envelope, (int)Math.Round(framesPerSecond));
        if (envelope.Max() < MinPeakFlux)
        {
            return (null, "no onsets: the audio has no rhythmic events (silence or a steady tone)");
        }

        maxLag = Math.Min(maxLag, signal.Length - 1);
        var ac = new double[maxLag + 1];
        for (var lag = 0; lag <= maxLag; lag++)
        {
            double sum = 0;
            for (var i = lag; i < signal.Length; i++)
            {
                sum += signal[i] * signal[i - lag];
            }

            ac[lag] = sum / (signal.Length - lag);
        }

        var zero = ac[0];
        double bestScore = 0;
        double? best = null;
        for (var bpm = MinBpm; bpm <= MaxBpm; bpm += StepBpm)
        {
            var period = framesPerSecond * 60 / bpm;
            double comb = 0;
            var teeth = 0;
            for (var k = 1; k <= CombTeeth; k++)
            {
                var lag = k * period;
                if (lag >= maxLag)
                {
                    break;
                }

                comb += Interpolate(ac, lag);
                teeth++;
            }

            if (teeth == 0)
            {
                continue;
            }

            var octaves = Math.Log2(bpm / PriorCentreBpm) / PriorOctaves;
            var score = comb / teeth / zero * Math.Exp(-0.5 * octaves * octaves);
            if (score > bestScore)
            {
                bestScore = score;
                best = bpm;
            }
        }

        return best is { } found && bestScore > 0.05
            ? (Math.Round(found, 2), null)
            : (null, "no steady beat: the onsets are not periodic between 30 and 300 BPM");
    }

    private static double[] Detrend(IReadOnlyList<float> envelope, int window)
    {
        var result = new double[envelope.Count];
        var half = Math.Max(1, window / 2);
        double running = 0;
        var lo = 0;
        var hi = -1;
        for (var i = 0; i < envelope.Count; i++)
        {
            var wantHi = Math.Min(envelope.Count - 1, i + half);
            while (hi < wantHi)
            {
                running += envelope[++hi];
            }

            var wantLo = Math.Max(0, i - half);
            while (lo < wantLo)
            {
                running -= envelope[lo++];
            }

            var mean = running / (hi - lo + 1);
            result[i] = Math.Max(0, envelope[i] - mean);
        }

        return result;
    }

    private static double Interpolate(double[] values, double position)
    {
        var i = (int)position;
        var fraction = position - i;
        return (values[i] * (1 - fraction)) + (values[i + 1] * fraction);
    }
}

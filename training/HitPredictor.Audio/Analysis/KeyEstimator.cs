namespace HitPredictor.Audio.Analysis;

/// <summary>
/// Key and mode from a track's chroma by the Krumhansl-Schmuckler method: the Pearson correlation of the chroma with
/// each of the 24 rotations of the Krumhansl-Kessler major and minor probe-tone profiles; the best one wins.
/// </summary>
internal static class KeyEstimator
{
    private static readonly double[] Major = [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88];
    private static readonly double[] Minor = [6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17];

    /// <summary>Key (0 = C ... 11 = B) and mode (1 major, 0 minor), or null with the reason when there is no pitch.</summary>
    public static (int Key, int Mode, double Correlation)? Estimate(double[] chroma)
    {
        if (chroma.Sum() <= 1e-9)
        {
            return null;
        }

        (int, int, double)? best = null;
        var bestCorrelation = double.NegativeInfinity;
        for (var tonic = 0; tonic < 12; tonic++)
        {
            foreach (var (profile, mode) in new[] { (Major, 1), (Minor, 0) })
            {
                var r = Correlate(chroma, profile, tonic);
                if (r > bestCorrelation)
                {
                    bestCorrelation = r;
                    best = (tonic, mode, r);
                }
            }
        }

        return best;
    }

    private static double Correlate(double[] chroma, double[] profile, int tonic)
    {
        var meanX = chroma.Average();
        var meanY = profile.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (var pc = 0; pc < 12; pc++)
        {
            var x = chroma[pc] - meanX;
            var y = profile[((pc - tonic) % 12 + 12) % 12] - meanY;
            sxy += x * y;
            sxx += x * x;
            syy += y * y;
        }

        return sxx <= 0 ? double.NegativeInfinity : sxy / Math.Sqrt(sxx * syy);
    }
}

namespace HitPredictor.Audio.Analysis;

internal static class FrameSizes
{
    /// <summary>The power of two nearest to <paramref name="samples"/> (in log terms), at least 256.</summary>
    public static int PowerOfTwoNear(double samples) =>
        Math.Max(256, 1 << (int)Math.Round(Math.Log2(samples)));
}

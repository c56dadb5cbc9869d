using System.Numerics;
using NWaves.Filters.Fda;
using NWaves.Windows;

namespace HitPredictor.Audio.Analysis;

/// <summary>
/// Lowers a mono stream's rate by a whole factor to about <see cref="TargetRate"/> for the spectral analyses (onsets
/// use nothing above 11 kHz, chroma nothing above 4.2 kHz), halving their work at 44.1/48 kHz. The anti-alias filter
/// is a windowed-sinc low-pass (NWaves' <c>FirWinLp</c>, Hamming, 24 taps per unit of factor, cut at 90 % of the new
/// Nyquist frequency), evaluated only at the samples kept. At factor 1 (32 kHz and below) samples pass unchanged.
/// </summary>
internal sealed class Decimator
{
    /// <summary>The rate the analyses aim for: the input rate divided by the largest whole factor that stays at or above it.</summary>
    public const int TargetRate = 22_050;

    private const int TapsPerFactor = 24;

    private readonly float[] _kernel;
    private readonly float[] _buffer;
    private readonly int _history;
    private int _filled;
    private int _next;

    /// <param name="sampleRate">The input rate.</param>
    /// <param name="maxBlock">The most samples one <see cref="Process"/> call takes.</param>
    public Decimator(int sampleRate, int maxBlock)
    {
        Factor = Math.Max(1, sampleRate / TargetRate);
        OutputRate = (double)sampleRate / Factor;
        if (Factor == 1)
        {
            _kernel = [1f];
        }
        else
        {
            var design = DesignFilter.FirWinLp((TapsPerFactor * Factor) + 1, 0.9 * 0.5 / Factor, WindowType.Hamming);
            var padded = (design.Length + Vector<float>.Count - 1) / Vector<float>.Count * Vector<float>.Count;
            _kernel = new float[padded];
            for (var i = 0; i < design.Length; i++)
            {
                _kernel[i] = (float)design[i];
            }
        }

        _history = _kernel.Length - 1;
        _buffer = new float[_history + maxBlock];
        _filled = _history;
        _next = _history;
    }

    /// <summary>Input samples per output sample.</summary>
    public int Factor { get; }

    /// <summary>The rate of the output.</summary>
    public double OutputRate { get; }

    /// <summary>The most output samples a call can write for <paramref name="inputLength"/> input samples.</summary>
    public int MaxOutput(int inputLength) => (inputLength / Factor) + 1;

    /// <summary>Filters and thins <paramref name="input"/> (continuing the previous call's stream); returns the samples written.</summary>
    public int Process(ReadOnlySpan<float> input, Span<float> output)
    {
        input.CopyTo(_buffer.AsSpan(_filled));
        _filled += input.Length;
        var written = 0;
        var taps = _kernel.AsSpan();
        for (; _next < _filled; _next += Factor)
        {
            output[written++] = VectorMath.Dot(_buffer.AsSpan(_next - _history, taps.Length), taps);
        }

        var drop = _filled - _history;
        _buffer.AsSpan(drop, _history).CopyTo(_buffer);
        _filled = _history;
        _next -= drop;
        return written;
    }
}

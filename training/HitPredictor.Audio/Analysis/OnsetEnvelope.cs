using System.Numerics;
using NWaves.Transforms;
using NWaves.Windows;

namespace HitPredictor.Audio.Analysis;

/// <summary>
/// Onset strength: the half-wave rectified spectral flux of log-compressed magnitudes (Hann window of about
/// 46 ms, hop a quarter of it), summed over bins up to 11 kHz. One value per hop, kept for tempo estimation.
/// </summary>
internal sealed class OnsetEnvelope
{
    private const float Compression = 100f;

    private readonly RealFft _fft;
    private readonly float[] _window;
    private readonly float[] _windowed;
    private readonly float[] _magnitude;
    private readonly float[] _previous;
    private readonly int _bins;
    private readonly FrameSlicer _slicer;
    private bool _first = true;

    public OnsetEnvelope(double sampleRate)
    {
        Size = FrameSizes.PowerOfTwoNear(sampleRate * 0.046);
        Hop = Size / 2;
        FramesPerSecond = sampleRate / Hop;
        _fft = new RealFft(Size);
        _window = Window.OfType(WindowType.Hann, Size);
        _windowed = new float[Size];
        _magnitude = new float[(Size / 2) + 1];
        _previous = new float[_magnitude.Length];
        _bins = Math.Min(_magnitude.Length, (int)(11000.0 * Size / sampleRate));
        _slicer = new FrameSlicer(Size, Hop, OnFrame);
    }

    public int Size { get; }

    public int Hop { get; }

    public double FramesPerSecond { get; }

    public List<float> Values { get; } = [];

    public void Push(ReadOnlySpan<float> samples) => _slicer.Push(samples);

    private void OnFrame(float[] frame)
    {
        VectorMath.Multiply(frame, _window, _windowed);
        _fft.MagnitudeSpectrum(_windowed, _magnitude, normalize: false);
        var flux = Flux(_magnitude.AsSpan(1, _bins - 1), _previous.AsSpan(1, _bins - 1), Compression * 2f / Size);
        Values.Add(_first ? 0 : flux);
        _first = false;
    }

    /// <summary>The summed rise of log(1 + gain x magnitude) over <paramref name="previous"/>, which it then replaces.</summary>
    private static float Flux(ReadOnlySpan<float> magnitude, Span<float> previous, float gain)
    {
        var width = Vector<float>.Count;
        var rises = Vector<float>.Zero;
        var k = 0;
        for (; k <= magnitude.Length - width; k += width)
        {
            var current = Vector.Log(Vector<float>.One + (new Vector<float>(magnitude[k..]) * gain));
            rises += Vector.Max(current - new Vector<float>(previous[k..]), Vector<float>.Zero);
            current.CopyTo(previous[k..]);
        }

        var flux = Vector.Sum(rises);
        for (; k < magnitude.Length; k++)
        {
            var current = MathF.Log(1 + (gain * magnitude[k]));
            flux += MathF.Max(current - previous[k], 0);
            previous[k] = current;
        }

        return flux;
    }
}

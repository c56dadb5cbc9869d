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

    public OnsetEnvelope(int sampleRate)
    {
        Size = FrameSizes.PowerOfTwoNear(sampleRate * 0.046);
        Hop = Size / 4;
        FramesPerSecond = (double)sampleRate / Hop;
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

    public void Push(float sample) => _slicer.Push(sample);

    private void OnFrame(float[] frame)
    {
        for (var i = 0; i < Size; i++)
        {
            _windowed[i] = frame[i] * _window[i];
        }

        _fft.MagnitudeSpectrum(_windowed, _magnitude, normalize: false);
        var scale = 2f / Size;
        var flux = 0f;
        for (var k = 1; k < _bins; k++)
        {
            var current = MathF.Log(1 + (Compression * _magnitude[k] * scale));
            var rise = current - _previous[k];
            if (rise > 0)
            {
                flux += rise;
            }

            _previous[k] = current;
        }

        Values.Add(_first ? 0 : flux);
        _first = false;
    }
}

using NWaves.Transforms;
using NWaves.Windows;

namespace HitPredictor.Audio.Analysis;

/// <summary>
/// Pitch-class profile of a whole track: the magnitude spectrum of long frames (about 186 ms, hop half of it) folded
/// onto the 12 equal-tempered pitch classes (A4 = 440 Hz; 0 = C) between 65 Hz and 4.2 kHz, each frame normalised
/// so that loud passages do not outvote quiet ones.
/// </summary>
internal sealed class ChromaAccumulator
{
    private const double LowestHz = 65;
    private const double HighestHz = 4200;

    private readonly RealFft _fft;
    private readonly float[] _window;
    private readonly float[] _windowed;
    private readonly float[] _magnitude;
    private readonly int[] _pitchClassOfBin;
    private readonly double[] _frameChroma = new double[12];
    private readonly FrameSlicer _slicer;
    private readonly int _size;

    public ChromaAccumulator(double sampleRate)
    {
        _size = FrameSizes.PowerOfTwoNear(sampleRate * 0.186);
        _fft = new RealFft(_size);
        _window = Window.OfType(WindowType.Hann, _size);
        _windowed = new float[_size];
        _magnitude = new float[(_size / 2) + 1];
        _pitchClassOfBin = new int[_magnitude.Length];
        for (var k = 0; k < _pitchClassOfBin.Length; k++)
        {
            var hz = k * sampleRate / _size;
            _pitchClassOfBin[k] = hz is < LowestHz or > HighestHz
                ? -1
                : (((int)Math.Round(12 * Math.Log2(hz / 440.0)) + 9) % 12 + 12) % 12;
        }

        _slicer = new FrameSlicer(_size, _size, OnFrame);
    }

    /// <summary>Summed normalised chroma, index 0 = C.</summary>
    public double[] Chroma { get; } = new double[12];

    public void Push(ReadOnlySpan<float> samples) => _slicer.Push(samples);

    private void OnFrame(float[] frame)
    {
        VectorMath.Multiply(frame, _window, _windowed);

        _fft.PowerSpectrum(_windowed, _magnitude, normalize: false);
        Array.Clear(_frameChroma);
        for (var k = 0; k < _magnitude.Length; k++)
        {
            var pc = _pitchClassOfBin[k];
            if (pc >= 0)
            {
                _frameChroma[pc] += _magnitude[k];
            }
        }

        var total = _frameChroma.Sum();
        if (total <= 1e-9)
        {
            return;
        }

        for (var pc = 0; pc < 12; pc++)
        {
            Chroma[pc] += Math.Sqrt(_frameChroma[pc] / total);
        }
    }
}

namespace HitPredictor.Audio.Analysis;

/// <summary>Cuts a mono stream into overlapping frames of a fixed size and hop, holding one frame in memory.</summary>
internal sealed class FrameSlicer(int size, int hop, Action<float[]> onFrame)
{
    private readonly float[] _frame = new float[size];
    private int _filled;

    public void Push(ReadOnlySpan<float> samples)
    {
        while (!samples.IsEmpty)
        {
            var take = Math.Min(samples.Length, size - _filled);
            samples[..take].CopyTo(_frame.AsSpan(_filled));
            _filled += take;
            samples = samples[take..];
            if (_filled == size)
            {
                onFrame(_frame);
                Array.Copy(_frame, hop, _frame, 0, size - hop);
                _filled = size - hop;
            }
        }
    }
}

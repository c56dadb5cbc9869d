using System.Numerics;

namespace HitPredictor.Audio.Analysis;

/// <summary>Element-wise product and dot product of float spans, <see cref="Vector{T}"/>-wide.</summary>
internal static class VectorMath
{
    public static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> product)
    {
        var width = Vector<float>.Count;
        var i = 0;
        for (; i <= a.Length - width; i += width)
        {
            (new Vector<float>(a[i..]) * new Vector<float>(b[i..])).CopyTo(product[i..]);
        }

        for (; i < a.Length; i++)
        {
            product[i] = a[i] * b[i];
        }
    }

    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var width = Vector<float>.Count;
        var sum = Vector<float>.Zero;
        var i = 0;
        for (; i <= a.Length - width; i += width)
        {
            sum += new Vector<float>(a[i..]) * new Vector<float>(b[i..]);
        }

        var total = Vector.Sum(sum);
        for (; i < a.Length; i++)
        {
            total += a[i] * b[i];
        }

        return total;
    }
}

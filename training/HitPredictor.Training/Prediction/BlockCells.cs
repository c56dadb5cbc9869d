using System.Buffers;
using nietras.SeparatedValues;

namespace HitPredictor.Training.Prediction;

/// <summary>
/// The input cells of a block of rows, copied from the reader's rows (which last only until the next is read) into one
/// char buffer reused from block to block, so holding a row costs no string per cell. A row has the header's column
/// count: a cell past a short row's end is empty, and cells past the header are dropped.
/// </summary>
internal sealed class BlockCells(int columns) : IDisposable
{
    private const int InitialChars = 1 << 18;
    private char[] _chars = ArrayPool<char>.Shared.Rent(InitialChars);
    private (int Start, int Length)[] _cells = new (int, int)[columns * 64];
    private int _used;
    private int _rows;

    /// <summary>Copies <paramref name="row"/>'s cells; its index in the block.</summary>
    public int Add(SepReader.Row row)
    {
        if ((_rows + 1) * columns > _cells.Length)
        {
            Array.Resize(ref _cells, _cells.Length * 2);
        }

        var first = _rows * columns;
        for (var i = 0; i < columns; i++)
        {
            var cell = i < row.ColCount ? row[i].Span : [];
            Reserve(cell.Length);
            cell.CopyTo(_chars.AsSpan(_used));
            _cells[first + i] = (_used, cell.Length);
            _used += cell.Length;
        }

        return _rows++;
    }

    public ReadOnlySpan<char> Cell(int row, int column)
    {
        var (start, length) = _cells[(row * columns) + column];
        return _chars.AsSpan(start, length);
    }

    public void Clear() => (_used, _rows) = (0, 0);

    public void Dispose() => ArrayPool<char>.Shared.Return(_chars);

    private void Reserve(int length)
    {
        if (_used + length <= _chars.Length)
        {
            return;
        }

        var larger = ArrayPool<char>.Shared.Rent(Math.Max(_chars.Length * 2, _used + length));
        _chars.AsSpan(0, _used).CopyTo(larger);
        ArrayPool<char>.Shared.Return(_chars);
        _chars = larger;
    }
}

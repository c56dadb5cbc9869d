using System.Globalization;
using System.Text;
using HitPredictor.Training.Tiers;
using nietras.SeparatedValues;

namespace HitPredictor.Training.Prediction;

/// <summary>
/// Writes scored rows (the input cells, then <see cref="CsvBatchScorer"/>'s added columns) a block at a time: each row is
/// written synchronously into a text buffer reused from block to block, with the probabilities and joined lists formatted
/// into a char buffer rather than a string per value, and the block reaches the output in one asynchronous write.
/// Fields are escaped as Sep escapes them (quoted when they hold the separator, a quote or a line break).
/// </summary>
internal sealed class ScoredCsvWriter : IDisposable
{
    private const string ProbabilityFormat = "0.0000";
    private static readonly string[] TierNames = [.. TierCutoffs.All.Select(t => t.ToString())];

    private readonly StringBuilder _text = new();
    private readonly SepWriter _writer;
    private readonly string[] _names;
    private readonly int[] _slots;
    private readonly int _inputColumns;
    private char[] _scratch = new char[256];
    private bool _started;

    /// <param name="spec">The input's CSV spec (separator), which the output keeps.</param>
    /// <param name="inputColumns">The input's column names, in file order.</param>
    public ScoredCsvWriter(SepSpec spec, IReadOnlyList<string> inputColumns)
    {
        _writer = spec.Writer(o => o with { Escape = true }).To(new StringWriter(_text, CultureInfo.InvariantCulture));
        _inputColumns = inputColumns.Count;
        _names =
        [
            .. inputColumns, CsvBatchScorer.TierColumn, .. TierCutoffs.All.Select(CsvBatchScorer.ProbabilityColumn),
            CsvBatchScorer.PredictionSetColumn, CsvBatchScorer.GenreAveragedColumn, CsvBatchScorer.MissingColumn,
            CsvBatchScorer.ModelColumn, CsvBatchScorer.ErrorColumn,
        ];

        // A name given twice is one output column (the last value set wins), as Sep's writer numbers its columns by name.
        var distinct = new Dictionary<string, int>(StringComparer.Ordinal);
        _slots = [.. _names.Select(n => distinct.TryGetValue(n, out var slot) ? slot : distinct[n] = distinct.Count)];
    }

    /// <summary>Appends one row to the block: its input cells, and the prediction or the error.</summary>
    public void Write(BlockCells cells, int row, TierPrediction? prediction, string error)
    {
        using var output = _writer.NewRow();
        var k = 0;
        for (; k < _inputColumns; k++)
        {
            Column(output, k).Set(cells.Cell(row, k));
        }

        Column(output, k++).Set(prediction is null ? "" : TierNames[(int)prediction.Tier]);
        Span<char> number = stackalloc char[32];
        foreach (var name in TierNames)
        {
            var column = Column(output, k++);
            if (prediction is null)
            {
                column.Set("");
                continue;
            }

            prediction.Probabilities[name].TryFormat(number, out var written, ProbabilityFormat, CultureInfo.InvariantCulture);
            column.Set(number[..written]);
        }

        Column(output, k++).Set(prediction is null ? "" : Joined(prediction.PredictionSet.Tiers));
        Column(output, k++).Set(prediction is null ? "" : prediction.GenreAveraged ? "True" : "False");
        Column(output, k++).Set(prediction is null ? "" : Joined(prediction.Missing));
        Column(output, k++).Set(prediction?.Model ?? "");
        Column(output, k).Set(error);
        _started = true;
    }

    /// <summary>Writes the rows appended since the last flush to <paramref name="output"/> and empties the buffer.</summary>
    public async Task FlushAsync(TextWriter output, CancellationToken cancellationToken)
    {
        _writer.Flush();
        await output.WriteAsync(_text, cancellationToken).ConfigureAwait(false);
        _text.Clear();
    }

    public void Dispose() => _writer.Dispose();

    /// <summary>The output column of name <paramref name="k"/>: by name on the first row (which makes the header), by index after.</summary>
    private SepWriter.Col Column(SepWriter.Row row, int k) => _started ? row[_slots[k]] : row[_names[k]];

    /// <summary><paramref name="values"/> joined by <c>|</c>, in a buffer reused from row to row.</summary>
    private ReadOnlySpan<char> Joined(IReadOnlyList<string> values)
    {
        var length = Math.Max(0, values.Count - 1);
        foreach (var value in values)
        {
            length += value.Length;
        }

        if (length > _scratch.Length)
        {
            _scratch = new char[Math.Max(length, _scratch.Length * 2)];
        }

        var at = 0;
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                _scratch[at++] = '|';
            }

            values[i].CopyTo(_scratch.AsSpan(at));
            at += values[i].Length;
        }

        return _scratch.AsSpan(0, at);
    }
}

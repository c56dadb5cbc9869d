using System.Text;
using HitPredictor.Training.Data;
using HitPredictor.Training.Family;
using HitPredictor.Training.Features;
using HitPredictor.Training.Packaging;
using HitPredictor.Training.Tiers;
using Microsoft.ML;
using nietras.SeparatedValues;

namespace HitPredictor.Training.Prediction;

/// <summary>
/// Scores every track of a CSV and writes it back, in input order, with its tier, four probabilities and prediction set added and
/// every input column kept. Values are checked by the track schema with the scoring ranges, as the API checks
/// them, with the same messages. A row that cannot be scored (bad or missing value, unknown genre) stays in the
/// output with empty prediction columns and its reason in the <see cref="ErrorColumn"/> (empty for scored rows).
/// Under a package with a model family a file may hold any of the input columns: a column left out is unknown for every
/// row and an empty cell for its row; <see cref="MissingColumn"/> and <see cref="ModelColumn"/> say what each row lacked
/// and which member answered.
/// One pass, a block at a time: up to <see cref="RowsPerBlock"/> rows are read and checked, their valid tracks scored together
/// (<see cref="TierPredictor"/>'s batch: exactly what scoring each alone gives) and the block written before the next is read,
/// so memory does not grow with the file.
/// </summary>
public static class CsvBatchScorer
{
    public const string TierColumn = "predicted_tier";
    public const string GenreAveragedColumn = "genre_averaged";

    /// <summary>The prediction set's tiers, most probable first, joined by <c>|</c> (e.g. <c>Hit|Mid</c>).</summary>
    public const string PredictionSetColumn = "prediction_set";
    public const string ErrorColumn = "error";

    /// <summary>The inputs a row did not give, joined by <c>|</c> (e.g. <c>key|mode|time_signature</c>); empty when complete.</summary>
    public const string MissingColumn = "missing";

    /// <summary>The member of the model family that answered the row.</summary>
    public const string ModelColumn = "model";

    /// <summary>How many rejected rows the result lists with line and reason (the count is always exact).</summary>
    public const int MaxRejectedDetails = 100;

    /// <summary>Rows read, checked and held before their valid tracks are scored together (<see cref="TierPredictor"/>'s batch) and written.</summary>
    private const int RowsPerBlock = 1024;

    /// <summary>Characters the output's encoder holds before writing to the stream: a block of rows goes out in a few writes.</summary>
    private const int OutputBufferChars = 1 << 16;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>What a file scored by <paramref name="package"/> must hold (a model family takes any subset of the inputs).</summary>
    public static TrackCsvReaderOptions ReaderOptions(ModelPackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        return package.Family.AcceptsPartialInput
            ? TrackCsvReaderOptions.ForPartialScoring([TrackColumn.Genre, .. ModelFamily.Knowable.Select(f => f.Name)])
            : TrackCsvReaderOptions.ForScoring(FeatureSet.FromNames(package.Card.Features).Numeric.Select(f => f.Name));
    }

    public static string ProbabilityColumn(Tier tier) => "p_" + tier.ToString().ToLowerInvariant();

    public static async Task<BatchScoreResult> ScoreAsync(MLContext ml, ModelPackage package, string inputPath, string outputPath, CancellationToken cancellationToken = default)
    {
        await using var input = File.OpenRead(inputPath);
        try
        {
            await using var output = File.Create(outputPath);
            using var engine = package.CreateEngine(ml);
            return await ScoreAsync(package, engine, input, output, lineOffset: null, cancellationToken).ConfigureAwait(false);
        }
        catch (DatasetFormatException)
        {
            File.Delete(outputPath);
            throw;
        }
    }

    /// <summary>
    /// Scores the CSV read from <paramref name="input"/> into <paramref name="output"/> (both left open). When the input is
    /// a chunk of a larger file (its header, then some of the file's rows verbatim), <paramref name="lineOffset"/> is
    /// what turns a line of the chunk into the file's line (the file's line of the chunk's first row, minus 2): rejected
    /// rows are then reported on the file's lines, and the <see cref="ErrorColumn"/> names the line (<c>line 1234,
    /// tempo: ...</c>), since the row is read away from its file. <see langword="null"/> for a whole file.
    /// <paramref name="engine"/> is <paramref name="package"/>'s (<see cref="ModelPackage.CreateEngine"/>), used by this call
    /// alone while it runs, and left open: a caller scoring many files reuses it.
    /// </summary>
    public static async Task<BatchScoreResult> ScoreAsync(
        ModelPackage package, PredictionEngine<ModelInput, ModelOutput> engine, Stream input, Stream output, int? lineOffset,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(output);
        var features = FeatureSet.FromNames(package.Card.Features);
        var options = ReaderOptions(package);
        try
        {
            using var reader = TrackCsvReader.Open(input);
            var parser = new TrackCsvReader(options).Parser(reader);
            await using var text = new StreamWriter(output, Utf8, OutputBufferChars, leaveOpen: true);
            return await WriteAsync(
                reader, parser, row => Prepare(row, features, package), inputs => TierPredictor.Predict(engine, package.Family, inputs, cancellationToken),
                text, lineOffset, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not DatasetFormatException and not OperationCanceledException and not IOException and not UnauthorizedAccessException)
        {
            throw TrackCsvReader.NotReadable(ex);
        }
    }

    private static async Task<BatchScoreResult> WriteAsync(
        SepReader reader, TrackRowParser parser, Func<TrackRecord, (ModelInput? Input, RejectedRow? Problem)> prepare,
        Func<IReadOnlyList<ModelInput>, TierPrediction[]> predict, TextWriter outputText, int? lineOffset, CancellationToken cancellationToken)
    {
        using var writer = new ScoredCsvWriter(reader.Spec, parser.Columns);
        using var cells = new BlockCells(parser.Columns.Count);
        var block = new List<PendingRow>(RowsPerBlock);
        var inputs = new List<ModelInput>(RowsPerBlock);
        var rejected = new List<RejectedRow>();
        int rowsRead = 0, scored = 0, rejectedCount = 0;

        async Task FlushAsync()
        {
            var predictions = predict(inputs);
            for (var r = 0; r < block.Count; r++)
            {
                var pending = block[r];
                var prediction = pending.Input < 0 ? null : predictions[pending.Input];
                writer.Write(cells, r, prediction, pending.Problem is not { } problem ? "" : lineOffset is null ? Describe(problem) : problem.ToString());
                if (prediction is not null)
                {
                    scored++;
                }
                else if (++rejectedCount <= MaxRejectedDetails)
                {
                    rejected.Add(pending.Problem!);
                }
            }

            await writer.FlushAsync(outputText, cancellationToken).ConfigureAwait(false);
            block.Clear();
            inputs.Clear();
            cells.Clear();
        }

        foreach (var row in reader)
        {
            cancellationToken.ThrowIfCancellationRequested();
            rowsRead++;
            ModelInput? input = null;
            RejectedRow? problem;
            if (parser.TryParse(row, out var track, out var parseProblem))
            {
                (input, problem) = prepare(track);
            }
            else
            {
                problem = parseProblem;
            }

            if (problem is not null && lineOffset is { } offset)
            {
                problem = problem with { LineNumber = problem.LineNumber + offset };
            }

            cells.Add(row);
            if (input is not null)
            {
                inputs.Add(input);
            }

            block.Add(new PendingRow(input is null ? -1 : inputs.Count - 1, problem));
            if (block.Count == RowsPerBlock)
            {
                await FlushAsync().ConfigureAwait(false);
            }
        }

        await FlushAsync().ConfigureAwait(false);
        if (rowsRead == 0)
        {
            throw TrackCsvReader.HeaderOnly();
        }

        return new BatchScoreResult(rowsRead, scored, rejectedCount, rejected);
    }

    /// <summary>The track's input to score, or why the row cannot be scored.</summary>
    private static (ModelInput? Input, RejectedRow? Problem) Prepare(TrackRecord track, FeatureSet features, ModelPackage package)
    {
        if (!package.Family.AcceptsPartialInput)
        {
            for (var i = 0; i < features.Numeric.Count; i++)
            {
                var feature = features.Numeric[i];
                if (feature != NumericFeature.Explicit && float.IsNaN(feature.ValueOf(track)))
                {
                    return (null, new RejectedRow(track.LineNumber, feature.Name, $"is required ({feature.Column.Expected})"));
                }
            }
        }

        if (track.Genre.Length == 0 && ModelFamily.Knowable.All(f => float.IsNaN(f.ValueOf(track))))
        {
            return (null, new RejectedRow(track.LineNumber, null, $"gives none of the track's inputs: give at least one of {TrackColumn.Genre}, {string.Join(", ", ModelFamily.Knowable.Select(f => f.Name))}"));
        }

        var genre = GenreField.Resolve(track.Genre, package.Card.Genres, out var problem);
        if (genre is null)
        {
            return (null, new RejectedRow(track.LineNumber, TrackColumn.Genre, problem));
        }

        var input = ModelInput.From(track);
        input.Explicit = float.IsNaN(track.Explicit) ? 0 : track.Explicit;
        input.Genre = genre;
        return (input, null);
    }

    /// <summary>A row read and checked (its cells held in the block's <see cref="BlockCells"/>), waiting for its block to be scored: its input's index in the block's inputs (-1 when rejected) and why it was rejected.</summary>
    private readonly record struct PendingRow(int Input, RejectedRow? Problem);

    /// <summary>The error column's text: <c>duration_ms: must be ...</c>, as the API words it (the line is the row's own).</summary>
    private static string Describe(RejectedRow problem) =>
        problem.Column is null ? problem.Reason : $"{problem.Column}: {problem.Reason}";
}

using System.Globalization;
using HitPredictor.Training.Data;
using HitPredictor.Training.Features;
using HitPredictor.Training.Packaging;
using HitPredictor.Training.Tiers;
using Microsoft.ML;
using nietras.SeparatedValues;

namespace HitPredictor.Training.Prediction;

/// <summary>
/// Scores every track of a CSV and writes it back with its tier and four probabilities added, every input
/// column kept. A row that cannot be scored (bad or missing value, unknown genre) is left out of the output
/// and reported with its line and reason, never dropped silently.
/// </summary>
public static class CsvBatchScorer
{
    public const string TierColumn = "predicted_tier";
    public const string GenreAveragedColumn = "genre_averaged";

    public static string ProbabilityColumn(Tier tier) => "p_" + tier.ToString().ToLowerInvariant();

    public static async Task<BatchScoreResult> ScoreAsync(MLContext ml, ModelPackage package, string inputPath, string outputPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(package);
        var features = FeatureSet.FromNames(package.Card.Features);
        var read = new TrackCsvReader(TrackCsvReaderOptions.ForScoring(features.Numeric.Select(f => f.Name))).Read(inputPath, cancellationToken);

        var rejected = new List<RejectedRow>(read.Rejected);
        var rejectedCount = read.RejectedCount;
        var known = package.Card.Genres.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var predictions = new Dictionary<int, TierPrediction>();
        using (var engine = package.CreateEngine(ml))
        {
            foreach (var track in read.Tracks)
            {
                var problem = Check(track, features, known, package.Card);
                if (problem is not null)
                {
                    rejectedCount++;
                    rejected.Add(problem);
                    continue;
                }

                var input = ModelInput.From(track);
                input.Explicit = float.IsNaN(track.Explicit) ? 0 : track.Explicit;
                input.Genre = package.Card.Genres.FirstOrDefault(g => string.Equals(g, track.Genre, StringComparison.OrdinalIgnoreCase)) ?? "";
                predictions[track.LineNumber] = TierPredictor.Predict(package, engine, input);
            }
        }

        await WriteAsync(inputPath, outputPath, predictions, cancellationToken).ConfigureAwait(false);
        return new BatchScoreResult(read.RowsRead, predictions.Count, rejectedCount, [.. rejected.OrderBy(r => r.LineNumber)]);
    }

    private static RejectedRow? Check(TrackRecord track, FeatureSet features, HashSet<string> known, ModelCard card)
    {
        var missing = features.Numeric.FirstOrDefault(f => f != NumericFeature.Explicit && float.IsNaN(f.ValueOf(track)));
        if (missing is not null)
        {
            return new RejectedRow(track.LineNumber, missing.Name, "is empty; the model needs it");
        }

        if (track.Genre.Length > 0 && !known.Contains(track.Genre))
        {
            return new RejectedRow(track.LineNumber, TrackColumn.Genre,
                $"'{track.Genre}' is not a genre the model knows; closest: {string.Join(", ", GenreMatcher.Closest(track.Genre, card.Genres, 3))}");
        }

        return null;
    }

    private static async Task WriteAsync(string inputPath, string outputPath, Dictionary<int, TierPrediction> predictions, CancellationToken cancellationToken)
    {
        using var reader = Sep.Reader(o => o with { Unescape = true, DisableColCountCheck = true }).FromFile(inputPath);
        await using var writer = reader.Spec.Writer(o => o with { Escape = true }).ToFile(outputPath);
        var columns = reader.Header.ColNames;
        foreach (var row in reader)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!predictions.TryGetValue(row.LineNumberFrom, out var prediction))
            {
                continue;
            }

            await using var output = writer.NewRow(cancellationToken);
            for (var i = 0; i < columns.Count; i++)
            {
                output[columns[i]].Set(row[i].Span);
            }

            output[TierColumn].Set(prediction.Tier.ToString());
            foreach (var tier in TierCutoffs.All)
            {
                output[ProbabilityColumn(tier)].Set(prediction.Probabilities[tier.ToString()].ToString("0.0000", CultureInfo.InvariantCulture));
            }

            output[GenreAveragedColumn].Set(prediction.GenreAveraged ? "True" : "False");
        }
    }
}

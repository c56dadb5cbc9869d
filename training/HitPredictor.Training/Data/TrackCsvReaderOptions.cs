namespace HitPredictor.Training.Data;

/// <summary>What a tracks CSV must contain, which ranges its values are checked against, and how much detail to keep about rows it rejects.</summary>
public sealed record TrackCsvReaderOptions
{
    /// <summary>Columns that must be in the header; a file without any of them is rejected whole.</summary>
    public required IReadOnlyCollection<string> RequiredColumns { get; init; }

    /// <summary>Columns of which the header must hold at least one (none: no such rule). Default none.</summary>
    public IReadOnlyCollection<string> AnyOfColumns { get; init; } = [];

    /// <summary>The ranges values are checked against (<see cref="TrackColumn.Check"/>). Default <see cref="TrackRanges.Scoring"/>.</summary>
    public TrackRanges Ranges { get; init; } = TrackRanges.Scoring;

    /// <summary>How many rejected rows are kept with their line and reason. The count is always exact. Default 100.</summary>
    public int MaxRejectedDetails { get; init; } = 100;

    /// <summary>For training: identity, popularity, genre and the given model features, checked against the training ranges.</summary>
    public static TrackCsvReaderOptions ForTraining(IEnumerable<string> featureColumns) => new()
    {
        RequiredColumns =
        [
            TrackColumn.TrackName, TrackColumn.Artists, TrackColumn.Popularity.Name, TrackColumn.Genre,
            .. featureColumns,
        ],
        Ranges = TrackRanges.Training,
    };

    /// <summary>
    /// For scoring: genre and the given model features, checked against the scoring ranges (as the API checks them);
    /// identity, popularity and <c>explicit</c> are optional (Spotify's audio-features exports have no <c>explicit</c>;
    /// absent, it counts as false).
    /// </summary>
    public static TrackCsvReaderOptions ForScoring(IEnumerable<string> featureColumns) => new()
    {
        RequiredColumns = [TrackColumn.Genre, .. featureColumns.Where(c => c != TrackColumn.Explicit.Name)],
        Ranges = TrackRanges.Scoring,
    };

    /// <summary>
    /// For scoring by a model family, which takes any subset of the inputs: no column is required, but the header must
    /// hold at least one of <paramref name="inputColumns"/>; a column left out is unknown for every row, an empty cell
    /// for its row.
    /// </summary>
    public static TrackCsvReaderOptions ForPartialScoring(IEnumerable<string> inputColumns) => new()
    {
        RequiredColumns = [],
        AnyOfColumns = [.. inputColumns],
        Ranges = TrackRanges.Scoring,
    };
}

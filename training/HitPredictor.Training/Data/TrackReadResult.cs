namespace HitPredictor.Training.Data;

/// <summary>What reading a tracks CSV produced: the rows it could use and an account of those it could not.</summary>
public sealed record TrackReadResult
{
    public required IReadOnlyList<TrackRecord> Tracks { get; init; }

    /// <summary>Data rows in the file (the header not counted), used or rejected.</summary>
    public required int RowsRead { get; init; }

    /// <summary>The exact number of rejected rows.</summary>
    public required int RejectedCount { get; init; }

    /// <summary>The first rejected rows, with line and reason (at most <see cref="TrackCsvReaderOptions.MaxRejectedDetails"/>).</summary>
    public required IReadOnlyList<RejectedRow> Rejected { get; init; }

    /// <summary>The header's column names, in file order.</summary>
    public required IReadOnlyList<string> Columns { get; init; }
}

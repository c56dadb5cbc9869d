namespace HitPredictor.Training.Hygiene;

/// <summary>How many rows survived each hygiene step, in order.</summary>
public sealed record HygieneCounts
{
    /// <summary>Data rows in the file.</summary>
    public required int RowsRead { get; init; }

    /// <summary>Rows the reader could not parse (bad numbers, out of range, wrong field count).</summary>
    public required int RejectedRows { get; init; }

    public required int AfterExcludedGenres { get; init; }

    /// <summary>After dropping rows without a track name, artists, genre, popularity or any feature.</summary>
    public required int AfterIncomplete { get; init; }

    /// <summary>After keeping the first occurrence of each track name + artists.</summary>
    public required int AfterDeduplication { get; init; }

    public int DuplicatesRemoved => AfterIncomplete - AfterDeduplication;

    public IReadOnlyList<string> ExcludedGenres { get; init; } = [];
}

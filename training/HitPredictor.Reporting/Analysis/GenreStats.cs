namespace HitPredictor.Reporting.Analysis;

/// <summary>
/// A genre: the parsed rows listed under it before hygiene (<see cref="RowsRead"/>), the tracks left after it,
/// their median popularity and the share of them that are Viral or Hit.
/// </summary>
internal sealed record GenreStats(string Genre, int RowsRead, int Tracks, double MedianPopularity, double ViralOrHitShare)
{
    public int RowsRemoved => RowsRead - Tracks;
}

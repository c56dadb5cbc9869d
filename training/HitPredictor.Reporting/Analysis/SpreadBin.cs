namespace HitPredictor.Reporting.Analysis;

/// <summary>How many distinct songs (track name + artists) appear in exactly <see cref="Genres"/> genres.</summary>
internal sealed record SpreadBin(int Genres, int Songs);

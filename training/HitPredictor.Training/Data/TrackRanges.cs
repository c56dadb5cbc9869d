namespace HitPredictor.Training.Data;

/// <summary>Which range a value is checked against (<see cref="TrackColumn.Check"/>).</summary>
public enum TrackRanges
{
    /// <summary>Every door that scores a track: a scoring CSV, <c>predict</c>, the API, the page.</summary>
    Scoring,

    /// <summary>Rows of a training CSV: as wide as the dataset the model was built on (only the duration differs).</summary>
    Training,
}

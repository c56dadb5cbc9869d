namespace HitPredictor.Training.Modeling;

/// <summary>A step of a training run, reported as it starts so long runs show progress.</summary>
public enum TrainingStage
{
    Splitting,
    Training,
    Calibrating,
    Evaluating,
    Family,
    FeatureImportance,
    ArtistGroupedEvaluation,
    Comparing,
    Done,
}

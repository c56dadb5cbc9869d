using HitPredictor.Training.Packaging;

namespace HitPredictor.Training.Modeling;

/// <summary>A trained, evaluated model ready to save, and the split it was judged on.</summary>
public sealed record TrainingResult(ModelPackage Package, DataSplit Split);

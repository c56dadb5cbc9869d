namespace HitPredictor.Training.Hygiene;

/// <summary>How a dataset is cleaned before training.</summary>
public sealed record HygieneOptions
{
    /// <summary>Genres left out of training. Default <c>sleep</c>: white and brown noise, not music.</summary>
    public IReadOnlyCollection<string> ExcludedGenres { get; init; } = ["sleep"];
}

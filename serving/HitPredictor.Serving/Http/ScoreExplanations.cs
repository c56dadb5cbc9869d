using HitPredictor.Training.Explanation;
using HitPredictor.Training.Features;

namespace HitPredictor.Serving.Http;

/// <summary>
/// Adds each track's explanation to its score (<c>?explain=true</c>). An explanation costs a few milliseconds of CPU
/// (docs/benchmarks.md), so a batch is shared over the processors. A track that cannot be explained (no genre) gets
/// <see cref="TrackScore.ExplanationNote"/> instead.
/// </summary>
public static class ScoreExplanations
{
    public static TrackScore[] Add(
        IReadOnlyList<TrackScore> scores, IReadOnlyList<ModelInput> inputs, TrackExplainer explainer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(explainer);
        var explained = new TrackScore[scores.Count];
        Parallel.For(0, scores.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken }, i =>
        {
            explained[i] = explainer.TryExplain(inputs[i], out var explanation, out var reason)
                ? scores[i] with { Explanation = explanation }
                : scores[i] with { ExplanationNote = reason };
        });
        return explained;
    }
}

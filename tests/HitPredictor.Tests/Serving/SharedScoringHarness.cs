using HitPredictor.Tests.Support;

namespace HitPredictor.Tests.Serving;

/// <summary>
/// One <see cref="ScoringHarness"/> over the sample model for a class whose tests only send requests (a class fixture):
/// the model is loaded and validated once, not once per row of a table.
/// </summary>
public sealed class SharedScoringHarness(SampleModelFixture sample) : IDisposable
{
    internal ScoringHarness Harness { get; } = new(sample);

    public void Dispose() => Harness.Dispose();
}

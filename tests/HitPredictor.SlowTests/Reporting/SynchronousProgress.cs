namespace HitPredictor.Tests.Reporting;

/// <summary>Collects progress steps as they are reported, in order.</summary>
internal sealed class SynchronousProgress(List<string> steps) : IProgress<string>
{
    public void Report(string value) => steps.Add(value);
}

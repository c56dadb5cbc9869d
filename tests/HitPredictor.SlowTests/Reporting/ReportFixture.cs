using HitPredictor.Reporting;
using HitPredictor.Tests.Support;
using HitPredictor.Training.Features;
using HitPredictor.Training.Hygiene;
using HitPredictor.Training.Modeling;
using HitPredictor.Training.Packaging;
using Microsoft.ML;

namespace HitPredictor.Tests.Reporting;

/// <summary>A small model trained on the built-in sample, and the full report built once from both, for the tests that read it.</summary>
public sealed class ReportFixture : IAsyncLifetime
{
    private readonly TempDirectory _folder = new();

    public TrainingResult Training { get; private set; } = null!;

    public ModelCard Card => Training.Package.Card;

    public string ModelDirectory => Path.Combine(_folder.Path, "model");

    public string ReportDirectory => Path.Combine(_folder.Path, "report");

    public ReportResult Report { get; private set; } = null!;

    public string Html { get; private set; } = "";

    public IReadOnlyList<string> Progress { get; private set; } = [];

    public async ValueTask InitializeAsync()
    {
        var data = await TrainingData.LoadAsync(TestPaths.Sample, FeatureSet.Default, new HygieneOptions());
        Training = new HitModelTrainer(new TrainingOptions { Forest = new ForestSettings { Trees = 10, Leaves = 50 } }).Train(data.Clean, data.Dataset);
        Training.Package.Save(new MLContext(0), ModelDirectory);

        var steps = new List<string>();
        Report = await ReportBuilder.BuildAsync(
            new ReportRequest(TestPaths.Sample, ReportDirectory) { ModelDirectory = ModelDirectory }, new SynchronousProgress(steps));
        Progress = steps;
        Html = await File.ReadAllTextAsync(Report.HtmlPath);
    }

    public ValueTask DisposeAsync()
    {
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }
}

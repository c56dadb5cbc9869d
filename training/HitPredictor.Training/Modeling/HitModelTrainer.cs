using System.Diagnostics;
using System.Reflection;
using HitPredictor.Training.Calibration;
using HitPredictor.Training.Evaluation;
using HitPredictor.Training.Explanation;
using HitPredictor.Training.Family;
using HitPredictor.Training.Features;
using HitPredictor.Training.Hygiene;
using HitPredictor.Training.Packaging;
using HitPredictor.Training.Tiers;
using Microsoft.ML;

namespace HitPredictor.Training.Modeling;

/// <summary>
/// Trains and evaluates the hit model on clean tracks: tier the tracks, split them (stratified by tier),
/// fit the pipeline on the training side, then measure it on the held-out side: metrics against the
/// majority baseline, permutation importance, and the stricter artist-grouped figures. The package it
/// returns is the model fitted on the training side, so its card describes exactly that model, and it records
/// the keys of those training tracks (<see cref="TrainingKeys"/>).
/// </summary>
public sealed class HitModelTrainer(TrainingOptions options)
{
    public TrainingResult Train(
        CleanDataset data,
        DatasetInfo dataset,
        IProgress<TrainingStage>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(dataset);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"Invalid training options: {string.Join("; ", problems)}");
        }

        var ml = new MLContext(options.Seed);
        var labelled = data.Tracks.Select(t => new LabelledTrack(t, options.Cutoffs.Classify(t.Popularity!.Value))).ToArray();
        RequireEveryTier(labelled);

        progress?.Report(TrainingStage.Splitting);
        var split = DataSplitter.Stratified(labelled, options.TestFraction, options.Seed);

        var held = DataSplitter.Stratified(split.Train, options.CalibrationFraction, options.Seed);

        progress?.Report(TrainingStage.Training);
        cancellationToken.ThrowIfCancellationRequested();
        var family = FamilyMemberSpec.For(options.Features);
        var clock = Stopwatch.StartNew();
        var (model, schema) = Fit(ml, options.Forest, held.Train, family[0]);
        var trainingSeconds = clock.Elapsed.TotalSeconds;

        progress?.Report(TrainingStage.Calibrating);
        cancellationToken.ThrowIfCancellationRequested();
        var fit = Calibrate(ml, model, held.Test);
        var calibration = fit.Calibration;

        progress?.Report(TrainingStage.Evaluating);
        cancellationToken.ThrowIfCancellationRequested();
        var testInputs = split.Test.Select(t => ModelInput.From(t.Track)).ToArray();
        var testTiers = split.Test.Select(t => t.Tier).ToArray();
        var rawTest = ModelScorer.Probabilities(ml, model, testInputs);
        var evaluation = CalibrationEvaluator.Evaluate(calibration, rawTest, testTiers);
        var metrics = evaluation.Metrics;
        var baseline = MetricsCalculator.Baseline([.. split.Train.Select(t => t.Tier)], testTiers);

        progress?.Report(TrainingStage.Family);
        List<(FamilyMemberSpec, ITransformer, DataViewSchema, MemberCalibration)> members = [(family[0], model, schema, calibration)];
        List<MemberFigures> memberFigures = [Figures(family[0], calibration, rawTest, testTiers, trainingSeconds)];
        foreach (var spec in family.Skip(1))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var memberClock = Stopwatch.StartNew();
            var (memberModel, memberSchema) = Fit(ml, options.Forest, held.Train, spec);
            var seconds = memberClock.Elapsed.TotalSeconds;
            var memberCalibration = Calibrate(ml, memberModel, held.Test).Calibration;
            members.Add((spec, memberModel, memberSchema, memberCalibration));
            memberFigures.Add(Figures(spec, memberCalibration, ModelScorer.Probabilities(ml, memberModel, testInputs), testTiers, seconds));
        }

        IReadOnlyList<FeatureImportance> importance = [];
        if (options.FeatureImportance)
        {
            progress?.Report(TrainingStage.FeatureImportance);
            importance = PermutationImportance.Compute(ml, model, options.Features, testInputs, testTiers, metrics, calibration, options.Seed, cancellationToken);
        }

        var grouped = ArtistGrouped(ml, labelled, progress, cancellationToken);
        var comparisons = Compare(ml, split, progress, cancellationToken);
        progress?.Report(TrainingStage.Done);

        var card = new ModelCard
        {
            Version = NewVersion(dataset),
            CreatedAt = DateTimeOffset.UtcNow,
            Dataset = dataset,
            Hygiene = data.Counts,
            Tiers = TierSummary(labelled),
            Features = options.Features.Names,
            Genres = [.. split.Train.Select(t => t.Track.Genre).Distinct().Order(StringComparer.Ordinal)],
            GenreShares = split.Train.GroupBy(t => t.Track.Genre).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => Math.Round((double)g.Count() / split.Train.Count, 6)),
            Trainer = new TrainerDescription(options.Forest.Name, new Dictionary<string, string>(options.Forest.Settings)
            {
                ["genreEncoding"] = options.GenreProfiles
                    ? "one-hot + profile learnt from training tracks (" + string.Join(", ", GenreProfile.Columns) + ")"
                    : "one-hot",
            }),
            Split = new SplitInfo(split.Description, options.TestFraction, options.Seed, split.Train.Count, split.Test.Count),
            Metrics = new ModelMetrics
            {
                Accuracy = metrics.Accuracy,
                MacroF1 = metrics.MacroF1,
                LogLoss = metrics.LogLoss,
                MajorityBaseline = baseline,
                PerTier = metrics.PerTier,
                Confusion = metrics.Confusion,
                FeatureImportance = importance,
                ArtistGrouped = grouped,
                Calibration = evaluation.Calibration,
                PredictionSets = evaluation.PredictionSets,
                CalibrationCandidates = Candidates(fit, rawTest, testTiers),
            },
            Calibration = Describe(calibration, held.Test.Count),
            Comparisons = comparisons,
            Members = memberFigures,
            MlNetVersion = typeof(MLContext).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown",
            TrainingSeconds = Math.Round(trainingSeconds, 1),
        };
        var parts = ModelFamily.Store(
            PackageParts.Empty
                .With(MemberCalibration.PartName, calibration.ToJson())
                .With(TrainingKeys.PartName, TrainingKeys.From(split.Train.Select(t => t.Track)).ToBytes())
                .With(GenreBenchmarks.PartName, GenreBenchmarks.Learn(split.Train, options.Features).ToJson()),
            ml, members, IntegrationSample.Draw([.. split.Train.Select(t => t.Track)], IntegrationSample.DefaultCount, options.Seed));
        return new TrainingResult(new ModelPackage(model, schema, card, parts), split);
    }

    /// <summary>
    /// Learns the calibration from the released forest's own scores on the held-back training tracks, which it did
    /// not train on: the calibrator sees exactly the kind of scores it will correct.
    /// </summary>
    private CalibrationFit Calibrate(MLContext ml, ITransformer model, IReadOnlyList<LabelledTrack> heldBack)
    {
        var scored = ModelScorer.Probabilities(ml, model, heldBack.Select(t => ModelInput.From(t.Track)));
        return CalibrationTrainer.Fit(scored, [.. heldBack.Select(t => t.Tier)], options.PredictionSetLevel, options.MinViralRecall);
    }

    /// <summary>Each candidate method, fitted on the same held-back tracks, measured on the held-out split.</summary>
    private static IReadOnlyList<CalibrationCandidate> Candidates(CalibrationFit fit, IReadOnlyList<float[]> rawTest, IReadOnlyList<Tier> testTiers) =>
        [.. fit.CrossValidatedLogLoss.Select(candidate =>
        {
            var calibrator = candidate.Key == fit.Calibration.Calibrator.Method
                ? fit.Calibration
                : new MemberCalibration(fit.CandidateCalibrators[candidate.Key], DecisionRule.ArgMax, fit.Calibration.Sets);
            var evaluation = CalibrationEvaluator.Evaluate(calibrator, rawTest, testTiers);
            return new CalibrationCandidate(
                CalibrationEvaluator.Name(candidate.Key), Math.Round(candidate.Value, 6), Math.Round(evaluation.Metrics.LogLoss, 6),
                Math.Round(evaluation.Metrics.Accuracy, 6), Math.Round(evaluation.Metrics.MacroF1, 6),
                Math.Round(evaluation.Metrics.PerTier[nameof(Tier.Viral)].Recall, 6),
                evaluation.Calibration.PerTier, candidate.Key == fit.Calibration.Calibrator.Method);
        })];

    private CalibrationInfo Describe(MemberCalibration calibration, int heldBack) => new(
        CalibrationEvaluator.Name(calibration.Calibrator.Method),
        FormattableString.Invariant($"the released forest's scores on {heldBack:N0} tracks ({options.CalibrationFraction:P0} of the training side, stratified by tier) held back from its training"),
        FormattableString.Invariant(
            $"tier shown = arg-max of weight x calibrated probability; only Viral's weight above 1, the smallest that reaches Viral recall >= {options.MinViralRecall} on the held-back tracks"),
        TierCutoffs.All.ToDictionary(t => t.ToString(), t => calibration.Decision.Weights[(int)t]),
        calibration.Sets.Level,
        Math.Round(calibration.Sets.MinProbability, 6));

    /// <summary>A family member's figures on the held-out split, through its own calibration.</summary>
    private static MemberFigures Figures(
        FamilyMemberSpec spec, MemberCalibration calibration, IReadOnlyList<float[]> rawTest, IReadOnlyList<Tier> testTiers, double trainingSeconds)
    {
        var evaluation = CalibrationEvaluator.Evaluate(calibration, rawTest, testTiers);
        var viralOrHit = rawTest.Select(r => calibration.Apply(r).Probabilities is var p ? p[(int)Tier.Viral] + p[(int)Tier.Hit] : 0).ToArray();
        var auc = RankAuc.Of(viralOrHit, [.. testTiers.Select(t => t is Tier.Viral or Tier.Hit)]);
        var metrics = evaluation.Metrics;
        return new MemberFigures(
            spec.Name, spec.Inputs, Math.Round(metrics.Accuracy, 6), Math.Round(metrics.MacroF1, 6), Math.Round(metrics.LogLoss, 6),
            Math.Round(metrics.PerTier[nameof(Tier.Viral)].Recall, 6), Math.Round(auc, 6), evaluation.Calibration, evaluation.PredictionSets,
            Math.Round(trainingSeconds, 1));
    }

    private (ITransformer Model, DataViewSchema Schema) Fit(MLContext ml, ITrainerSpec trainer, IReadOnlyList<LabelledTrack> train) =>
        Fit(ml, trainer, train, FamilyMemberSpec.For(options.Features)[0]);

    private (ITransformer Model, DataViewSchema Schema) Fit(MLContext ml, ITrainerSpec trainer, IReadOnlyList<LabelledTrack> train, FamilyMemberSpec member)
    {
        var data = ml.Data.LoadFromEnumerable(train.Select(t => ModelInput.From(t.Track, t.Tier)));
        var profiles = options.GenreProfiles && member.Genre ? GenreProfile.Learn(train) : null;
        var model = HitModelPipeline.Build(ml, member.Numeric, trainer, profiles, member.Genre).Fit(data);
        return (model, data.Schema);
    }

    private ArtistGroupedMetrics? ArtistGrouped(
        MLContext ml, IReadOnlyList<LabelledTrack> labelled, IProgress<TrainingStage>? progress,
        CancellationToken cancellationToken)
    {
        if (!options.ArtistGroupedEvaluation)
        {
            return null;
        }

        var split = DataSplitter.ArtistGrouped(labelled, options.TestFraction, options.Seed);
        if (split.Test.Count == 0)
        {
            return null;
        }

        progress?.Report(TrainingStage.ArtistGroupedEvaluation);
        cancellationToken.ThrowIfCancellationRequested();
        // The whole procedure again on the artist-grouped training side: a forest without its held-back share, and the
        // calibration learnt on that share from this forest's scores (a calibrator learnt from another forest's
        // scores would mis-correct this one, as fold forests' did).
        var held = DataSplitter.Stratified(split.Train, options.CalibrationFraction, options.Seed);
        var (model, _) = Fit(ml, options.Forest, held.Train);
        var calibration = Calibrate(ml, model, held.Test).Calibration;
        var raw = ModelScorer.Probabilities(ml, model, split.Test.Select(t => ModelInput.From(t.Track)));
        var evaluation = CalibrationEvaluator.Evaluate(calibration, raw, [.. split.Test.Select(t => t.Tier)]);
        var metrics = evaluation.Metrics;
        return new ArtistGroupedMetrics
        {
            Description = split.Description,
            Accuracy = metrics.Accuracy,
            MacroF1 = metrics.MacroF1,
            LogLoss = metrics.LogLoss,
            TrainRows = split.Train.Count,
            TestRows = split.Test.Count,
            PerTier = metrics.PerTier,
            MajorityBaseline = MetricsCalculator.Baseline([.. split.Train.Select(t => t.Tier)], [.. split.Test.Select(t => t.Tier)]),
            Calibration = evaluation.Calibration,
            PredictionSets = evaluation.PredictionSets,
        };
    }

    private List<TrainerComparison> Compare(MLContext ml, DataSplit split, IProgress<TrainingStage>? progress, CancellationToken cancellationToken)
    {
        var rows = new List<TrainerComparison>();
        foreach (var trainer in options.Comparisons)
        {
            progress?.Report(TrainingStage.Comparing);
            cancellationToken.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            var (model, _) = Fit(ml, trainer, split.Train);
            var seconds = clock.Elapsed.TotalSeconds;
            var metrics = HoldoutEvaluator.Evaluate(ml, model, split.Test);
            rows.Add(new TrainerComparison(
                trainer.Name, trainer.Settings, metrics.Accuracy, metrics.MacroF1, metrics.LogLoss,
                metrics.PerTier[nameof(Tier.Viral)].Recall, Math.Round(seconds, 1)));
        }

        return rows;
    }

    private TierInfo TierSummary(IReadOnlyList<LabelledTrack> labelled)
    {
        var counts = TierCutoffs.All.ToDictionary(t => t.ToString(), t => labelled.Count(l => l.Tier == t));
        return new TierInfo(
            new TierCutoffsInfo(options.Cutoffs.Viral, options.Cutoffs.Hit, options.Cutoffs.Mid),
            counts.ToDictionary(c => c.Key, c => Math.Round((double)c.Value / labelled.Count, 6)),
            counts);
    }

    private static void RequireEveryTier(IReadOnlyList<LabelledTrack> labelled)
    {
        var empty = TierCutoffs.All.Where(t => labelled.All(l => l.Tier != t)).ToArray();
        if (empty.Length > 0)
        {
            throw new InsufficientDataException(
                $"Cannot train: no tracks in tier(s) {string.Join(", ", empty)} after hygiene ({labelled.Count} tracks left).");
        }
    }

    /// <summary>UTC time to the second plus the dataset hash's start: sortable, and unique per dataset and moment.</summary>
    private static string NewVersion(DatasetInfo dataset) =>
        FormattableString.Invariant($"{DateTimeOffset.UtcNow:yyyyMMdd-HHmmss}-{dataset.Sha256[..Math.Min(8, dataset.Sha256.Length)]}");
}

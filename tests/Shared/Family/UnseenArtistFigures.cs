using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using HitPredictor.Serving.Engines;
using HitPredictor.Training.Evaluation;
using HitPredictor.Training.Family;
using HitPredictor.Training.Features;
using HitPredictor.Training.Forest;
using HitPredictor.Training.Modeling;
using HitPredictor.Training.Packaging;
using HitPredictor.Training.Prediction;
using HitPredictor.Training.Tiers;
using Microsoft.ML;

namespace HitPredictor.TestData;

/// <summary>One input set's answers on the unseen artists' tracks: the member that answered and its figures.</summary>
public sealed record InputSetFigures(string Name, string Model, double Accuracy, double MacroF1, double LogLoss, double ViralOrHitAuc);

/// <summary>
/// Issue #11's partial-input figures on one artist-grouped split: a package trained on the training artists' tracks, the
/// other artists' tracks (those within the scoring ranges) read as the API reads them (<see cref="TrackJson"/>) and
/// scored as it scores them (an engine lease); beside them the answer before the family (the full member's calibrated
/// answers averaged over every genre by share) and a plain forest (the main model's settings, its raw probabilities)
/// trained without genre on every training track. AUC is of P(Viral) + P(Hit), Viral or Hit against Mid or Flop.
/// Shared by FamilyBarsTests (asserts the bars on seed 42) and the benchmarks' <c>family-figures</c> command (several seeds).
/// </summary>
public sealed record UnseenArtistFigures(
    int Seed, int ScoredTracks, int TestTracks, IReadOnlyList<InputSetFigures> InputSets, double GenreAveragedAuc, double PlainForestAuc,
    double NoGenreRawAuc, IReadOnlyList<MemberFigures> CardMembers)
{
    public const string Complete = "complete";
    public const string NoGenre = "no genre";
    public const string SixAndGenre = "six + genre";
    public const string Six = "six";
    public const string TenAndGenre = "ten + genre (no key, mode, time signature)";

    private static readonly string[] SixFields = ["loudness", "tempo", "duration_ms", "key", "mode", "time_signature"];

    public InputSetFigures this[string name] => InputSets.Single(s => s.Name == name);

    /// <summary>The tracks of <paramref name="data"/> with their tiers and the artist-grouped split of <paramref name="options"/>' seed.</summary>
    public static DataSplit Split(TrainingData data, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        var labelled = data.Clean.Tracks.Select(t => new LabelledTrack(t, options.Cutoffs.Classify(t.Popularity!.Value))).ToArray();
        return DataSplitter.ArtistGrouped(labelled, options.TestFraction, options.Seed);
    }

    /// <summary>Trains the package on <paramref name="split"/>'s training artists and measures it on the others.</summary>
    public static UnseenArtistFigures Measure(TrainingData data, DataSplit split, TrainingOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(options);
        var package = new HitModelTrainer(options)
            .Train(data.Clean with { Tracks = [.. split.Train.Select(t => t.Track)] }, data.Dataset, cancellationToken: cancellationToken).Package;
        using var pool = new EnginePool(Environment.ProcessorCount);
        pool.Swap(package, "\"figures\"");
        // The API refuses values outside the scoring ranges (a handful of tracks over an hour long): score the rest.
        var scoreable = split.Test.Where(t => ModelFamily.Knowable.All(f => f.Column.Check(f.ValueOf(t.Track)) is null)).ToArray();
        var actual = scoreable.Select(t => t.Tier).ToArray();
        var all = ModelFamily.Knowable.Select(f => f.Name).ToArray();
        (string Name, string[] Fields, bool Genre)[] sets =
        [
            (Complete, all, true), (NoGenre, all, false), (SixAndGenre, SixFields, true), (Six, SixFields, false),
            (TenAndGenre, [.. all.Except(["key", "mode", "time_signature"])], true),
        ];
        var figures = sets.Select(s =>
        {
            var answers = Score(pool, scoreable, s.Fields, s.Genre);
            return new InputSetFigures(s.Name, answers[0].Model, Accuracy(answers, actual), MacroF1(answers, actual), LogLoss(answers, actual),
                Auc([.. answers.Select(p => p.Probabilities[nameof(Tier.Viral)] + p.Probabilities[nameof(Tier.Hit)])], actual));
        }).ToArray();
        var plain = PlainForestWithoutGenre(split.Train, options, scoreable);
        return new UnseenArtistFigures(
            options.Seed, scoreable.Length, split.Test.Count, figures, Auc(GenreAveraged(package, scoreable), actual), Auc(plain, actual),
            Auc(RawNoGenreMember(package, scoreable), actual), package.Card.Members);
    }

    /// <summary>The figures as lines for a test's output or a console.</summary>
    public IEnumerable<string> Describe()
    {
        yield return string.Create(CultureInfo.InvariantCulture,
            $"seed {Seed}: unseen artists ({ScoredTracks:N0} of {TestTracks:N0} tracks in the scoring ranges): accuracy complete {this[Complete].Accuracy:F4}, six + genre {this[SixAndGenre].Accuracy:F4}; genre left out AUC {this[NoGenre].ViralOrHitAuc:F4}, genre averaging {GenreAveragedAuc:F4}, plain forest without genre {PlainForestAuc:F4}, no-genre member raw {NoGenreRawAuc:F4}");
        foreach (var set in InputSets)
        {
            yield return string.Create(CultureInfo.InvariantCulture,
                $"seed {Seed}: unseen artists, {set.Name}: model {set.Model}, accuracy {set.Accuracy:F4}, macro-F1 {set.MacroF1:F4}, log-loss {set.LogLoss:F4}, AUC {set.ViralOrHitAuc:F4}");
        }

        foreach (var member in CardMembers)
        {
            yield return string.Create(CultureInfo.InvariantCulture,
                $"seed {Seed}: card member {member.Name} (stratified held-out split of the training artists): accuracy {member.Accuracy:F4}, macro-F1 {member.MacroF1:F4}, log-loss {member.LogLoss:F4}, Viral recall {member.ViralRecall:F4}, AUC {member.ViralOrHitAuc:F4}, fitted in {member.TrainingSeconds:F1} s");
        }
    }

    /// <summary>The AUC of P(Viral) + P(Hit), Viral or Hit against Mid or Flop.</summary>
    public static double Auc(IReadOnlyList<double> scores, IReadOnlyList<Tier> actual) =>
        RankAuc.Of(scores, [.. actual.Select(t => t is Tier.Viral or Tier.Hit)]);

    /// <summary>P(Viral) + P(Hit) of raw forest probabilities in <see cref="Tier"/> order.</summary>
    public static double[] ViralOrHit(IEnumerable<float[]> probabilities) =>
        [.. probabilities.Select(p => (double)p[(int)Tier.Viral] + p[(int)Tier.Hit])];

    private static TierPrediction[] Score(EnginePool pool, IReadOnlyList<LabelledTrack> tracks, string[] fields, bool genre)
    {
        using var lease = pool.Rent();
        var errors = new List<FieldError>();
        var inputs = tracks.Select(t =>
        {
            using var document = JsonDocument.Parse(Json(t, fields, genre).ToJsonString());
            return TrackJson.Read(document.RootElement, "", lease.Generation.Family, errors);
        }).ToArray();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"The API refused a track: {errors[0]}");
        }

        return lease.PredictBatch(inputs!);
    }

    private static JsonObject Json(LabelledTrack track, string[] fields, bool genre)
    {
        var input = ModelInput.From(track.Track);
        var json = new JsonObject();
        foreach (var feature in NumericFeature.All.Where(f => fields.Contains(f.Name) || f == NumericFeature.Explicit))
        {
            json[feature.Name] = feature.ValueOf(input);
        }

        if (genre)
        {
            json["genre"] = track.Track.Genre;
        }

        return json;
    }

    /// <summary>P(Viral) + P(Hit) as answered before the family: the full model's calibrated answers averaged over every genre by share.</summary>
    private static double[] GenreAveraged(ModelPackage package, IReadOnlyList<LabelledTrack> tracks)
    {
        var main = package.Family.Main;
        var shares = package.Card.GenreShares.ToArray();
        var result = new double[tracks.Count];
        Parallel.For(0, tracks.Count, i =>
        {
            var probe = ModelInput.From(tracks[i].Track);
            Span<float> raw = stackalloc float[4];
            double sum = 0, weights = 0;
            foreach (var (genre, share) in shares)
            {
                probe.Genre = genre;
                main.Evaluator!.Predict(probe, raw);
                var calibrated = main.Calibration.Calibrator.Calibrate(raw);
                sum += share * (calibrated[(int)Tier.Viral] + calibrated[(int)Tier.Hit]);
                weights += share;
            }

            result[i] = sum / weights;
        });
        return result;
    }

    /// <summary>P(Viral) + P(Hit) of the no-genre member's forest, raw (before its calibration).</summary>
    private static double[] RawNoGenreMember(ModelPackage package, IReadOnlyList<LabelledTrack> tracks)
    {
        ForestEvaluator evaluator = package.Family.Members.Single(m => m.Name == FamilyMemberSpec.NoGenre).Evaluator!;
        var raw = new float[4];
        return [.. tracks.Select(t =>
        {
            evaluator.Predict(ModelInput.From(t.Track), raw);
            return (double)raw[(int)Tier.Viral] + raw[(int)Tier.Hit];
        })];
    }

    /// <summary>P(Viral) + P(Hit) of a forest with the main model's settings trained without genre on every training track (none held back), raw.</summary>
    private static double[] PlainForestWithoutGenre(IReadOnlyList<LabelledTrack> train, TrainingOptions options, IReadOnlyList<LabelledTrack> test)
    {
        var ml = new MLContext(options.Seed);
        var data = ml.Data.LoadFromEnumerable(train.Select(t => ModelInput.From(t.Track, t.Tier)));
        var model = HitModelPipeline.Build(ml, options.Features, options.Forest, genre: false).Fit(data);
        return ViralOrHit(ModelScorer.Probabilities(ml, model, test.Select(t => ModelInput.From(t.Track))));
    }

    private static double Accuracy(IReadOnlyList<TierPrediction> predictions, IReadOnlyList<Tier> actual) =>
        predictions.Where((p, i) => p.Tier == actual[i]).Count() / (double)actual.Count;

    private static double MacroF1(IReadOnlyList<TierPrediction> predictions, IReadOnlyList<Tier> actual) =>
        MetricsCalculator.Compute(actual, [.. predictions.Select(p => TierCutoffs.All.Select(t => (float)p.Probabilities[t.ToString()]).ToArray())],
            [.. predictions.Select(p => p.Tier)]).MacroF1;

    private static double LogLoss(IReadOnlyList<TierPrediction> predictions, IReadOnlyList<Tier> actual) =>
        predictions.Select((p, i) => -Math.Log(Math.Max(1e-15, p.Probabilities[actual[i].ToString()]))).Average();
}

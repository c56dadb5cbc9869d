using System.Text.Json;
using HitPredictor.Training.Calibration;
using HitPredictor.Training.Data;
using HitPredictor.Training.Features;
using HitPredictor.Training.Forest;
using HitPredictor.Training.Packaging;
using HitPredictor.Training.Tiers;
using Microsoft.ML;

namespace HitPredictor.Training.Family;

/// <summary>
/// A package's models for the input sets people have, and the rule picking one for a track. The member answering is the
/// one that uses the most of what the track gives (ties: the one with fewer gaps, then the family's order); a track
/// without genre is answered by a member that does not read genre. Features the member reads but the track left out are
/// integrated out over real training tracks' joint values (<see cref="IntegrationSample"/>), so a track costs one forest
/// evaluation, or at most <see cref="IntegrationSample.Count"/> when it has gaps. A package trained before the family
/// existed has its main model only: every feature is then required and a genre-less track is averaged over genres.
/// Immutable and thread-safe.
/// </summary>
public sealed class ModelFamily
{
    /// <summary>The package part listing the members (<see cref="FamilyMemberSpec"/>), main first.</summary>
    public const string PartName = "family.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The choice for each input shape (<see cref="ShapeOf"/>), made the first time a track of that shape comes.</summary>
    private readonly MemberChoice?[] _choices = new MemberChoice?[1 << (Knowable.Count + 1)];

    private ModelFamily(ModelCard card, IReadOnlyList<FamilyMember> members, IntegrationSample? sample)
    {
        Card = card;
        Members = members;
        Sample = sample;
    }

    /// <summary>The features a track may leave out, in <see cref="NumericFeature.All"/> order: every field of a Spotify audio-features object.</summary>
    public static IReadOnlyList<NumericFeature> Knowable { get; } = FeatureSet.AudioFeatures.Numeric;

    public ModelCard Card { get; }

    /// <summary>Main member first.</summary>
    public IReadOnlyList<FamilyMember> Members { get; }

    public FamilyMember Main => Members[0];

    /// <summary>Null for a package without a family.</summary>
    public IntegrationSample? Sample { get; }

    /// <summary>Whether a track may leave out genre and any feature (false for a package trained before the family).</summary>
    public bool AcceptsPartialInput => Sample is not null;

    /// <summary>The family stored in <paramref name="package"/>, or its main model alone for a package without one.</summary>
    public static ModelFamily Load(ModelPackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        var parts = package.Parts;
        if (!parts.TryGet(PartName, out var manifest) || !parts.TryGet(IntegrationSample.PartName, out var sample))
        {
            var main = FamilyMemberSpec.For(FeatureSet.FromNames(package.Card.Features))[0];
            return new ModelFamily(package.Card, [new FamilyMember(main, package.Calibration, null)], null);
        }

        var specs = JsonSerializer.Deserialize<FamilyMemberSpec[]>(manifest, Json) ?? [];
        if (specs.Length == 0)
        {
            throw new JsonException($"{PartName} lists no member");
        }

        var ml = new MLContext(seed: 0);
        var members = specs.Select((spec, i) => i == 0 ? Loaded(spec, package) : Loaded(spec, package, ml)).ToArray();
        return new ModelFamily(package.Card, members, IntegrationSample.FromJson(sample));
    }

    /// <summary>The parts a family adds to a package: its manifest, each non-main member's model and calibration, and the sample.</summary>
    public static PackageParts Store(
        PackageParts parts, MLContext ml, IReadOnlyList<(FamilyMemberSpec Spec, ITransformer Model, DataViewSchema Schema, MemberCalibration Calibration)> members,
        IntegrationSample sample)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(sample);
        var stored = parts.With(IntegrationSample.PartName, sample.ToJson());
        foreach (var (spec, model, schema, calibration) in members.Skip(1))
        {
            using var buffer = new MemoryStream();
            ml.Model.Save(model, schema, buffer);
            stored = stored.With(ModelPart(spec), buffer.ToArray()).With(CalibrationPart(spec), calibration.ToJson());
        }

        return stored.With(PartName, JsonSerializer.SerializeToUtf8Bytes(members.Select(m => m.Spec).ToArray(), Json));
    }

    /// <summary>Every input <paramref name="input"/> leaves unknown: each <see cref="Knowable"/> feature that is NaN, then <c>genre</c> when empty.</summary>
    public static IReadOnlyList<string> MissingOf(ModelInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var missing = Knowable.Where(f => float.IsNaN(f.ValueOf(input))).Select(f => f.Name).ToList();
        if (string.IsNullOrEmpty(input.Genre))
        {
            missing.Add(GenreField.Name);
        }

        return missing;
    }

    /// <summary>Whether <paramref name="input"/> gives genre and every <see cref="Knowable"/> feature (<see cref="MissingOf"/> is empty).</summary>
    public static bool IsComplete(ModelInput input) => ShapeOf(input) == 0;

    /// <summary>
    /// The member answering <paramref name="input"/>, its gaps and what the track did not give. The choice depends only on
    /// which inputs the track left out, so it is made once per shape and the same choice is handed to every track of that shape.
    /// </summary>
    public MemberChoice Choose(ModelInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var shape = ShapeOf(input);
        return Volatile.Read(ref _choices[shape]) ?? (_choices[shape] = ChooseFor(input));
    }

    /// <summary>Which inputs <paramref name="input"/> leaves out: bit i for <see cref="Knowable"/>[i] being NaN, the bit above them for no genre.</summary>
    private static int ShapeOf(ModelInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var shape = string.IsNullOrEmpty(input.Genre) ? 1 << Knowable.Count : 0;
        for (var i = 0; i < Knowable.Count; i++)
        {
            if (float.IsNaN(Knowable[i].ValueOf(input)))
            {
                shape |= 1 << i;
            }
        }

        return shape;
    }

    private MemberChoice ChooseFor(ModelInput input)
    {
        var missing = MissingOf(input);
        var genreKnown = !string.IsNullOrEmpty(input.Genre);
        if (!AcceptsPartialInput)
        {
            return new MemberChoice(Main, [], missing);
        }

        var best = Members
            .Select((member, order) => (member, order, gaps: member.Knowable.Where(f => float.IsNaN(f.ValueOf(input))).ToArray()))
            .Where(m => (genreKnown || !m.member.UsesGenre) && (m.member.Evaluator is not null || m.gaps.Length == 0))
            .Select(m => (m.member, m.order, m.gaps, used: m.member.Knowable.Count - m.gaps.Length + (m.member.UsesGenre ? 1 : 0)))
            .OrderByDescending(m => m.used).ThenBy(m => m.gaps.Length).ThenBy(m => m.order)
            .First();
        return new MemberChoice(best.member, best.gaps, missing);
    }

    /// <summary>Forest evaluations scoring <paramref name="input"/> costs: 1, the integration rows when it has gaps, or one per genre for a genre-less track of a package without a family.</summary>
    public int CostOf(ModelInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!AcceptsPartialInput)
        {
            return string.IsNullOrEmpty(input.Genre) ? Math.Max(1, Card.GenreShares.Count) : 1;
        }

        return Choose(input).Gaps.Count == 0 ? 1 : Sample!.RowsFor(input.Genre).Count;
    }

    /// <summary>
    /// The calibrated answer of the chosen member: its forest on the track, or, when the track has gaps, the mean of its
    /// calibrated probabilities over the integration rows (each row's values written into the gaps only).
    /// </summary>
    public CalibratedScore Score(MemberChoice choice, ModelInput input)
    {
        ArgumentNullException.ThrowIfNull(choice);
        ArgumentNullException.ThrowIfNull(input);
        var member = choice.Member;
        var evaluator = member.Evaluator ?? throw new InvalidOperationException($"The {member.Name} member is scored by its prediction engine.");
        Span<float> raw = stackalloc float[TierCutoffs.All.Count];
        if (choice.Gaps.Count == 0)
        {
            evaluator.Predict(input, raw);
            return member.Calibration.Apply(raw);
        }

        var rows = Sample!.RowsFor(input.Genre);
        var slots = choice.Gaps.Select(g => IndexOf(g)).ToArray();
        var probe = input.Clone();
        var sum = new double[raw.Length];
        foreach (var row in rows)
        {
            for (var g = 0; g < slots.Length; g++)
            {
                choice.Gaps[g].Set(probe, row[slots[g]]);
            }

            evaluator.Predict(probe, raw);
            var calibrated = member.Calibration.Calibrator.Calibrate(raw);
            for (var t = 0; t < sum.Length; t++)
            {
                sum[t] += calibrated[t];
            }
        }

        return member.Calibration.Decide([.. sum.Select(s => s / rows.Count)]);
    }

    private static int IndexOf(NumericFeature feature)
    {
        for (var i = 0; i < Knowable.Count; i++)
        {
            if (Knowable[i] == feature)
            {
                return i;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(feature), feature, "not a feature a track may leave out");
    }

    private static string ModelPart(FamilyMemberSpec spec) => $"members/{spec.Name}/model.zip";

    private static string CalibrationPart(FamilyMemberSpec spec) => $"members/{spec.Name}/{MemberCalibration.PartName}";

    /// <summary>The main member: its engine scores complete tracks, its forest read into arrays (when it can be) the ones with gaps.</summary>
    private static FamilyMember Loaded(FamilyMemberSpec spec, ModelPackage package) =>
        new(spec, package.Calibration, ForestEvaluator.TryCreate(package, out var evaluator, out _) ? evaluator : null);

    private static FamilyMember Loaded(FamilyMemberSpec spec, ModelPackage package, MLContext ml)
    {
        if (!package.Parts.TryGet(ModelPart(spec), out var model) || !package.Parts.TryGet(CalibrationPart(spec), out var calibration))
        {
            throw new InvalidDataException($"The package lists the family member '{spec.Name}' but holds no {ModelPart(spec)} or {CalibrationPart(spec)}.");
        }

        using var stream = new MemoryStream(model, writable: false);
        var transformer = ml.Model.Load(stream, out var schema);
        var own = new ModelPackage(transformer, schema, package.Card with { Features = spec.CardFeatures });
        return new FamilyMember(spec, MemberCalibration.FromJson(calibration), Evaluator(own, spec));
    }

    private static ForestEvaluator Evaluator(ModelPackage package, FamilyMemberSpec spec) =>
        ForestEvaluator.TryCreate(package, out var evaluator, out var reason)
            ? evaluator
            : throw new InvalidDataException($"The family member '{spec.Name}' cannot be evaluated: {reason}.");
}

using System.Text.Json;
using System.Text.Json.Serialization;
using HitPredictor.Training.Packaging;
using HitPredictor.Training.Tiers;

namespace HitPredictor.Training.Calibration;

/// <summary>
/// Everything that turns one model's raw probabilities into what users see: the calibrator, the rule choosing
/// the tier shown, and the conformal prediction-set threshold, all learnt on tracks the model did not train on.
/// A package holds one per model member; it is saved inside model.zip as the part <see cref="PartName"/>.
/// Immutable and thread-safe: every front door (API, CLI, page, batch, evaluation) scores through
/// <see cref="Apply"/>.
/// </summary>
public sealed class MemberCalibration
{
    /// <summary>The package part holding the released model's calibration.</summary>
    public const string PartName = "calibration.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    [JsonConstructor]
    public MemberCalibration(TierCalibrator calibrator, DecisionRule decision, PredictionSetRule sets)
    {
        ArgumentNullException.ThrowIfNull(calibrator);
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(sets);
        Calibrator = calibrator;
        Decision = decision;
        Sets = sets;
    }

    /// <summary>For packages without a calibration part: raw probabilities, arg-max, every tier in the set (level 1).</summary>
    public static MemberCalibration Uncalibrated { get; } = new(TierCalibrator.Identity, DecisionRule.ArgMax, PredictionSetRule.AllTiers);

    public TierCalibrator Calibrator { get; }

    public DecisionRule Decision { get; }

    public PredictionSetRule Sets { get; }

    /// <summary>Raw forest probabilities (tier order) to calibrated probabilities, the tier shown and its prediction set.</summary>
    public CalibratedScore Apply(ReadOnlySpan<float> raw) => Decide(Calibrator.Calibrate(raw));

    /// <summary>The tier shown and the set for probabilities already calibrated (e.g. a mixture of calibrated distributions).</summary>
    public CalibratedScore Decide(double[] calibrated)
    {
        ArgumentNullException.ThrowIfNull(calibrated);
        var tier = Decision.Choose(calibrated);
        return new CalibratedScore(calibrated, tier, Sets.SetFor(calibrated, tier));
    }

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static MemberCalibration FromJson(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<MemberCalibration>(json, Json) ?? throw new JsonException($"{PartName} is empty");

    /// <summary>The calibration stored in a package, or <see cref="Uncalibrated"/> for packages from before calibration.</summary>
    public static MemberCalibration From(PackageParts parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        return parts.TryGet(PartName, out var json) ? FromJson(json) : Uncalibrated;
    }
}

/// <summary>One track's calibrated probabilities (tier order, summing to 1), the tier shown, and its prediction set (most probable first).</summary>
public sealed record CalibratedScore(double[] Probabilities, Tier Tier, IReadOnlyList<Tier> Set);

using HitPredictor.Training.Data;

namespace HitPredictor.Training.Features;

/// <summary>A numeric model input: its column name and how to read it off a track.</summary>
public sealed class NumericFeature
{
    private readonly Func<TrackRecord, float> _valueOf;
    private readonly Func<ModelInput, float> _inputValue;
    private readonly Action<ModelInput, float> _setInput;

    private NumericFeature(
        TrackColumn column, Func<TrackRecord, float> valueOf, Func<ModelInput, float> inputValue, Action<ModelInput, float> setInput)
    {
        Column = column;
        _valueOf = valueOf;
        _inputValue = inputValue;
        _setInput = setInput;
    }

    public TrackColumn Column { get; }

    public string Name => Column.Name;

    public float ValueOf(TrackRecord track) => _valueOf(track);

    public float ValueOf(ModelInput input) => _inputValue(input);

    public void Set(ModelInput input, float value) => _setInput(input, value);

    public static readonly NumericFeature Danceability = new(
        TrackColumn.Danceability, t => t.Danceability, i => i.Danceability, (i, v) => i.Danceability = v);
    public static readonly NumericFeature Energy = new(
        TrackColumn.Energy, t => t.Energy, i => i.Energy, (i, v) => i.Energy = v);
    public static readonly NumericFeature Loudness = new(
        TrackColumn.Loudness, t => t.Loudness, i => i.Loudness, (i, v) => i.Loudness = v);
    public static readonly NumericFeature Tempo = new(
        TrackColumn.Tempo, t => t.Tempo, i => i.Tempo, (i, v) => i.Tempo = v);
    public static readonly NumericFeature Speechiness = new(
        TrackColumn.Speechiness, t => t.Speechiness, i => i.Speechiness, (i, v) => i.Speechiness = v);
    public static readonly NumericFeature Acousticness = new(
        TrackColumn.Acousticness, t => t.Acousticness, i => i.Acousticness, (i, v) => i.Acousticness = v);
    public static readonly NumericFeature Instrumentalness = new(
        TrackColumn.Instrumentalness, t => t.Instrumentalness, i => i.Instrumentalness, (i, v) => i.Instrumentalness = v);
    public static readonly NumericFeature Liveness = new(
        TrackColumn.Liveness, t => t.Liveness, i => i.Liveness, (i, v) => i.Liveness = v);
    public static readonly NumericFeature Valence = new(
        TrackColumn.Valence, t => t.Valence, i => i.Valence, (i, v) => i.Valence = v);
    public static readonly NumericFeature DurationMs = new(
        TrackColumn.DurationMs, t => t.DurationMs, i => i.DurationMs, (i, v) => i.DurationMs = v);
    public static readonly NumericFeature Key = new(
        TrackColumn.Key, t => t.Key, i => i.Key, (i, v) => i.Key = v);
    public static readonly NumericFeature Mode = new(
        TrackColumn.Mode, t => t.Mode, i => i.Mode, (i, v) => i.Mode = v);
    public static readonly NumericFeature TimeSignature = new(
        TrackColumn.TimeSignature, t => t.TimeSignature, i => i.TimeSignature, (i, v) => i.TimeSignature = v);
    public static readonly NumericFeature Explicit = new(
        TrackColumn.Explicit, t => t.Explicit, i => i.Explicit, (i, v) => i.Explicit = v);

    /// <summary>Every numeric feature a model can use, in <see cref="ModelInput"/>'s order.</summary>
    public static IReadOnlyList<NumericFeature> All { get; } =
    [
        Danceability, Energy, Loudness, Tempo, Speechiness, Acousticness, Instrumentalness, Liveness, Valence,
        DurationMs, Key, Mode, TimeSignature, Explicit,
    ];

    public override string ToString() => Name;
}

using HitPredictor.Training.Data;

namespace HitPredictor.Training.Hygiene;

/// <summary>
/// What makes two rows the same track: the track name and the artists, as read (trimmed, case kept). Hygiene keeps
/// one row per identity (the dataset lists one song under several genres and track IDs), and a model package records
/// the identities it trained on (<see cref="Packaging.TrainingKeys"/>), so both agree on what "the same track" means.
/// </summary>
public readonly record struct TrackIdentity(string TrackName, string Artists)
{
    public static TrackIdentity Of(TrackRecord track)
    {
        ArgumentNullException.ThrowIfNull(track);
        return new TrackIdentity(track.TrackName, track.Artists);
    }
}

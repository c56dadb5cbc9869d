namespace HitPredictor.Serving.Engines;

/// <summary>
/// The service serves another version than the one <c>current.json</c> names, because that one does not load:
/// which version was skipped (<see langword="null"/> when the pointer itself is unreadable) and why, in a stable
/// sentence without store paths or parser messages (those are in the log).
/// </summary>
public sealed record ModelFallback(string? SkippedVersion, string Reason)
{
    /// <summary>A caller-facing reason for a failed load of <paramref name="pointed"/>.</summary>
    public static ModelFallback From(string? pointed, Exception failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var reason = failure switch
        {
            InvalidDataException => $"{Storage.ModelPointer.FileName} is not a readable pointer.",
            Storage.ModelNotFoundException => $"Version '{pointed}' is not complete in the store (model.zip or card.json is missing).",
            ModelValidationException => $"Version '{pointed}' does not load: its model.zip or card.json failed validation.",
            _ => $"Version '{pointed}' could not be read from the store.",
        };
        return new ModelFallback(pointed, reason);
    }
}

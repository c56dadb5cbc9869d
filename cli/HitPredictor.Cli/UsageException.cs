namespace HitPredictor.Cli;

/// <summary>The user's input cannot be used; the message says what and where. Exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);

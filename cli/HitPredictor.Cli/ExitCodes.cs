namespace HitPredictor.Cli;

/// <summary>What the process returns: scripts can tell a bad input from a failure.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int BadInput = 2;
}

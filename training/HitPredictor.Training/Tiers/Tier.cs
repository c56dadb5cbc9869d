namespace HitPredictor.Training.Tiers;

/// <summary>Commercial tiers, best first. The order is the order of every probability vector.</summary>
public enum Tier
{
    Viral,
    Hit,
    Mid,
    Flop,
}

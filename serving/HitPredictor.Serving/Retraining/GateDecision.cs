namespace HitPredictor.Serving.Retraining;

/// <summary>What the promotion gate decided, why (with the figures), and the rule it applied, in words.</summary>
public sealed record GateDecision(bool Promote, string Reason, string Rule);

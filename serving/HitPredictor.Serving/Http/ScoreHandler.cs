using HitPredictor.Serving.Engines;
using HitPredictor.Training.Explanation;
using HitPredictor.Training.Prediction;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HitPredictor.Serving.Http;

/// <summary>
/// <c>POST /api/score</c>. Reads the body, rents an engine of the live model, validates every track against
/// that model's card, and scores them all on that one generation, so a batch never mixes two models; a batch's
/// complete tracks go through the forest together (<see cref="EngineLease.PredictBatch"/>). A bad track rejects the whole
/// batch, with every error listed. With <c>?explain=true</c> each result also carries its explanation
/// (<see cref="ScoreExplanations"/>). A request over the prediction budget is refused with 413 before anything is
/// scored (<see cref="PredictionCost"/>); an expensive one waits for no one: it is refused with 429 while the
/// <see cref="ExpensiveRequestGate"/> is full.
/// </summary>
public sealed partial class ScoreHandler(
    EnginePool pool, ModelRefresher refresher, ExpensiveRequestGate gate, IOptions<ServingOptions> options, ILogger<ScoreHandler> logger)
{
    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            if (!ExplainQuery.TryRead(request, out var explain, out var explainProblem))
            {
                return explainProblem!;
            }

            using var body = await ScoreRequest.ReadAsync(request, options.Value, cancellationToken);
            if (body.Problem is not null)
            {
                return body.Problem;
            }

            if (!pool.TryRent(out var lease))
            {
                return Problems.NotReady(refresher.Status.NotReadyReason() ?? "No model is loaded yet.", options.Value.RetryAfterSeconds);
            }

            using (lease)
            {
                var errors = new List<FieldError>();
                var inputs = body.Validate(lease.Generation.Family, errors);
                if (inputs is null)
                {
                    Log.Rejected(logger, errors.Count);
                    return Problems.Validation(errors);
                }

                TrackExplainer? explainer = null;
                if (explain && !lease.Generation.TryGetExplainer(out explainer, out var reason))
                {
                    return Problems.CannotExplain(reason);
                }

                var settings = options.Value;
                var perExplanation = explainer?.MaxEvaluationsPerTrack ?? 0;
                var family = lease.Generation.Family;
                var cost = PredictionCost.Of(inputs, family, perExplanation);
                if (cost > settings.MaxPredictionsPerRequest)
                {
                    Log.OverBudget(logger, cost, settings.MaxPredictionsPerRequest);
                    var expensive = inputs.Where(i => PredictionCost.IsExpensive(i, family)).ToArray();
                    return Problems.OverBudget(cost, settings.MaxPredictionsPerRequest, expensive.Length,
                        expensive.Length == 0 ? 1 : expensive.Max(family.CostOf), inputs.Count, perExplanation, family.AcceptsPartialInput);
                }

                if (!gate.TryEnter(cost, out var slot))
                {
                    Log.Busy(logger, cost);
                    return Problems.Busy(cost, settings.ExpensiveRequestPredictions, settings.MaxConcurrentExpensiveRequests, settings.BusyRetryAfterSeconds);
                }

                TrackScore[] results;
                using (slot)
                {
                    results = Array.ConvertAll(lease.PredictBatch(inputs, cancellationToken), TrackScore.From);
                    if (explainer is not null)
                    {
                        results = ScoreExplanations.Add(results, inputs, explainer, cancellationToken);
                    }
                }

                return body.IsBatch
                    ? ServingResult.Json(new BatchScore(lease.Generation.Version, results.Length, results))
                    : ServingResult.Json(results[0]);
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.Failed(logger, ex);
            return Problems.Unexpected();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Scoring request rejected with {ErrorCount} field errors", EventName = "ScoreRejected")]
        public static partial void Rejected(ILogger logger, int errorCount);

        [LoggerMessage(2, LogLevel.Error, "Scoring failed unexpectedly", EventName = "ScoreFailed")]
        public static partial void Failed(ILogger logger, Exception exception);

        [LoggerMessage(3, LogLevel.Debug, "Scoring request refused: it costs {Predictions} predictions, over the budget of {Budget}", EventName = "ScoreOverBudget")]
        public static partial void OverBudget(ILogger logger, long predictions, int budget);

        [LoggerMessage(4, LogLevel.Debug, "Expensive scoring request ({Predictions} predictions) refused: every slot is taken", EventName = "ScoreBusy")]
        public static partial void Busy(ILogger logger, long predictions);
    }
}

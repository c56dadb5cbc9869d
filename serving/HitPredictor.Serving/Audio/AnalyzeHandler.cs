using System.Text.Json;
using HitPredictor.Audio;
using HitPredictor.Serving.Engines;
using HitPredictor.Serving.Http;
using HitPredictor.Training.Prediction;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HitPredictor.Serving.Audio;

/// <summary>
/// <c>POST /api/analyze</c>: waits for an analysis slot (<see cref="AnalysisGate"/>), reads the audio
/// (<see cref="AudioUpload"/>), measures it, turns it into a track (<see cref="AudioTrack"/>, plus <c>?genre=</c>) and
/// scores that track on the live model as <c>/api/score</c> would, under the same prediction budget and expensive
/// request gate. Bad audio is a 400/413/415 problem naming the reason.
/// </summary>
public sealed partial class AnalyzeHandler(
    EnginePool pool, ModelRefresher refresher, AnalysisGate analyses, ExpensiveRequestGate gate, IOptions<ServingOptions> options, ILogger<AnalyzeHandler> logger)
{
    /// <summary>The query parameter naming the track's genre.</summary>
    public const string GenreQuery = "genre";

    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.Value;
        try
        {
            using var slot = await analyses.EnterAsync(cancellationToken);
            if (slot is null)
            {
                Log.Busy(logger, settings.MaxConcurrentAnalyses);
                return Problems.AnalysesBusy(settings.MaxConcurrentAnalyses, settings.AnalysisWaitSeconds, settings.BusyRetryAfterSeconds);
            }

            var upload = await AudioUpload.ReadAsync(request, settings.MaxAudioBytes, cancellationToken);
            if (upload.Problem is not null)
            {
                return upload.Problem;
            }

            AudioAnalysis analysis;
            System.Text.Json.Nodes.JsonObject track;
            try
            {
                var analyzer = new AudioAnalyzer(new AudioAnalysisOptions { MaxBytes = settings.MaxAudioBytes, MaxMinutes = settings.MaxAudioSeconds / 60.0 });
                analysis = await Task.Run(() => analyzer.Analyze(upload.OpenRead(), cancellationToken), cancellationToken);
                track = AudioTrack.Of(analysis);
            }
            catch (AudioRejectedException ex)
            {
                Log.Rejected(logger, ex.Problem.Code());
                return Problems.BadAudio(ex);
            }

            if (request.Query[GenreQuery].ToString() is { Length: > 0 } genre)
            {
                track[TrackJson.GenreField] = genre;
            }

            return Score(analysis, track, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.Failed(logger, ex);
            return Problems.Unexpected();
        }
    }

    private IResult Score(AudioAnalysis analysis, System.Text.Json.Nodes.JsonObject track, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!pool.TryRent(out var lease))
        {
            return Problems.NotReady(refresher.Status.NotReadyReason() ?? "No model is loaded yet.", settings.RetryAfterSeconds);
        }

        using (lease)
        {
            var family = lease.Generation.Family;
            var errors = new List<FieldError>();
            using var document = JsonDocument.Parse(track.ToJsonString());
            var input = TrackJson.Read(document.RootElement, "", family, errors);
            if (input is null)
            {
                return Problems.Validation(errors, "The measured track is invalid.");
            }

            var cost = PredictionCost.Of([input], family);
            if (cost > settings.MaxPredictionsPerRequest)
            {
                return Problems.OverBudget(cost, settings.MaxPredictionsPerRequest, 1, family.CostOf(input), 1, 0, family.AcceptsPartialInput);
            }

            if (!gate.TryEnter(cost, out var expensive))
            {
                return Problems.Busy(cost, settings.ExpensiveRequestPredictions, settings.MaxConcurrentExpensiveRequests, settings.BusyRetryAfterSeconds);
            }

            using (expensive)
            {
                var score = TrackScore.From(lease.PredictBatch([input], cancellationToken)[0]);
                return ServingResult.Json(AudioScore.From(analysis, score));
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Audio rejected: {Reason}", EventName = "AnalyzeRejected")]
        public static partial void Rejected(ILogger logger, string reason);

        [LoggerMessage(2, LogLevel.Error, "Audio analysis failed unexpectedly", EventName = "AnalyzeFailed")]
        public static partial void Failed(ILogger logger, Exception exception);

        [LoggerMessage(3, LogLevel.Warning, "Audio upload refused: all {Slots} analysis slots stayed taken", EventName = "AnalyzeBusy")]
        public static partial void Busy(ILogger logger, int slots);
    }
}

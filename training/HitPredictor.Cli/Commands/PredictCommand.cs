using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using HitPredictor.Training.Features;
using HitPredictor.Training.Packaging;
using HitPredictor.Training.Prediction;
using Microsoft.ML;
using Spectre.Console;

namespace HitPredictor.Cli.Commands;

/// <summary>
/// <c>hitpredictor predict</c>: one track's tier and four probabilities, from flags
/// (<c>--danceability 0.7 ...</c>), from a JSON object on standard input (a Spotify audio-features object works as is),
/// or both: flags override the object's fields.
/// </summary>
internal static class PredictCommand
{
    public static Command Create()
    {
        var model = ModelOption.Create();
        var genre = new Option<string?>("--genre") { Description = "Genre the model knows; leave out to average over all genres." };
        var json = new Option<bool>("--json") { Description = "Print the prediction as JSON." };
        var featureOptions = NumericFeature.All.ToDictionary(
            f => f.Name,
            f => new Option<double?>("--" + f.Name.Replace('_', '-')) { Description = $"{f.Name} ({f.Column.RangeText})" });

        var command = new Command("predict", "Predict one track's tier, from flags or a JSON object on stdin.") { model, genre, json };
        foreach (var option in featureOptions.Values)
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var ml = new MLContext(0);
            var package = ModelPackage.Load(ml, parse.GetValue(model)!.FullName);
            var track = Console.IsInputRedirected ? await ReadStdinAsync(cancellationToken) : new JsonObject();
            foreach (var (name, option) in featureOptions)
            {
                if (parse.GetValue(option) is { } value)
                {
                    track[name] = value;
                }
            }

            if (parse.GetValue(genre) is { } genreName)
            {
                track[TrackJson.GenreField] = genreName;
            }

            if (track.Count == 0)
            {
                throw new UsageException("Give the track as flags (see --help) or pipe a JSON object to standard input.");
            }

            var errors = new List<FieldError>();
            using var document = JsonDocument.Parse(track.ToJsonString());
            var input = TrackJson.Read(document.RootElement, "", package.Card, errors);
            if (input is null)
            {
                throw new UsageException("The track is not valid:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e)));
            }

            using var engine = package.CreateEngine(ml);
            var prediction = TierPredictor.Predict(package, engine, input);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(prediction, ModelCardJson.Options));
                return;
            }

            Write(prediction);
        }));
        return command;
    }

    private static async Task<JsonObject> ReadStdinAsync(CancellationToken cancellationToken)
    {
        var text = await Console.In.ReadToEndAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        try
        {
            return JsonNode.Parse(text) as JsonObject
                ?? throw new UsageException("Standard input must hold one JSON object with the track's features.");
        }
        catch (JsonException ex)
        {
            throw new UsageException($"Standard input is not valid JSON: {ex.Message}");
        }
    }

    private static void Write(TierPrediction prediction)
    {
        AnsiConsole.MarkupLineInterpolated($"Tier: [bold]{prediction.Tier}[/]{(prediction.GenreAveraged ? " (no genre given: averaged over all genres)" : "")}");
        var chart = new BarChart().Width(50);
        foreach (var (tier, probability) in prediction.Probabilities)
        {
            chart.AddItem(tier, Math.Round(probability * 100, 1), tier == prediction.Tier.ToString() ? Color.Green : Color.Grey);
        }

        AnsiConsole.Write(chart);
        AnsiConsole.MarkupLineInterpolated($"[grey]probabilities in %, model {prediction.ModelVersion}[/]");
    }
}

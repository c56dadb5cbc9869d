using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using HitPredictor.Audio;
using HitPredictor.Serving.Audio;
using HitPredictor.Training.Data;
using HitPredictor.Training.Features;
using HitPredictor.Training.Packaging;
using HitPredictor.Training.Prediction;
using Microsoft.ML;
using Spectre.Console;

namespace HitPredictor.Cli.Commands;

/// <summary>
/// <c>hitpredictor predict</c>: one track's tier and four probabilities, from flags
/// (<c>--danceability 0.7 ...</c>), from a JSON object on standard input (a Spotify audio-features object works as is),
/// or both: flags override the object's fields. With <c>--audio FILE</c> the track starts from the file's analysis
/// (<see cref="AudioTrack"/>): the object and the flags may supply or override any field; bad audio exits 2 with one line.
/// </summary>
internal static class PredictCommand
{
    public static Command Create()
    {
        var model = ModelOption.Create();
        var genre = new Option<string?>("--genre") { Description = GenreField.Help };
        var json = new Option<bool>("--json") { Description = "Print the prediction as JSON." };
        var audio = new Option<FileInfo?>("--audio") { Description = "A WAV, MP3 or Ogg Vorbis file to analyse: its measured features are the track's (flags and stdin override them)." };
        var featureOptions = NumericFeature.All.ToDictionary(
            f => f.Name,
            f => new Option<double?>("--" + f.Name.Replace('_', '-')) { Description = Help(f.Column) });

        var command = new Command("predict", "Predict one track's tier, from flags or a JSON object on stdin.") { model, genre, json, audio };
        foreach (var option in featureOptions.Values)
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var ml = new MLContext(0);
            var package = ModelPackage.Load(ml, parse.GetValue(model)!.FullName);
            var analysis = parse.GetValue(audio) is { } file ? await AnalyzeAsync(file, cancellationToken) : null;
            var track = analysis is null ? new JsonObject() : AudioTrack.Of(analysis);
            if (Console.IsInputRedirected)
            {
                foreach (var (name, value) in await ReadStdinAsync(cancellationToken))
                {
                    track[name] = value?.DeepClone();
                }
            }

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
            var input = TrackJson.Read(document.RootElement, "", package.Family, errors);
            if (input is null)
            {
                throw new UsageException("The track is not valid:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e)));
            }

            using var engine = package.CreateEngine(ml);
            var prediction = TierPredictor.Predict(package, engine, input);
            if (parse.GetValue(json))
            {
                Console.WriteLine(analysis is null
                    ? JsonSerializer.Serialize(prediction, ModelCardJson.Options)
                    : WithScore(analysis, prediction).ToJsonString(ModelCardJson.Options));
                return;
            }

            if (analysis is not null)
            {
                AnalyzeCommand.Write(parse.GetValue(audio)!.Name, analysis);
            }

            Write(prediction);
        }));
        return command;
    }

    private static async Task<AudioAnalysis> AnalyzeAsync(FileInfo file, CancellationToken cancellationToken)
    {
        try
        {
            var analysis = await new AudioAnalyzer(new AudioAnalysisOptions()).AnalyzeFileAsync(file.FullName, cancellationToken);
            analysis.ThrowIfSilent();
            return analysis;
        }
        catch (AudioRejectedException ex)
        {
            throw new UsageException($"{file.Name}: {ex.Message}");
        }
    }

    /// <summary>The analysis as <c>analyze --json</c> prints it, with the prediction under <c>score</c>.</summary>
    private static JsonObject WithScore(AudioAnalysis analysis, TierPrediction prediction)
    {
        var result = AnalyzeCommand.ToJson(analysis);
        result["score"] = JsonSerializer.SerializeToNode(prediction, ModelCardJson.Options);
        return result;
    }

    /// <summary>The schema's hint and rule: <c>Estimated beats per minute. (0 to 300 BPM)</c>; a flag is given as 1 or 0 here.</summary>
    private static string Help(TrackColumn column) =>
        $"{column.Help} ({(column.Kind == TrackValueKind.Flag ? "1 or 0" : column.Expected)})";

    private static async Task<JsonObject> ReadStdinAsync(CancellationToken cancellationToken)
    {
        var text = await Console.In.ReadToEndAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new UsageException($"Standard input is not valid JSON: {ex.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new UsageException("Standard input must hold one JSON object with the track's features.");
            }

            var errors = new List<FieldError>();
            TrackJson.CheckMembers(document.RootElement, "", errors);
            if (errors.Count > 0)
            {
                throw new UsageException("The track is not valid:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e)));
            }

            return JsonObject.Create(document.RootElement.Clone())!;
        }
    }

    private static void Write(TierPrediction prediction)
    {
        AnsiConsole.MarkupLineInterpolated($"Tier: [bold]{prediction.Tier}[/]{(prediction.GenreAveraged ? " (no genre given: averaged over all genres)" : "")}");
        AnsiConsole.MarkupLineInterpolated(
            $"Unknown: {(prediction.Missing.Count == 0 ? "nothing (every input given)" : string.Join(", ", prediction.Missing))}; answered by the [bold]{prediction.Model}[/] model");
        var chart = new BarChart().Width(50);
        foreach (var (tier, probability) in prediction.Probabilities)
        {
            chart.AddItem(tier, Math.Round(probability * 100, 1), tier == prediction.Tier.ToString() ? Color.Green : Color.Grey);
        }

        AnsiConsole.Write(chart);
        if (prediction.PredictionSet.Tiers.Count > 0)
        {
            AnsiConsole.MarkupLineInterpolated(
                $"Likely: [bold]{string.Join(" or ", prediction.PredictionSet.Tiers)}[/] ({prediction.PredictionSet.Level * 100:0.#} % prediction set)");
        }

        AnsiConsole.MarkupLineInterpolated($"[grey]probabilities in %, model {prediction.ModelVersion}[/]");
    }
}

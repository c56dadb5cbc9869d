using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using HitPredictor.Audio;
using Spectre.Console;

namespace HitPredictor.Cli.Commands;

/// <summary>
/// <c>hitpredictor analyze FILE [--json]</c>: the features measured from an audio file (WAV, MP3, Ogg Vorbis;
/// told from the bytes). Bad audio exits 2 with one line saying why.
/// </summary>
internal static class AnalyzeCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A WAV, MP3 or Ogg Vorbis file." };
        var json = new Option<bool>("--json") { Description = "Print the analysis as JSON." };
        var command = new Command("analyze", "Measure duration, loudness, tempo, key and mode of an audio file.") { file, json };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var path = parse.GetValue(file)!;
            AudioAnalysis analysis;
            try
            {
                analysis = await new AudioAnalyzer(new AudioAnalysisOptions()).AnalyzeFileAsync(path.FullName, cancellationToken);
            }
            catch (AudioRejectedException ex)
            {
                throw new UsageException($"{path.Name}: {ex.Message}");
            }

            if (parse.GetValue(json))
            {
                Console.WriteLine(ToJson(analysis).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                return;
            }

            Write(path.Name, analysis);
        }));
        return command;
    }

    /// <summary>The contract of issue #11: features, measured, assumed, unmeasured (with reasons), warnings, source.</summary>
    public static JsonObject ToJson(AudioAnalysis analysis)
    {
        var features = new JsonObject();
        foreach (var (name, value) in analysis.Features())
        {
            features[name] = name is AudioAnalysis.LoudnessField or AudioAnalysis.TempoField ? JsonValue.Create(value) : JsonValue.Create((long)value);
        }

        var unmeasured = new JsonObject();
        foreach (var (name, reason) in analysis.Unmeasured)
        {
            unmeasured[name] = reason;
        }

        return new JsonObject
        {
            ["features"] = features,
            ["measured"] = new JsonArray([.. analysis.Measured.Select(m => JsonValue.Create(m))]),
            ["assumed"] = new JsonArray([.. analysis.Assumed.Select(a => JsonValue.Create(a))]),
            ["unmeasured"] = unmeasured,
            ["warnings"] = new JsonArray([.. analysis.Warnings.Select(w => JsonValue.Create(w))]),
            ["source"] = new JsonObject
            {
                ["format"] = analysis.Format.ToString(),
                ["sample_rate"] = analysis.SampleRate,
                ["channels"] = analysis.Channels,
            },
        };
    }

    /// <summary>The analysis as a table: each feature, its value and whether it was measured or assumed; then the warnings.</summary>
    public static void Write(string name, AudioAnalysis analysis)
    {
        AnsiConsole.MarkupLineInterpolated($"[bold]{name}[/]: {analysis.Format}, {analysis.SampleRate:N0} Hz, {analysis.Channels} channel(s)");
        var table = new Table().AddColumns("feature", "value", "how");
        foreach (var (feature, value) in analysis.Features())
        {
            var how = analysis.Assumed.Contains(feature) ? "assumed" : "measured";
            table.AddRow(feature, value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture), how);
        }

        foreach (var (feature, reason) in analysis.Unmeasured)
        {
            table.AddRow(feature, "-", Markup.Escape("unmeasured: " + reason));
        }

        AnsiConsole.Write(table);
        foreach (var warning in analysis.Warnings)
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]warning:[/] {warning}");
        }
    }
}

using System.CommandLine;

namespace HitPredictor.Cli.Commands;

/// <summary>The <c>--model</c> option every scoring command shares.</summary>
internal static class ModelOption
{
    public static Option<DirectoryInfo> Create() => new("--model")
    {
        Description = "Folder with model.zip and card.json (written by `hitpredictor train`).",
        DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("artifacts", "model")),
    };
}

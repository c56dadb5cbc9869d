using System.CommandLine;
using System.CommandLine.Invocation;
using HitPredictor.Cli;
using HitPredictor.Cli.Commands;

var root = new RootCommand("Hit Predictor: sorts tracks into Viral / Hit / Mid / Flop from their audio features and genre.")
{
    TrainCommand.Create(),
    EvaluateCommand.Create(),
    PredictCommand.Create(),
    ScoreCommand.Create(),
    SampleCommand.Create(),
    ReportCommand.Create(),
    PublishCommand.Create(),
    ModelsCommand.Create(),
    RetrainCommand.Create(),
    CatalogCommand.Create(),
    ServeCommand.Create(),
    AnalyzeCommand.Create(),
};

var parse = root.Parse(args);
return parse.Action is ParseErrorAction ? UsageErrors.Report(parse) : await parse.InvokeAsync();

using AwesomeAssertions;
using HitPredictor.Tests.Support;
using HitPredictor.Training.Packaging;

namespace HitPredictor.Tests.Cli;

public sealed class CliTests(SampleModelFixture sample)
{
    [Fact]
    public async Task Train_BadCutoffs_ExitsTwoNamingTheOption()
    {
        var outcome = await CliRunner.RunAsync(null, "train", "--cutoffs", "30,50,70");

        outcome.ExitCode.Should().Be(2);
        outcome.Output.Should().Contain("--cutoffs").And.Contain("strictly decreasing");
    }

    [Fact]
    public async Task Train_FileMissingColumns_ExitsTwoListingThem()
    {
        using var temp = new TempDirectory();
        var data = temp.Write("bad.csv", "track_name,artists\nA,B\n");

        var outcome = await CliRunner.RunAsync(null, "train", "--data", data, "--out", temp.File("model"));

        outcome.ExitCode.Should().Be(2);
        outcome.Output.Should().Contain("missing").And.Contain("popularity");
    }

    [Fact]
    public async Task Train_Sample_WritesModelAndCard()
    {
        using var temp = new TempDirectory();

        var outcome = await CliRunner.RunAsync(null, "train", "--out", temp.Path, "--trees", "5", "--leaves", "20", "--no-artist-split");

        outcome.ExitCode.Should().Be(0, outcome.Output);
        outcome.Output.Should().Contain("built-in sample").And.Contain("accuracy").And.Contain("7,410");
        File.Exists(temp.File(ModelPackage.ModelFileName)).Should().BeTrue();
        ModelCardJson.Deserialize(await File.ReadAllTextAsync(temp.File(ModelPackage.CardFileName), TestContext.Current.CancellationToken))
            .Trainer.Settings["trees"].ToString().Should().Be("5");
    }

    [Fact]
    public async Task Predict_Flags_PrintsTierAndFourProbabilities()
    {
        var outcome = await CliRunner.RunAsync(null,
            "predict", "--model", sample.Directory, "--json", "--genre", "pop",
            "--danceability", "0.7", "--energy", "0.8", "--loudness", "-5", "--tempo", "120", "--speechiness", "0.05",
            "--acousticness", "0.1", "--instrumentalness", "0", "--liveness", "0.1", "--valence", "0.6", "--duration-ms", "200000",
            "--key", "5", "--mode", "1", "--time-signature", "4", "--explicit", "0");

        outcome.ExitCode.Should().Be(0, outcome.Output);
        outcome.Output.Should().MatchRegex("\"tier\": \"(Viral|Hit|Mid|Flop)\"").And.Contain("\"Viral\"").And.Contain("\"Hit\"").And.Contain("\"Mid\"").And.Contain("\"Flop\"");
    }

    [Fact]
    public async Task Predict_Text_NamesThePredictionSetAndItsLevel()
    {
        string[] track = ["--model", sample.Directory, "--genre", "pop", "--danceability", "0.7", "--energy", "0.8", "--loudness", "-5",
            "--tempo", "120", "--speechiness", "0.05", "--acousticness", "0.1", "--instrumentalness", "0", "--liveness", "0.1",
            "--valence", "0.6", "--duration-ms", "200000", "--key", "5", "--mode", "1", "--time-signature", "4", "--explicit", "0"];
        var json = await CliRunner.RunAsync(null, ["predict", "--json", .. track]);
        var set = System.Text.Json.Nodes.JsonNode.Parse(json.Output)!["predictionSet"]!;
        var tiers = set["tiers"]!.AsArray().Select(t => t!.GetValue<string>()).ToArray();
        var level = set["level"]!.GetValue<double>();

        var text = await CliRunner.RunAsync(null, ["predict", .. track]);

        text.ExitCode.Should().Be(0, text.Output);
        tiers.Should().NotBeEmpty();
        text.Output.Should().Contain(FormattableString.Invariant($"Likely: {string.Join(" or ", tiers)} ({level * 100:0.#} % prediction set)"));
    }

    [Fact]
    public async Task Predict_JsonOnStdinWithBadField_ExitsTwoNamingIt()
    {
        const string track = """
            {"danceability": 0.7, "energy": 0.8, "loudness": -5, "tempo": -4, "speechiness": 0.05, "acousticness": 0.1,
             "instrumentalness": 0, "liveness": 0.1, "valence": 0.6, "duration_ms": 200000, "key": 5, "mode": 1, "time_signature": 4, "explicit": false}
            """;

        var outcome = await CliRunner.RunAsync(track, "predict", "--model", sample.Directory);

        outcome.ExitCode.Should().Be(2);
        outcome.Output.Should().Contain("tempo: must be 0 to 300 BPM, got -4");
    }

    [Fact]
    public async Task Predict_GenreFlagWithJsonOnStdin_MergesThemAndExitsZero()
    {
        const string track = """
            {"danceability": 0.7, "energy": 0.8, "loudness": -5, "tempo": 118, "speechiness": 0.05, "acousticness": 0.1,
             "instrumentalness": 0, "liveness": 0.1, "valence": 0.6, "duration_ms": 200000, "key": 5, "mode": 1, "time_signature": 4, "explicit": false}
            """;

        var outcome = await CliRunner.RunAsync(track, "predict", "--model", sample.Directory, "--json", "--genre", "pop", "--tempo", "121");

        outcome.ExitCode.Should().Be(0, outcome.Output);
        outcome.Output.Should().MatchRegex("\"tier\": \"(Viral|Hit|Mid|Flop)\"");
    }

    [Fact]
    public async Task Predict_MissingModel_ExitsTwoSayingHowToTrain()
    {
        using var temp = new TempDirectory();

        var outcome = await CliRunner.RunAsync("{}", "predict", "--model", temp.Path);

        outcome.ExitCode.Should().Be(2);
        outcome.Output.Should().Contain("hitpredictor train");
    }

    [Fact]
    public async Task Score_CsvWithBadRows_ScoresTheRestKeepsEveryRowAndReportsEachBadLine()
    {
        using var temp = new TempDirectory();
        var input = temp.Write("in.csv", Csv.File(
            Csv.Row(0, track: "\"Good, one\""),
            Csv.Row(1, tempo: "fast"),
            Csv.Row(2, genre: "polka"),
            Csv.Row(3, genre: ""),
            Csv.Row(4, duration: "200")));
        var output = temp.File("out.csv");

        var outcome = await CliRunner.RunAsync(null, "score", "--model", sample.Directory, "--in", input, "--out", output);

        outcome.ExitCode.Should().Be(0, outcome.Output);
        outcome.Output.Should().Contain("line 3, tempo").And.Contain("line 4, track_genre").And.Contain("line 6, duration_ms")
            .And.Contain("3 of 5 rows not scored").And.Contain("Scored 2 of 5");
        var lines = await File.ReadAllLinesAsync(output, TestContext.Current.CancellationToken);
        lines[0].Should().EndWith("track_genre,predicted_tier,p_viral,p_hit,p_mid,p_flop,prediction_set,genre_averaged,missing,model,error");
        lines.Should().HaveCount(6);
        lines[1].Should().Contain("\"Good, one\"").And.MatchRegex(",(Viral|Hit|Mid|Flop)(\\|(Viral|Hit|Mid|Flop))*,False,,full,$");
        lines[4].Should().MatchRegex(",False,(track_)?genre,no-genre,$", "a track without genre is answered by the member trained without it");
        lines[5].Should().EndWith(",,,,,,,,,,\"duration_ms: must be in milliseconds, 1,000 to 3,600,000 ms; 200 looks like seconds: send 200000\"");
    }

    [Fact]
    public async Task Score_NoRowScorable_ExitsTwo()
    {
        using var temp = new TempDirectory();
        var input = temp.Write("in.csv", Csv.File(Csv.Row(0, duration: "200")));

        var outcome = await CliRunner.RunAsync(null, "score", "--model", sample.Directory, "--in", input, "--out", temp.File("out.csv"));

        outcome.ExitCode.Should().Be(2, outcome.Output);
        outcome.Output.Should().Contain("No row could be scored");
    }

    [Fact]
    public async Task Evaluate_Sample_PrintsMetricsAgainstBaseline()
    {
        var outcome = await CliRunner.RunAsync(null, "evaluate", "--model", sample.Directory);

        outcome.ExitCode.Should().Be(0, outcome.Output);
        outcome.Output.Should().Contain("accuracy").And.Contain("baseline").And.Contain("flatter");
    }

    [Fact]
    public async Task Evaluate_Json_PrintsOneObjectWithTheCardsShapes()
    {
        var outcome = await CliRunner.RunAsync(null, "evaluate", "--model", sample.Directory, "--json");

        outcome.ExitCode.Should().Be(0, outcome.Output);
        var report = System.Text.Json.Nodes.JsonNode.Parse(outcome.Output)!.AsObject();
        report.Select(p => p.Key).Should().Contain(["accuracy", "macroF1", "logLoss", "perTier", "calibration", "predictionSets"]);
        report["accuracy"]!.GetValue<double>().Should().BeInRange(0, 1);
        report["perTier"]!.AsObject().Select(p => p.Key).Should().Equal("Viral", "Hit", "Mid", "Flop");
        report["calibration"]!["bins"]!.GetValue<int>().Should().Be(10);
        report["calibration"]!["perTier"]!["Viral"]!["ece"]!.GetValue<double>().Should().BeInRange(0, 1);
        report["calibration"]!["perTier"]!["Flop"]!.AsObject().Select(p => p.Key).Should().Equal("ece", "maxGap");
        report["predictionSets"]!["level"]!.GetValue<double>().Should().Be(0.9);
        report["predictionSets"]!["coverage"]!.GetValue<double>().Should().BeInRange(0, 1);
        report["predictionSets"]!["perTier"]!["Hit"]!["coverage"]!.GetValue<double>().Should().BeInRange(0, 1);
        report["trainingDataset"]!.GetValue<bool>().Should().BeTrue("the sample model was trained on the built-in sample");
    }
}

using System.Text.Json.Nodes;
using AwesomeAssertions;
using HitPredictor.Tests.Serving;
using HitPredictor.Tests.Support;
using HitPredictor.Training.Family;
using HitPredictor.Training.Features;
using HitPredictor.Training.Packaging;
using HitPredictor.Training.Prediction;

namespace HitPredictor.Tests.Family;

/// <summary>The family of models for partial input: which member answers, how gaps are integrated out, what the card and the package hold.</summary>
public sealed class ModelFamilyTests(SampleModelFixture sample)
{
    private static readonly string[] Six = ["loudness", "tempo", "duration_ms", "key", "mode", "time_signature"];

    /// <summary>A complete test track with only <paramref name="keep"/> of the knowable features left (the others NaN).</summary>
    private ModelInput Track(IEnumerable<string> keep, string genre = "pop")
    {
        var input = ModelInput.From(sample.Result.Split.Test[0].Track);
        var kept = keep.ToHashSet();
        foreach (var feature in ModelFamily.Knowable.Where(f => !kept.Contains(f.Name)))
        {
            feature.Set(input, float.NaN);
        }

        input.Genre = genre;
        return input;
    }

    private static IEnumerable<string> All => ModelFamily.Knowable.Select(f => f.Name);

    [Theory]
    [InlineData("all", "pop", "full", "")]
    [InlineData("all", "", "no-genre", "")]
    [InlineData("six", "pop", "audio", "")]
    [InlineData("six", "", "audio-no-genre", "")]
    [InlineData("ten", "pop", "full", "key,mode,time_signature")]
    [InlineData("ten", "", "no-genre", "key,mode,time_signature")]
    [InlineData("tempo", "pop", "audio", "loudness,duration_ms,key,mode,time_signature")]
    [InlineData("danceability", "", "no-genre", "loudness,tempo,duration_ms,key,mode,time_signature,energy,speechiness,acousticness,instrumentalness,liveness,valence")]
    public void Choose_GivenInputs_MemberUsingTheMostWithTheFewestGaps(string given, string genre, string member, string gaps)
    {
        string[] keep = given switch
        {
            "all" => [.. All],
            "six" => Six,
            "ten" => [.. All.Except(["key", "mode", "time_signature"])],
            _ => [given],
        };

        var choice = sample.Package.Family.Choose(Track(keep, genre));

        choice.Member.Name.Should().Be(member);
        choice.Gaps.Select(g => g.Name).Should().BeEquivalentTo(gaps.Split(',', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void MissingOf_PartialTrack_ListsUnknownFieldsInSchemaOrderThenGenre()
    {
        var missing = ModelFamily.MissingOf(Track(All.Except(["valence", "danceability"]), genre: ""));

        missing.Should().Equal("danceability", "valence", "genre");
        ModelFamily.MissingOf(Track(All)).Should().BeEmpty();
    }

    [Fact]
    public void Predict_TrackWithGaps_IsTheMeanOfTheMembersCalibratedAnswersOverTheGenresRows()
    {
        // Arrange
        var family = sample.Package.Family;
        var input = Track(All.Except(["key", "mode"]), genre: "rock");
        using var engine = sample.Package.CreateEngine(sample.Ml);
        var member = family.Members.Single(m => m.Name == "full");
        var rows = family.Sample!.RowsFor("rock");
        var expected = new double[4];
        foreach (var row in rows)
        {
            var probe = input.Clone();
            probe.Key = row[ModelFamily.Knowable.ToList().IndexOf(NumericFeature.Key)];
            probe.Mode = row[ModelFamily.Knowable.ToList().IndexOf(NumericFeature.Mode)];
            var calibrated = member.Calibration.Calibrator.Calibrate(engine.Predict(probe).Probabilities);
            for (var t = 0; t < 4; t++)
            {
                expected[t] += calibrated[t] / rows.Count;
            }
        }

        // Act
        var first = TierPredictor.Predict(sample.Package, engine, input);
        var second = TierPredictor.Predict(sample.Package, engine, input);

        // Assert
        rows.Count.Should().Be(IntegrationSample.DefaultCount);
        first.Model.Should().Be("full");
        first.Missing.Should().Equal("key", "mode");
        first.Probabilities.Values.Should().Equal(second.Probabilities.Values);
        first.Probabilities.Values.Zip(expected).Should().AllSatisfy(p => p.First.Should().BeApproximately(p.Second, 1e-5));
    }

    [Fact]
    public void Draw_SameSeed_SameRows_OtherSeed_OtherRows()
    {
        var tracks = sample.Result.Split.Train.Select(t => t.Track).ToArray();

        var a = IntegrationSample.Draw(tracks, 8, seed: 7);
        var b = IntegrationSample.Draw(tracks, 8, seed: 7);
        var c = IntegrationSample.Draw(tracks, 8, seed: 8);

        a.ToJson().Should().Equal(b.ToJson());
        a.ToJson().Should().NotEqual(c.ToJson());
        a.RowsFor("pop").Should().HaveCount(8).And.AllSatisfy(r => r.Should().HaveCount(ModelFamily.Knowable.Count));
        a.RowsFor("no-such-genre").Should().BeSameAs(a.RowsFor(""));
    }

    [Fact]
    public void Card_Sample_ListsEveryMemberWithItsInputsAndHeldOutFigures()
    {
        var card = sample.Package.Card;

        card.Members.Select(m => m.Name).Should().Equal("full", "no-genre", "audio", "audio-no-genre");
        card.Members[0].Accuracy.Should().BeApproximately(card.Metrics.Accuracy, 1e-6);
        card.Members[2].Inputs.Should().Equal([.. Six, "genre"]);
        card.Members[3].Inputs.Should().Equal(Six);
        card.Members.Should().AllSatisfy(m =>
        {
            m.Accuracy.Should().BeInRange(0, 1);
            m.ViralOrHitAuc.Should().BeInRange(0, 1);
            m.PredictionSets.Level.Should().Be(0.9);
        });
    }

    [Fact]
    public void Load_SavedPackage_SameAnswersForPartialTracks()
    {
        var loaded = ModelPackage.Load(sample.Ml, sample.Directory);
        using var engine = sample.Package.CreateEngine(sample.Ml);
        using var loadedEngine = loaded.CreateEngine(sample.Ml);

        foreach (var input in new[] { Track(Six), Track(Six, genre: ""), Track(["tempo", "energy"]), Track(All, genre: "") })
        {
            var saved = TierPredictor.Predict(loaded, loadedEngine, input);
            var trained = TierPredictor.Predict(sample.Package, engine, input);
            saved.Should().BeEquivalentTo(trained);
        }
    }

    [Fact]
    public async Task Score_TrackWithNoInput_Returns400NamingTheTrack()
    {
        using var harness = new ScoringHarness(sample);

        var single = await harness.ScoreAsync(new JsonObject { ["explicit"] = true });
        var batch = await harness.ScoreAsync(new JsonArray(ServingTestData.Track(), new JsonObject()));

        single.StatusCode.Should().Be(400);
        ScoringHarness.Errors(single)["$"].Single().Should().Contain("gives none of the track's inputs").And.Contain("genre, danceability");
        ScoringHarness.Errors(batch).Keys.Should().Equal("tracks[1]");
    }

    [Fact]
    public async Task Score_PartialTracks_SayWhatWasMissingAndWhichModelAnswered()
    {
        using var harness = new ScoringHarness(sample);
        var audio = new JsonObject { ["loudness"] = -6, ["tempo"] = 120, ["duration_ms"] = 200_000, ["key"] = 5, ["mode"] = 1, ["time_signature"] = 4 };
        var audioWithGenre = audio.DeepClone();
        audioWithGenre["genre"] = "pop";
        var badTempo = audio.DeepClone();
        badTempo["tempo"] = -4;

        var body = ScoringHarness.Body(await harness.ScoreAsync(new JsonArray(audio, audioWithGenre)));
        var refused = await harness.ScoreAsync(badTempo);

        var results = body["results"]!.AsArray();
        results[0]!["model"]!.GetValue<string>().Should().Be("audio-no-genre");
        results[0]!["missing"]!.AsArray().Select(m => m!.GetValue<string>()).Should().Equal(
            "danceability", "energy", "speechiness", "acousticness", "instrumentalness", "liveness", "valence", "genre");
        results[1]!["model"]!.GetValue<string>().Should().Be("audio");
        results[1]!["missing"]!.AsArray().Should().HaveCount(7);
        ScoringHarness.Errors(refused)["tempo"].Single().Should().Contain("0 to 300 BPM");
    }
}

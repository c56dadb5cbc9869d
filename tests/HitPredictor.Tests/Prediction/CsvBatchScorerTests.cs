using System.Globalization;
using AwesomeAssertions;
using HitPredictor.Tests.Serving;
using HitPredictor.Tests.Support;
using HitPredictor.Training.Data;
using HitPredictor.Training.Features;
using HitPredictor.Training.Prediction;

namespace HitPredictor.Tests.Prediction;

public sealed class CsvBatchScorerTests(SampleModelFixture sample)
{
    [Fact]
    public async Task Score_DurationInSeconds_KeepsRowWithTheApisMessageInTheErrorColumn()
    {
        // Arrange
        using var temp = new TempDirectory();
        var input = temp.Write("in.csv", Csv.File(Csv.Row(0), Csv.Row(1, duration: "200"), Csv.Row(2, genre: "")));
        var output = temp.File("out.csv");
        using var harness = new ScoringHarness(sample);
        var track = ServingTestData.Track();
        track["duration_ms"] = 200;
        var api = ScoringHarness.Errors(await harness.ScoreAsync(track))["duration_ms"].Single();

        // Act
        var result = await CsvBatchScorer.ScoreAsync(sample.Ml, sample.Package, input, output, TestContext.Current.CancellationToken);

        // Assert
        result.Should().BeEquivalentTo(new { RowsRead = 3, Scored = 2, RejectedCount = 1 });
        result.Rejected.Single().Should().Be(new RejectedRow(3, "duration_ms", api));
        var rows = ScoredCsv.ReadRows(output);
        rows.Select(r => r["track_id"]).Should().Equal("id0", "id1", "id2");
        rows[1][CsvBatchScorer.ErrorColumn].Should().Be("duration_ms: " + api);
        rows[1][CsvBatchScorer.TierColumn].Should().BeEmpty();
        rows[1]["p_viral"].Should().BeEmpty();
        rows[0][CsvBatchScorer.ErrorColumn].Should().BeEmpty();
        rows[0][CsvBatchScorer.TierColumn].Should().BeOneOf("Viral", "Hit", "Mid", "Flop");
        rows[2][CsvBatchScorer.MissingColumn].Should().Be("genre");
        rows[2][CsvBatchScorer.ModelColumn].Should().Be("no-genre");
        rows[0][CsvBatchScorer.MissingColumn].Should().BeEmpty();
        rows[0][CsvBatchScorer.ModelColumn].Should().Be("full");
    }

    [Fact]
    public async Task Score_BadRowsOfEveryKind_KeptInInputOrderWithReasons()
    {
        using var temp = new TempDirectory();
        var input = temp.Write("in.csv", Csv.File(Csv.Row(0, tempo: "fast"), "1,2,3", Csv.Row(2, genre: "polka-trance"), Csv.Row(3)));
        var output = temp.File("out.csv");

        var result = await CsvBatchScorer.ScoreAsync(sample.Ml, sample.Package, input, output, TestContext.Current.CancellationToken);

        result.Scored.Should().Be(1);
        var errors = ScoredCsv.ReadRows(output).Select(r => r[CsvBatchScorer.ErrorColumn]).ToArray();
        errors.Should().HaveCount(4);
        errors[0].Should().Be("tempo: must be a number (0 to 300 BPM), got 'fast'");
        errors[1].Should().Be("has 3 fields, the header has 21");
        errors[2].Should().StartWith("track_genre: 'polka-trance' is not a genre the model knows; closest:");
        errors[3].Should().BeEmpty();
    }

    [Fact]
    public async Task Score_FileWithoutSomeColumns_ScoresEveryRowSayingWhatWasMissing()
    {
        // Arrange: an export without key, mode and time_signature; the second row's tempo cell empty
        using var temp = new TempDirectory();
        var input = temp.Write("in.csv",
            "track_name,danceability,energy,loudness,speechiness,acousticness,instrumentalness,liveness,valence,tempo,duration_ms,track_genre\n" +
            "One,0.7,0.8,-5,0.05,0.1,0,0.1,0.6,120,200000,pop\n" +
            "Two,0.7,0.8,-5,0.05,0.1,0,0.1,0.6,,200000,\n");
        var output = temp.File("out.csv");

        // Act
        var result = await CsvBatchScorer.ScoreAsync(sample.Ml, sample.Package, input, output, TestContext.Current.CancellationToken);

        // Assert
        result.Should().BeEquivalentTo(new { RowsRead = 2, Scored = 2, RejectedCount = 0 });
        var rows = ScoredCsv.ReadRows(output);
        rows[0][CsvBatchScorer.MissingColumn].Should().Be("key|mode|time_signature");
        rows[0][CsvBatchScorer.ModelColumn].Should().Be("full");
        rows[1][CsvBatchScorer.MissingColumn].Should().Be("tempo|key|mode|time_signature|genre");
        rows[1][CsvBatchScorer.ModelColumn].Should().Be("no-genre");
    }

    [Fact]
    public async Task Score_FileWithNoInputColumn_RefusedNamingTheColumns()
    {
        using var temp = new TempDirectory();
        var input = temp.Write("in.csv", "track_name,artists\nOne,Someone\n");

        var act = () => CsvBatchScorer.ScoreAsync(sample.Ml, sample.Package, input, temp.File("out.csv"), TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<DatasetFormatException>()).WithMessage("*none of the track's input columns*track_genre, danceability*");
    }

    [Fact]
    public async Task Score_HugeGenre_RefusedWithoutEchoingIt()
    {
        using var temp = new TempDirectory();
        var input = temp.Write("in.csv", Csv.File(Csv.Row(0, genre: new string('x', 100_000))));
        var output = temp.File("out.csv");

        var result = await CsvBatchScorer.ScoreAsync(sample.Ml, sample.Package, input, output, TestContext.Current.CancellationToken);

        result.Scored.Should().Be(0);
        result.Rejected.Single().Reason.Should().Be($"is 100,000 characters long; a genre name has at most {GenreField.MaxLength}");
    }

    [Fact]
    public async Task Score_FileOfSeveralBlocks_GivesEachRowWhatScoringItAloneGives()
    {
        // Arrange: 2,600 rows (more than two blocks): complete, without a genre, without a tempo, a bad tempo, an unknown genre
        using var temp = new TempDirectory();
        var rows = Enumerable.Range(0, 2_600).Select(i =>
        {
            var danceability = ((i % 97) / 97.0).ToString("0.000", CultureInfo.InvariantCulture);
            var tempo = (60 + (i % 150)).ToString(CultureInfo.InvariantCulture);
            var loudness = (-(i % 30)).ToString(CultureInfo.InvariantCulture);
            return (i % 10) switch
            {
                0 => Csv.Row(i, genre: "", danceability: danceability, tempo: tempo, loudness: loudness),
                1 => Csv.Row(i, danceability: danceability, tempo: "", loudness: loudness),
                2 => Csv.Row(i, danceability: danceability, tempo: "fast", loudness: loudness),
                3 => Csv.Row(i, genre: "polka-trance", danceability: danceability, tempo: tempo, loudness: loudness),
                _ => Csv.Row(i, genre: i % 3 == 0 ? "rock" : "pop", danceability: danceability, tempo: tempo, loudness: loudness),
            };
        }).ToArray();
        var input = temp.Write("in.csv", Csv.File(rows));
        var output = temp.File("out.csv");
        using var engine = sample.Package.CreateEngine(sample.Ml);
        var tracks = new TrackCsvReader(CsvBatchScorer.ReaderOptions(sample.Package)).Read(input, TestContext.Current.CancellationToken).Tracks
            .ToDictionary(t => t.LineNumber - 2);

        // Act
        var result = await CsvBatchScorer.ScoreAsync(sample.Ml, sample.Package, input, output, TestContext.Current.CancellationToken);

        // Assert
        result.Should().BeEquivalentTo(new { RowsRead = 2_600, Scored = 2_080, RejectedCount = 520 });
        var scored = ScoredCsv.ReadRows(output);
        scored.Select(r => r["track_id"]).Should().Equal(Enumerable.Range(0, 2_600).Select(i => "id" + i.ToString(CultureInfo.InvariantCulture)));
        for (var i = 0; i < scored.Count; i++)
        {
            var row = scored[i];
            if (i % 10 is 2 or 3)
            {
                row[CsvBatchScorer.ErrorColumn].Should().NotBeEmpty();
                row[CsvBatchScorer.TierColumn].Should().BeEmpty();
                row["p_hit"].Should().BeEmpty();
                continue;
            }

            var track = tracks[i];
            var alone = ModelInput.From(track);
            alone.Explicit = 0;
            alone.Genre = track.Genre;
            var expected = TierPredictor.Predict(engine, sample.Package.Family, alone);
            row[CsvBatchScorer.ErrorColumn].Should().BeEmpty();
            row[CsvBatchScorer.TierColumn].Should().Be(expected.Tier.ToString(), "row {0}", i);
            foreach (var (tier, probability) in expected.Probabilities)
            {
                row["p_" + tier.ToLowerInvariant()].Should().Be(probability.ToString("0.0000", CultureInfo.InvariantCulture), "row {0}", i);
            }

            row[CsvBatchScorer.PredictionSetColumn].Should().Be(string.Join('|', expected.PredictionSet.Tiers));
            row[CsvBatchScorer.MissingColumn].Should().Be(string.Join('|', expected.Missing));
            row[CsvBatchScorer.ModelColumn].Should().Be(expected.Model);
        }

        scored.Select(r => r[CsvBatchScorer.ModelColumn]).Distinct().Should().HaveCountGreaterThan(1, "partial rows are answered by other members");
    }
}

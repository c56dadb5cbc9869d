using System.Text;
using AwesomeAssertions;
using HitPredictor.Tests.Support;
using HitPredictor.Training.Data;
using HitPredictor.Training.Features;
using HitPredictor.Training.Hygiene;

namespace HitPredictor.Tests.Hygiene;

public sealed class DatasetCleanerTests
{
    [Fact]
    public void Clean_CraftedFile_CountsEveryStepInOrder()
    {
        var csv = Csv.File(
            Csv.Row(0, track: "A", artists: "X"),
            Csv.Row(1, track: "Noise", genre: "sleep"),
            Csv.Row(2, track: "Rain", genre: "Sleep"),
            Csv.Row(3, track: "", artists: "X"),
            Csv.Row(4, track: "B", artists: ""),
            Csv.Row(5, track: "C", danceability: ""),
            Csv.Row(6, track: "A", artists: "X", genre: "rock"),
            Csv.Row(7, track: "A", artists: "Y"),
            Csv.Row(8, track: "D", tempo: "oops"));
        var read = new TrackCsvReader(TrackCsvReaderOptions.ForTraining(FeatureSet.Extended.Numeric.Select(f => f.Name)))
            .Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), TestContext.Current.CancellationToken);

        var clean = DatasetCleaner.Clean(read, FeatureSet.Extended, new HygieneOptions());

        clean.Counts.Should().BeEquivalentTo(new
        {
            RowsRead = 9,
            RejectedRows = 1,
            AfterExcludedGenres = 6,
            AfterIncomplete = 3,
            AfterDeduplication = 2,
            DuplicatesRemoved = 1,
        });
        clean.Tracks.Select(t => (t.TrackName, t.Artists, t.Genre)).Should().Equal(("A", "X", "pop"), ("A", "Y", "pop"));
    }

    [Fact]
    public void Clean_NoExcludedGenres_KeepsSleep()
    {
        var read = new TrackCsvReader(TrackCsvReaderOptions.ForTraining(FeatureSet.Continuous.Numeric.Select(f => f.Name)))
            .Read(new MemoryStream(Encoding.UTF8.GetBytes(Csv.File(Csv.Row(0, genre: "sleep")))), TestContext.Current.CancellationToken);

        var clean = DatasetCleaner.Clean(read, FeatureSet.Continuous, new HygieneOptions { ExcludedGenres = [] });

        clean.Tracks.Should().ContainSingle();
    }
}

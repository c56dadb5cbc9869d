using AwesomeAssertions;
using HitPredictor.Training.Data;
using HitPredictor.Training.Modeling;
using HitPredictor.Training.Tiers;

namespace HitPredictor.Tests.Modeling;

public sealed class DataSplitterTests
{
    private static LabelledTrack Track(int line, Tier tier, string artists = "A") =>
        new(new TrackRecord { LineNumber = line, Artists = artists, TrackName = "T" + line }, tier);

    [Fact]
    public void Stratified_HoldsOutTheSameShareOfEachTier()
    {
        var tracks = Enumerable.Range(0, 1000).Select(i => Track(i, i < 50 ? Tier.Viral : i < 300 ? Tier.Hit : i < 600 ? Tier.Mid : Tier.Flop)).ToArray();

        var split = DataSplitter.Stratified(tracks, 0.2, seed: 7);

        split.Test.Count(t => t.Tier == Tier.Viral).Should().Be(10);
        split.Test.Count(t => t.Tier == Tier.Hit).Should().Be(50);
        split.Test.Count(t => t.Tier == Tier.Mid).Should().Be(60);
        split.Test.Count(t => t.Tier == Tier.Flop).Should().Be(80);
        split.Train.Concat(split.Test).Select(t => t.Track.LineNumber).Should().OnlyHaveUniqueItems().And.HaveCount(1000);
    }

    [Fact]
    public void Stratified_SameSeed_SameSplit()
    {
        var tracks = Enumerable.Range(0, 500).Select(i => Track(i, (Tier)(i % 4))).ToArray();

        var first = DataSplitter.Stratified(tracks, 0.2, seed: 3).Test.Select(t => t.Track.LineNumber);
        var second = DataSplitter.Stratified(tracks, 0.2, seed: 3).Test.Select(t => t.Track.LineNumber);
        var other = DataSplitter.Stratified(tracks, 0.2, seed: 4).Test.Select(t => t.Track.LineNumber);

        first.Should().Equal(second);
        first.Should().NotEqual(other);
    }

    [Fact]
    public void ArtistGrouped_NoArtistOnBothSides_EvenThroughCollaborations()
    {
        var tracks = Enumerable.Range(0, 2000)
            .Select(i => Track(i, (Tier)(i % 4), i % 10 == 0 ? $"Artist{i % 97};Artist{(i + 1) % 97}" : $"Artist{i % 131}"))
            .ToArray();

        var split = DataSplitter.ArtistGrouped(tracks, 0.2, seed: 1);

        static IEnumerable<string> Artists(IEnumerable<LabelledTrack> side) => side.SelectMany(t => t.Track.Artists.Split(';'));
        Artists(split.Train).Intersect(Artists(split.Test)).Should().BeEmpty();
        split.Test.Should().NotBeEmpty();
        split.Test.Count.Should().BeLessThanOrEqualTo(400);
    }
}

using AwesomeAssertions;
using HitPredictor.Training.Data;
using HitPredictor.Training.Explanation;
using HitPredictor.Training.Features;
using HitPredictor.Training.Modeling;
using HitPredictor.Training.Packaging;
using HitPredictor.Training.Tiers;

namespace HitPredictor.Tests.Explanation;

public sealed class GenreBenchmarksTests
{
    /// <summary>
    /// Genre "g": 21 Viral-or-Hit tracks at tempo 100, 101, ..., 120 (mode 1 for 15 of them, 0 for 6) and 10 Flop
    /// tracks at tempo 300 that must not count; genre "h": Flop tracks only.
    /// </summary>
    private static GenreBenchmarks Constructed()
    {
        var tracks = new List<LabelledTrack>();
        for (var i = 0; i <= 20; i++)
        {
            tracks.Add(new LabelledTrack(Track("g", tempo: 100 + i, mode: i < 6 ? 0 : 1), i % 2 == 0 ? Tier.Hit : Tier.Viral));
        }

        for (var i = 0; i < 10; i++)
        {
            tracks.Add(new LabelledTrack(Track("g", tempo: 300, mode: 1), Tier.Flop));
            tracks.Add(new LabelledTrack(Track("h", tempo: 90 + i, mode: 1), Tier.Flop));
        }

        return GenreBenchmarks.Learn(tracks, FeatureSet.Default);
    }

    [Theory]
    [InlineData(110f, 50)]
    [InlineData(100f, 0)]
    [InlineData(120f, 100)]
    [InlineData(105.5f, 27.5)]
    [InlineData(99f, 0)]
    [InlineData(250f, 100)]
    public void Percentile_ConstructedGenre_PlacesTempoAmongItsViralAndHitTracksOnly(float tempo, double expected)
    {
        var g = Constructed().Genres["g"];
        var tempoIndex = FeatureSet.Default.Numeric.ToList().FindIndex(f => f.Name == "tempo");

        g.Percentile(tempoIndex, tempo).Should().BeApproximately(expected, 1e-9);
    }

    [Fact]
    public void Percentile_ValueSharedByManyTracks_ReadsAsTheMiddleOfThatShare()
    {
        var g = Constructed().Genres["g"];
        var mode = FeatureSet.Default.Numeric.ToList().FindIndex(f => f.Name == "mode");

        // Quantiles at 0 %, 5 %, ..., 25 % are 0 (tracks 0-5 of 21) and 30 %-100 % are 1: mode 1 sits mid-way, at 65.
        g.Percentile(mode, 1).Should().Be(65);
        g.Percentile(mode, 0).Should().Be(12.5);
    }

    [Fact]
    public void Learn_ConstructedGenres_TypicalIsTheMedianOfAllTracksAndCountsAreByTier()
    {
        var benchmarks = Constructed();
        var tempoIndex = benchmarks.Features.ToList().IndexOf("tempo");

        benchmarks.Genres["g"].Tracks.Should().Be(31);
        benchmarks.Genres["g"].HitTracks.Should().Be(21);
        benchmarks.Genres["g"].Typical[tempoIndex].Should().Be(115);
        benchmarks.Genres["h"].HitTracks.Should().Be(0);
        benchmarks.Genres["h"].HitQuantiles.Should().BeEmpty();
        benchmarks.Genres["h"].Typical[tempoIndex].Should().Be(94.5f);
    }

    [Fact]
    public void FromJson_WhatToJsonWrote_SameBenchmarks()
    {
        var benchmarks = Constructed();

        var read = GenreBenchmarks.From(PackageParts.Empty.With(GenreBenchmarks.PartName, benchmarks.ToJson()))!;

        read.Features.Should().Equal(benchmarks.Features);
        read.Genres.Should().BeEquivalentTo(benchmarks.Genres);
        GenreBenchmarks.From(PackageParts.Empty).Should().BeNull();
    }

    private static TrackRecord Track(string genre, float tempo, float mode) => new()
    {
        LineNumber = 2,
        Genre = genre,
        Popularity = 50,
        DurationMs = 200_000,
        Explicit = 0,
        Danceability = 0.5f,
        Energy = 0.5f,
        Key = 5,
        Loudness = -6,
        Mode = mode,
        Speechiness = 0.05f,
        Acousticness = 0.1f,
        Instrumentalness = 0,
        Liveness = 0.1f,
        Valence = 0.5f,
        Tempo = tempo,
        TimeSignature = 4,
    };
}

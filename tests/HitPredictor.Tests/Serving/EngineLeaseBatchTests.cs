using System.Collections;
using AwesomeAssertions;
using HitPredictor.Serving.Engines;
using HitPredictor.Tests.Support;
using HitPredictor.Training.Features;
using HitPredictor.Training.Prediction;

namespace HitPredictor.Tests.Serving;

public sealed class EngineLeaseBatchTests(SampleModelFixture sample)
{
    /// <summary>Varied tracks over the model's genres; every 25th has no genre, so it is averaged over them all.</summary>
    private ModelInput[] Tracks(int count)
    {
        var genres = sample.Package.Card.Genres;
        return [.. Enumerable.Range(0, count).Select(i => new ModelInput
        {
            Danceability = i % 10 / 10f, Energy = (i * 7 % 10) / 10f, Loudness = -3 - i % 20, Tempo = 80 + i % 100,
            Speechiness = i % 5 / 20f, Acousticness = i % 9 / 10f, Instrumentalness = i % 4 / 10f, Liveness = i % 6 / 10f,
            Valence = i % 11 / 11f, DurationMs = 120_000 + i * 500, Key = i % 12, Mode = i % 2, TimeSignature = 4, Explicit = i % 3 == 0 ? 1 : 0,
            Genre = i % 25 == 0 ? "" : genres[i % genres.Count],
        })];
    }

    [Fact]
    public void PredictBatch_ScoresOnTheLeasesOwnEngine()
    {
        using var pool = new EnginePool(2);
        var generation = pool.Swap(ServingTestData.Load(sample, "v1"), "\"e1\"");
        var tracks = Tracks(300);

        using var lease = pool.Rent();
        var results = lease.PredictBatch(tracks, TestContext.Current.CancellationToken);

        results.Should().BeEquivalentTo(tracks.Select(lease.Predict), o => o.WithStrictOrdering());
        generation.EnginesCreated.Should().Be(1, "a batch is scored on the lease's thread, not shared over more engines");
    }

    [Fact]
    public void PredictBatch_SwapMidBatch_SameResultsInInputOrderAllFromTheLeasesGeneration()
    {
        // Arrange
        using var pool = new EnginePool(2);
        var first = pool.Swap(ServingTestData.Load(sample, "v1"), "\"e1\"");
        var second = ServingTestData.Load(sample, "v2");
        var tracks = Tracks(400);
        var inputs = new SwapOnRead(tracks, at: tracks.Length / 2, () => pool.Swap(second, "\"e2\""));
        TierPrediction[] sequential;
        TierPrediction[] batch;

        // Act
        using (var lease = pool.Rent())
        {
            sequential = [.. tracks.Select(lease.Predict)];
            batch = lease.PredictBatch(inputs, TestContext.Current.CancellationToken);
            first.IsReleased.Should().BeFalse("the batch's lease still holds it");
        }

        // Assert
        inputs.Swapped.Should().BeTrue();
        pool.Current!.Version.Should().Be("v2");
        batch.Should().OnlyContain(p => p.ModelVersion == "v1", "a batch is scored by the generation it started on");
        batch.Should().BeEquivalentTo(sequential, o => o.WithStrictOrdering());
        first.Rented.Should().Be(0);
        first.IsReleased.Should().BeTrue("it was retired and every engine of it is back");
    }

    /// <summary>The batch's tracks; reading the one at <c>at</c> makes another model live, once.</summary>
    private sealed class SwapOnRead(IReadOnlyList<ModelInput> tracks, int at, Action swap) : IReadOnlyList<ModelInput>
    {
        private int _swapped;

        public bool Swapped => Volatile.Read(ref _swapped) == 1;

        public int Count => tracks.Count;

        public ModelInput this[int index]
        {
            get
            {
                if (index == at && Interlocked.Exchange(ref _swapped, 1) == 0)
                {
                    swap();
                }

                return tracks[index];
            }
        }

        public IEnumerator<ModelInput> GetEnumerator() => tracks.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
